#!/usr/bin/env bash
# THE test command: installs what is missing, then runs the three layers.
#   1. native `cargo test` (domain, storage logic, architecture guards);
#   2. wasm-bindgen-test in headless Chromium (browser storage);
#   3. end-to-end tests (Playwright + axe-core) against the release build.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# shellcheck disable=SC1091
source target/toolchain.env
export CHROMEDRIVER=/usr/bin/chromedriver

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "1/3 native tests (cargo test)"
cargo test

step "2/3 browser tests (wasm-bindgen-test in headless Chromium)"
cargo test --target wasm32-unknown-unknown --test 'browser_*'

step "3/3 end-to-end tests (release build, Playwright, axe-core)"
trunk build --release
node --test --test-concurrency=1 tests/e2e/

step "size of the app (gzip -9)"
node scripts/size-report.mjs dist
