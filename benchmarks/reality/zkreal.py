#!/usr/bin/env python3
"""Failover experiments on a real ZooKeeper 3.8 ensemble on 127.0.0.1 (not part of CI).

Starts N servers directly with `java ... QuorumPeerMain zooN.cfg` (Debian's `zookeeper` package,
its own ports and data folders under --work), injects one fault per trial and writes one CSV row
per trial (seconds). Every process it starts is stopped on exit, also on Ctrl-C.

Experiments:
  kill-leader    kill -9 of the leader; restarted after the trial
  stop-leader    SIGSTOP of the leader for --stop seconds, then SIGCONT
  kill-holder    kill -9 of a client holding an ephemeral lock node (session --session s)
  stop-holder    SIGSTOP of that client for 30 s
Columns: detection (fault -> first other server LOOKING), survivors (per survivor
"id:writes since its start:its own LOOKING delay:W|L" — winner or loser), leader_election (winner's own
"LEADER ELECTION TOOK"), serving (fault -> `srvr` on a survivor says leader),
write_gap (an eager kazoo client's longest wait between two successful writes),
session_expiry (holder experiments: fault -> the lock node is gone).
"""
import argparse, csv, datetime, logging, os, random, signal, socket, subprocess, sys, threading, time

logging.getLogger("kazoo").setLevel(logging.CRITICAL)  # reconnect chatter, expected during failover

CLASSPATH = ":".join(["/usr/share/java/zookeeper.jar", "/usr/share/java/slf4j-simple.jar"])
TICK_MS, INIT_LIMIT, SYNC_LIMIT = 2000, 10, 5


class Ensemble:
    def __init__(self, n, work):
        self.n, self.work, self.procs, self.started = n, work, {}, {}
        for i in range(1, n + 1):
            d = os.path.join(work, f"zk{i}")
            os.makedirs(os.path.join(d, "data"), exist_ok=True)
            with open(os.path.join(d, "data", "myid"), "w") as f:
                f.write(str(i))
            lines = [f"tickTime={TICK_MS}", f"initLimit={INIT_LIMIT}", f"syncLimit={SYNC_LIMIT}",
                     f"dataDir={d}/data", f"clientPort={self.client_port(i)}", "4lw.commands.whitelist=*",
                     "admin.enableServer=false", "maxClientCnxns=0"]
            lines += [f"server.{j}=127.0.0.1:{2887 + 10 * j}:{3887 + 10 * j}" for j in range(1, n + 1)]
            with open(os.path.join(d, "zoo.cfg"), "w") as f:
                f.write("\n".join(lines) + "\n")

    @staticmethod
    def client_port(i):
        return 21810 + i

    def log(self, i):
        return os.path.join(self.work, f"zk{i}", "server.log")

    def start(self, i):
        d = os.path.join(self.work, f"zk{i}")
        cmd = ["java", "-Xmx256m", "-cp", CLASSPATH, "-Dorg.slf4j.simpleLogger.showDateTime=true",
               "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSSZ",
               f"-Dorg.slf4j.simpleLogger.logFile={self.log(i)}", "-Dzookeeper.jmx.log4j.disable=true",
               "org.apache.zookeeper.server.quorum.QuorumPeerMain", os.path.join(d, "zoo.cfg")]
        self.procs[i] = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.started[i] = time.time()

    def restart_all(self):
        """Every server restarted, so each starts a fresh transaction-log file (see --restart-all)."""
        for i, p in self.procs.items():
            if p.poll() is None:
                p.kill()
                p.wait()
        for i in sorted(self.procs):
            self.start(i)

    def stop_all(self):
        for p in self.procs.values():
            if p.poll() is None:
                try:
                    p.send_signal(signal.SIGCONT)
                    p.kill()
                    p.wait(timeout=10)
                except Exception:
                    pass

    def four(self, i, word, timeout=0.5):
        try:
            with socket.create_connection(("127.0.0.1", self.client_port(i)), timeout=timeout) as s:
                s.sendall(word.encode())
                data = b""
                while True:
                    chunk = s.recv(4096)
                    if not chunk:
                        return data.decode(errors="replace")
                    data += chunk
        except OSError:
            return ""

    def mode(self, i):
        for line in self.four(i, "srvr").splitlines():
            if line.startswith("Mode:"):
                return line.split(":", 1)[1].strip()
        return None

    def wait_serving(self, timeout=120):
        end = time.time() + timeout
        while time.time() < end:
            modes = {i: self.mode(i) for i in self.procs if self.procs[i].poll() is None}
            if list(modes.values()).count("leader") == 1 and all(m in ("leader", "follower") for m in modes.values()):
                return [i for i, m in modes.items() if m == "leader"][0]
            time.sleep(0.05)
        raise RuntimeError("ensemble not serving")

    def connect_string(self, exclude=()):
        return ",".join(f"127.0.0.1:{self.client_port(i)}" for i in range(1, self.n + 1) if i not in exclude)


