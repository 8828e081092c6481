#!/usr/bin/env bash
# Checks a net-mesh release against this package:
#
#   scripts/net-mesh-check.sh 0.47.0
#
# runs the conformance suite (scripts/conformance.sh) on a temporary copy of
# conformance/net-mesh whose latest pin (`net_latest`) is VERSION, and prints
# the compatibility table for the seed's release and VERSION. The repository
# is left as it is: to adopt the release, change the pin in
# conformance/net-mesh/Cargo.toml and run `NET_MESH_BLESS=1
# scripts/conformance.sh`. Compiled dependencies are shared with
# conformance/net-mesh/target. NET_MESH_CASES and NET_MESH_SEED apply.
# Exit status 0: no disagreement beyond the documented ones. A release whose
# public API moved fails to compile, and the compiler's errors say where
# src/suite/ must follow it.
set -euo pipefail
version="${1:?usage: scripts/net-mesh-check.sh VERSION (for example 0.47.0)}"
root="$(cd "$(dirname "$0")/.." && pwd)"
copy="$(mktemp -d)"
trap 'rm -rf "$copy"' EXIT
crate="$root/conformance/net-mesh"
cp -r "$crate/Cargo.toml" "$crate/Cargo.lock" "$crate/src" "$crate/tests" "$copy/"
sed -i -e "s|^\(net_latest = .*version = \"=\)[^\"]*\"|\1$version\"|" \
  -e "s|^mesh-maintenance = { path = \"../..\" }|mesh-maintenance = { path = \"$root\" }|" \
  "$copy/Cargo.toml"
grep -q "^net_latest = .*version = \"=$version\"" "$copy/Cargo.toml" ||
  { echo "could not pin net_latest to $version in $copy/Cargo.toml" >&2; exit 1; }
grep -q "^mesh-maintenance = { path = \"$root\" }" "$copy/Cargo.toml" ||
  { echo "could not point mesh-maintenance at $root" >&2; exit 1; }
echo "net-mesh $version: suite in $copy (the repository is not changed)"
CARGO_TARGET_DIR="$crate/target" NET_MESH_DIR="$copy" NET_MESH_CARGO_FLAGS="" \
  NET_MESH_REPORT_ONLY=1 NET_MESH_LINT=0 "$root/scripts/conformance.sh"
