// Evaluating one step without running it: load its record, fingerprint its
// deps and outputs, decide. wfgen-run acts on the result; `wfgen explain`
// and `wfgen run --dry` print it, so the three can never disagree.
#pragma once

#include <memory>
#include <string>

#include "runtime/base/disk.h"
#include "runtime/state/decide.h"
#include "runtime/state/record.h"
#include "runtime/state/step_spec.h"

namespace wfgen {

struct Evaluation {
  std::unique_ptr<Record> record;  // null: none, or unreadable (see record_error)
  std::string record_error;
  Current current;
  int64_t hashed_at_ns = 0;
  int files_hashed = 0;  // files read because their stat key could not vouch for them
  Decision decision;
};

// Paths in `spec` are relative to the disk's working directory (the
// project directory). False only when the file system fails us.
bool Evaluate(Disk* disk, const StepSpec& spec, bool forced, Evaluation* out, std::string* err);

// A Disk that resolves relative paths against `root`, for evaluating a
// project's steps from elsewhere.
class RootedDisk : public Disk {
 public:
  RootedDisk(Disk* base, std::string root) : base_(base), root_(std::move(root)) {}
  bool Stat(const std::string& p, FileInfo* i, std::string* e) override {
    return base_->Stat(R(p), i, e);
  }
  bool ReadFile(const std::string& p, std::string* c, std::string* e) override {
    return base_->ReadFile(R(p), c, e);
  }
  bool HashFile(const std::string& p, Hash128* h, std::string* e) override {
    return base_->HashFile(R(p), h, e);
  }
  bool ListDir(const std::string& p, std::vector<DirEntry>* d, std::string* e) override {
    return base_->ListDir(R(p), d, e);
  }
  bool WriteFileAtomic(const std::string& p, const std::string& c, std::string* e) override {
    return base_->WriteFileAtomic(R(p), c, e);
  }
  bool WriteNewFile(const std::string& p, const std::string& c, std::string* e) override {
    return base_->WriteNewFile(R(p), c, e);
  }
  bool MakeDirs(const std::string& p, std::string* e) override { return base_->MakeDirs(R(p), e); }
  bool SetMtime(const std::string& p, int64_t m, std::string* e) override {
    return base_->SetMtime(R(p), m, e);
  }
  bool Touch(const std::string& p, std::string* e) override { return base_->Touch(R(p), e); }
  bool RemoveFile(const std::string& p, std::string* e) override {
    return base_->RemoveFile(R(p), e);
  }
  int64_t NowNs() override { return base_->NowNs(); }

 private:
  std::string R(const std::string& p) const {
    if (!p.empty() && p[0] == '/') return p;
    return JoinPath(root_, p);
  }
  Disk* base_;
  std::string root_;
};

}  // namespace wfgen