def log_events(path, start):
    """(time, kind, detail) of LOOKING / LEADING / ELECTION TOOK lines after `start`."""
    events = []
    try:
        with open(path, errors="replace") as f:
            for line in f:
                stamp = line.split(" ", 1)[0]
                try:
                    t = datetime.datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S.%f%z").timestamp()
                except ValueError:
                    continue
                if t < start:
                    continue
                if line.rstrip().endswith(" - LOOKING"):
                    events.append((t, "LOOKING", ""))
                elif "LEADER ELECTION TOOK" in line:
                    events.append((t, "TOOK", line.rsplit("TOOK - ", 1)[1].split()[0]))
    except FileNotFoundError:
        pass
    return events


class Writer(threading.Thread):
    """An eager client: writes as fast as answers come, retries at once after an error."""

    def __init__(self, hosts):
        super().__init__(daemon=True)
        from kazoo.client import KazooClient
        from kazoo.retry import KazooRetry
        self.client = KazooClient(hosts=hosts, timeout=10, connection_retry=KazooRetry(max_tries=-1, delay=0.02, backoff=1, max_jitter=0))
        self.client.start(timeout=30)
        self.client.ensure_path("/w")
        self.ok, self.running = [], True

    def run(self):
        n = 0
        while self.running:
            try:
                self.client.set("/w", str(n).encode())
                self.ok.append(time.time())
                n += 1
            except Exception:
                time.sleep(0.02)
            time.sleep(0.005)

    def gap_around(self, t):
        before = [x for x in self.ok if x <= t]
        after = [x for x in self.ok if x > t]
        return (after[0] - before[-1]) if before and after else None

    def close(self):
        self.running = False
        self.join(timeout=5)
        self.client.stop()
        self.client.close()


def leader_trial(zk, args, writer):
    leader = zk.wait_serving()
    time.sleep(random.uniform(1, 3))
    victim = zk.procs[leader]
    survivors = [i for i in sorted(zk.procs) if i != leader]
    # Writes since a survivor's (re)start: about the records in its current transaction-log file,
    # which leaving FOLLOWING reads from its start (no log roll below snapCount/2 = 50,000 txns).
    txns = {i: sum(1 for x in writer.ok if x > zk.started[i]) for i in survivors}
    t = time.time()
    if args.experiment == "kill-leader":
        victim.kill()
    else:
        victim.send_signal(signal.SIGSTOP)
    serving = None
    end = t + 60
    while time.time() < end and serving is None:
        for i in zk.procs:
            if i != leader and zk.mode(i) == "leader":
                serving = time.time() - t
        time.sleep(0.01)
    if args.experiment == "stop-leader":
        time.sleep(max(0, t + args.stop - time.time()))
        victim.send_signal(signal.SIGCONT)
    time.sleep(2)
    looking = sorted(e[0] - t for i in zk.procs if i != leader for e in log_events(zk.log(i), t) if e[1] == "LOOKING")
    took = [float(e[2]) / 1000 for i in zk.procs if i != leader for e in log_events(zk.log(i), t) if e[1] == "TOOK"]
    per_server = []
    for i in survivors:
        own = [e[0] - t for e in log_events(zk.log(i), t) if e[1] == "LOOKING"]
        won = any(e[1] == "TOOK" for e in log_events(zk.log(i), t)) and zk.mode(i) == "leader"
        per_server.append(f"{i}:{txns[i]}:{own[0] if own else float('nan'):.4f}:{'W' if won else 'L'}")
    row = {"detection": looking[0] if looking else None, "leader_election": took[0] if took else None,
           "serving": serving, "write_gap": writer.gap_around(t), "survivors": " ".join(per_server)}
    if args.experiment == "kill-leader":
        victim.wait()
        if args.restart_all:
            zk.restart_all()
        else:
            zk.start(leader)
    zk.wait_serving()
    time.sleep(2 if not args.restart_all else 5)  # a restarted JVM warms up under the writer's load
    return row


