//! End-to-end tests: the real server on a random port over a fresh, migrated database, once on
//! SQLite and once on PostgreSQL (`both_engines!`). One test binary for the whole suite.

// Test code: a failed expectation is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[macro_use]
mod helpers;

mod accounts;
mod auth;
mod builders;
mod cli;
mod columns;
mod comparison;
mod control;
mod dataloader;
mod directory;
mod exports;
mod forums;
mod hardening;
mod http;
mod indicators;
mod lifecycle;
mod meetings;
mod migrations;
mod minutes;
mod permissions;
mod plans;
mod schema;
mod signed_in;
mod stakeholders;
mod surveys;
