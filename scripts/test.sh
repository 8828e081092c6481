#!/usr/bin/env bash
# Every test: formatting, lints, native tests and conformance vectors, the
# net-mesh conformance suite, the package build, the type test, the Node
# tests against pkg/ (the publish dry runs and the README's blocks among
# them), the package's tarball in TypeScript projects and in every
# bundler's recipe (docs/README.npm.md), the console in Chromium, and the
# vectors in Deno, Bun, workerd (the example edge worker built from the
# packed package), wrangler and a Vite-built page.
# Installs what it needs first (see tools.sh).
set -euo pipefail
source "$(dirname "$0")/tools.sh"
ensure_rust
ensure_npm
ensure_chromium
ensure_node22

say "rustfmt, and the documentation (rustdoc warnings denied)"
cargo fmt --check
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --quiet

say "clippy (the core natively and as no_std for wasm32, the binding as each module; warnings denied)"
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy -p mesh-maintenance --target wasm32-unknown-unknown --no-default-features -- -D warnings
cargo clippy -p mesh-maintenance-wasm --target wasm32-unknown-unknown --no-default-features --features rules -- -D warnings
cargo clippy -p mesh-maintenance-wasm --target wasm32-unknown-unknown --no-default-features --features rules,gate,bulk -- -D warnings

say "native unit tests, conformance vectors and the boundary table (wasm/js/protocol.js)"
cargo test --workspace

# This package against the nodes' own crate, net-mesh, once per pinned
# release; its own workspace (rustfmt, clippy, the suite, the table).
scripts/conformance.sh

scripts/build-pkg.sh

say "TypeScript type test"
tsc -p tests/types/tsconfig.json

say "Node tests against pkg/ (ESM and CJS)"
node --test tests/js/

# Consumers install the package by name from one tarball of pkg/, as from the registry.
rm -rf target/pack && mkdir -p target/pack
MESH_MAINTENANCE_TARBALL="$root/target/pack/$(npm pack ./pkg --pack-destination target/pack --silent)"
export MESH_MAINTENANCE_TARBALL

say "TypeScript consumers: CommonJS and ES module projects, module node16 and nodenext (.d.cts for require)"
node --test tests/types/

say "bundlers: esbuild (esm, iife), Rollup, webpack 5, Vite × CommonJS and ES module projects, in Chromium"
node --test tests/bundlers/

say "operator console end to end in headless Chromium"
vite build --config www/vite.config.js --logLevel warn
node --test tests/e2e/

say "every runtime: Deno, Bun, workerd, wrangler, Chromium (Vite build), the README's snippets"
vite build --config tests/runtimes/browser/vite.config.js --logLevel warn
node --test tests/runtimes/

say "cargo-fuzz smoke run (30 s per target; make fuzz runs longer)"
scripts/fuzz.sh 30
