#!/bin/sh
# Compares wfgen's run/skip decisions with weasel's on the fidelity sample
# (../shared/fidelity, recorded from weasel itself) and fails on any
# difference other than the documented, deliberate ones (README,
# "Differences from weasel"):
#   validation 2, 4, 6, 8  invalid project.yml: wfgen exits 2, weasel 1
#   validation 12          `parallel:` groups: weasel rejects them, wfgen runs them
#   validation 14          follows from 12 (the command already ran)
# Exits 77 (skipped, with the reason printed) when the sample is absent,
# e.g. in a clone without the steering repository beside it.
set -u
SHARED=${WFGEN_FIDELITY_DIR:-$1}
WFGEN=$2
if [ ! -f "$SHARED/fidelity.py" ] || [ ! -f "$SHARED/expected.json" ]; then
  echo "SKIPPED: no fidelity sample at $SHARED (it lives in the steering repository's shared/)"
  exit 77
fi
out=$(WFGEN="$WFGEN" /usr/bin/python3 "$SHARED/fidelity.py" --driver wfgen \
      --compare "$SHARED/expected.json" 2>/dev/null)
echo "$out" | grep -v "  match$"
unexpected=$(echo "$out" | grep "MISMATCH$" | grep -v -E '^validation +(2|4|6|8|12|14) ')
if [ -n "$unexpected" ]; then
  echo "unexpected differences from weasel:"
  echo "$unexpected"
  exit 1
fi
echo "$out" | tail -n 1 | grep -q "^fidelity: " || { echo "no summary line"; exit 1; }
