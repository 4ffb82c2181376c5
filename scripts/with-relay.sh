#!/usr/bin/env bash
# Runs a command with a live-sync relay of its own: relay/relay.mjs on a free
# port with a temporary data folder and a random key, named to the command in
# GOUVERNAIL_TEST_RELAY (ws://127.0.0.1:PORT) and GOUVERNAIL_TEST_RELAY_KEY.
# The relay is stopped when the command ends, whatever happens.
#
#   bash scripts/with-relay.sh cargo test --target wasm32-unknown-unknown --test browser_relay
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
bash "$ROOT/scripts/relay.sh" --install
DATA=$(mktemp -d "${TMPDIR:-/tmp}/gouvernail-relay.XXXXXX")
FIFO="$DATA/stdin"
mkfifo "$FIFO"
KEY="test-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
LOG="$DATA/relay.log"
mkdir "$DATA/data"
# The relay stops when its standard input closes: this shell holds the fifo
# open on fd 9, so the relay dies with it even if this script is killed.
PORT=0 HOST=127.0.0.1 DATA_DIR="$DATA/data" RELAY_KEY="$KEY" RELAY_STOP_ON_STDIN_END=1 \
  node "$ROOT/relay/relay.mjs" < "$FIFO" > "$LOG" 2>&1 &
RELAY_PID=$!
exec 9> "$FIFO"
cleanup() {
  exec 9>&-
  kill "$RELAY_PID" 2>/dev/null || true
  wait "$RELAY_PID" 2>/dev/null || true
  rm -rf "$DATA"
}
trap cleanup EXIT
for _ in $(seq 1 300); do
  grep -q "listening on" "$LOG" 2>/dev/null && break
  kill -0 "$RELAY_PID" 2>/dev/null || { cat "$LOG" >&2; exit 1; }
  sleep 0.05
done
PORT=$(sed -n 's/.*listening on ws:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$LOG")
[ -n "$PORT" ] || { echo "the relay did not start:" >&2; cat "$LOG" >&2; exit 1; }
export GOUVERNAIL_TEST_RELAY="ws://127.0.0.1:$PORT"
export GOUVERNAIL_TEST_RELAY_KEY="$KEY"
"$@"
