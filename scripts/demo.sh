#!/usr/bin/env bash
# Installs, builds and starts WORKIT Hub on SQLite with the demo data set.
# Prints the URL and the demo logins. Ctrl-C stops it; run it again to continue where you were.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v cargo >/dev/null || { echo "Rust (cargo) is required: https://rustup.rs" >&2; exit 1; }
command -v npm >/dev/null || { echo "Node.js 20+ with npm is required" >&2; exit 1; }

echo "==> Building the web app"
(cd frontend && npm ci --no-audit --no-fund --loglevel=error && npm run build --silent)

echo "==> Building the server (release)"
cargo build --release --locked -p workit

export WORKIT_DATABASE_URL="${WORKIT_DATABASE_URL:-sqlite://./data/demo.db}"
export WORKIT_BIND="${WORKIT_BIND:-127.0.0.1:8080}"
echo "==> Starting on ${WORKIT_DATABASE_URL} (demo data loads on first start)"
exec ./target/release/workit serve --demo --static-dir frontend/dist
