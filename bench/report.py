"""Turning results into the Markdown report, the target checks and the
one-line summary (the last line `./dev bench` prints)."""

import statistics
from typing import Dict, List, Optional, Tuple


def _med(xs: List[float]) -> float:
    return statistics.median(xs)


def fmt_time(s: float) -> str:
    if s >= 10:
        return f"{s:.1f} s"
    ms = s * 1e3
    return f"{ms:.1f} ms" if ms < 100 else f"{ms:.0f} ms"


def _count(xs: List[int]) -> str:
    lo, hi = min(xs), max(xs)
    return str(lo) if lo == hi else f"{lo}-{hi}"


def cell(step: Dict) -> str:
    if not step["seconds"]:
        return "-"
    return (f"{fmt_time(_med(step['seconds']))} (min {fmt_time(min(step['seconds']))})"
            f" · {_count(step['spawned'])}/{_count(step['executed'])}")


def ratio(tools: Dict, a: str, b: str, step: str, what: str = "seconds") -> Optional[Tuple[float, float]]:
    """(median / median, min / min) of a over b."""
    try:
        x, y = tools[a]["steps"][step][what], tools[b]["steps"][step][what]
    except KeyError:
        return None
    if not x or not y or not min(y):
        return None
    return _med(x) / _med(y), min(x) / min(y)


def workload_table(w: Dict, ratio_of: str = "wfgen", base: str = "ninja") -> List[str]:
    tools = w["tools"]
    keys = [k for k in tools if "steps" in tools[k] and "failed" not in tools[k]]
    lines = [f"### {w['key']}: {w['title']} (-j{w['jobs_limit']})", ""]
    head = ["build"] + [tools[k]["label"] for k in keys]
    has_ratio = ratio_of in keys and base in keys
    if has_ratio:
        head.append(f"{tools[ratio_of]['label']} / {tools[base]['label']}")
    lines += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    steps = list(tools[keys[0]]["steps"]) if keys else []
    for s in steps:
        row = [s] + [cell(tools[k]["steps"][s]) for k in keys]
        if has_ratio:
            r = ratio(tools, ratio_of, base, s)
            c = ratio(tools, ratio_of, base, s, "cpu")
            row.append((f"{r[0]:.2f}x (min {r[1]:.2f}x)" if r else "-") +
                       (f", CPU {c[0]:.2f}x" if c else ""))
        lines.append("| " + " | ".join(row) + " |")
    for k in keys:
        g = tools[k].get("generate")
        if g:
            lines.append(f"\n{tools[k]['label']}: generating build.ninja (once, not in the times above) "
                         f"took {fmt_time(_med(g))}.")
    for k, t in tools.items():
        if "skipped" in t:
            lines.append(f"\n{t['label']}: skipped ({t['skipped']})")
        elif "failed" in t:
            lines.append(f"\n{t['label']}: FAILED ({t['failed'].splitlines()[0]})")
    lines.append("")
    return lines


def w3_table(w: Dict) -> List[str]:
    tools = w["tools"]
    cp, staged = w["bounds"]["critical_path"], w["bounds"]["staged"]
    lines = [f"### w3: {w['title']} (-j{w['jobs_limit']})", "",
             "| schedule | makespan median (min) | / critical path |", "|---|---|---|"]
    for k, t in tools.items():
        if "steps" not in t or "failed" in t:
            continue
        xs = t["steps"]["full"]["seconds"]
        label = t["label"] if k.startswith("wfgen") else f"{t['label']} (dataflow)"
        if xs:
            lines.append(f"| {label} | {fmt_time(_med(xs))} ({fmt_time(min(xs))}) | "
                         f"{_med(xs) / cp:.2f}x |")
    lines += [f"| critical-path lower bound | {fmt_time(cp)} | 1.00x |",
              f"| best possible staged | {fmt_time(staged)} | {staged / cp:.2f}x |", ""]
    return lines


