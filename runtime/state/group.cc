#include "runtime/state/group.h"

#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

#include "runtime/base/line_format.h"
#include "runtime/base/proc.h"
#include "runtime/state/step_spec.h"

namespace wfgen {
namespace {

constexpr char kMagic[] = "wfgen-group 1";

std::vector<std::string> Words(const std::string& s, size_t max_words) {
  std::vector<std::string> out;
  for (std::string_view v : SplitFields(s, max_words)) out.emplace_back(v);
  return out;
}

}  // namespace

std::string RenderGroupSpec(const GroupSpec& spec) {
  std::string out = std::string(kMagic) + "\n";
  out += "label " + EscapeField(spec.label) + "\n";
  out += "project " + EscapeField(spec.project) + "\n";
  out += "run " + EscapeField(spec.run_dir) + "\n";
  for (const std::string& m : spec.members) out += "member " + EscapeField(m) + "\n";
  return out;
}

bool ParseGroupSpec(const std::string& text, GroupSpec* spec, std::string* err) {
  *spec = GroupSpec();
  if (text.compare(0, sizeof(kMagic) - 1, kMagic) != 0) {
    *err = "not a wfgen group file (or from another version); rerun wfgen";
    return false;
  }
  for (const KeyValue& kv : SplitKeyValues(std::string_view(text).substr(sizeof(kMagic)))) {
    std::string v;
    if (!UnescapeField(kv.value, &v)) {
      *err = "malformed group file";
      return false;
    }
    if (kv.key == "label") spec->label = v;
    else if (kv.key == "project") spec->project = v;
    else if (kv.key == "run") spec->run_dir = v;
    else if (kv.key == "member") spec->members.push_back(v);
    else {
      *err = "unknown key in group file; rerun wfgen";
      return false;
    }
  }
  if (spec->run_dir.empty() || spec->members.empty()) {
    *err = "incomplete group file; rerun wfgen";
    return false;
  }
  return true;
}

std::string ProcessIdentity(pid_t pid) {
  std::string start = ProcStartTime(pid);
  if (start.empty()) return "";
  return std::to_string(pid) + "." + start;
}

std::string CurrentRunId() {
  if (const char* forced = getenv("WFGEN_RUN_ID")) {
    if (*forced) return forced;
  }
  return ProcessIdentity(getppid());
}

bool KeepGoing() {
  if (const char* env = getenv("WFGEN_KEEP_GOING")) {
    if (*env) return strcmp(env, "0") != 0;
  }
  std::vector<std::string> argv = ProcArgv(getppid());
  if (argv.empty() || argv[0].find("ninja") == std::string::npos) return false;
  // Ninja's -k N: stop after N failures (default 1); 0 means never stop.
  long k = 1;
  for (size_t i = 1; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a == "-k" && i + 1 < argv.size()) {
      k = atol(argv[i + 1].c_str());
    } else if (a.size() > 2 && a.compare(0, 2, "-k") == 0) {
      k = atol(a.c_str() + 2);
    } else if (a == "--") {
      break;
    }
  }
  return k != 1;
}

std::string StateName(MemberState s) {
  switch (s) {
    case MemberState::kSucceeded: return "succeeded";
    case MemberState::kSkipped: return "skipped";
    case MemberState::kFailed: return "failed";
    case MemberState::kTerminated: return "terminated";
    case MemberState::kNotStarted: return "not-started";
  }
  return "?";
}

std::string GroupRun::Path(const std::string& member, const char* ext) const {
  return dir_ + "/" + FileSafeName(member) + ext;
}

std::string GroupRun::ReadSmall(const std::string& path) const {
  std::string text, err;
  if (!disk_->ReadFile(path, &text, &err)) text.clear();
  return text;
}

bool GroupRun::Register(const std::string& member, std::string* err) {
  std::string self = ProcessIdentity(getpid());
  return disk_->MakeDirs(dir_, err) &&
         disk_->WriteFileAtomic(Path(member, ".pid"), self + " " + run_id_ + "\n", err);
}

void GroupRun::Unregister(const std::string& member) {
  std::string err;
  disk_->RemoveFile(Path(member, ".pid"), &err);
}

void GroupRun::WriteStatus(const std::string& member, MemberState state,
                           const std::string& detail) {
  std::string err;
  disk_->MakeDirs(dir_, &err);
  disk_->WriteFileAtomic(Path(member, ".status"),
                         run_id_ + " " + StateName(state) + " " + EscapeField(detail) + "\n", &err);
}

MemberStatus GroupRun::ReadStatus(const std::string& member) const {
  MemberStatus st;
  st.member = member;
  std::string text = ReadSmall(Path(member, ".status"));
  if (!text.empty() && text.back() == '\n') text.pop_back();
  std::vector<std::string> w = Words(text, 3);
  if (w.size() < 2 || w[0] != run_id_) return st;
  for (MemberState s : {MemberState::kSucceeded, MemberState::kSkipped, MemberState::kFailed,
                        MemberState::kTerminated}) {
    if (w[1] == StateName(s)) st.state = s;
  }
  if (w.size() == 3) UnescapeField(w[2], &st.detail);
  return st;
}

std::string GroupRun::FailedMember() const {
  std::string text = ReadSmall(dir_ + "/failed");
  if (!text.empty() && text.back() == '\n') text.pop_back();
  std::vector<std::string> w = Words(text, 3);
  if (w.size() < 2 || w[0] != run_id_) return "";
  std::string member;
  UnescapeField(w[1], &member);
  return member;
}

bool GroupRun::ClaimFailure(const std::string& member, int code, std::string* first) {
  std::string err;
  disk_->MakeDirs(dir_, &err);
  std::string path = dir_ + "/failed";
  std::string line = run_id_ + " " + EscapeField(member) + " " + std::to_string(code) + "\n";
  for (int attempt = 0; attempt < 2; ++attempt) {
    // Created only if absent (O_EXCL), so of two members failing at once
    // exactly one wins.
    if (disk_->WriteNewFile(path, line, &err)) return true;
    // No marker after all: not "someone was first" but an error (the new
    // file is removed when its write fails).
    FileInfo info;
    if (!disk_->Stat(path, &info, &err) || info.kind == FileKind::kMissing) {
      return true;  // cannot coordinate; act as the first
    }
    *first = FailedMember();
    if (!first->empty()) return false;
    // A marker from an earlier run: replace it.
    disk_->RemoveFile(path, &err);
  }
  return true;
}

std::vector<std::string> GroupRun::TerminateOthers(const std::string& self,
                                                   const std::vector<std::string>& members) {
  std::vector<std::string> signalled;
  for (const std::string& m : members) {
    if (m == self) continue;
    std::string text = ReadSmall(Path(m, ".pid"));
    std::vector<std::string> w = Words(text.empty() ? "" : text.substr(0, text.find('\n')), 2);
    if (w.size() != 2 || w[1] != run_id_) continue;
    // "pid.starttime": never signal a process that merely reused the pid.
    size_t dot = w[0].find('.');
    if (dot == std::string::npos) continue;
    pid_t pid = static_cast<pid_t>(atol(w[0].c_str()));
    if (pid <= 1 || ProcessIdentity(pid) != w[0]) continue;
    if (kill(pid, SIGTERM) == 0) signalled.push_back(m);
  }
  return signalled;
}

}  // namespace wfgen
