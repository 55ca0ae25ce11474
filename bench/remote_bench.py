"""The remote-storage benchmark (issue 16), on a directory remote.

1. A model directory written by one step: recomputing it (the step runs)
   against `wfgen pull` after a `wfgen push` from another copy, and against
   the automatic pull (`wfgen --pull`, then `ninja all` fetches the step
   instead of running it). Each in a new copy of the project.
2. What `--pull` adds to a null build of ~100 commands: `wfgen --pull &&
   ninja all` when every step is up to date, against `wfgen && ninja all`.
   A counting stand-in for wfgen-transfer (WFGEN_TRANSFER) proves that the
   null build makes no remote access at all.
"""

import os
import shlex
import statistics
from typing import Callable, Dict, List

import measure
import report
import tools
import writers
import workloads


def _model_yml(remote: str, files: int, size: int) -> str:
    # One step that writes the model directory as fast as the machine can:
    # the cheapest recomputation a remote has to beat.
    code = (f"import os; os.makedirs('training/model', exist_ok=True); "
            f"[open(f'training/model/part-{{i:02}}.bin', 'wb').write(os.urandom({size})) "
            f"for i in range({files})]")
    return "\n".join([
        'title: "remote benchmark: a model directory"',
        "remotes:", f"  default: {remote}",
        "commands:", "  - name: train", "    script:",
        "      - " + writers._yaml_str(shlex.join(["/usr/bin/python3", "-c", code])),
        "    outputs: [training/model]",
        "workflows:", "  all: [train]", ""])


def _dir_bytes(d: str) -> int:
    return sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(d) for f in fs)


def _ninja_step_ms(d: str) -> int:
    """The step's own duration, as Ninja logged it (wrapper included): the
    longest edge (the others are phony or stamps)."""
    longest = 0
    with open(os.path.join(d, ".ninja_log")) as f:
        for line in f:
            parts = line.split("\t")
            if len(parts) == 5 and parts[0].isdigit():
                longest = max(longest, int(parts[1]) - int(parts[0]))
    return longest


def pull_vs_recompute(build: str, files: int, size: int, reps: int, work: str,
                      log: Callable[[str], None]) -> Dict:
    wfgen = os.path.join(build, "wfgen")
    remote = os.path.join(work, "remote-model")
    text = _model_yml(remote, files, size)
    res = {"files": files, "size": size, "recompute": [], "step": [], "pull": [], "auto_pull": []}

    def copy(name: str) -> str:
        d = os.path.join(work, name)
        os.makedirs(d)
        with open(os.path.join(d, "project.yml"), "w") as f:
            f.write(text)
        return d

    def must(t: measure.Timed, what: str, d: str, expect: str) -> measure.Timed:
        if t.code != 0 or expect not in t.output:
            raise RuntimeError(f"{what} in {d}: exit {t.code}, no {expect!r}:\n{t.output[-2000:]}")
        return t

    def recompute(rep: int) -> None:
        d = copy(f"remote-recompute-{rep}")
        must(measure.run([wfgen, "project.yml"], d), "wfgen", d, "")
        t = must(measure.run(["ninja", "all"], d), "ninja all", d, "Running command:")
        res["recompute"].append(t.seconds)
        res["step"].append(_ninja_step_ms(d) / 1e3)
        if rep == 0:
            t = must(measure.run([wfgen, "push"], d), "wfgen push", d, "pushed training/model")
            res["push"] = t.seconds
            res["object_bytes"] = _dir_bytes(remote)

    def pull(rep: int) -> None:
        d = copy(f"remote-pull-{rep}")
        t = must(measure.run([wfgen, "pull"], d), "wfgen pull", d, "pulled training/model")
        res["pull"].append(t.seconds)
        if _dir_bytes(os.path.join(d, "training/model")) != files * size:
            raise RuntimeError(f"wfgen pull in {d} did not restore {files * size} bytes")

    def auto_pull(rep: int) -> None:
        d = copy(f"remote-auto-{rep}")
        must(measure.run([wfgen, "project.yml", "--pull"], d), "wfgen --pull", d, "")
        t = must(measure.run(["ninja", "all"], d), "ninja all (--pull)", d, "pulled 'train'")
        res["auto_pull"].append(t.seconds)
        if _dir_bytes(os.path.join(d, "training/model")) != files * size:
            raise RuntimeError(f"the automatic pull in {d} did not restore {files * size} bytes")

    recompute(0)  # and push, once: the remote must hold the model first
    log(f"remote: recompute {report.fmt_time(res['recompute'][0])}, push {report.fmt_time(res['push'])}")
    runs = [pull, auto_pull, recompute]
    for rep in range(reps):
        for f in runs[rep % 3:] + runs[:rep % 3]:
            if f is recompute and rep == 0:
                continue
            f(rep)
        log(f"remote: repetition {rep + 1}/{reps}: pull {report.fmt_time(res['pull'][-1])}, "
            f"automatic pull {report.fmt_time(res['auto_pull'][-1])}, "
            f"recompute {report.fmt_time(res['recompute'][-1])}")
    return res


