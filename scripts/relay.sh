#!/usr/bin/env bash
# Starts Gouvernail's live-sync relay (relay/relay.mjs): the stock
# automerge-repo server components plus an access key. Installs its npm
# packages from relay/package-lock.json first, only when they changed.
#
#   RELAY_KEY=… [PORT=3030] [DATA_DIR=relay/data] [HOST=127.0.0.1] bash scripts/relay.sh
#   bash scripts/relay.sh --install     # installs the packages only (scripts/setup.sh)
#
# See README « Relais de synchronisation » for hosting (TLS, backups, what it can read).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RELAY="$ROOT/relay"

LOCK_HASH=$(sha256sum "$RELAY/package-lock.json" | cut -d' ' -f1)
if [ ! -f "$RELAY/node_modules/.gouvernail-lock-hash" ] || [ "$(cat "$RELAY/node_modules/.gouvernail-lock-hash")" != "$LOCK_HASH" ]; then
  echo "[relay] npm ci (relay/package-lock.json)" >&2
  (cd "$RELAY" && npm ci --no-audit --no-fund --loglevel=error >&2)
  echo "$LOCK_HASH" > "$RELAY/node_modules/.gouvernail-lock-hash"
fi
[ "${1:-}" = "--install" ] && exit 0

if [ -z "${RELAY_KEY:-}" ]; then
  echo "[relay] set RELAY_KEY (the access key every client must give)" >&2
  exit 2
fi
export PORT=${PORT:-3030}
export DATA_DIR=${DATA_DIR:-$RELAY/data}
exec node "$RELAY/relay.mjs"
