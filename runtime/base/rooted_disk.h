// A Disk seen from another directory: relative paths are taken below
// `root` instead of the process's working directory, for evaluating a
// project's steps from elsewhere (`wfgen explain`, `run --dry`) and for
// importing weasel's project.lock, without chdir (which would move the
// whole process and every relative path its caller holds). Absolute paths
// pass unchanged.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "runtime/base/disk.h"

namespace wfgen {

class RootedDisk : public Disk {
 public:
  RootedDisk(Disk* disk, std::string root) : disk_(disk), root_(std::move(root)) {}

  // `path` as the underlying disk must be given it.
  std::string Resolve(const std::string& path) const;

  bool Stat(const std::string& path, FileInfo* info, std::string* err) override {
    return disk_->Stat(Resolve(path), info, err);
  }
  bool ReadFile(const std::string& path, std::string* contents, std::string* err) override {
    return disk_->ReadFile(Resolve(path), contents, err);
  }
  bool HashFile(const std::string& path, Hash128* hash, std::string* err) override {
    return disk_->HashFile(Resolve(path), hash, err);
  }
  bool StreamFile(const std::string& path, const ChunkSink& sink, std::string* err) override {
    return disk_->StreamFile(Resolve(path), sink, err);
  }
  bool ListDir(const std::string& path, std::vector<DirEntry>* entries, std::string* err) override {
    return disk_->ListDir(Resolve(path), entries, err);
  }
  bool WriteFileAtomic(const std::string& path, const std::string& contents,
                       std::string* err) override {
    return disk_->WriteFileAtomic(Resolve(path), contents, err);
  }
  bool WriteNewFile(const std::string& path, const std::string& contents,
                    std::string* err) override {
    return disk_->WriteNewFile(Resolve(path), contents, err);
  }
  bool MakeDirs(const std::string& path, std::string* err) override {
    return disk_->MakeDirs(Resolve(path), err);
  }
  bool SetMtime(const std::string& path, int64_t mtime_ns, std::string* err) override {
    return disk_->SetMtime(Resolve(path), mtime_ns, err);
  }
  bool SetMode(const std::string& path, uint32_t mode, std::string* err) override {
    return disk_->SetMode(Resolve(path), mode, err);
  }
  bool Touch(const std::string& path, std::string* err) override {
    return disk_->Touch(Resolve(path), err);
  }
  bool RemoveFile(const std::string& path, std::string* err) override {
    return disk_->RemoveFile(Resolve(path), err);
  }
  int64_t NowNs() override { return disk_->NowNs(); }

 private:
  Disk* disk_;
  std::string root_;
};

}  // namespace wfgen
