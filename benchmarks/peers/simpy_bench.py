"""Peer benchmark for `nines bench`: PHOLD and the hold model in SimPy.

Same model as the Nines and C versions: time unit seconds (floats, as SimPy uses), every delay
exponential with mean 1 s. Each pending event is a SimPy Timeout whose callback counts it and
schedules exactly one new Timeout (for PHOLD, for a uniformly random process). Callbacks on
bare Timeouts are SimPy's cheapest event path, cheaper than generator processes, so the ratio
Nines/SimPy measured here is conservative. Only the steady state is timed.

Usage: python3 simpy_bench.py phold PROCESSES EVENTS | hold PENDING EVENTS
Prints one JSON object per line.
"""
import json
import random
import sys
import time

import simpy


class StopBench(Exception):
    pass


def main(argv):
    if len(argv) != 4 or argv[1] not in ("phold", "hold"):
        sys.exit("usage: simpy_bench.py phold PROCESSES EVENTS | hold PENDING EVENTS")
    name, size, events = argv[1], int(argv[2]), int(argv[3])
    rng = random.Random(1)
    expo = rng.expovariate
    env = simpy.Environment()
    timeout = env.timeout
    checksum = 0
    handled = 0

    def fire(event):
        nonlocal handled, checksum
        handled += 1
        checksum += event.value
        if handled >= events:
            raise StopBench()
        target = rng.randrange(size) if name == "phold" else event.value
        timeout(expo(1.0), value=target).callbacks.append(fire)

    for process in range(size):
        timeout(expo(1.0), value=process).callbacks.append(fire)

    start, cpu_start = time.perf_counter(), time.process_time()
    try:
        env.run()
    except StopBench:
        pass
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu_start
    key = "processes" if name == "phold" else "pending"
    print(json.dumps({"name": name, key: size, "events": handled, "seconds": round(seconds, 6),
                      "events_per_second": round(handled / seconds),
                      "events_per_cpu_second": round(handled / cpu_seconds), "final_time_s": env.now,
                      "peer": "simpy-" + simpy.__version__}))


if __name__ == "__main__":
    main(sys.argv)
