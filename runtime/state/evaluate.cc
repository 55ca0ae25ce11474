#include "runtime/state/evaluate.h"

#include "runtime/state/fingerprint.h"

namespace wfgen {

bool Evaluate(Disk* disk, const StepSpec& spec, bool forced, Evaluation* out, std::string* err) {
  std::string path = RecordPath(spec.name);
  FileInfo info;
  if (!disk->Stat(path, &info, err)) return false;
  if (info.kind == FileKind::kFile) {
    std::string text, why;
    auto rec = std::make_unique<Record>();
    if (disk->ReadFile(path, &text, &why) && ParseRecord(text, rec.get(), &why)) {
      out->record = std::move(rec);
    } else {
      out->record_error = path + ": " + why;
    }
  }
  Fingerprinter fp(disk, out->record.get());
  out->current.script = ScriptHash(spec.script, spec.shell);
  if (!fp.TakeAll(spec.deps, &out->current.deps, err) ||
      !fp.TakeAll(spec.AllOutputs(), &out->current.outs, err)) {
    return false;
  }
  out->hashed_at_ns = fp.hashed_at_ns();
  out->files_hashed = fp.files_hashed();
  out->decision = Decide(spec, out->record.get(), out->record_error, out->current, forced);
  return true;
}

}  // namespace wfgen
