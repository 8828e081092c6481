# The two commands of the README are `make start` and `make test`; each
# installs what it needs (scripts/tools.sh).
.PHONY: start test pkg bench fuzz

start:
	scripts/start.sh

test:
	scripts/test.sh

pkg:
	scripts/build-pkg.sh

# Benchmarks: one run times every contender and rewrites BENCHMARKS.md.
bench: pkg
	node bench/run.mjs

# cargo-fuzz on every target for FUZZ_SECONDS each (default 600).
fuzz:
	scripts/fuzz.sh $(FUZZ_SECONDS)
