#!/usr/bin/env bash
# The main job: builds pkg/ and runs a short example that prints verdicts
# computed by the wasm module.
set -euo pipefail
source "$(dirname "$0")/tools.sh"
scripts/build-pkg.sh
say "examples/verdicts.mjs"
node examples/verdicts.mjs
