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
cp js/node.mjs js/workerd.mjs js/browser.mjs js/shapes.js README.md pkg/
# The CommonJS glue requires the same helpers as CommonJS: same functions,
# CommonJS exports.
{
  sed 's/^export function /function /' js/shapes.js
  printf 'module.exports = { %s };\n' "$(sed -n 's/^export function \([A-Za-z]*\).*/\1/p' js/shapes.js | paste -sd, - | sed 's/,/, /g')"
} >pkg/shapes.cjs
# wasm-bindgen copied js/shapes.js as a snippet under a hashed folder; the
# package keeps one copy at a stable path (the workerd config names it), so
# the glue's import and require specifiers are pointed there. The wasm's
# import module names (the keys of the imports object) stay as they are.
sed -i -E "s#from (['\"])\./snippets/[^'\"]*/js/shapes\.js(['\"])#from \1../shapes.js\2#g" pkg/web/mesh_maintenance.js
sed -i -E "s#require\((String\.raw\`|\")\./snippets/[^\`\"]*/js/shapes\.js(\`|\")\)#require(\"../shapes.cjs\")#g" pkg/node/mesh_maintenance.js
rm -rf pkg/web/snippets pkg/node/snippets
if grep -qE "(from|require\().*snippets" pkg/web/mesh_maintenance.js pkg/node/mesh_maintenance.js; then
  echo "build-pkg: a snippet import was not redirected" >&2
  exit 1
fi
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
