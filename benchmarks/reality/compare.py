#!/usr/bin/env python3
"""Prints the real ensemble's failover figures beside Nines' for the same experiments.

Usage: compare.py REAL_DIR NINES_DIR [--reference CSV]
REAL_DIR holds zkreal.py's CSVs (kill-leader-3.csv, ...); NINES_DIR holds one `nines run --out`
folder per scenario of scenarios/reality/ (kill-leader-3/durations.csv, ...). Quantiles are
nearest-rank on both sides. A ratio is Nines / real.
"""
import csv, math, os, sys

# experiment -> [(metric, real column, Nines phase)]
EXPERIMENTS = {
    "kill-leader-3": [("detection", "detection", "detection"), ("leader election", "leader_election", "leader_election"),
                      ("serving leader", "serving", "failover"), ("write unavailability", "write_gap", "write_gap")],
    # kill-leader-3 (a fresh ensemble) is compared with `--restart-all` trials (equally short logs),
    # the history scenario with the default trials (the harness's own history).
    "kill-leader-3-history": [("detection", "detection", "detection"),
                              ("leader election", "leader_election", "leader_election"),
                              ("serving leader", "serving", "failover"), ("write unavailability", "write_gap", "write_gap")],
    "kill-leader-5": [("detection", "detection", "detection"), ("leader election", "leader_election", "leader_election"),
                      ("serving leader", "serving", "failover"), ("write unavailability", "write_gap", "write_gap")],
    "stop-leader-3": [("detection", "detection", "detection"), ("leader election", "leader_election", "leader_election"),
                      ("serving leader", "serving", "failover"), ("write unavailability", "write_gap", "write_gap")],
    "kill-holder": [("session expiry", "session_expiry", "session_expiry")],
    "stop-holder": [("session expiry", "session_expiry", "session_expiry")],
}
# Nines scenarios compared against another experiment's real CSV.
REAL_FILE = {"kill-leader-3": "kill-leader-3-restart-all", "kill-leader-3-history": "kill-leader-3"}
# The reference run (an idle machine, 100 trials) names its columns differently.
REFERENCE = {"detection": "detect_first_s", "leader_election": "elect_newleader_s", "serving": "broadcast_after_fail_s",
             "write_gap": "eager_gap_s"}


def stats(values):
    values = sorted(values)
    if not values:
        return None
    rank = lambda p: values[max(0, math.ceil(p * len(values)) - 1)]
    return {"n": len(values), "mean": sum(values) / len(values), "p50": rank(0.5), "p90": rank(0.9), "p99": rank(0.99),
            "max": values[-1]}


def column(path, name, keep=lambda row: True):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [float(r[name]) for r in csv.DictReader(f) if keep(r) and r.get(name) not in (None, "")]


def phase(folder, name):
    path = os.path.join(folder, "durations.csv")
    if not os.path.exists(path):
        return []
    with open(path) as f:
        # `nines run` writes the column as duration_seconds (earlier versions: seconds).
        return [float(r.get("duration_seconds") or r["seconds"]) for r in csv.DictReader(f) if r["phase"] == name]


def cell(s):
    return " | ".join(f"{s[k] * 1000:.0f}" for k in ("mean", "p50", "p90", "p99", "max")) if s else "– | – | – | – | –"


def main():
    real_dir, nines_dir = sys.argv[1], sys.argv[2]
    reference = sys.argv[sys.argv.index("--reference") + 1] if "--reference" in sys.argv else None
    print("| experiment | interval | source | n | mean | p50 | p90 | p99 | max | Nines/real mean | Nines/real p50 | Nines/real p90 |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for experiment, metrics in EXPERIMENTS.items():
        for title, real_column, nines_phase in metrics:
            sources = [("real (this run)", stats(column(os.path.join(real_dir, REAL_FILE.get(experiment, experiment) + ".csv"), real_column)))]
            if reference and experiment == "kill-leader-3-history":
                sources.append(("real (reference, idle)",
                                stats(column(reference, REFERENCE[real_column], lambda r: r["warmup"] == "0"))))
            nines = stats(phase(os.path.join(nines_dir, experiment), nines_phase)) if nines_phase else None
            for name, s in sources:
                if s is None:
                    continue
                ratio = (" | ".join(f"{nines[k] / s[k]:.2f}" for k in ("mean", "p50", "p90")) if nines and s["mean"] > 0
                         else "– | – | –")
                print(f"| {experiment} | {title} | {name} | {s['n']} | {cell(s)} | {ratio} |")
            if nines:
                print(f"| {experiment} | {title} | Nines | {nines['n']} | {cell(nines)} | | | |")


if __name__ == "__main__":
    main()
