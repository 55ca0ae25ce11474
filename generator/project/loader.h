// project.yml -> Project: the schema weasel accepts, plus wfgen's
// extensions (parallel groups, pools, shell, resources), with every problem
// reported at its line and column.
#pragma once

#include <string>
#include <vector>

#include "generator/project/diagnostic.h"
#include "generator/project/interpolate.h"
#include "generator/project/project.h"

namespace wfgen {

struct LoadOptions {
  std::vector<Override> overrides;
  GetEnv getenv;  // defaults to ::getenv
};

struct LoadResult {
  Project project;
  // Environment variables the file read through `${env.X}`, with values.
  std::map<std::string, std::string> env_read;
  // Every var the file defines, dotted: "vars.a", "vars.a.b".
  std::vector<std::string> var_names;
};

// Parses and validates `text`. Returns false if any error was reported;
// warnings (e.g. a script line that seems to expect a shell) may be
// reported either way.
bool LoadProject(const std::string& text, const LoadOptions& options, LoadResult* result,
                 Diagnostics* diag);

// Top-level keys wfgen understands (for `did you mean` and the schema).
const std::vector<std::string>& KnownTopLevelKeys();

// The keys a command may have (docs/project.schema.json lists the same).
const std::vector<std::string>& KnownCommandKeys();

}  // namespace wfgen
