#include "runtime/wrapper/fake_runner.h"

#include <signal.h>

namespace wfgen {

LineResult FakeRunner::Run(const std::vector<std::string>& argv,
                           const std::vector<std::string>& env, OutputSink* sink, RemoteControl*) {
  Call call;
  call.argv = argv;
  call.at_ms = clock_->now_ms;
  for (const std::string& e : env) {
    if (e.compare(0, 14, "WFGEN_ATTEMPT=") == 0) call.attempt = e.substr(14);
    if (e.compare(0, 11, "WFGEN_SLOT=") == 0) call.slot = e.substr(11);
  }
  calls.push_back(call);
  int64_t end = clock_->now_ms + line_ms;
  if (stop_sig_ != 0 && stop_at_ms_ >= clock_->now_ms && stop_at_ms_ < end) {
    // The child dies of the forwarded signal.
    clock_->now_ms = stop_at_ms_;
    stopped_ = stop_sig_;
    LineResult r;
    r.kind = LineResult::kSignaled;
    r.code = stop_sig_;
    return r;
  }
  clock_->now_ms = end;
  return line ? line(call, sink) : LineResult();
}

int FakeRunner::StopSignal() {
  if (stopped_ == 0 && stop_sig_ != 0 && stop_at_ms_ <= clock_->now_ms) stopped_ = stop_sig_;
  return stopped_;
}

int FakeRunner::WaitForStop(int64_t ms) {
  waits.push_back(ms);
  int64_t end = clock_->now_ms + ms;
  if (StopSignal() == 0 && stop_sig_ != 0 && stop_at_ms_ < end) {
    clock_->now_ms = stop_at_ms_;
    return StopSignal();
  }
  clock_->now_ms = end;
  return StopSignal();
}

bool FakeWorkingDir::Get(std::string* dir, std::string* err) {
  if (disk_->cwd().empty()) {
    *err = "getcwd: the fake disk has no current directory";
    return false;
  }
  *dir = disk_->cwd();
  return true;
}

bool FakeWorkingDir::Enter(const std::string& dir, std::string* err) {
  FileInfo info;
  if (!disk_->Stat(dir, &info, err)) return false;
  if (info.kind != FileKind::kDir) {
    *err = "No such file or directory";
    return false;
  }
  std::string abs = dir[0] == '/' ? dir : JoinPath(disk_->cwd(), dir);
  disk_->set_cwd(abs);
  return true;
}

bool FakeLogFile::Open(const std::string& path) {
  std::string err;
  if (!disk_->WriteFileAtomic(path, "", &err)) return false;
  path_ = path[0] == '/' ? path : JoinPath(disk_->cwd(), path);
  return true;
}

void FakeLogFile::Write(const char* data, size_t size) {
  if (!path_.empty()) disk_->Append(path_, std::string(data, size));
}

}  // namespace wfgen
