// `wfgen run --dry`: what a run would do, step by step, and why.
//
// weasel's --dry judges every step against the files as they are now, so
// it reports "skip" for everything downstream of a change. Here a step
// that would run marks its outputs as "will change", and later steps that
// read or overwrite them are reported as running because of it. What a
// step will actually write cannot be known, so this errs on "would run":
// the real run may still skip such a step if the bytes come out the same.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "generator/ninja/plan.h"
#include "generator/project/project.h"
#include "runtime/base/disk.h"

namespace wfgen {

struct DryStep {
  std::string command;
  int group = -1;  // parallel group index, as in the plan
  bool run = false;
  std::string why;
  std::vector<std::string> lines;  // what would be executed, if it runs
};

// `disk` resolves paths relative to the project directory. `forced` names
// the commands --force applies to. False (with *err) on an I/O error.
bool DryRun(const Project& project, const BuildPlan& plan, const std::string& target,
            const std::set<std::string>& forced, Disk* disk, std::vector<DryStep>* out,
            std::string* err);

// The steps of a target in execution order (a workflow's steps by position,
// group members in declaration order; a command's single step; for
// `out/PATH`, the steps Ninja runs to build it).
std::vector<const PlanStep*> StepsOf(const BuildPlan& plan, const std::string& target);

// The argv wfgen-run would execute for a script line, joined for display.
std::string DisplayLine(const std::string& line, bool shell);

}  // namespace wfgen
