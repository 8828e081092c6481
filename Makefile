# The two commands of the README are `make start` and `make test`; each
# installs what it needs (scripts/tools.sh).
.PHONY: start test pkg

start:
	scripts/start.sh

test:
	scripts/test.sh

pkg:
	scripts/build-pkg.sh
