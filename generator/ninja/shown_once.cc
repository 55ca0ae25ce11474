#include "generator/ninja/shown_once.h"

#include <set>
#include <sstream>

namespace wfgen {

void FilterShownOnce(Disk* disk, const std::string& project_dir, Diagnostics* diag) {
  std::set<std::string> keys;
  for (const Diagnostic& d : diag->all()) {
    if (!d.once.empty()) keys.insert(d.once);
  }
  std::string path = JoinPath(project_dir, kShownOnceFile);
  std::string old, err;
  std::set<std::string> shown;
  if (disk->ReadFile(path, &old, &err)) {
    std::istringstream in(old);
    for (std::string line; std::getline(in, line);) {
      if (!line.empty()) shown.insert(line);
    }
  } else if (keys.empty()) {
    return;  // nothing to remember, and no file to tidy
  }
  std::string text;
  for (const std::string& k : keys) text += k + "\n";
  // A load that failed may have stopped before some warnings: keep the
  // file as it is then.
  if (text != old && !diag->has_errors()) {
    // Remembered only once it is written: otherwise it shows again next time.
    if (!disk->MakeDirs(DirName(path), &err) || !disk->WriteFileAtomic(path, text, &err)) return;
  }
  diag->Forget([&shown](const Diagnostic& d) { return !d.once.empty() && shown.count(d.once); });
}

}  // namespace wfgen