def scale_tables(scale: Dict) -> List[str]:
    lines = []
    gen = scale.get("generation")
    if gen:
        lines += ["### w4: generation (`wfgen project.yml`, serial workflow of n commands)", "",
                  "| commands | first generation: wall median (min), CPU | per command (wall, CPU) | "
                  "first, on tmpfs | again, nothing to write: wall, CPU | peak RSS | build.ninja |",
                  "|---|---|---|---|---|---|---|"]
        for n, g in gen.items():
            first, cpu = _med(g["first"]), _med(g["first_cpu"])
            tmpfs = fmt_time(_med(g["tmpfs"])) if g.get("tmpfs") else "-"
            lines.append(f"| {int(n):,} | {fmt_time(first)} ({fmt_time(min(g['first']))}), {fmt_time(cpu)} | "
                         f"{first / g['commands'] * 1e6:.0f} µs, {cpu / g['commands'] * 1e6:.0f} µs | "
                         f"{tmpfs} | {fmt_time(_med(g['again']))}, {fmt_time(_med(g['again_cpu']))} | "
                         f"{g['max_rss_kb'] / 1024:.1f} MB | {g['build_ninja_bytes'] / 1e6:.1f} MB |")
        lines.append("")
    wr = scale.get("wrapper")
    if wr:
        t, w = wr["true"], wr["wrapper"]
        tc, wc = wr["true_cpu"], wr["wrapper_cpu"]
        lines += ["### w4: wrapper start-up (an up-to-date step, exactly as Ninja runs it)", "",
                  "| process | wall median | wall min | CPU median |", "|---|---|---|---|",
                  f"| /bin/true | {_med(t) * 1e3:.3f} ms | {min(t) * 1e3:.3f} ms | {_med(tc) * 1e3:.3f} ms |",
                  f"| wfgen-run, step up to date | {_med(w) * 1e3:.3f} ms | {min(w) * 1e3:.3f} ms | {_med(wc) * 1e3:.3f} ms |",
                  f"| difference | {(_med(w) - _med(t)) * 1e3:.3f} ms | {(min(w) - min(t)) * 1e3:.3f} ms | "
                  f"{(_med(wc) - _med(tc)) * 1e3:.3f} ms |",
                  "", f"{len(w)} runs each, alternating in rounds; command: `{wr['command']}`", ""]
    return lines


def growth_table(g: Dict) -> List[str]:
    lines = ["### weasel: serial workflow of n `touch` commands (weasel rewrites project.lock after every command)", "",
             "| commands | weasel full | weasel null | wfgen (serial) full | wfgen (serial) null |",
             "|---|---|---|---|---|"]
    for n, w in g.items():
        tools = w["tools"]
        row = [n]
        for k in ("weasel", "wfgen-staged"):
            for s in ("full", "null"):
                t = tools.get(k, {})
                xs = t.get("steps", {}).get(s, {}).get("seconds", [])
                row.append(fmt_time(_med(xs)) if xs else "-")
        lines.append("| " + " | ".join(row) + " |")
    lines.append("")
    return lines


def targets(res: Dict) -> List[Dict]:
    """Each target of issue 7, with what was measured and whether it is met."""
    out = []
    wl = res.get("workloads", {})

    def add(target, measured, met):
        out.append({"target": target, "measured": measured, "met": bool(met)})

    for key in ("w1", "w1g"):
        w = wl.get(key)
        if not w:
            continue
        tools = w["tools"]
        if "steps" not in tools.get("wfgen", {}) or "steps" not in tools.get("ninja", {}):
            continue
        st = tools["wfgen"]["steps"]
        r = ratio(tools, "wfgen", "ninja", "full")
        if r:
            add(f"{key} full build within 1.5x raw Ninja", f"{r[0]:.2f}x", r[0] <= 1.5)
        r = ratio(tools, "wfgen", "ninja", "null")
        if r:
            sp = max(st["null"]["spawned"])
            add(f"{key} null build within 1.2x raw Ninja, no process", f"{r[0]:.2f}x, {sp} spawned",
                r[0] <= 1.2 and sp == 0)
        if st["touch"]["spawned"]:
            sp, sp2 = max(st["touch"]["spawned"]), max(st["null after touch"]["spawned"])
            add(f"{key} touch: at most 1 process per touched input, then none",
                f"{sp} spawned, then {sp2}", sp <= 1 and sp2 == 0)
    w = wl.get("w2")
    if w and "steps" in w["tools"].get("wfgen", {}):
        ex = w["tools"]["wfgen"]["steps"]["edit (cutoff)"]["executed"]
        if ex:
            others = ", ".join(
                f"{t['label']} {_count(t['steps']['edit (cutoff)']['executed'])}"
                for k, t in w["tools"].items() if k != "wfgen" and t.get("steps", {}).get("edit (cutoff)", {}).get("executed"))
            add("w2 executes exactly 1 command after the edit",
                f"wfgen {_count(ex)} ({others})", max(ex) == 1 and min(ex) == 1)
    w = wl.get("w3")
    if w and "steps" in w["tools"].get("wfgen-dataflow", {}):
        xs = w["tools"]["wfgen-dataflow"]["steps"]["full"]["seconds"]
        cp = w["bounds"]["critical_path"]
        if xs:
            staged = w["tools"].get("wfgen-staged", {}).get("steps", {}).get("full", {}).get("seconds")
            extra = f", staged {_med(staged) / cp:.2f}x" if staged else ""
            add("w3 dataflow within 10% of the critical-path bound",
                f"{_med(xs) / cp:.2f}x{extra}", _med(xs) <= 1.1 * cp)
    gen = res.get("scale", {}).get("generation", {})
    if gen:
        sizes = sorted(gen, key=int)
        g10 = gen.get("10000")
        if g10:
            on_tmpfs = f", {_med(g10['tmpfs']):.2f} s on tmpfs" if g10.get("tmpfs") else ""
            add("generation of 10k commands under 1 s and 100 MB",
                f"{_med(g10['first']):.2f} s{on_tmpfs}, {g10['max_rss_kb'] / 1024:.0f} MB",
                _med(g10["first"]) < 1 and g10["max_rss_kb"] < 100 * 1024)
        if "100000" in gen:
            add("generation of 100k commands completes", f"{_med(gen['100000']['first']):.2f} s", True)
        if len(sizes) >= 3:
            per = [_med(gen[n]["first"]) / int(n) for n in sizes]
            # Fixed costs make the smallest size look dear per command; what
            # must not happen is the cost per command rising with size.
            add("generation grows linearly (cost per command does not rise)",
                " → ".join(f"{p * 1e6:.1f} µs" for p in per), per[-1] <= 1.5 * min(per))
    wr = res.get("scale", {}).get("wrapper")
    if wr:
        d = (_med(wr["wrapper"]) - _med(wr["true"])) * 1e3
        add("wfgen-run on an up-to-date step under 2 ms more than /bin/true", f"+{d:.2f} ms", d < 2)
    return out


