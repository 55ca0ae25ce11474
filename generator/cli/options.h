// The command line of every subcommand, from one table: each command lists
// its options (name, value, help) and arguments, and one parser reads them
// all, so `--schedule` or `--vars.x=...` mean the same everywhere, and
// `--help` is rendered from the same rows that the parser reads.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "generator/project/interpolate.h"

namespace wfgen {

struct OptionSpec {
  const char* name;     // "--schedule", "-j"
  const char* alias;    // another spelling ("-F"), or nullptr
  const char* value;    // the value's name in the help ("MODE"); nullptr for a flag
  const char* choices;  // "staged|dataflow": the only values accepted; nullptr for any
  const char* help;     // may hold '\n' for more lines
};

struct CommandSpec {
  const char* name;       // "run"; "" for generation (`wfgen [PROJECT]`)
  const char* arguments;  // "[TARGET] [PROJECT]", for the usage line
  size_t min_positional;
  size_t max_positional;
  const char* summary;      // one line, for the list of commands
  const char* description;  // paragraphs after the usage line
  std::vector<OptionSpec> options;
  bool takes_vars;             // --vars.NAME=VALUE
  const char* arguments_help;  // lines describing the arguments, or nullptr
  const char* examples;        // lines, or nullptr
};

// What the parser found. Option values by the option's name (its first
// spelling); the last one given wins.
struct ParsedArgs {
  std::map<std::string, std::string> values;
  std::vector<Override> overrides;  // in the order given
  std::vector<std::string> positional;
  bool help = false;

  bool Has(const std::string& name) const { return values.count(name) > 0; }
  std::string Get(const std::string& name) const;
};

// Reads `args` (after the command's name) by `spec`'s table. `--opt VALUE`
// and `--opt=VALUE` are the same; a one-letter option also takes its value
// attached (`-j4`). An override's value may not hold a newline (it could
// not be written into the regeneration rule). False with *err (a message
// for `wfgen: error:`) on an unknown option, a missing or wrong value, or a
// wrong number of arguments; `--help` stops the checks.
bool ParseArgs(const CommandSpec& spec, const std::vector<std::string>& args, ParsedArgs* out,
               std::string* err);

// The command's `--help` text.
std::string RenderHelp(const CommandSpec& spec);
// The short usage lines (for an error).
std::string RenderUsage(const CommandSpec& spec);

}  // namespace wfgen
