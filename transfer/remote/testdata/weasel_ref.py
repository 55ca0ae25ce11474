"""Reference values computed by the vendored weasel's own functions, for
weasel_hash_test.cc. Run with /usr/bin/python3 and PYTHONPATH=<weasel dir>.

  weasel_ref.py checksum PATH
  weasel_ref.py command PROJECT DEP... -- LINE...
  weasel_ref.py quote_plus TEXT
"""
import sys
import urllib.parse
from pathlib import Path

mode = sys.argv[1]
if mode == "checksum":
    from weasel.util.hashing import get_checksum

    print(get_checksum(sys.argv[2]))
elif mode == "command":
    from weasel.cli.remote_storage import get_command_hash

    project = Path(sys.argv[2])
    sep = sys.argv.index("--")
    deps = [project / d for d in sys.argv[3:sep]]
    print(get_command_hash("", "", deps, sys.argv[sep + 1 :]))
elif mode == "quote_plus":
    # What RemoteStorage.encode_name calls.
    print(urllib.parse.quote_plus(sys.argv[2]))
else:
    sys.exit(f"unknown mode {mode}")
