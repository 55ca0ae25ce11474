"""docs/project.schema.json against real project files and against wfgen.

Run by ctest with Debian's /usr/bin/python3 (python3-jsonschema,
python3-yaml); `python3` on PATH may be another Python without them.

  schema_test.py SCHEMA WFGEN PATTERN...

PATTERNs are globs (tests/corpus/*.yml, examples/*/project.yml), expanded
here so that a new example is checked without reconfiguring; each must
match something.

Checks that
- the schema is a valid draft-07 schema and every key it defines has a
  description (editors show them on hover and completion);
- every project file matched (the corpus and the examples) is valid;
- files using every wfgen extension are valid, and wfgen accepts them too;
- files with mistakes are invalid at the right place, and wfgen rejects them
  too, so the schema and wfgen agree in both directions.

The YAML is read with the YAML 1.2 core schema, as the YAML language server
and wfgen read it (PyYAML alone is YAML 1.1, where `on`, `yes` and `1:30`
are not strings).
"""

import glob
import json
import os
import re
import subprocess
import sys
import tempfile

import jsonschema
import yaml


class Yaml12Loader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 core schema scalars."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers
            if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:int",
                           "tag:yaml.org,2002:float")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
for tag, pattern, first in [
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    ("tag:yaml.org,2002:float",
     r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
     r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", "-+0123456789."),
]:
    Yaml12Loader.add_implicit_resolver(tag, re.compile(pattern), list(first))


def construct_int(loader, node):
    value = loader.construct_scalar(node)
    if value.startswith("0o"):
        return int(value[2:], 8)
    return int(value, 0) if value.startswith("0x") else int(value, 10)


Yaml12Loader.add_constructor("tag:yaml.org,2002:int", construct_int)


# Files that use every extension wfgen adds; wfgen must accept them.
VALID = {
    "extensions": """
title: Every wfgen extension
vars: {workers: 2, grace: 5, gpus: 1}
max_parallel_processes: ${vars.workers}
pools: {gpu: 2, disk: 1}
kill_grace: 2.5
launcher: local
commands:
  - name: prep
    script: ["python prep.py"]
    outputs: [corpus/]
    pool: disk
  - name: train_a
    script: ["python train.py a > a.log"]
    shell: true
    deps: [corpus/]
    outputs: [a.bin]
    pool: gpu
    launcher: slurm
    resources: {cpus: 4, mem: 16G, gpus: "a100:1", time: "2:00:00", partition: gpu, extra: ["--qos=high"]}
  - name: train_b
    script: ["python train.py b"]
    deps: [corpus]
    outputs: [b.bin]
    no_skip: ${vars.flag}
    resources: {gpus: "${vars.gpus}"}
  - name: report
    script: ["python report.py"]
workflows:
  all:
    - prep
    - parallel: [train_a, train_b]
    - report
  again: [prep, prep]
""".replace("${vars.flag}", "false"),
    "weasel-keys": """
title: Keys weasel and spaCy projects know
description: "Nothing wfgen-specific"
spacy_version: ">=3.0.0,<4.0.0"
check_requirements: true
remotes: {default: "s3://bucket"}
env: {TOKEN: HF_TOKEN}
directories: [assets, training]
assets:
  - dest: assets/data.json
    url: https://example.com/data.json
    checksum: 0123456789abcdef0123456789abcdef
    description: The data
  - dest: assets/extra
    git: {repo: "https://github.com/explosion/projects", branch: v3, path: x}
    extra: true
commands:
  - name: a
    help: "on: yes"
    script: ["python a.py --time 1:30"]
    deps: []
    outputs:
    outputs_no_cache: [out/]
workflows:
  all: [a]
  empty:
""",
}

# Mistakes: (name, file, the schema path where the error must be, what
# wfgen says). wfgen must reject each, too.
BASE = "commands:\n  - {name: a, script: [x]}\n  - {name: b, script: [x]}\n"
INVALID = [
    ("unknown command key", "commands:\n  - {name: a, script: [x], depz: [y]}\n",
     "commands/0", "unknown key 'depz'"),
    ("empty parallel group", BASE + "workflows:\n  all:\n    - parallel: []\n",
     "workflows/all/0", "empty parallel group"),
    ("parallel is not a list", BASE + "workflows:\n  all:\n    - parallel: a\n",
     "workflows/all/0", "must be a list"),
    ("misspelt parallel", BASE + "workflows:\n  all:\n    - paralel: [a, b]\n",
     "workflows/all/0", "did you mean 'parallel'"),
    ("member twice", BASE + "workflows:\n  all:\n    - parallel: [a, a]\n",
     "workflows/all/0", "listed twice"),
    ("no parallelism", BASE + "max_parallel_processes: 0\n",
     "max_parallel_processes", "whole number from 1"),
    ("Ninja's console pool", BASE + "pools: {console: 1}\n", "pools", "Ninja's own pool"),
    ("bad pool name", BASE + "pools: {gpu.0: 1}\n", "pools", "letters, digits"),
    ("unknown launcher", BASE + "launcher: kubernetes\n", "launcher", "unknown launcher"),
    ("negative grace", BASE + "kill_grace: -1\n", "kill_grace", "kill_grace is the number"),
    ("no script", "commands:\n  - {name: a, deps: [x]}\n", "commands/0", "empty script"),
    ("misspelt resource", "commands:\n  - {name: a, script: [x], resources: {gpu: 1}}\n",
     "commands/0/resources", "unknown resource 'gpu'"),
    ("memory in GB", "commands:\n  - {name: a, script: [x], resources: {mem: 16GB}}\n",
     "commands/0/resources/mem", "resources.mem must be a size"),
    ("time in hours", "commands:\n  - {name: a, script: [x], resources: {time: 2h}}\n",
     "commands/0/resources/time", "resources.time must be a Slurm time"),
    ("pipe in a path", "commands:\n  - {name: a, script: [x], deps: [\"a|b\"]}\n",
     "commands/0/deps/0", "contains '|'"),
    ("a number as a name", "commands:\n  - {name: 5, script: [x]}\n",
     "commands/0/name", "must be a string"),
    ("yes is a string in YAML 1.2", "commands:\n  - {name: a, script: [x], no_skip: yes}\n",
     "commands/0/no_skip", "must be true or false"),
    ("short checksum", BASE + "assets:\n  - {dest: a, url: u, checksum: abc}\n",
     "assets/0/checksum", "32 hex digits"),
]


def load(text):
    return yaml.load(text, Loader=Yaml12Loader)


def error_paths(validator, document):
    paths = []
    for error in validator.iter_errors(document):
        for e in [error] + list(error.context or []):
            paths.append("/".join(str(p) for p in e.absolute_path))
    return paths


def wfgen_accepts(wfgen, text):
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "project.yml")
        with open(path, "w") as f:
            f.write(text)
        r = subprocess.run([wfgen, path, "-o", os.path.join(d, "build.ninja")],
                           capture_output=True, text=True)
        return r.returncode, r.stderr


