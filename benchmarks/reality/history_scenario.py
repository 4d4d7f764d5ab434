#!/usr/bin/env python3
"""Writes scenarios/reality/kill-leader-3-history.json: the real harness's whole history in one run.

`zkreal.py kill-leader` kills the leader, restarts it and kills the next one, trial after trial,
on one ensemble: server 1 is never killed, so its transaction-log file grows for the whole run
while the winner's was started one trial earlier — and leaving FOLLOWING reads that file
(`ZabConfig.logReadTimePerTxn`). This scenario replays that history in Nines: the leader of each
trial (`@zk_leader`, whoever leads then) is crashed, restarted 2.6 s later (the harness waits for a serving leader
and 2 s, then restarts it), and the next trial kills the next leader 1–3 s after the ensemble is
whole again and 2 s settled (a real trial took 7.9 s on average). The probe writes every 10 ms,
about the eager kazoo writer's 100 successful writes per second, so each trial adds about as many
transactions (≈800) as a real one.

Usage: python3 benchmarks/reality/history_scenario.py [TRIALS] > scenarios/reality/kill-leader-3-history.json
"""
import json, random, sys

trials = int(sys.argv[1]) if len(sys.argv) > 1 else 100
rng = random.Random(2026)  # the script's own stream: the file is the same on every run
faults, t = [], 30.0
for k in range(trials):
    faults.append({"at": f"{t:.3f}s", "action": "crash", "host": "@zk_leader", "mode": "process"})
    faults.append({"at": f"{t + 2.6:.3f}s", "action": "restart", "host": "@zk_leader"})
    # restart, the ensemble whole again (~1.5 s), 2 s settled, then 1-3 s before the next kill
    t += 2.6 + 1.5 + 2.0 + rng.uniform(1, 3)
scenario = {
    "$schema": "../schema.json",
    "name": "reality-kill-leader-3-history",
    "description": "benchmarks/reality: the real harness's history of kill -9 trials on one 3-server ensemble (the leader of each trial killed and restarted, so zk1 almost never is), so the survivors' log files are as long as in the real run; written by benchmarks/reality/history_scenario.py.",
    "kind": "ensemble",
    "seed": 2026,
    "duration": f"{int(t) + 10}s",
    "warm_up": "20s",
    "replications": 4,
    "ensemble": {
        "servers": 3, "tick_time": "2s", "init_limit": 10, "sync_limit": 5,
        "probe": {"interval": "10ms", "timeout": "5s", "session_timeout": "10s"},
    },
    "faults": faults,
}
json.dump(scenario, sys.stdout, indent=2)
print()
