#!/usr/bin/env bash
# Builds pkg/, the npm package `mesh-maintenance`, from two release wasm
# builds: the default entry (the whole object API, small for edge workers)
# and `mesh-maintenance/bulk` (the same plus the columnar batch API). Each is
# bound once for ES modules (browsers, bundlers, workerd, Deno, Bun, Node
# ESM) and once for CommonJS (Node require), and shrunk with wasm-opt -Oz.
set -euo pipefail
source "$(dirname "$0")/tools.sh"
ensure_rust
ensure_wasm_bindgen
ensure_npm

say "building pkg/"
build_wasm() { # features, name → path of a copy of the built module
  cargo build --release --target wasm32-unknown-unknown --lib --features "$1" >&2
  # wasm-bindgen names its output after the module's file name.
  mkdir -p "target/pkg-build/$2"
  cp target/wasm32-unknown-unknown/release/mesh_maintenance.wasm "target/pkg-build/$2/"
  echo "target/pkg-build/$2/mesh_maintenance.wasm"
}
core_wasm="$(build_wasm "" core)"
bulk_wasm="$(build_wasm bulk bulk)"

# One build's files, laid out the same way in pkg/ and in pkg/bulk/.
bind_into() { # directory, wasm
  local dir="$1" wasm="$2"
  wasm-bindgen --target web --out-dir "$dir/web" "$wasm"
  wasm-bindgen --target nodejs --out-dir "$dir/node" "$wasm"
  for bound in "$dir/web/mesh_maintenance_bg.wasm" "$dir/node/mesh_maintenance_bg.wasm"; do
    # npm binaryen: Debian's older wasm-opt writes modules that fail to instantiate.
    wasm-opt -Oz "$bound" -o "$bound"
  done
  rm -f "$dir"/web/package.json "$dir"/node/package.json "$dir"/*/.gitignore
  cp js/node-package.json "$dir/node/package.json"
  cp js/node.mjs js/workerd.mjs js/browser.mjs js/shapes.js js/verify.js js/node.cjs "$dir/"
  esbuild js/verify.js --format=cjs --log-level=warning --outfile="$dir/verify.cjs"
  # The CommonJS glue requires the same helpers as CommonJS.
  {
    sed 's/^export function /function /' js/shapes.js
    printf 'module.exports = { %s };\n' "$(sed -n 's/^export function \([A-Za-z]*\).*/\1/p' js/shapes.js | paste -sd, - | sed 's/,/, /g')"
  } >"$dir/shapes.cjs"
  # wasm-bindgen copied js/shapes.js as a snippet under a hashed folder; the
  # package keeps one copy at a stable path (the workerd config names it), so
  # the glue's import and require specifiers are pointed there. The wasm's
  # import module names (the keys of the imports object) stay as they are.
  sed -i -E "s#from (['\"])\./snippets/[^'\"]*/js/shapes\.js(['\"])#from \1../shapes.js\2#g" "$dir/web/mesh_maintenance.js"
  sed -i -E "s#require\((String\.raw\`|\")\./snippets/[^\`\"]*/js/shapes\.js(\`|\")\)#require(\"../shapes.cjs\")#g" "$dir/node/mesh_maintenance.js"
  rm -rf "$dir/web/snippets" "$dir/node/snippets"
  if grep -qE "(from|require\().*snippets" "$dir/web/mesh_maintenance.js" "$dir/node/mesh_maintenance.js"; then
    echo "build-pkg: a snippet import was not redirected in $dir" >&2
    exit 1
  fi
  # What a browser or a worker loads is minified (the .d.ts carries the docs);
  # the glue's duplicate import-object keys all name the same module.
  for js in "$dir/web/mesh_maintenance.js" "$dir/shapes.js"; do
    esbuild "$js" --minify --format=esm --log-level=warning \
      --log-override:duplicate-object-key=silent --outfile="$js" --allow-overwrite
  done
  # The CommonJS build's declarations are the API alone (no init functions).
  # The reference makes `[Symbol.dispose]` type-check under any `lib` setting.
  {
    echo '/// <reference lib="esnext.disposable" />'
    cat "$dir/node/mesh_maintenance.d.ts"
  } >"$dir/index.d.ts"
}

rm -rf pkg
bind_into pkg "$core_wasm"
bind_into pkg/bulk "$bulk_wasm"
cp README.md pkg/
version="$(awk -F'"' '/^version = / { print $2; exit }' Cargo.toml)"
sed "s/\"version\": \"0.0.0\"/\"version\": \"$version\"/" js/package.json >pkg/package.json

# Consumers in this repository import the package by name, as a user would
# after `npm install ./pkg`.
mkdir -p node_modules
ln -sfn ../pkg node_modules/mesh-maintenance
for file in pkg/web/mesh_maintenance_bg.wasm pkg/bulk/web/mesh_maintenance_bg.wasm pkg/web/mesh_maintenance.js; do
  echo "$file: $(wc -c <"$file") bytes, $(gzip -9c "$file" | wc -c) gzip -9"
done
