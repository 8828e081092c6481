#!/usr/bin/env bash
# The profiles behind BENCHMARKS.md's analysis: a copy of pkg/ whose full
# module keeps its function names (built as scripts/build-pkg.sh builds it,
# then the same wasm-opt -Oz with -g, which keeps the name section) and whose
# JavaScript is not minified (wasm/js/ as written), a scenario under
# `node --cpu-prof`, and the functions with the most self time.
#   bench/profile.sh transition|apply|packed|fleet      (after make pkg)
set -euo pipefail
source "$(dirname "$0")/../scripts/tools.sh"
scenario="${1:-transition}"
out="target/profile"
rm -rf "$out" && mkdir -p "$out"
cp -r pkg "$out/pkg"
cargo build --profile small --target wasm32-unknown-unknown -p mesh-maintenance-wasm \
  --no-default-features --features rules,gate,bulk >&2
wasm-opt -Oz -g "target/wasm32-unknown-unknown/small/mesh_maintenance_wasm.wasm" -o "$out/pkg/dist/full.wasm"
node -e 'const m = new WebAssembly.Module(require("fs").readFileSync(process.argv[1]));
  if (WebAssembly.Module.customSections(m, "name").length !== 1) throw new Error("no name section in " + process.argv[1]);' "$out/pkg/dist/full.wasm"
cp wasm/js/{protocol,error,codec,instances,load,rules,gate,bulk,full,verify}.js "$out/pkg/dist/"
node --cpu-prof --cpu-prof-dir="$out/cpu" bench/profile-scenario.mjs "$out/pkg/dist/node/full.mjs" "$scenario"
node -e '
const fs = require("fs");
const dir = process.argv[1];
const profile = JSON.parse(fs.readFileSync(dir + "/" + fs.readdirSync(dir)[0]));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
// Rust legacy symbols (_ZN…17h<hash>E) as paths, without the hash.
const demangle = (name) => {
  const symbol = /^_ZN(.*)E$/.exec(name);
  if (!symbol) return name;
  const parts = [];
  for (let rest = symbol[1]; rest.length > 0;) {
    const [, digits] = /^(\d+)/.exec(rest) ?? [];
    if (!digits) return name;
    parts.push(rest.slice(digits.length, digits.length + Number(digits)));
    rest = rest.slice(digits.length + Number(digits));
  }
  if (/^h[0-9a-f]{16}$/.test(parts.at(-1))) parts.pop();
  const escapes = { $LT$: "<", $GT$: ">", $RF$: "&", $BP$: "*", $C$: ",", $u20$: " ", $u27$: "\x27", $u5b$: "[", $u5d$: "]", $u7b$: "{", $u7d$: "}" };
  return parts.join("::").replace(/\$[A-Za-z0-9]+\$/g, (e) => escapes[e] ?? e).replace(/\.\./g, "::");
};
const self = new Map();
for (const id of profile.samples) {
  const name = demangle(byId.get(id).callFrame.functionName) || "(anonymous)";
  self.set(name, (self.get(name) ?? 0) + 1);
}
const total = profile.samples.length;
for (const [name, count] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
  console.log(`${(100 * count / total).toFixed(1).padStart(5)}%  ${name.slice(0, 110)}`);
}' "$out/cpu"
