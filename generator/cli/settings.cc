#include "generator/cli/settings.h"

#include "generator/project/interpolate.h"
#include "runtime/base/line_format.h"
#include "runtime/state/layout.h"

namespace wfgen {
namespace {

// The var an override sets ("vars.a.b"), as the interpolator reads it.
std::string VarOf(const std::string& word) {
  std::vector<std::string> args = {word};
  size_t i = 0;
  Override o;
  std::string err;
  if (!ParseOverrideArg(args, &i, &o, &err)) return word;
  std::string name;
  for (const std::string& p : o.path) name += (name.empty() ? "" : ".") + p;
  return name;
}

}  // namespace

std::vector<std::string> Settings::Words() const {
  std::vector<std::string> words = vars;
  if (!schedule.empty()) words.push_back("--schedule=" + schedule);
  if (!launcher.empty()) words.push_back("--launcher=" + launcher);
  if (!retries.empty()) words.push_back("--retries=" + retries);
  if (pull) words.push_back("--pull");
  if (push) words.push_back("--push");
  return words;
}

Settings MergeSettings(const Settings& kept, const Settings& given) {
  Settings out;
  for (const std::string& v : kept.vars) {
    bool replaced = false;
    for (const std::string& g : given.vars) replaced = replaced || VarOf(g) == VarOf(v);
    if (!replaced) out.vars.push_back(v);
  }
  out.vars.insert(out.vars.end(), given.vars.begin(), given.vars.end());
  out.schedule = given.schedule.empty() ? kept.schedule : given.schedule;
  out.launcher = given.launcher.empty() ? kept.launcher : given.launcher;
  out.retries = given.retries.empty() ? kept.retries : given.retries;
  // On once given, until --reset.
  out.pull = kept.pull || given.pull;
  out.push = kept.push || given.push;
  return out;
}

std::string RenderSettings(const Settings& s) {
  std::string out;
  for (const std::string& v : s.vars) out += "var " + EscapeField(v) + "\n";
  if (!s.schedule.empty()) out += "schedule " + EscapeField(s.schedule) + "\n";
  if (!s.launcher.empty()) out += "launcher " + EscapeField(s.launcher) + "\n";
  if (!s.retries.empty()) out += "retries " + EscapeField(s.retries) + "\n";
  if (s.pull) out += "pull 1\n";
  if (s.push) out += "push 1\n";
  return out;
}

bool ParseSettings(const std::string& text, Settings* out, std::string* err) {
  *out = Settings();
  for (const KeyValue& kv : SplitKeyValues(text)) {
    std::string value;
    if (!UnescapeField(kv.value, &value)) {
      *err = "malformed value for '" + std::string(kv.key) + "'";
      return false;
    }
    if (kv.key == "var") {
      if (value.compare(0, 7, "--vars.") != 0) {
        *err = "'" + value + "' is not a --vars override";
        return false;
      }
      out->vars.push_back(value);
    } else if (kv.key == "schedule") {
      out->schedule = value;
    } else if (kv.key == "launcher") {
      out->launcher = value;
    } else if (kv.key == "retries") {
      out->retries = value;
    } else if (kv.key == "pull") {
      out->pull = value == "1";
    } else if (kv.key == "push") {
      out->push = value == "1";
    }
  }
  return true;
}

std::string SettingsPath(const std::string& build_dir, const std::string& meta_dir) {
  return JoinPath(build_dir, SettingsPath(meta_dir));
}

bool ReadSettings(Disk* disk, const std::string& path, Settings* out, std::string* err) {
  FileInfo info;
  if (!disk->Stat(path, &info, err)) return false;
  if (info.kind == FileKind::kMissing) {
    *out = Settings();
    return true;
  }
  std::string text;
  if (!disk->ReadFile(path, &text, err)) return false;
  if (!ParseSettings(text, out, err)) {
    *err = path + ": " + *err;
    return false;
  }
  return true;
}

bool WriteSettings(Disk* disk, const std::string& path, const Settings& s, std::string* err) {
  Settings old;
  std::string ignored;
  FileInfo info;
  if (!disk->Stat(path, &info, err)) return false;
  if (info.kind == FileKind::kMissing) {
    if (s.empty()) return true;
  } else if (ReadSettings(disk, path, &old, &ignored) && old == s) {
    return true;
  }
  if (s.empty()) return disk->RemoveFile(path, err);
  return disk->MakeDirs(DirName(path), err) && disk->WriteFileAtomic(path, RenderSettings(s), err);
}

}  // namespace wfgen
