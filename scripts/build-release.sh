#!/usr/bin/env bash
# Builds the release into dist/ (extra arguments go to `trunk build`, e.g.
# `--dist /tmp/elsewhere`). Used by serve.sh and test.sh.
#
# On top of Cargo.toml's release profile and .cargo/config.toml (Leptos
# `erase_components`), it rebuilds the standard library for the app, which
# the stable toolchain can only do with RUSTC_BOOTSTRAP=1 and the rust-src
# component (scripts/setup.sh installs it):
#   - `optimize_for_size`: std's small sort (one merge sort instead of the
#     fast but large driftsort/ipnsort, instantiated once per sorted type and
#     closure) and other size-first algorithms: −80 KB gzipped;
#   - `-Cpanic=immediate-abort`: a panic traps at once, with no message
#     formatting: −51 KB gzipped. A panic then shows as "RuntimeError:
#     unreachable" without its message; `trunk build` (debug) keeps messages.
# Without rust-src it falls back to a plain `trunk build --release` (about
# 130 KB gzipped bigger, same behaviour). GOUVERNAIL_PLAIN_STD=1 forces it.
# Sizes: README.md, « Taille de l'application ».
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck disable=SC1091
[ -f target/toolchain.env ] && source target/toolchain.env

library="$(rustc --print sysroot)/lib/rustlib/src/rust/library"
if [ "${GOUVERNAIL_PLAIN_STD:-}" != 1 ] && grep -q '^optimize_for_size' "$library/core/Cargo.toml" 2>/dev/null \
   && RUSTC_BOOTSTRAP=1 rustc -Zunstable-options -Cpanic=immediate-abort --print cfg --target wasm32-unknown-unknown >/dev/null 2>&1; then
  export RUSTC_BOOTSTRAP=1
  export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
  export CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size
  # RUSTFLAGS replaces .cargo/config.toml's target rustflags: repeat them.
  export RUSTFLAGS="--cfg erase_components -Zunstable-options -Cpanic=immediate-abort"
else
  echo "[build-release] rust-src with optimize_for_size/immediate-abort not found: plain std (bigger wasm)" >&2
fi
exec trunk build --release "$@"