def keys_without_description(schema, where="#"):
    missing = []
    if isinstance(schema, dict):
        for name, sub in (schema.get("properties") or {}).items():
            if "description" not in sub:
                missing.append(f"{where}/properties/{name}")
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict) and "$ref" not in extra and "description" not in extra:
            missing.append(f"{where}/additionalProperties")
        for key, sub in schema.items():
            missing += keys_without_description(sub, f"{where}/{key}")
    elif isinstance(schema, list):
        for i, sub in enumerate(schema):
            missing += keys_without_description(sub, f"{where}/{i}")
    return missing


def main():
    schema_path, wfgen, patterns = sys.argv[1], sys.argv[2], sys.argv[3:]
    failures = []
    files = []
    for pattern in patterns:
        matched = sorted(glob.glob(pattern))
        if not matched:
            failures.append(f"{pattern}: matches no file")
        files += matched
    with open(schema_path) as f:
        schema = json.load(f)
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema)
    for where in keys_without_description(schema):
        failures.append(f"{schema_path}: {where} has no description")

    if not patterns:
        failures.append("no project files given")
    for path in files:
        with open(path) as f:
            document = load(f.read())
        for error in validator.iter_errors(document):
            where = "/".join(str(p) for p in error.absolute_path)
            failures.append(f"{path}: {where}: {error.message}")

    for name, text in VALID.items():
        for error in validator.iter_errors(load(text)):
            where = "/".join(str(p) for p in error.absolute_path)
            failures.append(f"valid file '{name}': {where}: {error.message}")
        code, err = wfgen_accepts(wfgen, text)
        if code != 0:
            failures.append(f"valid file '{name}': wfgen exits with {code}:\n{err}")

    for name, text, path, message in INVALID:
        paths = error_paths(validator, load(text))
        if path not in paths:
            failures.append(f"'{name}': no schema error at {path} (errors at: {paths})")
        code, err = wfgen_accepts(wfgen, text)
        if code != 2 or message not in err:
            failures.append(f"'{name}': wfgen should reject it saying '{message}'; "
                            f"it exits with {code}:\n{err}")

    for line in failures:
        print(line)
    checked = len(files) + len(VALID) + len(INVALID)
    print(f"{checked} files checked, {len(failures)} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
