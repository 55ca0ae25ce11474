// `out/PATH`: a target for one declared output, in every mode.
//
// Outputs are phony leaves (docs/design.md), so `ninja corpus/train.jsonl`
// names the file and never builds it. An alias names the steps of the
// default workflow (`all`) that declare PATH: building it runs the workflow
// up to those steps (their order-only predecessors and producers), and an
// edge that depends on it reruns exactly when one of them changed an
// output's bytes (their stamps move only then). `wfgen run PATH` builds it.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "generator/ninja/plan.h"

namespace wfgen {

constexpr char kOutputAliasPrefix[] = "out/";

// PATH -> keys of the default workflow's steps that declare PATH as an
// output, for every project-relative output (`..` and absolute paths would
// leave `out/` once Ninja canonicalizes them). Empty without a default
// workflow. An alias that would be the name of a target is left out.
std::map<std::string, std::vector<std::string>> OutputAliases(const BuildPlan& plan);

// The steps Ninja considers when it builds the stamps of `keys`: those
// steps, the steps and groups they wait for and the producers they read,
// transitively; in plan order (a workflow's steps by position).
std::vector<const PlanStep*> StepsBehind(const BuildPlan& plan,
                                         const std::vector<std::string>& keys);

}  // namespace wfgen
