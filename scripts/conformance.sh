#!/usr/bin/env bash
# The net-mesh conformance suite (conformance/net-mesh): this package and the
# published nodes' own code on the same random inputs, once per pinned
# release (two releases cannot share a binary: both export the same C
# symbols), then the compatibility table, which COMPATIBILITY.md and the
# README's section must match. Its own workspace, so the product's build
# never compiles net-mesh; the same ~/.cargo caches it.
#
# NET_MESH_CASES, NET_MESH_SEED: the run (default 100000 cases per part, seed
# 16). NET_MESH_BLESS=1: rewrite the table. NET_MESH_REPORT_ONLY=1: print it,
# check nothing. NET_MESH_LINT=0: skip rustfmt and clippy.
# NET_MESH_DIR, NET_MESH_CARGO_FLAGS: another copy of the crate, cargo flags
# in place of --locked (scripts/net-mesh-check.sh uses both).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "${NET_MESH_DIR:-$root/conformance/net-mesh}"
say() { printf '\n== %s\n' "$*"; }
# Ties the table to the runs of this invocation, never an older one.
export NET_MESH_RUN_ID="$$-$(date +%s%N)"
read -r -a flags <<<"${NET_MESH_CARGO_FLAGS---locked}"

if [ "${NET_MESH_LINT:-1}" != 0 ]; then
  say "net-mesh conformance: rustfmt and clippy (each release, and none)"
  cargo fmt --check
  cargo clippy "${flags[@]}" --all-targets -- -D warnings
  for release in seed latest; do
    cargo clippy "${flags[@]}" --features "$release" --all-targets -- -D warnings
  done
fi

for release in seed latest; do
  say "net-mesh conformance: the suite against the $release release"
  cargo test "${flags[@]}" --features "$release" --test net_mesh
done

say "net-mesh conformance: the compatibility table"
cargo test "${flags[@]}" --test compatibility
