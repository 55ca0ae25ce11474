#!/bin/sh
# run_fuzzer.sh FUZZER WORKDIR SECONDS INPUT...
#
# The fuzz_budget test: runs the libFuzzer target for SECONDS (the
# environment's WFGEN_FUZZ_SECONDS wins), starting from the INPUTs (files or
# directories: the kept corpus, past failures, the real project files).
# New interesting inputs accumulate in WORKDIR/corpus across runs; a
# failing input is written to WORKDIR/artifacts/ and the test fails with
# the command that reproduces it.
set -eu
fuzzer=$1
work=$2
seconds=${WFGEN_FUZZ_SECONDS:-$3}
shift 3
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$work/corpus" "$work/artifacts"
rm -rf "$work/seeds"
mkdir -p "$work/seeds"
n=0
for input in "$@"; do
  if [ -d "$input" ]; then
    for f in "$input"/*; do
      [ -f "$f" ] || continue
      n=$((n + 1))
      cp "$f" "$work/seeds/$n-$(basename "$f")"
    done
  elif [ -f "$input" ]; then
    n=$((n + 1))
    cp "$input" "$work/seeds/$n-$(basename "$input")"
  fi
done
echo "fuzzing for ${seconds}s from $n seed inputs (work dir: $work)"
status=0
"$fuzzer" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
  -dict="$here/project.dict" -print_final_stats=1 \
  -artifact_prefix="$work/artifacts/" "$work/corpus" "$work/seeds" \
  >"$work/last.log" 2>&1 || status=$?
# The fuzzer's progress lines are many; show the outcome.
grep -E '^(INFO: seed corpus|#[0-9]+ *DONE|Done [0-9]+ runs|stat::|SUMMARY|==[0-9]+==ERROR|project_oracle:|artifact_prefix|Test unit written)' \
  "$work/last.log" || true
if [ "$status" -ne 0 ]; then
  tail -n 60 "$work/last.log"
  echo "FUZZING FOUND A FAILURE. Reproduce with: $fuzzer <artifact above>;"
  echo "after fixing it, add the input to fuzz/regressions/ (fuzz_replay runs them)."
fi
exit "$status"