def targets_table(ts: List[Dict]) -> List[str]:
    lines = ["### targets", "", "| target | measured | met |", "|---|---|---|"]
    for t in ts:
        lines.append(f"| {t['target']} | {t['measured']} | {'yes' if t['met'] else '**no**'} |")
    lines.append("")
    return lines


def summary(res: Dict, extra: List[str] = ()) -> str:
    """extra: the parts of the benchmarks that are not against raw Ninja
    (assets, remote), after those that are."""
    parts = []
    wl = res.get("workloads", {})
    for key in ("w1", "w1g"):
        w = wl.get(key)
        if not w:
            continue
        rs = []
        for s in ("full", "null", "touch", "edit"):
            r = ratio(w["tools"], "wfgen", "ninja", s)
            if r:
                rs.append(f"{s} {r[0]:.2f}x")
        if rs:
            parts.append(f"{key} " + ", ".join(rs))
    w = wl.get("w2")
    if w:
        ex = [f"{t['label']} {_count(t['steps']['edit (cutoff)']['executed'])}"
              for t in w["tools"].values()
              if t.get("steps", {}).get("edit (cutoff)", {}).get("executed")]
        if ex:
            parts.append("w2 commands rerun: " + ", ".join(ex))
    w = wl.get("w3")
    if w:
        cp = w["bounds"]["critical_path"]
        rs = [f"{t['label']} {_med(t['steps']['full']['seconds']) / cp:.2f}x"
              for t in w["tools"].values() if t.get("steps", {}).get("full", {}).get("seconds")]
        if rs:
            parts.append("w3 vs critical path: " + ", ".join(rs))
    gen = res.get("scale", {}).get("generation", {})
    if gen:
        parts.append("generation " + ", ".join(
            f"{int(n) // 1000}k {_med(g['first']):.2f} s/{g['max_rss_kb'] / 1024:.0f} MB"
            if int(n) >= 1000 else f"{n} {_med(g['first']):.2f} s"
            for n, g in gen.items()))
    wr = res.get("scale", {}).get("wrapper")
    if wr:
        parts.append(f"wfgen-run +{(_med(wr['wrapper']) - _med(wr['true'])) * 1e3:.2f} ms over /bin/true")
    parts += extra
    ts = res.get("targets", [])
    met = sum(t["met"] for t in ts)
    return f"summary (medians; ratios against raw Ninja): {'; '.join(parts)}; targets met {met}/{len(ts)}"


def markdown(res: Dict, extra: List[str] = ()) -> str:
    """extra: more sections (Markdown lines), before the targets."""
    m = res["meta"]
    lines = ["# wfgen benchmarks", "",
             f"{m['date']}, {m['cpus']} CPUs, load average {m['load_before']} before and "
             f"{m['load_after']} after; ninja {m['ninja']}, wfgen {m['commit']}; "
             f"{m['reps']} repetitions ({m['slow_reps']} for Snakemake and weasel).", "",
             "Cells: median wall time (min) · processes spawned / workload commands executed.", ""]
    wl = res["workloads"]
    for key in ("w1", "w1g", "w2"):
        if key in wl:
            lines += workload_table(wl[key])
    if "w3" in wl:
        lines += w3_table(wl["w3"])
    if res.get("scale"):
        lines += scale_tables(res["scale"])
    if res.get("weasel_growth"):
        lines += growth_table(res["weasel_growth"])
    lines += extra
    lines += targets_table(res.get("targets", []))
    return "\n".join(lines)
