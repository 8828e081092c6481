# Sourced by the other scripts: installs what the build and the tests need,
# skipping whatever is already there. Safe to run on a fresh machine.

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export PATH="$HOME/.cargo/bin:$root/node_modules/.bin:$PATH"

say() { printf '\n== %s\n' "$*"; }

ensure_rust() {
  rustup target list --installed | grep -qx wasm32-unknown-unknown ||
    rustup target add wasm32-unknown-unknown
  for component in clippy rustfmt; do
    rustup component list --installed | grep -q "^$component" || rustup component add "$component"
  done
}

ensure_npm() {
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "installing npm dev dependencies"
    npm ci --no-audit --no-fund
  fi
}

# Debian's chromium, for the browser tests (driven by playwright-core).
ensure_chromium() {
  if [ ! -x /usr/bin/chromium ]; then
    say "installing chromium"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
}

# Node 22 for wrangler (which needs it), kept out of node_modules/.bin so
# every other test runs on the machine's Node.
NODE22="$root/target/node22/node_modules/node/bin/node"
ensure_node22() {
  if [ ! -x "$NODE22" ]; then
    say "installing Node 22 for wrangler (npm package node@22.23.3)"
    mkdir -p "$root/target/node22"
    npm install --no-save --no-audit --no-fund --prefix "$root/target/node22" node@22.23.3 >/dev/null
  fi
  export NODE22
}
