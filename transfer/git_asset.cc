#include "transfer/git_asset.h"

#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <vector>

#include "runtime/base/line_format.h"
#include "transfer/part_file.h"

namespace wfgen {
namespace {

// No prompt for a password: a build must fail, not hang, on a private repo.
const std::vector<std::string> kGitEnv = {"GIT_TERMINAL_PROMPT=0", "GIT_ASKPASS=/bin/false",
                                          "SSH_ASKPASS=/bin/false"};

// git's message: its first "fatal:" or "error:" line (more lines of advice
// may follow), else its last line.
std::string GitMessage(const std::string& output) {
  std::string last;
  for (std::string_view view : SplitLines(output)) {
    std::string line(view);
    if (line.rfind("fatal:", 0) == 0 || line.rfind("error:", 0) == 0) return line;
    if (!line.empty()) last = line;
  }
  return last;
}

bool Git(ProgramRunner* runner, const std::vector<std::string>& args, ProgramResult* result,
         std::string* err) {
  std::vector<std::string> argv = {"git"};
  argv.insert(argv.end(), args.begin(), args.end());
  if (!runner->Run(argv, kGitEnv, result, err)) return false;
  if (result->exit != 0) {
    *err = "git " + args[0] + " failed: " + GitMessage(result->output);
    return false;
  }
  return true;
}

bool RealPath(const std::string& path, std::string* out) {
  char buf[PATH_MAX];
  if (!realpath(path.c_str(), buf)) return false;
  *out = buf;
  return true;
}

}  // namespace

std::string SparsePattern(const std::string& path) {
  std::string out = "/";
  for (char c : path) {
    if (c == '*' || c == '?' || c == '[' || c == '\\' || c == '!' || c == '#' || c == ' ') {
      out += '\\';
    }
    out += c;
  }
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

bool GitRemoteCommit(ProgramRunner* runner, const std::string& repo, const std::string& branch,
                     std::string* commit, std::string* err) {
  std::vector<std::string> args = {"ls-remote", "--", repo};
  if (branch.empty()) {
    args.push_back("HEAD");
  } else {
    args.push_back("refs/heads/" + branch);
    args.push_back("refs/tags/" + branch);
  }
  ProgramResult r;
  if (!Git(runner, args, &r, err)) return false;
  // A branch wins over a tag of the same name (as in `git clone --branch`);
  // an annotated tag's commit is its peeled line.
  std::vector<std::string> prefer =
      branch.empty()
          ? std::vector<std::string>{"HEAD"}
          : std::vector<std::string>{"refs/heads/" + branch, "refs/tags/" + branch + "^{}",
                                     "refs/tags/" + branch};
  for (const std::string& want : prefer) {
    size_t pos = 0;
    while (pos < r.out.size()) {
      size_t eol = r.out.find('\n', pos);
      if (eol == std::string::npos) eol = r.out.size();
      std::string line = r.out.substr(pos, eol - pos);
      pos = eol + 1;
      size_t tab = line.find('\t');
      if (tab != std::string::npos && line.substr(tab + 1) == want) {
        *commit = line.substr(0, tab);
        return true;
      }
    }
  }
  *err = branch.empty() ? "the repository has no default branch (HEAD)"
                        : "no branch or tag '" + branch + "' in the repository";
  return false;
}

bool GitCheckout(ProgramRunner* runner, const std::string& repo, const std::string& branch,
                 const std::string& path, const std::string& work, std::string* source,
                 std::string* commit, std::string* err) {
  std::string dir = work + "/repo";
  std::vector<std::string> clone = {"clone",   "--quiet", "--depth", "1", "--filter=blob:none",
                                    "--sparse"};
  if (!branch.empty()) {
    clone.push_back("--branch");
    clone.push_back(branch);
  }
  clone.push_back("--");
  clone.push_back(repo);
  clone.push_back(dir);
  ProgramResult r;
  if (!Git(runner, clone, &r, err)) return false;
  if (path.empty()) {
    if (!Git(runner, {"-C", dir, "sparse-checkout", "disable"}, &r, err)) return false;
  } else if (!Git(runner,
                  {"-C", dir, "sparse-checkout", "set", "--no-cone", "--", SparsePattern(path)}, &r,
                  err)) {
    return false;
  }
  if (!Git(runner, {"-C", dir, "rev-parse", "HEAD"}, &r, err)) return false;
  *commit = r.out.substr(0, r.out.find('\n'));

  if (path.empty()) {
    if (!RemoveTree(dir + "/.git", err)) return false;
    *source = dir;
    return true;
  }
  std::string trimmed = path;
  while (!trimmed.empty() && trimmed.back() == '/') trimmed.pop_back();
  *source = dir + "/" + trimmed;
  struct stat st;
  if (lstat(source->c_str(), &st) != 0) {
    *err = "path '" + path + "' is not in the repository" +
           (branch.empty() ? "" : " (branch '" + branch + "')");
    return false;
  }
  // The parent directories of PATH must be real directories of the clone:
  // a symlink among them could make the rename below take a file from
  // anywhere on this machine.
  std::string root, parent;
  size_t slash = source->rfind('/');
  if (!RealPath(dir, &root) || !RealPath(source->substr(0, slash), &parent) ||
      (parent != root && parent.compare(0, root.size() + 1, root + "/") != 0)) {
    *err = "path '" + path + "' leads out of the repository through a symbolic link";
    return false;
  }
  return true;
}

}  // namespace wfgen
