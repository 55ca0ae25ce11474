#!/usr/bin/python3
"""Fails when a source file includes a header from a layer it may not use.

The layers (docs/design.md, "Layers") and what each may include; a layer
may always include its own headers. Dependencies go one way only, so a
lower layer never needs a higher one to build or to test:

  runtime:   base <- state <- wrapper
  generator: base/state <- project <- ninja <- run <- cli
                                   project <- tools <- cli
  transfer:  base/state <- transfer <- cli
"""
import os
import re
import sys

ALLOWED = {
    "runtime/base": set(),
    "runtime/state": {"runtime/base"},
    "runtime/wrapper": {"runtime/base", "runtime/state"},
    "transfer": {"runtime/base", "runtime/state"},
    "generator/project": {"runtime/base", "runtime/state"},
    "generator/ninja": {"runtime/base", "runtime/state", "generator/project"},
    "generator/tools": {"runtime/base", "runtime/state", "generator/project"},
    "generator/run": {"runtime/base", "runtime/state", "generator/project", "generator/ninja"},
    "generator/cli": {"runtime/base", "runtime/state", "generator/project", "generator/ninja",
                      "generator/run", "generator/tools", "transfer"},
}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def layer_of(path):
    best = None
    for layer in ALLOWED:
        if path == layer or path.startswith(layer + "/"):
            if best is None or len(layer) > len(best):
                best = layer
    return best


def main(root):
    problems = []
    checked = 0
    for layer in ALLOWED:
        top = os.path.join(root, layer)
        for dirpath, _, files in os.walk(top):
            for name in files:
                if not name.endswith((".cc", ".h")):
                    continue
                path = os.path.relpath(os.path.join(dirpath, name), root)
                own = layer_of(path)
                if own != layer:
                    continue  # a sub-layer's file, checked under its own name
                checked += 1
                with open(os.path.join(root, path), encoding="utf-8") as f:
                    text = f.read()
                for inc in INCLUDE.findall(text):
                    target = layer_of(inc)
                    if target is None:
                        if inc.startswith(("runtime/", "generator/")):
                            problems.append(f"{path}: includes {inc}, which is in no layer")
                        continue  # version.h, tests/, system-like headers
                    if target != own and target not in ALLOWED[own]:
                        problems.append(f"{path}: {own} may not include {inc} ({target})")
    # Files left at a root belong to no layer: only CMakeLists.txt and the
    # version template may stay there.
    for top in ("runtime", "generator"):
        for name in os.listdir(os.path.join(root, top)):
            full = os.path.join(root, top, name)
            if os.path.isfile(full) and name not in ("CMakeLists.txt", "version.h.in"):
                problems.append(f"{top}/{name}: belongs to no layer; move it into one")
    for p in problems:
        print(p)
    print(f"{checked} files checked, {len(problems)} problems")
    return 1 if problems or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "."))
