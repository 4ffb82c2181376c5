#!/usr/bin/env bash
# THE serve command: installs what is missing, builds the release, and serves
# dist/ on http://127.0.0.1:8080 (PORT to change). The home page offers the
# demo data. dist/ is a plain static site: any web server can host it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# shellcheck disable=SC1091
source target/toolchain.env
trunk build --release
exec node scripts/static-server.mjs dist "${PORT:-8080}"
