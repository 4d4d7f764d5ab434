# Nines: the two commands a newcomer needs are `make run` and `make test`.
SWIFT ?= swift
SCENARIO ?= scenarios/quickstart.json
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test deps build bench chaos example check-example clean

## Installs GNU GSL and libxml2 when missing (Debian/Ubuntu through apt-get; macOS through Homebrew by hand),
## and Chromium, which the tests use to render every chart of the report headless (their check is
## skipped without it, except in CI).
deps:
	@if ! pkg-config --exists gsl libxml-2.0 2>/dev/null; then \
	  if [ "$$(uname)" = Darwin ]; then echo "Nines needs GNU GSL and libxml2: brew install gsl libxml2 pkg-config" >&2; exit 1; fi; \
	  echo "Installing libgsl-dev, libxml2-dev and pkg-config with apt-get..." >&2; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libgsl-dev libxml2-dev pkg-config >/dev/null; \
	fi
	@if [ "$$(uname)" != Darwin ] && ! command -v chromium >/dev/null; then \
	  echo "Installing chromium with apt-get (the headless chart check)..." >&2; \
	  { $(SUDO) apt-get update -qq && \
	    $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null; } || \
	  echo "warning: chromium not installed; the chart rendering test will be skipped" >&2; \
	fi
	@command -v $(SWIFT) >/dev/null || { echo "Nines needs a Swift 6 toolchain: https://www.swift.org/install" >&2; exit 1; }

build: deps
	$(SWIFT) build -c release --product nines

## The main job: runs the quickstart scenario and writes its report to notebooks-out/.
run: build
	.build/release/nines run $(SCENARIO)

## Unit, property and statistical tests, then the chaos regression suite.
test: deps
	$(SWIFT) test
	$(SWIFT) build --product nines
	.build/debug/nines check scenarios/chaos --junit .build/chaos-junit.xml

## The chaos regression suite alone.
chaos: deps
	$(SWIFT) build --product nines
	.build/debug/nines check scenarios/chaos

## Rewrites the committed example notebooks-out/quickstart/ (commit the result).
example: deps
	.ci/example.sh regenerate

## Fails if notebooks-out/quickstart/ is not byte for byte what this build writes.
check-example: deps
	.ci/example.sh check

## Kernel benchmarks (release build), one JSON object per line.
bench: build
	.build/release/nines bench --json

clean:
	rm -rf .build
