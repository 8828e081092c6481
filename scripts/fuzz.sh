#!/usr/bin/env bash
# cargo-fuzz (libFuzzer, nightly) on the decoders, the packed replay, the
# snapshot views (view) and the admission and signing API (admin).
#   scripts/fuzz.sh [seconds per target]      (default 600; `make fuzz`)
# The corpus starts from the conformance vectors; crashes land in
# fuzz/artifacts/ and fail the run.
set -euo pipefail
source "$(dirname "$0")/tools.sh"
seconds="${1:-600}"

rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --version 0.13.2

# Seed the decoder's corpus with every vector's arguments, and the view and
# admin corpora with the arguments of the views, admission, payload,
# malformed and signed-commit vectors.
mkdir -p fuzz/corpus/decode fuzz/corpus/replay fuzz/corpus/view fuzz/corpus/admin
node -e '
const fs = require("fs");
for (const file of fs.readdirSync("tests/vectors").filter((f) => f.endsWith(".json"))) {
  JSON.parse(fs.readFileSync(`tests/vectors/${file}`, "utf8")).cases.forEach((c, i) => {
    const args = c.args ?? ["state", "event", "now", "config"].filter((k) => k in c).map((k) => c[k]);
    fs.writeFileSync(`fuzz/corpus/decode/${file}-${i}.json`, JSON.stringify(args.length ? args : [c.entries ?? c.from]));
  });
}
const argsOf = {
  fromView: (c) => [c.view, c.observedAt, c.dialect],
  toView: (c) => [c.state, c.now, c.dialect],
  admit: (c) => [c.request, c.now, c.policy ?? null],
  payload: (c) => [c.command, c.issuedAt],
  verifyCommit: (c) => [c.commit, c.now, c.registry, c.policy ?? null],
  malformed: (c) => c.args,
};
for (const file of ["views", "admission", "payload", "malformed", "signatures/commits"]) {
  JSON.parse(fs.readFileSync(`tests/vectors/${file}.json`, "utf8")).cases.forEach((c, i) => {
    const args = argsOf[c.op]?.(c);
    if (!args) return;
    // bigints are written {"$bigint": "N"} in the vectors: JSON takes the digits, exactly.
    const text = JSON.stringify(args, (k, v) => (v && typeof v === "object" && "$bigint" in v ? `@big${v.$bigint}` : v))
      .replace(/"@big(-?[0-9]+)"/g, "$1");
    const target = c.op === "fromView" || c.op === "toView" || (c.call ?? "").endsWith("View") ? "view" : "admin";
    fs.writeFileSync(`fuzz/corpus/${target}/${file.replace("/", "-")}-${i}.json`, text);
  });
}'

cd fuzz
mkdir -p ../target/fuzz
for target in decode replay view admin; do
  say "fuzzing $target for ${seconds}s"
  log="../target/fuzz/$target.log"
  dict=()
  case "$target" in view | admin) dict=(-dict=api.dict) ;; esac
  status=0
  cargo +nightly fuzz run -O "$target" "corpus/$target" -- -max_total_time="$seconds" -print_final_stats=1 ${dict[@]+"${dict[@]}"} >"$log" 2>&1 || status=$?
  grep -E '^(stat::|Done|==[0-9]+==|SUMMARY|thread .* panicked)' "$log" || true
  if [ "$status" -ne 0 ]; then
    # libFuzzer stops on the first crash and cargo fuzz exits non-zero.
    tail -n 40 "$log"
    exit "$status"
  fi
done
