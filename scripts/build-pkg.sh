#!/usr/bin/env bash
# Builds pkg/, the npm package `mesh-maintenance`: one release wasm, bound
# once for ES modules (browsers, bundlers, workerd, Deno, Bun, Node ESM) and
# once for CommonJS (Node require), each shrunk with wasm-opt -Oz.
set -euo pipefail
source "$(dirname "$0")/tools.sh"
ensure_rust
ensure_wasm_bindgen
ensure_npm

say "building pkg/"
cargo build --release --target wasm32-unknown-unknown --lib
wasm=target/wasm32-unknown-unknown/release/mesh_maintenance.wasm

rm -rf pkg
wasm-bindgen --target web --out-dir pkg/web "$wasm"
wasm-bindgen --target nodejs --out-dir pkg/node "$wasm"
for bound in pkg/web/mesh_maintenance_bg.wasm pkg/node/mesh_maintenance_bg.wasm; do
  # npm binaryen: Debian's older wasm-opt writes modules that fail to instantiate.
  wasm-opt -Oz "$bound" -o "$bound"
done
rm -f pkg/web/package.json pkg/node/package.json pkg/*/.gitignore
cp js/node-package.json pkg/node/package.json
cp js/node.mjs js/workerd.mjs js/browser.mjs README.md pkg/
# The CommonJS build's declarations are the API alone (no init functions).
# The reference makes `[Symbol.dispose]` type-check under any `lib` setting.
{
  echo '/// <reference lib="esnext.disposable" />'
  cat pkg/node/mesh_maintenance.d.ts
} >pkg/index.d.ts
version="$(awk -F'"' '/^version = / { print $2; exit }' Cargo.toml)"
sed "s/\"version\": \"0.0.0\"/\"version\": \"$version\"/" js/package.json >pkg/package.json

# Consumers in this repository import the package by name, as a user would
# after `npm install ./pkg`.
mkdir -p node_modules
ln -sfn ../pkg node_modules/mesh-maintenance
ls -l pkg/web/*.wasm pkg/node/*.wasm | awk '{ print $5, $9 }'
