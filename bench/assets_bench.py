"""The asset benchmark (issue 15): `wfgen assets` against `weasel assets`
on the same URL assets, served from 127.0.0.1 by a server the harness
starts (file_server.py), each tool from an empty project and then again
with everything present.

Two links: loopback as it is (the machine's CPU is the limit) and a
per-connection `limit_rate`, where one connection cannot take the whole
link, as with a real server far away: there the download pool shows.
"""

import hashlib
import os
import subprocess
from typing import Callable, Dict, List, Optional

import measure
import report

WEASEL_NOTE = "../shared/vendor/weasel is absent"


def vendored_weasel(shared: Optional[str]) -> Dict:
    """argv prefix and env for the vendored weasel, or why it cannot run."""
    src = os.path.join(shared or "", "vendor", "weasel")
    if not shared or not os.path.isfile(os.path.join(src, "weasel", "__init__.py")):
        return {"skipped": WEASEL_NOTE}
    env = dict(os.environ, PYTHONPATH=src)
    r = subprocess.run(["/usr/bin/python3", "-m", "weasel", "--help"], env=env,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if r.returncode != 0:
        return {"skipped": "the vendored weasel does not start (its Debian packages are in ./dev's "
                           "TEST_PACKAGES): " + r.stdout.decode(errors="replace").strip()[-200:]}
    return {"argv": ["/usr/bin/python3", "-m", "weasel", "assets", "."], "env": env}


def max_overlap(ninja_log: str) -> int:
    """The most edges .ninja_log shows running at the same moment (start
    and end in ms since the build started; an end at the moment of another
    start is not an overlap)."""
    events = []
    try:
        with open(ninja_log) as f:
            for line in f:
                parts = line.split("\t")
                if len(parts) == 5 and parts[0].isdigit():
                    events += [(int(parts[0]), 1), (int(parts[1]), -1)]
    except FileNotFoundError:
        return 0
    best = cur = 0
    for _, delta in sorted(events):  # at equal times the end (-1) sorts first
        cur += delta
        best = max(best, cur)
    return best


def _project_yml(urls: List[str], sums: List[str]) -> str:
    out = ["title: \"asset benchmark\"", "assets:"]
    for i, (url, md5) in enumerate(zip(urls, sums)):
        out += [f"  - dest: assets/a{i}.bin", f"    url: {url}", f"    checksum: {md5}"]
    return "\n".join(out) + "\n"


def run(build: str, shared: Optional[str], want_weasel: bool, count: int, size: int, rate: int,
        reps: int, work: str, log: Callable[[str], None]) -> Dict:
    import file_server  # only here: the module is also the fallback server program

    wfgen = os.path.join(build, "wfgen")
    www = os.path.join(work, "assets-www")
    os.makedirs(www)
    sums = []
    for i in range(count):
        data = os.urandom(size)
        with open(os.path.join(www, f"a{i}.bin"), "wb") as f:
            f.write(data)
        sums.append(hashlib.md5(data).hexdigest())
    weasel = vendored_weasel(shared) if want_weasel else {"skipped": "not among --tools"}
    if "skipped" in weasel:
        log(f"assets: weasel skipped: {weasel['skipped']}")
    # The harness's own environment may name a proxy; 127.0.0.1 is local.
    env = {k: v for k, v in os.environ.items() if k.lower() not in ("http_proxy", "all_proxy")}
    tools = [("wfgen", [wfgen, "assets"], env)]
    if "argv" in weasel:
        tools.append(("weasel", weasel["argv"], {k: v for k, v in weasel["env"].items()
                                                  if k.lower() not in ("http_proxy", "all_proxy")}))
    res = {"count": count, "size": size, "rate": rate, "weasel_skipped": weasel.get("skipped"),
           "links": {}}
    with file_server.FileServer(www, os.path.join(work, "assets-server"), rate) as srv:
        res["server"] = srv.kind
        for limited in (False, True):
            link = "limited" if limited else "loopback"
            urls = [srv.url(limited, f"a{i}.bin") for i in range(count)]
            cells = {name: {"first": [], "again": [], "first_served": [], "again_served": [],
                            "again_read": [], "overlap": []} for name, _, _ in tools}
            for rep in range(reps):
                order = tools[rep % len(tools):] + tools[:rep % len(tools)]
                for name, argv, tool_env in order:
                    d = os.path.join(work, f"assets-{link}-{name}-{rep}")
                    os.makedirs(d)
                    with open(os.path.join(d, "project.yml"), "w") as f:
                        f.write(_project_yml(urls, sums))
                    c = cells[name]
                    for key in ("first", "again"):
                        offset = srv.log_size()
                        t = measure.run(argv, d, tool_env)
                        if t.code != 0:
                            raise RuntimeError(f"{name} assets failed in {d}:\n{t.output[-2000:]}")
                        served = srv.requests(offset)
                        c[key].append(t.seconds)
                        c[key + "_served"].append(served)
                        if key == "again":
                            c["again_read"].append(t.read_bytes)
                    for i in range(count):
                        with open(os.path.join(d, f"assets/a{i}.bin"), "rb") as f:
                            if hashlib.md5(f.read()).hexdigest() != sums[i]:
                                raise RuntimeError(f"{name}: {d}/assets/a{i}.bin has other bytes")
                    if name == "wfgen":
                        c["overlap"].append(max_overlap(os.path.join(d, ".ninja_log")))
                log(f"assets ({link}): repetition {rep + 1}/{reps}: " + ", ".join(
                    f"{n} {report.fmt_time(cells[n]['first'][-1])} then "
                    f"{report.fmt_time(cells[n]['again'][-1])}" for n, _, _ in tools))
            res["links"][link] = cells
    return res


def _mb(n: float) -> str:
    return f"{n / (1 << 20):.0f} MiB" if n >= 1 << 20 else f"{n / 1024:.0f} KiB"


def _cell(xs: List[float]) -> str:
    return f"{report.fmt_time(report._med(xs))} (min {report.fmt_time(min(xs))})" if xs else "-"


def _ratio(a: List[float], b: List[float]) -> str:
    if not a or not b:
        return "-"
    return f"{report._med(a) / report._med(b):.2f}x (min {min(a) / min(b):.2f}x)"


def markdown(r: Dict) -> List[str]:
    per = f"{r['count']} × {_mb(r['size'])}"
    rate = f"limit_rate {r['rate'] / (1 << 20):g} MiB/s per connection"
    lines = [f"### assets: {per} URL assets with md5 checksums, from {r['server']} on 127.0.0.1", "",
             "Cells: median wall time (min). `wfgen assets` runs Ninja with the download pool "
             "(`max_parallel_downloads`, default 4); weasel downloads one asset after another.", ""]
    if r.get("weasel_skipped"):
        lines += [f"weasel: skipped ({r['weasel_skipped']}).", ""]
    lines += ["| link | run | wfgen assets | weasel assets | wfgen / weasel | wfgen: served, bytes read |",
              "|---|---|---|---|---|---|"]
    for link, cells in r["links"].items():
        label = "loopback" if link == "loopback" else rate
        wf, we = cells["wfgen"], cells.get("weasel", {})
        over = max(wf["overlap"]) if wf["overlap"] else 0
        lines.append(f"| {label} | empty project | {_cell(wf['first'])} | {_cell(we.get('first', []))} | "
                     f"{_ratio(wf['first'], we.get('first', []))} | "
                     f"{_served(wf['first_served'])}; up to {over} at once |")
        read_we = f" (weasel read {_mb(max(we['again_read']))})" if we.get("again_read") else ""
        lines.append(f"| {label} | again, all present | {_cell(wf['again'])} | "
                     f"{_cell(we.get('again', []))} | {_ratio(wf['again'], we.get('again', []))} | "
                     f"{_served(wf['again_served'])}; read {_mb(max(wf['again_read']))}{read_we} |")
    lines.append("")
    return lines


def _served(xs: List[Dict]) -> str:
    req = {x["requests"] for x in xs}
    byt = max(x["bytes"] for x in xs) if xs else 0
    return f"{'/'.join(str(n) for n in sorted(req))} requests, {_mb(byt)}"


def targets(r: Dict) -> List[Dict]:
    out = []
    lim = r["links"].get("limited", {})
    if lim.get("weasel", {}).get("first"):
        x = report._med(lim["weasel"]["first"]) / report._med(lim["wfgen"]["first"])
        out.append({"target": "wfgen assets several (3) times faster than weasel assets, "
                              "limit_rate link", "measured": f"{x:.2f}x faster", "met": x >= 3})
    again = [c for link in r["links"].values() for c in [link["wfgen"]]]
    reqs = max(x["requests"] for c in again for x in c["again_served"])
    read = max(x for c in again for x in c["again_read"])
    out.append({"target": "a second wfgen assets makes no request and reads no asset byte",
                "measured": f"{reqs} requests, {_mb(read)} read in all (one asset: {_mb(r['size'])})",
                "met": reqs == 0 and read < r["size"]})
    return out


def summary(r: Dict) -> str:
    parts = []
    for link, cells in r["links"].items():
        if cells.get("weasel", {}).get("first"):
            wf, we = cells["wfgen"], cells["weasel"]
            parts.append(f"{link} {report._med(wf['first']) / report._med(we['first']):.2f}x, "
                         f"again {report._med(wf['again']) / report._med(we['again']):.2f}x")
        else:
            parts.append(f"{link} {report.fmt_time(report._med(cells['wfgen']['first']))}, "
                         f"again {report.fmt_time(report._med(cells['wfgen']['again']))}")
    kind = "wfgen/weasel" if "weasel" in next(iter(r["links"].values())) else "wfgen (weasel skipped)"
    return f"assets {kind}: " + ", ".join(parts)
