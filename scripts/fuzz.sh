#!/usr/bin/env bash
# cargo-fuzz (libFuzzer, nightly) on the decoders and the packed replay.
#   scripts/fuzz.sh [seconds per target]      (default 600; `make fuzz`)
# The corpus starts from the conformance vectors; crashes land in
# fuzz/artifacts/ and fail the run.
set -euo pipefail
source "$(dirname "$0")/tools.sh"
seconds="${1:-600}"

rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --version 0.13.2

# Seed the decoder's corpus with every vector's arguments.
mkdir -p fuzz/corpus/decode fuzz/corpus/replay
node -e '
const fs = require("fs");
for (const file of fs.readdirSync("tests/vectors").filter((f) => f.endsWith(".json"))) {
  JSON.parse(fs.readFileSync(`tests/vectors/${file}`, "utf8")).cases.forEach((c, i) => {
    const args = c.args ?? ["state", "event", "now", "config"].filter((k) => k in c).map((k) => c[k]);
    fs.writeFileSync(`fuzz/corpus/decode/${file}-${i}.json`, JSON.stringify(args.length ? args : [c.entries ?? c.from]));
  });
}'

cd fuzz
mkdir -p ../target/fuzz
for target in decode replay; do
  say "fuzzing $target for ${seconds}s"
  log="../target/fuzz/$target.log"
  status=0
  cargo +nightly fuzz run -O "$target" "corpus/$target" -- -max_total_time="$seconds" -print_final_stats=1 >"$log" 2>&1 || status=$?
  grep -E '^(stat::|Done|==[0-9]+==|SUMMARY|thread .* panicked)' "$log" || true
  if [ "$status" -ne 0 ]; then
    # libFuzzer stops on the first crash and cargo fuzz exits non-zero.
    tail -n 40 "$log"
    exit "$status"
  fi
done
