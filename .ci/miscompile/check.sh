#!/usr/bin/env bash
# Shows the optimiser bug Package.swift works around (see early-codemotion.swift): compiled at -O with
# the pass disabled, as Nines' release builds are, the program must print 16; without the flag it
# says whether this toolchain still has the bug. Exit 1 only when the workaround does not work.
set -euo pipefail
cd "$(dirname "$0")"
SWIFTC="${SWIFTC:-swiftc}"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
"$SWIFTC" -O -Xllvm -sil-disable-pass=early-codemotion early-codemotion.swift -o "$scratch/with-flag" 2>/dev/null
"$SWIFTC" -O early-codemotion.swift -o "$scratch/without-flag" 2>/dev/null
with="$("$scratch/with-flag")" without="$("$scratch/without-flag")"
if [ "$with" != 16 ]; then
  echo "error: with early-codemotion disabled the reproducer printed $with, expected 16: this toolchain miscompiles differently" >&2
  exit 1
fi
if [ "$without" = 16 ]; then
  echo "early-codemotion: this toolchain no longer miscompiles the reproducer; the flag in Package.swift can go after a release run matches debug"
else
  echo "early-codemotion: this toolchain still miscompiles the reproducer ($without instead of 16); release builds disable the pass"
fi
