#!/usr/bin/env bash
# Runs every test: Rust (unit and end-to-end, each database test on SQLite and PostgreSQL),
# the web app's lint, types, unit tests and bundle budget, and the browser tests in Chromium.
# Needs PostgreSQL 15 binaries (/usr/lib/postgresql/15/bin, or WORKIT_TEST_PG_BIN) and Chromium
# (/usr/bin/chromium, or CHROMIUM_PATH). The test harness starts its own throwaway PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never

# Each step says when it started (minutes into the run), so a slow run shows where its time went.
step() { printf '\n==> %s  [%d:%02d]\n' "$*" $((SECONDS / 60)) $((SECONDS % 60)); }

# What the tests need from the system, checked before anything compiles: installed with apt when
# we are root on Debian, otherwise one line saying what to install.
pg_bin=${WORKIT_TEST_PG_BIN:-/usr/lib/postgresql/15/bin}
chromium=${CHROMIUM_PATH:-/usr/bin/chromium}
missing=()
[ -x "$pg_bin/initdb" ] && [ -x "$pg_bin/postgres" ] || [ -n "${WORKIT_TEST_POSTGRES_URL:-}" ] || missing+=(postgresql-15)
[ -x "$chromium" ] || missing+=(chromium)
command -v npm >/dev/null || missing+=(nodejs npm)
command -v cargo >/dev/null || { echo "scripts/test.sh: needs Rust (cargo): https://rustup.rs" >&2; exit 1; }
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    step "Installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "scripts/test.sh: install ${missing[*]} first (e.g. sudo apt-get install -y ${missing[*]}), or set WORKIT_TEST_PG_BIN / CHROMIUM_PATH" >&2
    exit 1
  fi
fi

# Every runner's output is also kept, to add up one closing line at the end.
log_dir=$(mktemp -d)
trap 'rm -rf "$log_dir"' EXIT

step "Layering: the domain crate depends on no web, GraphQL or database crate"
forbidden=$(cargo tree -p workit-domain -e normal --prefix none --format '{p}' | awk '{print $1}' | grep -E '^(axum|async-graphql|sea-orm|sea-query|sqlx|tokio|hyper|tower)$' || true)
if [ -n "$forbidden" ]; then echo "workit-domain must stay transport- and storage-free; it pulls in: $forbidden" >&2; exit 1; fi
echo "ok"

step "Rust: format and lints"
cargo fmt --all --check
cargo clippy --workspace --all-targets --locked -- -D warnings

step "Rust: unit and end-to-end tests (SQLite and PostgreSQL)"
cargo test --workspace --locked 2>&1 | tee "$log_dir/cargo.log"

step "Web app: install, lint, types, unit tests"
cd frontend
npm ci --no-audit --no-fund --loglevel=error
npm run lint
npm run typecheck
npm test 2>&1 | tee "$log_dir/vitest.log"

step "Web app: production build and the initial-JavaScript budget"
npm run build
npm run size

step "Browser tests: Chromium against the real server with the demo data"
WORKIT_BIN="$(cd .. && pwd)/target/debug/workit" node --test --test-concurrency=1 e2e/ 2>&1 | tee "$log_dir/e2e.log"

rust=$(grep -Eo '[0-9]+ passed; [0-9]+ failed' "$log_dir/cargo.log" | awk '{p+=$1; f+=$3} END {print p+0, f+0}')
web=$(sed 's/\x1b\[[0-9;]*m//g' "$log_dir/vitest.log" | grep -E '^ +Tests ' | grep -Eo '[0-9]+ passed' | awk '{print $1+0}')
browser_pass=$(grep -E '^# pass' "$log_dir/e2e.log" | awk '{print $3}')
browser_fail=$(grep -E '^# fail' "$log_dir/e2e.log" | awk '{print $3}')
read -r rust_pass rust_fail <<<"$rust"
printf '\nrust %s, web unit %s, browser %s\n' "$rust_pass" "${web:-0}" "$browser_pass"
echo "all: $((rust_pass + ${web:-0} + browser_pass)) passed, $((rust_fail + browser_fail)) failed in $((SECONDS / 60)) min $((SECONDS % 60)) s"
