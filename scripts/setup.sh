#!/usr/bin/env bash
# Installs, only when missing, everything Gouvernail needs to build and test
# on a fresh Debian machine with rustup and Node.js: the wasm32 target,
# trunk, wasm-bindgen-cli (exactly Cargo.lock's version), wasm-split-cli, Debian's Chromium
# and ChromeDriver, and the npm packages of package-lock.json (wasm-opt from
# npm binaryen, playwright-core, axe-core). Idempotent: seconds when all is
# there. Both README commands run it.
#
# Writes target/toolchain.env, which the other scripts source: it selects the
# fallback toolchain (Debian's rustc-web with build-std) when rustup cannot
# provide the wasm32 standard library.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
mkdir -p target
ENV_FILE=target/toolchain.env
: > "$ENV_FILE"

apt_updated=0
apt_install() {
  if [ "$apt_updated" = 0 ]; then
    say "apt-get update"
    apt-get update -qq
    apt_updated=1
  fi
  say "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# 1. The pinned toolchain of rust-toolchain.toml, with rustfmt, clippy and
#    the wasm32 standard library: rustup first; if rustup cannot download,
#    the machine's own toolchain when it is that very version; Debian's
#    rustc-web with build-std last (no wasm32 clippy then).
TOOLCHAIN=$(sed -n 's/^channel = "\(.*\)"/\1/p' rust-toolchain.toml)
pinned_ready() {
  rustup run "$1" rustc --version >/dev/null 2>&1 \
    && rustup component list --toolchain "$1" --installed 2>/dev/null | grep -q '^clippy' \
    && rustup component list --toolchain "$1" --installed 2>/dev/null | grep -q '^rustfmt' \
    && rustup target list --toolchain "$1" --installed 2>/dev/null | grep -qx wasm32-unknown-unknown
}
if pinned_ready "$TOOLCHAIN"; then
  say "✓ Rust $TOOLCHAIN with rustfmt, clippy, wasm32"
elif rustup toolchain install "$TOOLCHAIN" --profile minimal --component rustfmt,clippy --target wasm32-unknown-unknown \
  && pinned_ready "$TOOLCHAIN"; then
  say "✓ Rust $TOOLCHAIN with rustfmt, clippy, wasm32 (installed)"
elif [ "$(rustup run stable rustc --version 2>/dev/null | awk '{print $2}')" = "$TOOLCHAIN" ] \
  && { pinned_ready stable || { rustup component add --toolchain stable rustfmt clippy \
       && rustup target add --toolchain stable wasm32-unknown-unknown && pinned_ready stable; }; }; then
  say "✓ Rust $TOOLCHAIN as the machine's stable toolchain"
  echo "export RUSTUP_TOOLCHAIN=stable" > "$ENV_FILE"
else
  say "rustup could not provide Rust $TOOLCHAIN for wasm32: falling back to Debian's rustc-web with build-std"
  [ -x /usr/lib/llvm-22/bin/wasm-ld ] && dpkg -s rust-web-src >/dev/null 2>&1 || apt_install rustc-web cargo-web rust-web-src lld-22
  cat > "$ENV_FILE" <<'ENV'
export PATH="/usr/bin:$PATH"
export RUSTC_BOOTSTRAP=1
export CARGO_UNSTABLE_BUILD_STD="std,panic_abort"
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=/usr/lib/llvm-22/bin/wasm-ld
export GOUVERNAIL_NO_WASM_CLIPPY=1
ENV
fi
# shellcheck disable=SC1090
source "$ENV_FILE"

# 2. trunk (a long build from crates.io: only when absent).
if command -v trunk >/dev/null 2>&1; then
  say "✓ $(trunk --version)"
else
  say "installing trunk 0.22.1 (about 30 minutes of CPU on 2 cores)"
  cargo install trunk --locked --version 0.22.1 --ignore-rust-version
fi

# 3. wasm-bindgen-cli, exactly the version of the wasm-bindgen crate in Cargo.lock.
WBG_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if command -v wasm-bindgen >/dev/null 2>&1 && [ "$(wasm-bindgen --version | awk '{print $2}')" = "$WBG_VERSION" ] \
   && command -v wasm-bindgen-test-runner >/dev/null 2>&1; then
  say "✓ wasm-bindgen $WBG_VERSION"
else
  say "installing wasm-bindgen-cli $WBG_VERSION"
  # Not --locked: its lockfile pins a yanked crate.
  cargo install wasm-bindgen-cli --version "$WBG_VERSION" --force
fi

# 3b. wasm-split-cli (crates.io wasm_split_cli_support with its binary: the
#     splitter cargo-leptos uses as a library), which scripts/build-wasm.mjs
#     runs between cargo and wasm-bindgen. Not the crates.io crate named
#     `wasm-split-cli` (Dioxus' splitter). A few minutes, only when absent.
WASM_SPLIT_VERSION=0.2.4
if command -v wasm-split-cli >/dev/null 2>&1 \
   && cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  say "✓ wasm-split-cli (wasm_split_cli_support $WASM_SPLIT_VERSION)"
else
  say "installing wasm-split-cli (wasm_split_cli_support $WASM_SPLIT_VERSION, a few minutes)"
  cargo install --locked wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary
fi

# 4. Debian's Chromium and its driver (tests only; never a downloaded browser).
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  say "✓ $(/usr/bin/chromium --version 2>/dev/null | head -1)"
else
  apt_install chromium chromium-driver
fi

# 5. npm packages from the committed lockfile (wasm-opt v132, playwright-core, axe-core).
LOCK_HASH=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f node_modules/.gouvernail-lock-hash ] && [ "$(cat node_modules/.gouvernail-lock-hash)" = "$LOCK_HASH" ]; then
  say "✓ npm packages"
else
  say "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$LOCK_HASH" > node_modules/.gouvernail-lock-hash
fi
echo "export PATH=\"$PWD/node_modules/.bin:\$PATH\"" >> "$ENV_FILE"

# 6. The live-sync relay's npm packages (relay/package-lock.json), for the
#    tests that run it and for scripts/relay.sh.
bash scripts/relay.sh --install
say "✓ relay packages"
say "✓ ready"
