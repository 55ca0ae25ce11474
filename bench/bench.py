"""wfgen's benchmarks: bench/run.sh BUILD_DIR [options] (docs/performance.md).

Writes results.md and results.json into --out and prints the Markdown; the
last line printed is the summary of ratios against raw Ninja.
"""

import argparse
import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import assets_bench  # noqa: E402
import remote_bench  # noqa: E402
import report  # noqa: E402
import scale  # noqa: E402
import scenarios  # noqa: E402
import tools  # noqa: E402
import workloads  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ALL = ("w1", "w1g", "w2", "w3", "w4", "weasel", "assets", "remote")


def log(msg: str) -> None:
    print(f"[bench] {msg}", file=sys.stderr, flush=True)


def load() -> str:
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def output_of(argv, cwd=ROOT) -> str:
    try:
        return subprocess.run(argv, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                              text=True).stdout.strip()
    except OSError:
        return "?"


def find_shared() -> str:
    """../shared beside the checkout, or beside a worktree's parent (as
    CMake looks for it); the first candidate when there is none."""
    candidates = [os.path.join(os.path.dirname(ROOT), "shared"),
                  os.path.join(os.path.dirname(os.path.dirname(ROOT)), "shared")]
    return next((c for c in candidates if os.path.isdir(c)), candidates[0])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", required=True, help="the build directory (wfgen, wfgen-run, tests/steptool)")
    ap.add_argument("--out", help="where results.md and results.json go (default BUILD/bench)")
    ap.add_argument("--reps", type=int, default=5, help="repetitions of each workload (default 5)")
    ap.add_argument("--slow-reps", type=int, default=2, help="repetitions for Snakemake and weasel (default 2)")
    ap.add_argument("--only", default=",".join(ALL), help="workloads to run: " + ",".join(ALL))
    ap.add_argument("--tools", default="wfgen,ninja,make,snakemake,weasel",
                    help="tools to compare (default: all)")
    ap.add_argument("--quick", action="store_true",
                    help="tiny sizes and one repetition: checks the harness, measures nothing")
    ap.add_argument("--work", help="where the scratch directories go (default: a new one in $TMPDIR)")
    ap.add_argument("--keep", action="store_true", help="keep the scratch directories")
    a = ap.parse_args()

    build = os.path.abspath(a.build)
    out_dir = os.path.abspath(a.out or os.path.join(build, "bench"))
    os.makedirs(out_dir, exist_ok=True)
    only = set(a.only.split(","))
    wanted = set(a.tools.split(","))
    steptool = os.path.join(build, "tests", "steptool")
    for exe in (os.path.join(build, "wfgen"), steptool):
        if not os.access(exe, os.X_OK):
            log(f"{exe} is missing: build first (./dev build)")
            return 2
    if not shutil.which("ninja"):
        log("ninja is not installed")
        return 2
    if a.quick:
        a.reps, a.slow_reps = 1, 1
    n1, group, chain_n = (20, 5, 5) if a.quick else (500, 10, 50)
    sizes = [100, 200, 400] if a.quick else [1000, 10000, 100000]
    growth = [5, 10] if a.quick else [50, 100, 200]
    # assets: count, bytes each, limit_rate per connection (bytes/s);
    # remote: model files, bytes each; commands of the null build.
    assets_size = (8, 2 << 20, 5 << 20) if a.quick else (8, 20 << 20, 50 << 20)
    model_size = (4, 1 << 20) if a.quick else (20, 10 << 20)
    null_n = 10 if a.quick else 100
    # Each repetition writes hundreds of MB that stay until the end.
    big_reps = 1 if a.quick else min(a.reps, 3)
    sleeps = [[x / 10 for x in row] for row in workloads.STAGE_SLEEPS] if a.quick else workloads.STAGE_SLEEPS

    work = tempfile.mkdtemp(prefix="wfgen-bench-", dir=a.work)
    scratch = [work]
    shared = find_shared()
    everyone = [tools.RawNinja(), tools.Wfgen(build), tools.Make(), tools.Snakemake(),
                tools.Weasel(shared)]
    chosen = [t for t in everyone if t.key in wanted]
    # weasel runs serially and rereads its lock file for every command: at
    # 500 commands one build takes minutes. It gets its own, smaller table.
    parallel_tools = [t for t in chosen if t.key != "weasel"]
    res = {"meta": {"date": datetime.datetime.now().isoformat(timespec="seconds"),
                    "cpus": os.cpu_count(), "load_before": load(), "reps": a.reps,
                    "slow_reps": a.slow_reps, "quick": a.quick,
                    "ninja": output_of(["ninja", "--version"]),
                    "commit": output_of(["git", "rev-parse", "--short", "HEAD"]) +
                              (" (modified)" if output_of(["git", "status", "--porcelain", "--", "generator", "runtime"]) else ""),
                    "make": output_of(["make", "--version"]).split("\n")[0],
                    "snakemake": output_of(["snakemake", "--version"]) if shutil.which("snakemake") else None},
           "workloads": {}, "failed": {}}
    started = time.time()
    try:
        plan = []
        if "w1" in only:
            plan.append((workloads.independent(n1), parallel_tools))
        if "w1g" in only:
            plan.append((workloads.grouped(n1, group), parallel_tools))
        if "w2" in only:
            plan.append((workloads.chain(chain_n, steptool), chosen))
        if "w3" in only:
            w3_tools = [tools.Wfgen(build, "staged"), tools.Wfgen(build, "dataflow")]
            w3_tools += [t for t in chosen if t.key in ("ninja", "make")]
            plan.append((workloads.stages(steptool, sleeps), w3_tools))
        for wl, ts in plan:
            log(f"{wl.key}: {wl.title}")
            r = scenarios.run_workload(wl, ts, a.reps, a.slow_reps, work, log)
            entry = {"key": wl.key, "title": wl.title, "jobs_limit": wl.jobs_limit, "tools": r}
            if wl.key == "w3":
                entry["bounds"] = {"critical_path": workloads.critical_path(sleeps),
                                   "staged": workloads.staged_bound(sleeps)}
            res["workloads"][wl.key] = entry
        if "w4" in only:
            tmpfs = None
            if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK):
                tmpfs = tempfile.mkdtemp(prefix="wfgen-bench-", dir="/dev/shm")
                scratch.append(tmpfs)
            res["scale"] = {"generation": scale.generation(build, sizes, a.reps, work, tmpfs, log),
                            "wrapper": scale.wrapper_startup(build, work, 200 if a.quick else 2000, log)}
        if "weasel" in only and "weasel" in wanted:
            weasel = next(t for t in everyone if t.key == "weasel")
            why = weasel.unavailable()
            if why:
                log(f"weasel: skipped: {why}")
                res["weasel_skipped"] = why
            else:
                res["weasel_growth"] = {}
                for n in growth:
                    wl = workloads.independent(n, null_repeat=1)
                    wl.key, wl.jobs_limit = f"weasel-{n}", 1
                    wl.steps = wl.steps[:2]
                    log(f"weasel: {n} commands")
                    r = scenarios.run_workload(wl, [weasel, tools.Wfgen(build, "staged")],
                                               1, 1, work, log)
                    res["weasel_growth"][str(n)] = {"tools": r}
        # One broken benchmark must not sink the others' results.
        if "assets" in only:
            log(f"assets: {assets_size[0]} x {assets_size[1] >> 20} MiB")
            try:
                res["assets"] = assets_bench.run(build, shared, "weasel" in wanted, *assets_size,
                                                 big_reps, work, log)
            except Exception as e:
                log(f"assets: failed: {e}")
                res["failed"]["assets"] = str(e)[-2000:]
        if "remote" in only:
            try:
                res["remote"] = {
                    "model": remote_bench.pull_vs_recompute(build, *model_size, big_reps, work, log),
                    "null": remote_bench.null_build(build, steptool, null_n, a.reps, work, log)}
            except Exception as e:
                log(f"remote: failed: {e}")
                res["failed"]["remote"] = str(e)[-2000:]
    finally:
        if not a.keep:
            for d in scratch:
                shutil.rmtree(d, ignore_errors=True)
        else:
            log(f"scratch directories kept in {work}")
    res["meta"]["load_after"] = load()
    res["meta"]["seconds"] = round(time.time() - started, 1)
    res["targets"] = report.targets(res)
    extra, parts = [], []
    if "assets" in res:
        res["targets"] += assets_bench.targets(res["assets"])
        extra += assets_bench.markdown(res["assets"])
        parts.append(assets_bench.summary(res["assets"]))
    if "remote" in res:
        res["targets"] += remote_bench.targets(res["remote"])
        extra += remote_bench.markdown(res["remote"])
        parts.append(remote_bench.summary(res["remote"]))
    for key, why in res["failed"].items():
        extra += [f"### {key}: FAILED", "", "```", why, "```", ""]
        parts.append(f"{key} FAILED")
    res["summary"] = report.summary(res, parts)
    md = report.markdown(res, extra)
    with open(os.path.join(out_dir, "results.json"), "w") as f:
        json.dump(res, f, indent=1)
    with open(os.path.join(out_dir, "results.md"), "w") as f:
        f.write(md + "\n" + res["summary"] + "\n")
    print(md)
    log(f"wrote {out_dir}/results.md and results.json in {res['meta']['seconds']} s")
    print(res["summary"], flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
