#!/usr/bin/env bash
# The committed example, notebooks-out/quickstart/: what `nines run scenarios/quickstart.json` writes.
#   .ci/example.sh regenerate   rewrites it (after a change that moves the numbers; commit the result)
#   .ci/example.sh check        regenerates it into a scratch folder and fails if one byte differs
# Both use the debug build `make test` has already built, so CI pays only for the run itself;
# outputs must not depend on the build configuration or on --jobs: CI also checks with CONFIG=release,
# the build `make run` uses (an optimiser bug once made release reports differ, see Package.swift).
set -euo pipefail
cd "$(dirname "$0")/.."
SWIFT="${SWIFT:-swift}"
CONFIG="${CONFIG:-debug}"
mode="${1:?usage: [CONFIG=debug|release] .ci/example.sh regenerate|check}"
$SWIFT build -c "$CONFIG" --product nines >/dev/null
nines="$($SWIFT build -c "$CONFIG" --show-bin-path)/nines"
committed=notebooks-out/quickstart
case "$mode" in
  regenerate)
    "$nines" run scenarios/quickstart.json --out "$committed" --quiet >/dev/null || [ $? -eq 1 ]
    echo "regenerated $committed ($("$nines" --version))"
    ;;
  check)
    scratch="$(mktemp -d)"
    trap 'rm -rf "$scratch"' EXIT
    # Exit 1 (an expectation failed) still writes the report; only a crash or invalid input stops here.
    "$nines" run scenarios/quickstart.json --out "$scratch/quickstart" --quiet >/dev/null || [ $? -eq 1 ]
    if ! diff -r "$committed" "$scratch/quickstart" >/dev/null; then
      diff -r "$committed" "$scratch/quickstart" | head -20 >&2
      echo "error: $committed differs from what this build writes; run 'make example' and commit it" >&2
      exit 1
    fi
    echo "$committed: byte-identical ($CONFIG build)"
    ;;
  *) echo "usage: .ci/example.sh regenerate|check" >&2; exit 2 ;;
esac
