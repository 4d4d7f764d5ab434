#!/usr/bin/env bash
# Runs the Nines kernel benchmarks side by side with the same models written as a plain C
# binary heap (gcc -O2) and in SimPy, RUNS rounds interleaved (so every peer sees the same
# machine load), and prints best and median events/s with Nines' ratio to each peer.
#
#   benchmarks/run-peers.sh                 # RUNS=5 EVENTS=10000000 SIMPY_EVENTS=300000
#   RUNS=3 EVENTS=5000000 benchmarks/run-peers.sh
#
# Raw results (one JSON object per line) go to benchmarks/peers/out/results.jsonl.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-5}
EVENTS=${EVENTS:-10000000}
SIMPY_EVENTS=${SIMPY_EVENTS:-300000}   # SimPy is ~25x slower; fewer events keep it to seconds
OUT=benchmarks/peers/out
mkdir -p "$OUT"

echo "building: swift build -c release --product nines; gcc -O2 heap.c" >&2
swift build -c release --product nines >&2
gcc -O2 -o "$OUT/heap" benchmarks/peers/heap.c -lm
if ! python3 -c "import simpy" 2>/dev/null; then
    echo "installing simpy with pip" >&2
    python3 -m pip install --quiet simpy
fi

RESULTS="$OUT/results.jsonl"
: > "$RESULTS"
tag() { sed "s/^{/{\"peer\":\"$1\",/" >> "$RESULTS"; }

for round in $(seq "$RUNS"); do
    echo "round $round/$RUNS (load: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a))" >&2
    .build/release/nines bench --json --events "$EVENTS" | tag nines
    for spec in "phold 1000" "hold 10000" "hold 1000000"; do
        # shellcheck disable=SC2086
        "$OUT/heap" $spec "$EVENTS" | tag c
        # shellcheck disable=SC2086
        python3 benchmarks/peers/simpy_bench.py $spec "$SIMPY_EVENTS" | tag simpy
    done
done

echo "load average after the runs: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a), $(nproc) cores" >&2
python3 - "$RESULTS" <<'PY'
import json, statistics, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
rates = {}
for r in rows:
    key = (r["name"], r.get("processes") or r.get("pending"))
    peer = "nines" if r["peer"] == "nines" else ("c" if r["peer"].startswith("c") else "simpy")
    rates.setdefault(key, {}).setdefault(peer, []).append(r)
def fmt(x): return f"{x / 1e6:7.2f}M"
def table(field, title):
    print(title)
    print(f"{'benchmark':<20}{'nines best':>11}{'median':>9}{'C best':>9}{'median':>9}"
          f"{'SimPy best':>11}{'median':>9}{'nines/C':>14}{'nines/SimPy':>14}")
    for key in [("phold", 1000), ("hold", 10000), ("hold", 1000000)]:
        if key not in rates: continue
        p = {peer: [r[field] for r in rs] for peer, rs in rates[key].items()}
        best = {k: max(v) for k, v in p.items()}
        med = {k: statistics.median(v) for k, v in p.items()}
        label = f"{key[0]} {'processes' if key[0] == 'phold' else 'pending'}={key[1]}"
        print(f"{label:<20}{fmt(best['nines']):>11}{fmt(med['nines']):>9}{fmt(best['c']):>9}{fmt(med['c']):>9}"
              f"{fmt(best['simpy']):>11}{fmt(med['simpy']):>9}"
              f"{best['nines'] / best['c']:>6.2f}x/{med['nines'] / med['c']:.2f}x"
              f"{best['nines'] / best['simpy']:>8.1f}x/{med['nines'] / med['simpy']:.1f}x")
table("events_per_second", "events per second of wall time (monotonic clock)")
table("events_per_cpu_second", "events per second of process CPU time (less sensitive to other load)")
events = {peer: next(r["events"] for r in rows if r["peer"].startswith(peer)) for peer in ("nines", "c", "simpy")}
print(f"(millions of events/s; ratios best/best and median/median over {len(rates[('phold', 1000)]['nines'])} interleaved rounds; "
      f"events per run: Nines {events['nines']}, C {events['c']}, SimPy {events['simpy']})")
PY
