// Ninja's signals after a step: the record (written only after the last
// line succeeded), output mtimes put back where the bytes did not change
// (early cutoff), the stamp, and the depfile for directory deps and outputs.
#include "runtime/base/messages.h"
#include "runtime/state/depfile.h"
#include "runtime/state/fingerprint.h"
#include "runtime/state/record.h"
#include "runtime/wrapper/step_machine.h"

namespace wfgen {

bool StepMachine::RecordSuccess(std::string* err) {
  // Hash again, reusing the pre-run hashes of files the run did not touch.
  Record before;
  before.hashed_at_ns = eval_.hashed_at_ns;
  before.deps = current_.deps;
  before.outs = current_.outs;
  Fingerprinter fp(&disk_, &before);
  Record after;
  after.script = current_.script;
  after.hashed_at_ns = fp.hashed_at_ns();
  if (!fp.TakeAll(spec_.deps, &after.deps, err) ||
      !fp.TakeAll(spec_.AllOutputs(), &after.outs, err)) {
    return false;
  }
  // Early cutoff: an output rewritten with the same bytes gets its old
  // mtime back, so nothing downstream looks changed, now or next time.
  bool changed = false;
  for (size_t i = 0; i < after.outs.size(); ++i) {
    PathState& now = after.outs[i];
    const PathState& was = current_.outs[i];
    if (now.kind != was.kind || now.hash != was.hash) changed = true;
    auto restore = [this](const std::string& path, int64_t old_mtime, FileState* state) {
      std::string ignored;
      FileInfo info;
      if (disk_.SetMtime(path, old_mtime, &ignored) && disk_.Stat(path, &info, &ignored)) {
        state->mtime_ns = info.mtime_ns;
        state->ctime_ns = info.ctime_ns;
      }
    };
    if (now.kind == FileKind::kFile && was.kind == FileKind::kFile && now.hash == was.hash &&
        now.self.mtime_ns != was.self.mtime_ns) {
      restore(now.path, was.self.mtime_ns, &now.self);
    } else if (now.kind == FileKind::kDir && was.kind == FileKind::kDir) {
      size_t j = 0;
      for (FileState& c : now.children) {
        while (j < was.children.size() && was.children[j].rel < c.rel) ++j;
        if (j == was.children.size() || was.children[j].rel != c.rel) continue;
        const FileState& old = was.children[j];
        if (old.hash == c.hash && old.mtime_ns != c.mtime_ns) {
          restore(ChildPath(now, c), old.mtime_ns, &c);
        }
      }
      if (now.hash == was.hash) restore(now.path, was.self.mtime_ns, &now.self);
    }
  }
  if (!disk_.WriteFileAtomic(RecordPath(spec_.name), RenderRecord(after), err)) return false;
  EnsureStamp(changed);
  WriteDepfile(after.deps, after.outs);
  return true;
}

void StepMachine::WriteDepfile(const std::vector<PathState>& deps,
                               const std::vector<PathState>& outs) {
  if (options_.depfile.empty()) return;
  std::vector<const PathState*> all;
  bool any_dir = false;
  for (auto& p : deps) all.push_back(&p);
  for (auto& p : outs) all.push_back(&p);
  for (const PathState* p : all) any_dir |= p->kind == FileKind::kDir;
  std::string err;
  if (!any_dir) {
    // Nothing for Ninja to learn, and a missing depfile means "no deps":
    // skip the write (and Ninja's read and delete) for most steps.
    disk_.RemoveFile(options_.depfile, &err);
    return;
  }
  if (!disk_.MakeDirs(DirName(options_.depfile), &err) ||
      !disk_.WriteFileAtomic(options_.depfile, RenderDepfile("stamp", spec_.project_dir, all),
                             &err)) {
    PrintLine(Warning(err));
  }
}

// The stamp's mtime is what consumers compare against: it moves only when
// an output's bytes changed (or when it does not exist yet).
void StepMachine::EnsureStamp(bool changed) {
  if (options_.stamp.empty()) return;
  std::string err;
  FileInfo info;
  if (!disk_.Stat(options_.stamp, &info, &err)) return;
  if (!changed && info.kind != FileKind::kMissing) return;
  if (!disk_.MakeDirs(DirName(options_.stamp), &err) || !disk_.Touch(options_.stamp, &err)) {
    PrintLine(Warning(err));
  }
}

}  // namespace wfgen
