#include "transfer/remote/pull_step.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "transfer/remote/archive.h"
#include "transfer/remote/temp_dir.h"
#include "transfer/remote/weasel_hash.h"

namespace wfgen {
namespace {

std::string Trimmed(std::string path) {
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

bool PullOne(Disk* disk, const std::string& project_dir, const RemoteCommand& cmd, Store* store,
             RemoteResult* result, std::string* err) {
  std::string cmd_hash;
  if (!CommandHash(disk, project_dir, cmd.deps, cmd.script, &cmd_hash, err)) return false;
  std::vector<OutputReport> reports;
  std::vector<std::vector<StoredObject>> candidates;
  std::string missing;
  for (const std::string& out : cmd.outputs) {
    candidates.emplace_back();
    if (!store->List(QuotePlus(out) + "/" + cmd_hash, &candidates.back(), err)) return false;
    SortNewestFirst(&candidates.back());
    reports.push_back(OutputReport{cmd.name, out, Outcome::kNotFound});
    if (candidates.back().empty() && missing.empty()) missing = out;
  }
  auto give_up = [&](const std::string& why) {
    for (OutputReport& r : reports) {
      if (r.outcome == Outcome::kPulled) r.outcome = Outcome::kNotFound;  // staged, not placed
      if (r.outcome != Outcome::kRefused && r.output != missing) r.detail = why;
      result->outputs.push_back(r);
    }
    return true;
  };
  if (cmd.outputs.empty()) return true;
  if (!missing.empty()) return give_up("not fetched: '" + missing + "' is not on the remote");

  TempDir tmp(project_dir);
  if (tmp.path.empty()) {
    *err = "cannot create a temp directory in " + project_dir;
    return false;
  }
  std::string stage = tmp.path + "/stage";
  int serial = 0;
  for (size_t i = 0; i < cmd.outputs.size(); ++i) {
    OutputReport& rep = reports[i];
    for (const StoredObject& o : candidates[i]) {
      std::string local = tmp.path + "/" + std::to_string(serial++) + ".tar.gz";
      if (!store->Get(o.key, local, err)) return false;
      std::string why;
      bool ok = ExtractOutput(disk, stage, cmd.outputs[i], local,
                              o.key.substr(o.key.rfind('/') + 1), &why);
      RemoveTree(local);
      rep.key = o.key;
      if (ok) {
        rep.outcome = Outcome::kPulled;
        rep.detail.clear();
        break;
      }
      if (rep.outcome == Outcome::kNotFound) {  // the newest refusal is the one to show
        rep.outcome = Outcome::kRefused;
        rep.detail = why;
      }
    }
    if (rep.outcome != Outcome::kPulled) {
      missing = cmd.outputs[i];
      return give_up("not fetched: '" + missing + "' was refused");
    }
  }
  // Every output is verified in the staging tree: swap them in.
  for (size_t i = 0; i < cmd.outputs.size(); ++i) {
    std::string out = Trimmed(cmd.outputs[i]);
    std::string dest = JoinPath(project_dir, out);
    std::string parent = DirName(dest);
    std::string aside = tmp.path + "/old-" + std::to_string(i);
    FileInfo info;
    if (!disk->Stat(dest, &info, err) || (!parent.empty() && !disk->MakeDirs(parent, err))) {
      return false;
    }
    if (info.kind != FileKind::kMissing && rename(dest.c_str(), aside.c_str()) != 0) {
      *err = "cannot move " + dest + " aside: " + strerror(errno);
      return false;
    }
    if (rename(JoinPath(stage, out).c_str(), dest.c_str()) != 0) {
      *err = "cannot rename " + out + " into place: " + strerror(errno);
      return false;
    }
  }
  for (OutputReport& r : reports) result->outputs.push_back(r);
  result->completed.push_back(cmd.name);
  return true;
}

}  // namespace

bool PullSteps(Disk* disk, const std::string& project_dir,
               const std::vector<RemoteCommand>& commands, Store* store, RemoteResult* result,
               std::string* err) {
  for (const RemoteCommand& cmd : commands) {
    if (!PullOne(disk, project_dir, cmd, store, result, err)) return false;
  }
  return true;
}

}  // namespace wfgen
