#!/usr/bin/env bash
# Live sync through the relay (issue 15), in one command: Gouvernail's
# protocol core (native, over a WebSocket) and two JavaScript automerge-repo
# clients, each pushing, first-syncing and editing the GOV-IND S workspace
# through the same relay. Writes bench/results/relay.json and prints the table.
#
#   bash bench/relay.sh [runs]        # default 5 runs (one document each)
#
# Needs the README's set-up (scripts/setup.sh). Not part of scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
ROOT=$PWD
# shellcheck disable=SC1091
[ -f target/toolchain.env ] && source target/toolchain.env
WORK=$(mktemp -d "${TMPDIR:-/tmp}/relay-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
step() { printf '\n\033[1m== %s\033[0m\n' "$*" >&2; }

step "GOV-IND S workspaces (bench/govind, one document id a run)"
CARGO_TARGET_DIR=$ROOT/target/govind cargo build --release --locked --manifest-path bench/govind/Cargo.toml
for i in $(seq 1 "$RUNS"); do
  "$ROOT/target/govind/release/govind" workspace S "$(cat /proc/sys/kernel/random/uuid)" "$WORK/s-$i.bin"
done

step "runs (relay started by scripts/with-relay.sh)"
cargo build --release --locked --example relay_bench
bash scripts/with-relay.sh "$ROOT/target/release/examples/relay_bench" "$WORK"/s-*.bin > "$WORK/relay.json"

step "report"
mkdir -p bench/results
node bench/relay-report.mjs "$WORK/relay.json" bench/results/relay.json "bash bench/relay.sh $RUNS"