HOLDER = """
import logging, sys, time
logging.getLogger("kazoo").setLevel(logging.CRITICAL)
from kazoo.client import KazooClient
c = KazooClient(hosts=sys.argv[1], timeout=float(sys.argv[2]))
c.start(timeout=30)
c.create("/lock/holder", b"x", ephemeral=True, makepath=True)
print("held", flush=True)
while True:
    time.sleep(1)
"""


def holder_trial(zk, args, watcher):
    from kazoo.protocol.states import EventType
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, zk.connect_string(), str(args.session)],
                            stdout=subprocess.PIPE, text=True)
    try:
        proc.stdout.readline()
        time.sleep(random.uniform(1, 3))
        gone = threading.Event()
        t = time.time()
        stamp = {}

        def watch(event):
            if event.type == EventType.DELETED:
                stamp["gone"] = time.time()
                gone.set()
        watcher.exists("/lock/holder", watch=watch)
        if args.experiment == "kill-holder":
            proc.kill()
        else:
            proc.send_signal(signal.SIGSTOP)
        gone.wait(120)
        return {"session_expiry": stamp["gone"] - t if "gone" in stamp else None}
    finally:
        proc.send_signal(signal.SIGCONT)
        proc.kill()
        proc.wait()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("experiment", choices=["kill-leader", "stop-leader", "kill-holder", "stop-holder"])
    parser.add_argument("--servers", type=int, default=3)
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--stop", type=float, default=30, help="seconds a stopped leader stays stopped")
    parser.add_argument("--session", type=float, default=10, help="the lock holder's session timeout, seconds")
    parser.add_argument("--restart-all", action="store_true",
                        help="kill-leader: restart every server between trials, not only the victim, so the "
                             "survivors' transaction-log files are equally long (removes the harness's bias "
                             "towards the server restarted one trial earlier)")
    parser.add_argument("--work", default="/tmp/nines-reality")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    subprocess.run(["rm", "-rf", args.work])
    zk = Ensemble(args.servers, args.work)
    writer = watcher = None
    rows = []
    try:
        for i in range(1, args.servers + 1):
            zk.start(i)
        zk.wait_serving()
        if args.experiment.endswith("leader"):
            writer = Writer(zk.connect_string())
            writer.start()
        else:
            from kazoo.client import KazooClient
            watcher = KazooClient(hosts=zk.connect_string())
            watcher.start(timeout=30)
        for trial in range(args.trials + 1):  # trial 0 warms the JVMs up and is not kept
            row = leader_trial(zk, args, writer) if writer else holder_trial(zk, args, watcher)
            if trial > 0:
                rows.append(row)
                print(f"{args.experiment} trial {trial}: {row}", file=sys.stderr, flush=True)
    finally:
        if writer:
            writer.close()
        if watcher:
            watcher.stop()
            watcher.close()
        zk.stop_all()
    keys = sorted({k for r in rows for k in r})
    with open(args.out, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=keys)
        w.writeheader()
        for r in rows:
            w.writerow({k: ("" if r.get(k) is None else r[k] if isinstance(r[k], str) else f"{r[k]:.4f}") for k in keys})


if __name__ == "__main__":
    main()
