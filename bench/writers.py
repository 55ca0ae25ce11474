"""Render one workload for each tool: project.yml (wfgen, weasel),
build.ninja (raw Ninja), Makefile and Snakefile.

The raw files are what a careful user would write by hand: Ninja and Make
get one rule per command shape ($in/$out), stages become order-only
barriers (Snakemake has none: an `ancient()` marker file plays the part,
so that a rerun in one stage does not force the next).
"""

import collections
import json
import os
import shlex
from typing import Dict, List, Optional

from workloads import Job, Workload


def _yaml_str(s: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar.
    return json.dumps(s)


def project_yml(wl: Workload, groups: bool, pool: bool = True) -> str:
    """groups: write stages as `parallel:` groups (weasel rejects them, and
    for independent jobs wfgen's dataflow schedule is what runs them in
    parallel); otherwise one serial workflow. pool: set
    max_parallel_processes to the -j of the run (the default is the CPU
    count, which caps a dataflow run of sleeping commands for no reason)."""
    out = [f"title: {_yaml_str(wl.title)}"]
    if pool:
        out.append(f"max_parallel_processes: {wl.jobs_limit}")
    out.append("commands:")
    for j in wl.jobs:
        out += [f"  - name: {j.name}",
                "    script:",
                f"      - {_yaml_str(j.line)}",
                "    deps: [" + ", ".join(_yaml_str(d) for d in j.deps) + "]",
                "    outputs: [" + ", ".join(_yaml_str(o) for o in j.outputs) + "]"]
    out += ["workflows:", "  all:"]
    if groups and wl.stages:
        for stage in wl.stages:
            if len(stage) == 1:
                out.append(f"    - {stage[0]}")
            else:
                out.append("    - parallel: [" + ", ".join(stage) + "]")
    else:
        out += [f"    - {j.name}" for j in wl.jobs]
    return "\n".join(out) + "\n"


def _template(j: Job) -> Optional[str]:
    """The command with its single dep and output replaced by $in/$out, word
    by word (a substring match would turn in/f10 into $in0)."""
    if len(j.deps) != 1 or len(j.outputs) != 1:
        return None
    words = ["$out" if w == j.outputs[0] else "$in" if w == j.deps[0] else w for w in j.argv]
    return shlex.join(words).replace("'$out'", "$out").replace("'$in'", "$in")


def _stage_of(wl: Workload) -> Dict[str, int]:
    """Stage of each job, for the order-only barriers of staged workloads."""
    if not wl.raw_barriers:
        return {}
    return {n: s for s, names in enumerate(wl.stages or []) for n in names}


def _barriers(wl: Workload) -> List[List[str]]:
    return (wl.stages or [])[:-1] if wl.raw_barriers else []


def _ninja_path(p: str) -> str:
    return p.replace("$", "$$").replace(" ", "$ ").replace(":", "$:")


def build_ninja(wl: Workload) -> str:
    rules: Dict[str, str] = {}
    edges: List[str] = []
    stage_of = _stage_of(wl)
    templates = {j.name: _template(j) for j in wl.jobs}
    uses = collections.Counter(templates.values())
    for j in wl.jobs:
        t = templates[j.name]
        # A shape shared by several jobs gets a rule; a unique one carries
        # its command on the edge.
        shared = t is not None and uses[t] > 1
        line = f"build {' '.join(map(_ninja_path, j.outputs))}: "
        if shared:
            name = rules.setdefault(t, f"r{len(rules)}")
            line += f"{name} {' '.join(map(_ninja_path, j.deps))}"
        else:
            line += f"cmd {' '.join(map(_ninja_path, j.deps))}"
        s = stage_of.get(j.name, 0)
        if s > 0:
            line += f" || stage{s - 1}"
        if not shared:
            line += "\n  cmd = " + j.line.replace("$", "$$")
        edges.append(line)
    out = [f"rule {name}\n  command = {t}\n" for t, name in rules.items()]
    out.append("rule cmd\n  command = $cmd\n")
    out += edges
    outputs = {j.name: j.outputs for j in wl.jobs}
    for s, names in enumerate(_barriers(wl)):
        out.append(f"build stage{s}: phony " +
                   " ".join(_ninja_path(o) for n in names for o in outputs[n]))
    out.append("build all: phony " + " ".join(_ninja_path(o) for j in wl.jobs for o in j.outputs))
    out.append("default all")
    return "\n".join(out) + "\n"


def makefile(wl: Workload) -> str:
    stage_of = _stage_of(wl)
    barriers = [f"stage{s}" for s in range(len(_barriers(wl)))]
    out = [".PHONY: all " + " ".join(barriers),
           "all: " + " ".join(o for j in wl.jobs for o in j.outputs)]
    outputs = {j.name: j.outputs for j in wl.jobs}
    for s, names in enumerate(_barriers(wl)):
        out.append(f"stage{s}: " + " ".join(o for n in names for o in outputs[n]))
    for j in wl.jobs:
        s = stage_of.get(j.name, 0)
        order = f" | stage{s - 1}" if s > 0 else ""
        out.append(f"{' '.join(j.outputs)}: {' '.join(j.deps)}{order}")
        out.append("\t" + j.line.replace("$", "$$"))
    return "\n".join(out) + "\n"


def snakefile(wl: Workload) -> str:
    def q(s: str) -> str:
        return json.dumps(s)

    stage_of = _stage_of(wl)
    outputs = {j.name: j.outputs for j in wl.jobs}
    out = ["rule all:",
           "    input: [" + ", ".join(q(o) for j in wl.jobs for o in j.outputs) + "]", ""]
    for s, names in enumerate(_barriers(wl)):
        out += [f"rule stage{s}:",
                "    input: [" + ", ".join(q(o) for n in names for o in outputs[n]) + "]",
                f"    output: {q(f'.stages/{s}')}",
                f"    shell: {q(f'touch .stages/{s}')}", ""]
    for j in wl.jobs:
        deps = [q(d) for d in j.deps]
        s = stage_of.get(j.name, 0)
        if s > 0:
            deps.append(f"ancient({q(f'.stages/{s - 1}')})")
        # Snakemake formats shell commands: braces are placeholders.
        line = j.line.replace("{", "{{").replace("}", "}}")
        out += [f"rule {j.name}:",
                "    input: [" + ", ".join(deps) + "]",
                "    output: [" + ", ".join(q(o) for o in j.outputs) + "]",
                f"    shell: {q(line)}", ""]
    return "\n".join(out)


def populate(wl: Workload, d: str) -> None:
    """The files every tool starts from."""
    for rel in wl.dirs:
        os.makedirs(os.path.join(d, rel), exist_ok=True)
    for rel, text in wl.files.items():
        path = os.path.join(d, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)