def _counting_transfer(build: str, work: str) -> Dict[str, str]:
    """An environment whose wfgen-transfer logs each run, then is the real one."""
    shim = os.path.join(work, "counting-transfer.sh")
    calls = os.path.join(work, "transfer-calls.log")
    with open(shim, "w") as f:
        f.write(f"#!/bin/sh\necho \"$1\" >> {shlex.quote(calls)}\n"
                f"exec {shlex.quote(os.path.join(build, 'wfgen-transfer'))} \"$@\"\n")
    os.chmod(shim, 0o755)
    return tools._env() | {"WFGEN_TRANSFER": shim, "_calls": calls}


def _calls(path: str) -> int:
    try:
        with open(path) as f:
            return sum(1 for _ in f)
    except FileNotFoundError:
        return 0


def null_build(build: str, steptool: str, n: int, reps: int, work: str,
               log: Callable[[str], None]) -> Dict:
    wfgen = os.path.join(build, "wfgen")
    remote = os.path.join(work, "remote-null")
    env = _counting_transfer(build, work)
    calls = env.pop("_calls")
    jobs = [workloads.Job(f"c{i}", [steptool, f"c{i}", "--in", f"in/f{i}", "--out", f"out/f{i}"],
                          [f"in/f{i}"], [f"out/f{i}"]) for i in range(n)]
    wl = workloads.Workload(key="remote-null", title="", jobs=jobs, stages=None,
                            files={f"in/f{i}": f"{i}\n" for i in range(n)}, steps=[],
                            runs_log=True, dirs=["out"])
    text = writers.project_yml(wl, groups=False) + f"remotes:\n  default: {remote}\n"
    res = {"commands": n, "first": {}, "null": {"pull": [], "plain": []},
           "null_ninja": {"pull": [], "plain": []}, "null_calls": [], "null_spawned": []}

    def copy(name: str) -> str:
        d = os.path.join(work, name)
        os.makedirs(d)
        writers.populate(wl, d)
        with open(os.path.join(d, "project.yml"), "w") as f:
            f.write(text)
        return d

    def build_once(d: str, flags: List[str]) -> Dict:
        before, runs_before = _calls(calls), tools.runs_logged(d)
        g = measure.run([wfgen, "project.yml", "--schedule=dataflow"] + flags, d, env)
        b = measure.run(["ninja", "-j2", "all"], d, env)
        for t, what in ((g, "wfgen"), (b, "ninja all")):
            if t.code != 0:
                raise RuntimeError(f"{what} {' '.join(flags)} in {d}: exit {t.code}\n{t.output[-2000:]}")
        return {"seconds": g.seconds + b.seconds, "ninja": b.seconds, "calls": _calls(calls) - before,
                "executed": tools.runs_logged(d) - runs_before, "spawned": len(tools.NINJA_STATUS.findall(b.output))}

    src = copy("remote-null-src")
    first = build_once(src, ["--push"])
    res["first"]["push"] = first
    pulled, plain = copy("remote-null-pulled"), copy("remote-null-plain")
    res["first"]["pull"] = build_once(pulled, ["--pull"])
    res["first"]["plain"] = build_once(plain, [])
    log(f"remote: {n} commands: first build --push {report.fmt_time(first['seconds'])}, "
        f"--pull {report.fmt_time(res['first']['pull']['seconds'])} "
        f"({res['first']['pull']['calls']} transfers, {res['first']['pull']['executed']} run), "
        f"plain {report.fmt_time(res['first']['plain']['seconds'])}")
    # Null builds are cheap and noisy: 5 of each per repetition, alternating.
    for rep in range(reps * 5):
        for key, d, flags in (("pull", pulled, ["--pull"]), ("plain", plain, []))[::1 if rep % 2 == 0 else -1]:
            r = build_once(d, flags)
            res["null"][key].append(r["seconds"])
            res["null_ninja"][key].append(r["ninja"])
            if key == "pull":
                res["null_calls"].append(r["calls"])
                res["null_spawned"].append(r["spawned"])
    log(f"remote: null build --pull {report.fmt_time(statistics.median(res['null']['pull']))}, "
        f"without {report.fmt_time(statistics.median(res['null']['plain']))}, "
        f"transfers {max(res['null_calls'])}")
    return res


