"""Running a process and measuring it: wall time, peak memory, output."""

import dataclasses
import os
import statistics
import subprocess
import time
from typing import Dict, List, Optional, Sequence, Tuple


@dataclasses.dataclass
class Timed:
    seconds: float
    cpu: float  # user + system, of the process and every descendant it waited for
    max_rss_kb: int
    code: int
    output: str
    # Bytes the process and every descendant it waited for got from read(2)
    # and its kin (rchar, page cache or not), without its output to us.
    read_bytes: int = 0


def _rchar() -> int:
    # A reaped child's I/O counts are added to its parent's: ours after
    # wait4, as its children's were added to it when it reaped them.
    with open("/proc/self/io") as f:
        for line in f:
            if line.startswith("rchar:"):
                return int(line.split()[1])
    return 0


def run(argv: Sequence[str], cwd: str, env: Optional[Dict[str, str]] = None) -> Timed:
    """Runs argv to completion. os.wait4 gives this child's own usage: its
    peak RSS (RUSAGE_CHILDREN would give the largest of all children so
    far) and CPU time, which a busy machine disturbs less than wall time."""
    rchar = _rchar()
    start = time.perf_counter()
    p = subprocess.Popen(list(argv), cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = p.stdout.read()
    p.stdout.close()
    _, status, usage = os.wait4(p.pid, 0)
    seconds = time.perf_counter() - start
    p.returncode = os.waitstatus_to_exitcode(status)  # so Popen does not wait again
    read_bytes = _rchar() - rchar - len(out)
    return Timed(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, p.returncode,
                 out.decode(errors="replace"), read_bytes)


def spawn_loop(argv: Sequence[str], cwd: str, count: int) -> Tuple[List[float], List[float]]:
    """Wall and CPU seconds per start-to-exit of argv, output discarded: the
    cost of starting a process, with as little of Python's own as possible."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    actions = [(os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)]
    env = dict(os.environ)
    old = os.getcwd()
    os.chdir(cwd)
    wall, cpu = [], []
    try:
        for _ in range(count):
            start = time.perf_counter()
            pid = os.posix_spawn(argv[0], list(argv), env, file_actions=actions)
            _, status, usage = os.wait4(pid, 0)
            wall.append(time.perf_counter() - start)
            cpu.append(usage.ru_utime + usage.ru_stime)
            if os.waitstatus_to_exitcode(status) != 0:
                raise RuntimeError(f"{argv[0]} exited with status {status}")
    finally:
        os.chdir(old)
        os.close(devnull)
    return wall, cpu


def summary(values: List[float]) -> Dict[str, float]:
    return {"min": min(values), "median": statistics.median(values), "n": len(values)}
