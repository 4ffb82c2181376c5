#!/usr/bin/env bash
# GOV-IND v1 (issue 8), in one command: Gouvernail's model layer against raw
# Automerge, yrs and serde_json natively; @automerge/automerge and yjs in
# node (plus Gouvernail's own saved file read by @automerge/automerge); and
# Gouvernail compiled to wasm in headless Chromium. Writes
# bench/results/govind.json and prints the tables (Markdown).
#
#   bash bench/govind.sh [runs]        # default 5 runs per engine and size
#
# Needs the README's set-up (scripts/setup.sh: wasm32 target,
# wasm-bindgen-cli, Chromium and ChromeDriver, npm packages). Not part of
# scripts/test.sh: it takes about half an hour on 2 cores.
# GOVIND_SKIP_BROWSER=1 skips the browser side. Builds go to
# $CARGO_TARGET_DIR (default target/govind, ignored by git).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
ROOT=$PWD
MANIFEST=bench/govind/Cargo.toml
# Toolchain fallback and node_modules/.bin, as written by scripts/setup.sh.
# shellcheck disable=SC1091
[ -f target/toolchain.env ] && source target/toolchain.env
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target/govind}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/govind.XXXXXX")
step() { printf '\n\033[1m== %s\033[0m\n' "$*" >&2; }

step "workload: Rust and JavaScript generators agree"
node bench/node/workload.mjs > "$WORK/js-digest.json"

step "1/3 native (release build, each engine and each load in its own process)"
cargo build --release --locked --manifest-path "$MANIFEST"
"$CARGO_TARGET_DIR/release/govind" digest > "$WORK/rs-digest.json"
node -e 'const [a, b] = process.argv.slice(1).map((f) => JSON.stringify(require(f)));
         if (a !== b) { console.error("Rust and JavaScript workloads differ"); process.exit(1); }' \
  "$WORK/js-digest.json" "$WORK/rs-digest.json"
"$CARGO_TARGET_DIR/release/govind" suite --runs "$RUNS" --dir "$WORK/files" > "$WORK/native.json"

step "2/3 node (@automerge/automerge, yjs, Gouvernail's file in @automerge/automerge)"
node bench/node/govind.mjs suite --runs "$RUNS" --dir "$WORK/node-files" --gouvernail-dir "$WORK/files" > "$WORK/node.json"

if [ "${GOVIND_SKIP_BROWSER:-0}" = 1 ]; then
  step "3/3 browser: skipped (GOVIND_SKIP_BROWSER=1)"
  : > "$WORK/browser.log"
else
  step "3/3 browser (wasm, app release profile, headless Chromium)"
  # The runner's default timeout (20 s) is far below a full run.
  GOVIND_RUNS=$RUNS WASM_BINDGEN_TEST_TIMEOUT=7200 CHROMEDRIVER=/usr/bin/chromedriver \
    cargo test --profile wasm-app --locked --manifest-path "$MANIFEST" \
      --target wasm32-unknown-unknown --test browser -- --nocapture 2>&1 | tee "$WORK/browser.log" | grep -v '^GOVIND ' >&2
fi

step "report"
mkdir -p bench/results
node bench/node/report.mjs --native "$WORK/native.json" --node "$WORK/node.json" \
  --browser-log "$WORK/browser.log" --out bench/results/govind.json --runs "$RUNS" \
  --command "bash bench/govind.sh $RUNS"
rm -rf "$WORK"
