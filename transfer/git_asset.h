// Git assets through the `git` command: argv only, never a shell.
//
//   git ls-remote -- REPO HEAD | refs/heads/B refs/tags/B    (the commit)
//   git clone --quiet --depth 1 --filter=blob:none --sparse [--branch B] -- REPO DIR
//   git -C DIR sparse-checkout set --no-cone -- /PATH        (or `disable` for "")
//   git -C DIR rev-parse HEAD
//
// Checked with Debian 12's git 2.39: a file:// server without
// uploadpack.allowFilter answers "filtering not recognized by server,
// ignoring" and git falls back to a full shallow clone by itself, so the
// filter is only an optimisation. --no-cone, because cone mode takes only
// directories and `path` may name a file. The https URL is used as given
// (weasel --sparse rewrites it to ssh, which fails without a key).
#pragma once

#include <string>

#include "transfer/program_runner.h"

namespace wfgen {

// The commit the remote's `branch` (a branch or a tag; "" = the remote's
// default branch, HEAD) points to.
bool GitRemoteCommit(ProgramRunner* runner, const std::string& repo, const std::string& branch,
                     std::string* commit, std::string* err);

// Clones REPO at BRANCH into WORK/repo with only PATH checked out, and
// returns in *source where PATH's content is (WORK/repo/PATH; for "" the
// whole work tree with .git removed) and the commit it came from. PATH
// must stay inside the clone: a symlink in the repository that leads out
// of it is refused.
bool GitCheckout(ProgramRunner* runner, const std::string& repo, const std::string& branch,
                 const std::string& path, const std::string& work, std::string* source,
                 std::string* commit, std::string* err);

// A gitignore-style pattern that matches exactly `path` from the root
// (special characters escaped), for sparse-checkout --no-cone.
std::string SparsePattern(const std::string& path);

}  // namespace wfgen
