#!/usr/bin/env bash
# THE test command: installs what is missing, then runs the three layers.
#   0. conventions: rustfmt, clippy (native and wasm32, warnings are errors);
#   1. native `cargo test` (domain, storage logic, architecture guards, live
#      sync against a relay each test starts);
#   2. wasm-bindgen-test in headless Chromium (browser storage, live sync);
#   3. end-to-end tests (Playwright + axe-core) against the release build.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# shellcheck disable=SC1091
source target/toolchain.env
export CHROMEDRIVER=/usr/bin/chromedriver

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

# Runs a check; on failure prints the one command that fixes or explains it.
check() {
  local hint=$1
  shift
  if ! "$@"; then
    printf '\n\033[1;31m✗ %s\033[0m\n' "$hint" >&2
    exit 1
  fi
}

step "0/3 conventions (rustfmt, clippy)"
check "unformatted code: run \`cargo fmt\`, then commit" cargo fmt --all --check
check "unformatted benchmark: run \`(cd bench/govind && cargo fmt)\`" cargo fmt --manifest-path bench/govind/Cargo.toml --check
check "clippy warning (native): see above, or run \`cargo clippy --all-targets\`" \
  cargo clippy --all-targets --quiet -- -D warnings
if [ -z "${GOUVERNAIL_NO_WASM_CLIPPY:-}" ]; then
  check "clippy warning (wasm32): see above, or run \`cargo clippy --all-targets --target wasm32-unknown-unknown\`" \
    cargo clippy --all-targets --target wasm32-unknown-unknown --quiet -- -D warnings
else
  echo "(no clippy for wasm32 on the Debian fallback toolchain)"
fi

step "1/3 native tests (cargo test)"
cargo test

step "2/3 browser tests (wasm-bindgen-test in headless Chromium)"
# The live-sync tests need a relay: with-relay.sh starts one around the command.
bash scripts/with-relay.sh cargo test --target wasm32-unknown-unknown --test 'browser_*'

step "3/3 end-to-end tests (release build, Playwright, axe-core)"
trunk build --release
node --test --test-concurrency=1 tests/e2e/

step "size of the app (gzip -9)"
node scripts/size-report.mjs dist
