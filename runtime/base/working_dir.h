// The process's current directory, behind an interface: wfgen-run enters
// the project directory so that its script lines (children inherit it) and
// its project-relative paths mean what they mean in project.yml. Unit
// tests give a fake that moves a FakeDisk's idea of "." instead of the
// process (wrapper/fake_runner.h).
#pragma once

#include <string>

namespace wfgen {

class WorkingDir {
 public:
  virtual ~WorkingDir() = default;
  // The absolute path of the current directory (getcwd).
  virtual bool Get(std::string* dir, std::string* err) = 0;
  // Makes `dir` the current directory (chdir); *err says why not.
  virtual bool Enter(const std::string& dir, std::string* err) = 0;
};

class RealWorkingDir : public WorkingDir {
 public:
  bool Get(std::string* dir, std::string* err) override;
  bool Enter(const std::string& dir, std::string* err) override;
};

}  // namespace wfgen
