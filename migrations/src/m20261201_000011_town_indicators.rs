//! Town employment indicators (regional comparison): one row per town and period (a month or a
//! quarter), a nullable column per published aggregate — never a person — with where the figures
//! came from. An outcome metric may name the indicator it is fed from.
//!
//! Wide rather than one row per figure: a period is published as a whole, the comparison reads
//! a few periods of every town, and 257 towns × 40 quarters stay ten thousand rows.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::schema_helpers::{editable_table, fk, fk_col, index, unique_index};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The published figures, as `domain::regions::indicators::Indicator` names them (lower case).
const FIGURES: [&str; 20] = [
    "job_seekers",
    "job_seekers_women",
    "job_seekers_men",
    "job_seekers_age_18_30",
    "job_seekers_age_31_44",
    "job_seekers_age_45_59",
    "job_seekers_age_60_plus",
    "job_seekers_education_basic",
    "job_seekers_education_matriculation",
    "job_seekers_education_post_secondary",
    "job_seekers_education_academic",
    "job_seekers_group_general",
    "job_seekers_group_haredi",
    "job_seekers_group_arab",
    "labour_force",
    "unemployed",
    "average_wage",
    "wage_employees",
    "employers",
    "jobs",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut table = editable_table("town_indicators")
            .col(fk_col("town_id"))
            .col(string_len("period", 7))
            .col(string_len("period_kind", 8))
            .col(date("period_end"))
            .col(text("source"))
            .col(big_integer_null("imported_by"))
            .foreign_key(&mut fk("town_indicators", "town_id", "towns", ForeignKeyAction::Cascade))
            .take();
        for figure in FIGURES {
            table.col(double_null(figure));
        }
        manager.create_table(table).await?;
        manager.create_index(unique_index("town_indicators", &["town_id", "period"])).await?;
        manager.create_index(index("town_indicators", &["period"])).await?;
        manager.create_index(index("town_indicators", &["period_end"])).await?;
        manager
            .alter_table(Table::alter().table("outcome_metrics").add_column(string_len_null("indicator", 48)).take())
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table("outcome_metrics").drop_column("indicator").take()).await?;
        manager.drop_table(Table::drop().table("town_indicators").to_owned()).await
    }
}
