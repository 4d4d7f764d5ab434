# Nines: the two commands a newcomer needs are `make run` and `make test`.
SWIFT ?= swift
SCENARIO ?= scenarios/quickstart.json
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test deps build bench chaos clean

## Installs GNU GSL and libxml2 when missing (Debian/Ubuntu through apt-get; macOS through Homebrew by hand).
deps:
	@if ! pkg-config --exists gsl libxml-2.0 2>/dev/null; then \
	  if [ "$$(uname)" = Darwin ]; then echo "Nines needs GNU GSL and libxml2: brew install gsl libxml2 pkg-config" >&2; exit 1; fi; \
	  echo "Installing libgsl-dev, libxml2-dev and pkg-config with apt-get..." >&2; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libgsl-dev libxml2-dev pkg-config >/dev/null; \
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

## Kernel benchmarks (release build), one JSON object per line.
bench: build
	.build/release/nines bench --json

clean:
	rm -rf .build
