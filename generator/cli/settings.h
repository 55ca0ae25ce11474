// Generation settings remembered with the build (.wfgen/settings): the
// --vars overrides, --schedule, --launcher and --retries last given. `wfgen` sets them
// (exactly the ones it is given); `wfgen run` and the other commands start
// from them and add what they are given; ninja's regeneration rule repeats
// them. A later option (say --retries) is one more field, one more line.
#pragma once

#include <string>
#include <vector>

#include "runtime/base/disk.h"

namespace wfgen {

struct Settings {
  std::vector<std::string> vars;  // "--vars.NAME=VALUE", as given, in order
  std::string schedule;           // "" = staged
  std::string launcher;           // "" = as project.yml says
  std::string retries;            // --retries N; "" = as project.yml says
  bool pull = false;              // --pull, --push: the remote cache on (docs/remotes.md)
  bool push = false;

  bool empty() const {
    return vars.empty() && schedule.empty() && launcher.empty() && retries.empty() && !pull &&
           !push;
  }
  bool operator==(const Settings& o) const {
    return vars == o.vars && schedule == o.schedule && launcher == o.launcher &&
           retries == o.retries && pull == o.pull && push == o.push;
  }
  // As command-line words: {"--vars.epochs=8", "--schedule=dataflow"}.
  std::vector<std::string> Words() const;
};

// `kept` with `given` on top: a var given replaces a kept one of the same
// name (wherever it was), a schedule or launcher given replaces the kept one.
Settings MergeSettings(const Settings& kept, const Settings& given);

// The file's text (runtime/base/line_format.h: `key value` lines).
std::string RenderSettings(const Settings& s);
// False with *err for a malformed file. Unknown keys are skipped, so an
// older wfgen reads a newer file.
bool ParseSettings(const std::string& text, Settings* out, std::string* err);

// Where the settings of a build are kept: `meta_dir` is the Ninja file's
// ".wfgen" (or ".wfgen/EMBED") directory.
std::string SettingsPath(const std::string& build_dir, const std::string& meta_dir);

// A missing file is empty settings.
bool ReadSettings(Disk* disk, const std::string& path, Settings* out, std::string* err);
// Atomically, and only when it changes; empty settings remove the file.
bool WriteSettings(Disk* disk, const std::string& path, const Settings& s, std::string* err);

}  // namespace wfgen
