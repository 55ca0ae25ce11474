#!/usr/bin/env bash
# The benchmarks of docs/performance.md: wfgen against raw Ninja, Make,
# Snakemake and (when ../shared is there) weasel, on the same commands;
# `wfgen assets` against `weasel assets`, and pull/push on a directory remote.
#
#   bench/run.sh BUILD_DIR [--quick] [--reps N] [--only w1,w1g,w2,w3,w4,weasel,assets,remote]
#                          [--tools wfgen,ninja,make,snakemake,weasel] [--out DIR] [--keep]
#
# Prints a Markdown report (also in BUILD_DIR/bench/results.md, with the raw
# numbers in results.json); the last line is the summary against raw Ninja.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if [ $# -lt 1 ] || [ ! -d "$1" ]; then
  sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
build=$(cd "$1" && pwd)
shift
# Debian's interpreter on purpose: the harness needs only the standard
# library, and a python3 earlier on PATH (pyenv, a venv) may be anything.
exec /usr/bin/python3 "$here/bench.py" --build "$build" "$@"
