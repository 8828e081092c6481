#!/usr/bin/env bash
# Profiles bench/tmp/prof.mjs against an unoptimized-names copy of pkg/.
set -e
rm -rf /tmp/pkgprof && cp -r pkg /tmp/pkgprof
wasm-bindgen --target web --out-dir /tmp/pkgprof/web target/wasm32-unknown-unknown/release/mesh_maintenance.wasm
rm -rf /tmp/prof && node --cpu-prof --cpu-prof-dir=/tmp/prof bench/tmp/prof.mjs
node -e '
const fs=require("fs");const dir="/tmp/prof";const f=fs.readdirSync(dir).pop();const p=JSON.parse(fs.readFileSync(dir+"/"+f));
const self=new Map();const byId=new Map(p.nodes.map(n=>[n.id,n]));
const counts=new Map();for(const s of p.samples){counts.set(s,(counts.get(s)||0)+1)}
let total=0;for(const [id,c] of counts){total+=c;const n=byId.get(id);const k=n.callFrame.functionName.replace(/::h[0-9a-f]{16}/,"").slice(0,100);self.set(k,(self.get(k)||0)+c)}
console.log("total",total);console.log([...self].sort((a,b)=>b[1]-a[1]).slice(0,30).map(x=>x.join("  ")).join("\n"))'
