#!/usr/bin/env python3
"""Coverage of the rare-event interval at the scenario's own stopping rule (relative precision
±10% at 95%): runs a scenario for seeds 1..N and counts the 95% intervals that contain the exact
unavailability. A measurement, not a test.

    python3 benchmarks/rare-event/coverage/measure.py NINES SCENARIO EXACT_U [--seeds 100]
"""
import argparse
import json
import subprocess
import tempfile
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("nines", help="the nines binary (a release build)")
    parser.add_argument("scenario")
    parser.add_argument("exact", type=float, help="the exact unavailability")
    parser.add_argument("--seeds", type=int, default=100)
    args = parser.parse_args()
    cover = low = high = 0
    cycles, widths = [], []
    with tempfile.TemporaryDirectory() as scratch:
        for seed in range(1, args.seeds + 1):
            out = Path(scratch) / str(seed)
            subprocess.run([args.nines, "run", args.scenario, "--seed", str(seed), "--jobs", "2", "--quiet", "--out", str(out)],
                           check=False, stdout=subprocess.DEVNULL)
            rare = json.loads((out / "summary.json").read_text())["rare_event"]
            cycles.append(rare["cycles"])
            widths.append(rare["relative_half_width"])
            if rare["ci_upper"] < args.exact:
                low += 1
            elif rare["ci_lower"] > args.exact:
                high += 1
            else:
                cover += 1
    cycles.sort()
    print(f"{args.scenario}: {cover}/{args.seeds} cover {args.exact:.7g} ({low} low, {high} high); "
          f"cycles median {cycles[len(cycles) // 2]}, largest relative half-width {max(widths):.3f}")


if __name__ == "__main__":
    main()
