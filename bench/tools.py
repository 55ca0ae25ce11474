"""The tools under comparison: how each one is set up in a directory, how it
builds, and how many processes it started and commands it ran.

"spawned" counts the processes a scheduler started for the build (Ninja's
status lines: wrappers and shells; Make's and Snakemake's jobs);
"executed" counts the workload's commands that really ran.
"""

import dataclasses
import os
import re
import shutil
import subprocess
from typing import Optional

import measure
import writers
from workloads import Workload


@dataclasses.dataclass
class Build:
    seconds: float
    cpu: float
    spawned: int
    executed: int
    code: int
    output: str


NINJA_STATUS = re.compile(r"^\[\d+/\d+\] ", re.M)


def _env() -> dict:
    env = dict(os.environ)
    # Ninja's status format is what we count; a Make running us must not
    # pass its flags down to the Make under test.
    env["NINJA_STATUS"] = "[%f/%t] "
    for k in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL"):
        env.pop(k, None)
    return env


def runs_logged(d: str) -> int:
    try:
        with open(os.path.join(d, "runs.log")) as f:
            return sum(1 for _ in f)
    except FileNotFoundError:
        return 0


class Tool:
    key = ""
    label = ""
    slow = False  # runs only the first few repetitions

    def unavailable(self) -> Optional[str]:
        return None

    def unsupported(self, wl: Workload) -> Optional[str]:
        return None

    def prepare(self, wl: Workload, d: str) -> Optional[float]:
        """Writes the tool's input; returns generation seconds, if any."""
        raise NotImplementedError

    def command(self, wl: Workload) -> list:
        raise NotImplementedError

    def count(self, wl: Workload, output: str) -> tuple:
        raise NotImplementedError

    def build(self, wl: Workload, d: str) -> Build:
        before = runs_logged(d) if wl.runs_log else 0
        t = measure.run(self.command(wl), d, _env())
        spawned, executed = self.count(wl, t.output)
        if wl.runs_log:
            executed = runs_logged(d) - before
        return Build(t.seconds, t.cpu, spawned, executed, t.code, t.output)


class RawNinja(Tool):
    key, label = "ninja", "raw Ninja"
    # In workload 3 the raw tools run by dataflow (no barriers): the
    # reference for wfgen's dataflow schedule.

    def prepare(self, wl, d):
        with open(os.path.join(d, "build.ninja"), "w") as f:
            f.write(writers.build_ninja(wl))
        return None

    def command(self, wl):
        return ["ninja", f"-j{wl.jobs_limit}", "all"]

    def count(self, wl, output):
        n = len(NINJA_STATUS.findall(output))
        return n, n


class Wfgen(Tool):
    """schedule None: parallel groups for staged workloads, dataflow for
    independent ones (a plain workflow is serial)."""

    def __init__(self, build_dir: str, schedule: Optional[str] = None):
        self.bin = os.path.join(build_dir, "wfgen")
        self.schedule = schedule
        self.key = "wfgen" if schedule is None else f"wfgen-{schedule}"
        self.label = "wfgen" if schedule is None else f"wfgen {schedule}"

    def unavailable(self):
        return None if os.access(self.bin, os.X_OK) else f"{self.bin} is not built"

    def prepare(self, wl, d):
        groups = self.schedule != "dataflow" and wl.stages is not None
        with open(os.path.join(d, "project.yml"), "w") as f:
            f.write(writers.project_yml(wl, groups=groups))
        argv = [self.bin, "project.yml"]
        if self.schedule == "dataflow" or (self.schedule is None and wl.stages is None):
            argv.append("--schedule=dataflow")
        t = measure.run(argv, d, _env())
        if t.code != 0:
            raise RuntimeError(f"wfgen failed in {d}:\n{t.output}")
        return t.seconds

    def command(self, wl):
        return ["ninja", f"-j{wl.jobs_limit}", "all"]

    def count(self, wl, output):
        return len(NINJA_STATUS.findall(output)), output.count("Running command: ")


class Make(Tool):
    key, label = "make", "Make"

    def unavailable(self):
        return None if shutil.which("make") else "make is not installed"

    def prepare(self, wl, d):
        with open(os.path.join(d, "Makefile"), "w") as f:
            f.write(writers.makefile(wl))
        return None

    def command(self, wl):
        # -r: no built-in implicit rules, as a Makefile for a pipeline would say.
        return ["make", "-r", f"-j{wl.jobs_limit}", "all"]

    def count(self, wl, output):
        lines = {j.line for j in wl.jobs}
        n = sum(1 for line in output.splitlines() if line in lines)
        return n, n


class Snakemake(Tool):
    key, label = "snakemake", "Snakemake"
    slow = True

    def unavailable(self):
        if shutil.which("snakemake"):
            return None
        return "snakemake is not installed (`apt-get install snakemake`; ./dev bench tries)"

    def prepare(self, wl, d):
        with open(os.path.join(d, "Snakefile"), "w") as f:
            f.write(writers.snakefile(wl))
        return None

    def command(self, wl):
        return ["snakemake", f"-j{wl.jobs_limit}", "--nocolor", "all"]

    def count(self, wl, output):
        names = {j.name for j in wl.jobs}
        rules = re.findall(r"^\s*(?:local)?rule (\S+):$", output, re.M)
        return (sum(1 for r in rules if r != "all"), sum(1 for r in rules if r in names))


class Weasel(Tool):
    """weasel itself (../shared/fidelity), serial: it has no parallel groups."""
    key, label = "weasel", "weasel"
    slow = True

    def __init__(self, shared: str):
        self.shared = shared
        self.bin = os.path.join(shared, "fidelity", "bin", "weasel")
        self._ready = None

    def unavailable(self):
        if self._ready is None:
            self._ready = self._setup()
        return self._ready or None

    def _setup(self) -> str:
        setup = os.path.join(self.shared, "fidelity", "setup.sh")
        if not os.path.exists(setup):
            return f"{self.shared}/fidelity is absent"
        r = subprocess.run(["bash", setup], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        if r.returncode != 0 or not os.access(self.bin, os.X_OK):
            return "../shared/fidelity/setup.sh failed: " + r.stdout.decode(errors="replace")[-300:]
        return ""

    def unsupported(self, wl):
        return None

    def prepare(self, wl, d):
        with open(os.path.join(d, "project.yml"), "w") as f:
            f.write(writers.project_yml(wl, groups=False, pool=False))
        return None

    def command(self, wl):
        return [self.bin, "run", "all", "."]

    def count(self, wl, output):
        n = output.count("Running command: ")
        return n, n