def _cell(xs: List[float]) -> str:
    return f"{report.fmt_time(report._med(xs))} (min {report.fmt_time(min(xs))})" if xs else "-"


def markdown(r: Dict) -> List[str]:
    lines = []
    m = r.get("model")
    if m:
        total = m["files"] * m["size"]
        base = report._med(m["recompute"])
        lines += [f"### remote: a {total / (1 << 20):.0f} MiB model directory ({m['files']} files × "
                  f"{m['size'] / (1 << 20):g} MiB), directory remote", "",
                  "Each in a new copy of the project; ratios against recomputing (medians).", "",
                  "| how the model gets here | wall median (min) | / recompute |", "|---|---|---|",
                  f"| recompute: `ninja all` runs the step | {_cell(m['recompute'])} | 1.00x |",
                  f"| (the step alone, from .ninja_log) | {_cell(m['step'])} | "
                  f"{report._med(m['step']) / base:.2f}x |",
                  f"| `wfgen pull` | {_cell(m['pull'])} | {report._med(m['pull']) / base:.2f}x |",
                  f"| `wfgen --pull`, then `ninja all` pulls instead of running | {_cell(m['auto_pull'])} | "
                  f"{report._med(m['auto_pull']) / base:.2f}x |",
                  "", f"The `wfgen push` before (once) took {report.fmt_time(m['push'])}; the object "
                  f"(gzip'd tar, weasel's format) is {m['object_bytes'] / (1 << 20):.0f} MiB.", ""]
    nb = r.get("null")
    if nb:
        p, q = nb["null"]["pull"], nb["null"]["plain"]
        pn, qn = nb["null_ninja"]["pull"], nb["null_ninja"]["plain"]
        f = nb["first"]
        lines += [f"### remote: `--pull` on a null build ({nb['commands']} commands, every step up to date)", "",
                  "| build | `wfgen --pull && ninja all` | `wfgen && ninja all` | --pull / without |",
                  "|---|---|---|---|",
                  f"| null: wfgen + ninja | {_cell(p)} | {_cell(q)} | {report._med(p) / report._med(q):.2f}x |",
                  f"| null: ninja alone | {_cell(pn)} | {_cell(qn)} | {report._med(pn) / report._med(qn):.2f}x |",
                  f"| first build in a new copy | {report.fmt_time(f['pull']['seconds'])}: "
                  f"{f['pull']['executed']} run, {f['pull']['calls']} wfgen-transfer runs | "
                  f"{report.fmt_time(f['plain']['seconds'])}: {f['plain']['executed']} run | "
                  f"{f['pull']['seconds'] / f['plain']['seconds']:.2f}x |",
                  "", f"Remote accesses (wfgen-transfer runs) in the null builds with --pull: "
                  f"{max(nb['null_calls'])}; processes Ninja started: {max(nb['null_spawned'])}. "
                  f"The copy that pushed took {report.fmt_time(f['push']['seconds'])} "
                  f"({f['push']['calls']} wfgen-transfer runs).", ""]
    return lines


def targets(r: Dict) -> List[Dict]:
    out = []
    nb = r.get("null")
    if nb:
        c, s = max(nb["null_calls"]), max(nb["null_spawned"])
        out.append({"target": "a null build with --pull makes no remote access",
                    "measured": f"{c} wfgen-transfer runs, {s} processes", "met": c == 0 and s == 0})
    return out


def summary(r: Dict) -> str:
    parts = []
    m = r.get("model")
    if m:
        base = report._med(m["recompute"])
        parts.append(f"pull/recompute {report._med(m['pull']) / base:.2f}x, "
                     f"automatic {report._med(m['auto_pull']) / base:.2f}x")
    nb = r.get("null")
    if nb:
        parts.append(f"null build --pull {report._med(nb['null']['pull']) / report._med(nb['null']['plain']):.2f}x"
                     f" ({max(nb['null_calls'])} remote accesses)")
    return "remote " + ", ".join(parts)
