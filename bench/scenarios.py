"""Running a workload's scenario with every tool, alternating the tools
within each repetition so that a slow phase of a shared machine does not
land on one tool only."""

import os
from typing import Callable, Dict, List

import writers
from tools import Tool
from workloads import Workload


def run_workload(wl: Workload, tools: List[Tool], reps: int, slow_reps: int, work: str,
                 log: Callable[[str], None]) -> Dict:
    results: Dict[str, Dict] = {}
    active = []
    for t in tools:
        why = t.unavailable() or t.unsupported(wl)
        if why:
            log(f"{wl.key}: {t.label} skipped: {why}")
            results[t.key] = {"label": t.label, "skipped": why}
            continue
        results[t.key] = {"label": t.label, "generate": [],
                          "steps": {s.label: {"seconds": [], "cpu": [], "spawned": [], "executed": []}
                                    for s in wl.steps}}
        active.append(t)
    for rep in range(reps):
        order = active[rep % len(active):] + active[:rep % len(active)] if active else []
        for t in order:
            r = results[t.key]
            if "failed" in r or (t.slow and rep >= slow_reps):
                continue
            # A new directory each time, and nothing deleted until the end:
            # on ext4 without a journal, creating files shortly after many
            # were deleted is slow, and that would land on the next tool.
            d = os.path.join(work, f"{wl.key}-{t.key}-{rep}")
            os.makedirs(d)
            try:
                writers.populate(wl, d)
                generated = t.prepare(wl, d)
                if generated is not None:
                    r["generate"].append(generated)
                for step in wl.steps:
                    if step.change:
                        step.change(d)
                    for _ in range(step.repeat):
                        b = t.build(wl, d)
                        if b.code != 0:
                            raise RuntimeError(f"{step.label}: exit {b.code}\n{b.output[-2000:]}")
                        s = r["steps"][step.label]
                        s["seconds"].append(b.seconds)
                        s["cpu"].append(b.cpu)
                        s["spawned"].append(b.spawned)
                        s["executed"].append(b.executed)
            except Exception as e:  # one broken tool must not sink the whole run
                log(f"{wl.key}: {t.label} failed in {d}: {e}")
                r["failed"] = str(e)[-2000:]
        log(f"{wl.key}: repetition {rep + 1}/{reps} done")
    return results
