#include "generator/ninja/pulled_records.h"

#include <algorithm>

#include "runtime/base/disk.h"
#include "runtime/state/evaluate.h"
#include "runtime/state/fingerprint.h"
#include "runtime/state/layout.h"
#include "runtime/state/record.h"
#include "runtime/state/step_spec.h"

namespace wfgen {

bool WritePulledRecords(Disk* disk, const std::string& project_dir, const Project& project,
                        const std::vector<std::string>& pulled, std::vector<std::string>* written,
                        std::string* err) {
  RootedDisk in_project(disk, project_dir);
  for (const Command& c : project.commands) {
    if (c.outputs.empty()) continue;
    bool all = true;
    for (const Text& o : c.outputs) {
      all &= std::find(pulled.begin(), pulled.end(), o.value) != pulled.end();
    }
    if (!all) continue;
    std::vector<std::string> script, deps, outs;
    for (const Text& l : c.script) script.push_back(l.value);
    for (const Text& d : c.deps) deps.push_back(d.value);
    for (const Text& o : c.outputs) outs.push_back(o.value);
    for (const Text& o : c.outputs_no_cache) outs.push_back(o.value);
    Fingerprinter fp(&in_project, nullptr);
    Record record;
    record.script = ScriptHash(script, c.shell);
    record.hashed_at_ns = fp.hashed_at_ns();
    if (!fp.TakeAll(deps, &record.deps, err) || !fp.TakeAll(outs, &record.outs, err) ||
        !in_project.MakeDirs(StateDir(), err) ||
        !in_project.WriteFileAtomic(RecordPath(c.name.value), RenderRecord(record), err)) {
      return false;
    }
    written->push_back(c.name.value);
  }
  return true;
}

}  // namespace wfgen
