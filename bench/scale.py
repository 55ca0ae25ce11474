"""Workload 4: what wfgen costs by itself. Generation time and peak memory
as the project grows, and the start-up of wfgen-run on an up-to-date step
next to /bin/true."""

import os
import shlex
import shutil
import statistics
from typing import Callable, Dict, List, Optional

import measure
import writers
import workloads


def generation(build: str, sizes: List[int], reps: int, work: str, tmpfs: Optional[str],
               log: Callable[[str], None]) -> Dict:
    """A serial workflow of n commands (workload 1's shape). The first
    generation writes build.ninja and n step files; the second finds nothing
    to rewrite, so it is wfgen's own work without the file system's. The
    first generation is also timed on tmpfs, when there is one: creating
    files is what varies most between machines (docs/performance.md)."""
    wfgen = os.path.join(build, "wfgen")
    out = {}

    def once(d: str) -> measure.Timed:
        t = measure.run([wfgen, "project.yml"], d)
        if t.code != 0:
            raise RuntimeError(f"wfgen failed in {d}:\n{t.output[-2000:]}")
        return t

    for n in sizes:
        text = writers.project_yml(workloads.independent(n), groups=False)
        g = {"commands": n, "first": [], "first_cpu": [], "again": [], "again_cpu": [],
             "tmpfs": [], "max_rss_kb": 0}
        # The largest size is slow enough that one run says what it has to.
        for rep in range(reps if n <= 10000 else 1):
            for root in [work] + ([tmpfs] if tmpfs else []):
                d = os.path.join(root, f"w4-{n}-{rep}")  # never reused: see scenarios.py
                os.makedirs(d)
                with open(os.path.join(d, "project.yml"), "w") as f:
                    f.write(text)
                first = once(d)
                if root == tmpfs:
                    g["tmpfs"].append(first.seconds)
                    shutil.rmtree(d)  # memory, not disk: nothing measured waits on it
                    continue
                again = once(d)
                g["first"].append(first.seconds)
                g["first_cpu"].append(first.cpu)
                g["again"].append(again.seconds)
                g["again_cpu"].append(again.cpu)
                g["max_rss_kb"] = max(g["max_rss_kb"], first.max_rss_kb, again.max_rss_kb)
                g["build_ninja_bytes"] = os.path.getsize(os.path.join(d, "build.ninja"))
        out[str(n)] = g
        log(f"w4: generation of {n} commands: {statistics.median(g['first']):.3f} s, "
            f"{g['max_rss_kb'] / 1024:.1f} MB")
    return out


def wrapper_startup(build: str, work: str, count: int, log: Callable[[str], None]) -> Dict:
    """The exact command Ninja runs for an up-to-date step of a serial
    workflow, against /bin/true, alternating in rounds."""
    wl = workloads.independent(4)
    d = os.path.join(work, "w4-wrapper")
    os.makedirs(d)
    writers.populate(wl, d)
    with open(os.path.join(d, "project.yml"), "w") as f:
        f.write(writers.project_yml(wl, groups=False))
    for argv in ([os.path.join(build, "wfgen"), "project.yml"], ["ninja", "all"]):
        t = measure.run(argv, d)
        if t.code != 0:
            raise RuntimeError(f"{argv[0]} failed:\n{t.output}")
    first = measure.run(["ninja", "-t", "commands", "all"], d).output.splitlines()[0]
    argv = shlex.split(first)
    if argv[0] == "exec":
        argv = argv[1:]
    probe = measure.run(argv, d)
    if "nothing changed" not in probe.output:
        raise RuntimeError(f"the step is not up to date: {probe.output}")
    result = {"command": shlex.join(argv), "true": [], "true_cpu": [], "wrapper": [],
              "wrapper_cpu": []}
    rounds = 10
    for _ in range(rounds):
        for key, cmd in (("true", ["/bin/true"]), ("wrapper", argv)):
            wall, cpu = measure.spawn_loop(cmd, d, max(1, count // rounds))
            result[key] += wall
            result[key + "_cpu"] += cpu
    log(f"w4: wfgen-run up to date {statistics.median(result['wrapper']) * 1e3:.3f} ms, "
        f"/bin/true {statistics.median(result['true']) * 1e3:.3f} ms")
    return result
