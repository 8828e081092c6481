#!/usr/bin/env bash
# Builds pkg/, the npm package `mesh-maintenance`: the binding crate (wasm/)
# compiled twice, the rules alone (the default entry) and every function
# (the /full entry, also /gate and /bulk), each shrunk with wasm-opt -Oz;
# the JavaScript API beside them (wasm/js/); an entry per module and way of
# loading it (scripts/package.mjs writes them and the manifest's `exports`
# from one table); a CommonJS bundle per module for require(); and the
# hand-written types (wasm/types/), with a .d.cts copy for CommonJS projects.
set -euo pipefail
source "$(dirname "$0")/tools.sh"
ensure_rust
ensure_npm

say "building pkg/"
rm -rf pkg
mkdir -p pkg/dist
for module in rules full; do
  features=rules
  [ "$module" = full ] && features=rules,gate,bulk
  # Both are downloaded before a page's first verdict: size first.
  profile=small
  cargo build --profile "$profile" --target wasm32-unknown-unknown -p mesh-maintenance-wasm \
    --no-default-features --features "$features" >&2
  # npm binaryen: Debian's older wasm-opt writes modules that fail to instantiate.
  wasm-opt -Oz --strip-debug --strip-producers \
    "target/wasm32-unknown-unknown/$profile/mesh_maintenance_wasm.wasm" -o "pkg/dist/$module.wasm"
  # The same bytes as base64, for the /inline entries.
  node -e 'const [wasm, js] = process.argv.slice(1);
    require("fs").writeFileSync(js, `// ${require("path").basename(wasm)} as base64 (the /inline entries).\nexport const WASM = "${require("fs").readFileSync(wasm).toString("base64")}";\n`);' \
    "pkg/dist/$module.wasm" "pkg/dist/$module.wasm.js"
done

cp wasm/js/{protocol,error,codec,instances,load,rules,gate,bulk,full,verify}.js pkg/dist/
node scripts/package.mjs pkg

# Node: one file per entry and module system, each with its own instance
# (one file to load is most of a cold start's import time).
for file in index full; do
  esbuild "pkg/dist/node/$file.mjs" --bundle --minify --format=esm --platform=node --log-level=warning \
    --outfile="pkg/dist/node/$file.mjs" --allow-overwrite
  esbuild "pkg/dist/cjs/$file.cjs" --bundle --minify --format=cjs --platform=node --log-level=warning \
    --outfile="pkg/dist/cjs/$file.cjs" --allow-overwrite
done
# What a browser or a worker loads is minified (the .d.ts files carry the docs).
for js in pkg/dist/*.js pkg/dist/browser/*.js pkg/dist/workerd/*.js pkg/dist/slim/*.js pkg/dist/inline/*.js; do
  esbuild "$js" --minify --format=esm --log-level=warning --outfile="$js" --allow-overwrite
done

# Types: ES module declarations, CommonJS copies (their imports renamed), and
# the /slim and /inline variants, which add `init`.
for file in index gate bulk full; do
  cp "wasm/types/$file.d.ts" "pkg/$file.d.ts"
  sed 's/from "\.\/\([a-z]*\)\.js"/from ".\/\1.cjs"/' "wasm/types/$file.d.ts" >"pkg/$file.d.cts"
done
for file in index full; do
  printf '%s\n' "export * from \"./$file.js\";" \
    '/** Loads the module: from `source` (a URL, a Response, bytes or a compiled WebAssembly.Module), by default the .wasm file beside the entry. */' \
    'export function init(source?: string | URL | Response | PromiseLike<Response> | BufferSource | WebAssembly.Module): Promise<void>;' \
    >"pkg/$file.slim.d.ts"
  printf '%s\n' "export * from \"./$file.js\";" \
    '/** Loads the module from the bytes embedded in the entry. */' \
    'export function init(): Promise<void>;' >"pkg/$file.inline.d.ts"
done

# What a registry user reads: the consumer README, the contract, the licenses.
cp docs/README.npm.md pkg/README.md
cp SPEC.md LICENSE-MIT LICENSE-APACHE pkg/

# Consumers in this repository import the package by name, as a user would
# after `npm install ./pkg`.
mkdir -p node_modules
ln -sfn ../pkg node_modules/mesh-maintenance
for module in rules full; do
  echo "pkg/dist/$module.wasm: $(wc -c <"pkg/dist/$module.wasm") bytes, $(gzip -9c "pkg/dist/$module.wasm" | wc -c) gzip -9"
done
