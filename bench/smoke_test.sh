#!/usr/bin/env bash
# ctest's check that the benchmark harness works: toy sizes, one repetition,
# the fast tools only. It checks what the harness reports about behaviour
# (processes spawned, commands rerun), never how long anything took.
set -euo pipefail
build=${1:?usage: bench/smoke_test.sh BUILD_DIR}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out=$(mktemp -d /tmp/wfgen-bench-smoke-XXXXXX)
trap 'rm -rf "$out"' EXIT
"$here/run.sh" "$build" --quick --tools wfgen,ninja,make --only w1,w1g,w2,w3,w4,assets,remote \
  --out "$out" > "$out/stdout" 2> "$out/stderr" || { cat "$out/stderr"; exit 1; }
last=$(tail -n 1 "$out/stdout")
case "$last" in
  "summary (medians; ratios against raw Ninja): "*) ;;
  *) echo "the last line is not the summary: $last"; exit 1 ;;
esac
/usr/bin/python3 - "$out/results.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
w = r["workloads"]
for key in ("w1", "w1g", "w2", "w3"):
    for tool, t in w[key]["tools"].items():
        assert "failed" not in t, f"{key}/{tool}: {t.get('failed')}"
wf = w["w1"]["tools"]["wfgen"]["steps"]
assert wf["full"]["executed"] == [20], wf["full"]
assert set(wf["null"]["spawned"]) == {0}, wf["null"]
assert wf["touch"]["spawned"] == [1] and wf["touch"]["executed"] == [0], wf["touch"]
assert set(wf["null after touch"]["spawned"]) == {0}, wf["null after touch"]
assert w["w2"]["tools"]["wfgen"]["steps"]["edit (cutoff)"]["executed"] == [1]
assert w["w2"]["tools"]["ninja"]["steps"]["edit (cutoff)"]["executed"] == [5]
assert sorted(r["scale"]["generation"], key=int) == ["100", "200", "400"]
assert not r["failed"], r["failed"]
# assets: the second wfgen assets asks the server for nothing and reads no
# asset (what it reads is its programs' start-up); the pool overlaps
# downloads (each takes 400 ms on the limited link: no race to lose).
a = r["assets"]
for link, cells in a["links"].items():
    wf = cells["wfgen"]
    assert [x["requests"] for x in wf["first_served"]] == [8], (link, wf["first_served"])
    assert [x["requests"] for x in wf["again_served"]] == [0], (link, wf["again_served"])
    assert max(wf["again_read"]) < a["size"], (link, wf["again_read"])
assert min(a["links"]["limited"]["wfgen"]["overlap"]) >= 2, a["links"]["limited"]["wfgen"]
# remote: the automatic pull replaced every step; the null builds after it
# made no remote access and started no process.
n = r["remote"]["null"]
assert n["first"]["pull"]["executed"] == 0 and n["first"]["pull"]["calls"] == 10, n["first"]
assert n["first"]["plain"]["executed"] == 10, n["first"]["plain"]
assert set(n["null_calls"]) == {0} and set(n["null_spawned"]) == {0}, n
assert r["remote"]["model"]["pull"] and r["remote"]["model"]["auto_pull"]
assert r["targets"] and r["summary"]
print("bench harness OK:", len(r["targets"]), "targets reported")
PY
