// The options of one wfgen-run invocation, as one typed struct with one
// writer (the generator's emitter renders the words Ninja passes) and one
// parser (wfgen-run's main), so the two cannot drift apart.
//
// Word order of RenderWrapperArgs, for the fields that are set:
//   --stamp F --depfile F --force --group F --ran F --no-console
//   --pool N:D --limit N:D --replay F SPEC --h HASH
// build.ninja's step rule supplies --stamp and --depfile itself (from
// Ninja's $out), so the emitter leaves those two empty.
#pragma once

#include <string>
#include <vector>

namespace wfgen {

struct WrapperOptions {
  std::string spec_path;  // relative to the directory ninja runs in
  std::string stamp;
  std::string depfile;
  bool forced = false;
  bool console = true;     // copy the step's output to stdout (ninja shows it)
  std::string group_file;  // set for a parallel group member
  std::string ran;         // the member's "ran" marker
  std::string pool;        // "NAME:DEPTH": take a WFGEN_SLOT in that pool
  // "parallel:N": also hold one of N slots, so that steps of a named pool
  // (which Ninja counts only against that pool) respect
  // max_parallel_processes too.
  std::string limit;
  std::string hash;    // --h: the spec's hash, only so Ninja sees a change
  std::string replay;  // --replay GROUPFILE: print the members' logs
  bool help = false;
  bool version = false;

  bool operator==(const WrapperOptions& o) const;
};

std::vector<std::string> RenderWrapperArgs(const WrapperOptions& options);

// Parses the words after the program name. False (with *err) for an
// unknown option, a missing value or a second SPEC.
bool ParseWrapperArgs(const std::vector<std::string>& args, WrapperOptions* options,
                      std::string* err);

}  // namespace wfgen
