#!/usr/bin/env bash
# Calibration harness: the same failover experiments on a real ZooKeeper 3.8 ensemble (loopback)
# and in Nines, printed side by side (milliseconds). Not part of CI: it needs Java and takes
# about 15 minutes. Usage: benchmarks/reality/run.sh [TRIALS]   (from the repository root)
# Installs Debian's `zookeeper` (apt) and `kazoo` 2.11.0 (pip) if missing. Every ZooKeeper server
# and client process it starts is stopped when an experiment ends (also on Ctrl-C).
set -euo pipefail
TRIALS=${1:-30}
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${OUT:-$HERE/../../notebooks-out/reality}
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
[ -f /usr/share/java/zookeeper.jar ] || { $SUDO apt-get update -qq; $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq zookeeper; }
python3 -c 'import kazoo' 2>/dev/null || pip3 install -q kazoo==2.11.0
mkdir -p "$OUT/real" "$OUT/nines"
swift build -c release --product nines
NINES=$(swift build -c release --product nines --show-bin-path)/nines
for s in kill-leader-3 kill-leader-3-history kill-leader-5 stop-leader-3 kill-holder stop-holder; do
  "$NINES" run "$HERE/../../scenarios/reality/$s.json" --out "$OUT/nines/$s" --quiet >/dev/null || true
done
python3 "$HERE/zkreal.py" kill-leader --trials "$TRIALS" --out "$OUT/real/kill-leader-3.csv"
python3 "$HERE/zkreal.py" kill-leader --restart-all --trials "$TRIALS" --out "$OUT/real/kill-leader-3-restart-all.csv"
python3 "$HERE/zkreal.py" kill-leader --servers 5 --trials $(( (TRIALS + 1) / 2 )) --out "$OUT/real/kill-leader-5.csv"
python3 "$HERE/zkreal.py" stop-leader --trials 5 --out "$OUT/real/stop-leader-3.csv"
python3 "$HERE/zkreal.py" kill-holder --trials 8 --out "$OUT/real/kill-holder.csv"
python3 "$HERE/zkreal.py" stop-holder --trials 8 --out "$OUT/real/stop-holder.csv"
python3 "$HERE/compare.py" "$OUT/real" "$OUT/nines" --reference "$HERE/reference/kill-leader-3-idle-machine.csv"
