// What must hold for every project.yml text, checked in memory (no files,
// no processes) so that the fuzzer can try tens of thousands of inputs a
// second. Shared by the libFuzzer target and by fuzz_replay, which runs the
// kept corpus through the ordinary (and the sanitized) build.
//
// For any input, loading either
// - fails with at least one error, and every diagnostic is rendered in the
//   `project.yml:LINE:COL: error: message` form at a position inside the
//   file; or
// - succeeds, and then the plan and the Ninja file are made, and:
//   * the Ninja file parses (fuzz/ninja_manifest.h: no line continuations,
//     no variable references where text is literal);
//   * no two edges produce the same node, even after Ninja's path
//     normalisation;
//   * the set of nodes edges produce is exactly the set the project
//     declares (computed here independently of the emitter): the Ninja
//     file, one phony per declared path, one stamp per step and group, the
//     members' markers, one phony per command and workflow name;
//   * every input of every edge is one of those nodes, the project file or
//     the wfgen binary: nothing undeclared enters the graph;
//   * each target phony is named exactly as the command or workflow;
//   * the values Ninja pastes into /bin/sh command lines ($args, $spec,
//     $depfile, $group, $hash) hold only characters the shell takes
//     literally;
//   * each step spec file parses back to exactly what the loader read
//     (script lines, deps, outputs), and each group file too.
#pragma once

#include <string>

#include "generator/ninja/emit.h"
#include "generator/ninja/plan.h"
#include "generator/project/project.h"

namespace wfgen {

// "" if every property holds; otherwise what failed, for a report.
// `ninja`, if given, receives the Ninja file when the project loaded (""
// when it was refused), so that a caller can also show it to real ninja.
std::string CheckProjectText(const std::string& text, std::string* ninja = nullptr);

// The checks on what was generated for a loaded project (the second half
// of CheckProjectText), for tests that tamper with the result.
std::string CheckGenerated(const Project& project, const BuildPlan& plan, const EmitResult& result);

// The options CheckProjectText emits with.
EmitOptions OracleEmitOptions();

}  // namespace wfgen
