#!/usr/bin/env bash
# The profiles behind BENCHMARKS.md's analysis: builds copies of pkg/ whose
# wasm keeps its function names (no wasm-opt), runs a scenario under
# `node --cpu-prof`, and prints the functions with the most self time.
#   bench/profile.sh transition|packed|fleet
set -euo pipefail
cd "$(dirname "$0")/.."
scenario="${1:-transition}"
out="target/profile"
rm -rf "$out" && mkdir -p "$out"
cp -r pkg "$out/pkg"
for dir in "$out/pkg" "$out/pkg/bulk"; do
  wasm="target/pkg-build/$([ "$dir" = "$out/pkg" ] && echo core || echo bulk)/mesh_maintenance.wasm"
  wasm-bindgen --target web --out-dir "$dir/web" "$wasm"
  sed -i -E "s#from (['\"])\./snippets/[^'\"]*/js/shapes\.js(['\"])#from \1../shapes.js\2#g" "$dir/web/mesh_maintenance.js"
  rm -rf "$dir/web/snippets"
  cp js/shapes.js "$dir/shapes.js" # unminified, for readable names
done
node --cpu-prof --cpu-prof-dir="$out/cpu" bench/profile-scenario.mjs "$out/pkg/bulk/node.mjs" "$scenario"
node -e '
const fs = require("fs");
const dir = process.argv[1];
const profile = JSON.parse(fs.readFileSync(dir + "/" + fs.readdirSync(dir)[0]));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
for (const id of profile.samples) {
  const name = byId.get(id).callFrame.functionName.replace(/::h[0-9a-f]{16}/, "").replace(/\[[0-9a-f]{16}\]/g, "") || "(anonymous)";
  self.set(name, (self.get(name) ?? 0) + 1);
}
const total = profile.samples.length;
for (const [name, count] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
  console.log(`${(100 * count / total).toFixed(1).padStart(5)}%  ${name.slice(0, 110)}`);
}' "$out/cpu"
