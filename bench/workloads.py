"""The benchmark workloads, as tool-neutral job graphs.

A workload is a list of jobs (argv, deps, outputs), optionally split into
stages (wfgen's `parallel:` groups), the files that exist before the first
build, and the scenario: what to change before each measured build. The
writers in writers.py render one workload for every tool, so all tools run
exactly the same commands.
"""

import dataclasses
import os
import shlex
from typing import Callable, Dict, List, Optional


@dataclasses.dataclass
class Job:
    name: str
    argv: List[str]
    deps: List[str]
    outputs: List[str]

    @property
    def line(self) -> str:
        return shlex.join(self.argv)


@dataclasses.dataclass
class Step:
    """One measured build, after `change` (None: build as things are)."""
    label: str
    change: Optional[Callable[[str], None]] = None
    # Null builds are cheap and noisy: they are repeated within a repetition.
    repeat: int = 1


@dataclasses.dataclass
class Workload:
    key: str          # w1, w1g, ...
    title: str
    jobs: List[Job]
    stages: Optional[List[List[str]]]  # job names per stage; None: independent
    files: Dict[str, str]
    steps: List[Step]
    jobs_limit: int = 2
    # Jobs are steptool runs: count executions from runs.log, exactly.
    runs_log: bool = False
    # Raw Ninja, Make and Snakemake get the stages as order-only barriers
    # (the same schedule as wfgen's groups); False: they run by dataflow.
    raw_barriers: bool = True
    dirs: List[str] = dataclasses.field(default_factory=list)


def touch(rel: str) -> Callable[[str], None]:
    """Sets the mtime to now without new bytes (never to a future time: an
    input newer than what the build writes next would look changed again)."""
    def change(d: str) -> None:
        os.utime(os.path.join(d, rel))
    return change


def write(rel: str, text: str) -> Callable[[str], None]:
    def change(d: str) -> None:
        with open(os.path.join(d, rel), "w") as f:
            f.write(text)
    return change


def _touch_jobs(n: int) -> List[Job]:
    return [Job(f"c{i}", ["touch", f"out/f{i}"], [f"in/f{i}"], [f"out/f{i}"])
            for i in range(n)]


def _incremental_steps(n: int, null_repeat: int) -> List[Step]:
    # The touched and edited input is in the middle, so no tool benefits from
    # it coming first or last.
    k = n // 2
    return [
        Step("full"),
        Step("null", repeat=null_repeat),
        Step("touch", touch(f"in/f{k}")),
        Step("null after touch", repeat=null_repeat),
        Step("edit", write(f"in/f{k}", f"{k} edited\n")),
        Step("null after edit", repeat=null_repeat),
    ]


def independent(n: int, null_repeat: int = 5) -> Workload:
    """Workload 1: n cheap commands, none reading another's output."""
    return Workload(
        key="w1", title=f"{n} independent `touch out/fI` commands",
        jobs=_touch_jobs(n), stages=None,
        files={f"in/f{i}": f"{i}\n" for i in range(n)},
        steps=_incremental_steps(n, null_repeat), dirs=["out"])


def grouped(n: int, group_size: int, null_repeat: int = 5) -> Workload:
    """Workload 1 as parallel groups: stages of group_size, run in order."""
    jobs = _touch_jobs(n)
    stages = [[j.name for j in jobs[i:i + group_size]] for i in range(0, n, group_size)]
    return Workload(
        key="w1g", title=f"the same {n} commands as {len(stages)} parallel groups of {group_size}",
        jobs=jobs, stages=stages,
        files={f"in/f{i}": f"{i}\n" for i in range(n)},
        steps=_incremental_steps(n, null_repeat), dirs=["out"])


def chain(n: int, steptool: str) -> Workload:
    """Workload 2: each command reads the previous output. The first reads
    only the first line of its input (`--head 1`), so editing the second line
    reruns it and it writes the same bytes: the rest need not run."""
    jobs = [Job("c0", [steptool, "c0", "--in", "in/seed", "--head", "1", "--out", "out/0"],
                ["in/seed"], ["out/0"])]
    for i in range(1, n):
        jobs.append(Job(f"c{i}", [steptool, f"c{i}", "--in", f"out/{i - 1}", "--out", f"out/{i}"],
                        [f"out/{i - 1}"], [f"out/{i}"]))
    return Workload(
        key="w2", title=f"a chain of {n} commands; the first input changes, the first output does not",
        jobs=jobs, stages=None,
        files={"in/seed": "first line\nsecond line 0\n"},
        steps=[Step("full"), Step("null"),
               Step("edit (cutoff)", write("in/seed", "first line\nsecond line 1\n"))],
        runs_log=True, dirs=["out"])


# Stage by stage, the slow command moves to another lane: staged execution
# waits for the slowest member of every stage, dataflow only for each lane.
STAGE_SLEEPS = [
    [0.80, 0.10, 0.20, 0.10],
    [0.10, 0.80, 0.10, 0.20],
    [0.20, 0.10, 0.80, 0.10],
    [0.10, 0.20, 0.10, 0.80],
]


def stages(steptool: str, sleeps: List[List[float]] = STAGE_SLEEPS, jobs_limit: int = 4) -> Workload:
    """Workload 3: 4 stages x 4 lanes; lane j of stage s reads lane j of stage s-1."""
    jobs, names = [], []
    for s, row in enumerate(sleeps):
        names.append([])
        for lane, sec in enumerate(row):
            name = f"s{s}l{lane}"
            deps = [f"out/s{s - 1}l{lane}"] if s else [f"in/l{lane}"]
            jobs.append(Job(name, [steptool, name, "--in", deps[0], "--out", f"out/{name}",
                                   "--sleep", f"{sec:g}"], deps, [f"out/{name}"]))
            names[-1].append(name)
    return Workload(
        key="w3", title=f"{len(sleeps)} stages x {len(sleeps[0])} commands with uneven sleeps",
        jobs=jobs, stages=names,
        files={f"in/l{lane}": f"lane {lane}\n" for lane in range(len(sleeps[0]))},
        steps=[Step("full")], jobs_limit=jobs_limit, runs_log=True, dirs=["out"],
        raw_barriers=False)


def critical_path(sleeps: List[List[float]]) -> float:
    """Lower bound of any schedule with at least one slot per lane."""
    return max(sum(row[lane] for row in sleeps) for lane in range(len(sleeps[0])))


def staged_bound(sleeps: List[List[float]]) -> float:
    """What a perfect staged schedule takes: each stage's slowest member."""
    return sum(max(row) for row in sleeps)
