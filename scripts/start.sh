#!/usr/bin/env bash
# The main job: builds pkg/ and the operator console (www/), then serves the
# console on 127.0.0.1 and prints its URL. Ctrl-C stops it.
set -euo pipefail
source "$(dirname "$0")/tools.sh"
scripts/build-pkg.sh
say "building the console (www/)"
vite build --config www/vite.config.js --logLevel warn
say "serving the console; open the Local URL below"
exec vite preview --config www/vite.config.js --host 127.0.0.1 --port "${PORT:-4173}"
