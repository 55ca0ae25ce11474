#include "transfer/remote/remote_ops.h"

#include <stdlib.h>

#include "runtime/state/weasel_checksum.h"
#include "transfer/remote/archive.h"
#include "transfer/remote/temp_dir.h"
#include "transfer/remote/weasel_hash.h"

namespace wfgen {
namespace {

bool AllExist(Disk* disk, const std::string& project_dir, const std::vector<std::string>& paths,
              bool* all, std::string* err) {
  *all = true;
  for (const std::string& p : paths) {
    FileInfo info;
    if (!disk->Stat(JoinPath(project_dir, p), &info, err)) return false;
    if (info.kind == FileKind::kMissing) *all = false;
  }
  return true;
}

// weasel's _is_not_empty_dir: a file, or a directory with a file somewhere.
bool NotEmpty(Disk* disk, const std::string& path) {
  FileInfo info;
  std::string err;
  if (!disk->Stat(path, &info, &err)) return false;
  if (info.kind != FileKind::kDir) return info.kind != FileKind::kMissing;
  std::vector<DirEntry> entries;
  if (!disk->ListDir(path, &entries, &err)) return false;
  for (const DirEntry& e : entries) {
    if (NotEmpty(disk, JoinPath(path, e.name))) return true;
  }
  return false;
}

std::string LastPart(const std::string& key) { return key.substr(key.rfind('/') + 1); }

}  // namespace

const char* OutcomeName(Outcome o) {
  switch (o) {
    case Outcome::kPushed: return "pushed";
    case Outcome::kAlreadyThere: return "already there";
    case Outcome::kPulled: return "pulled";
    case Outcome::kPresent: return "present";
    case Outcome::kMissing: return "missing";
    case Outcome::kNotFound: return "not found";
    case Outcome::kRefused: return "refused";
    case Outcome::kFailed: return "failed";
  }
  return "?";
}

std::string ObjectKey(const std::string& output, const std::string& command_hash,
                      const std::string& content_hash) {
  return QuotePlus(output) + "/" + command_hash + "/" + content_hash;
}

bool Push(Disk* disk, const std::string& project_dir, const std::vector<RemoteCommand>& commands,
          Store* store, RemoteResult* result, std::string* err) {
  TempDir tmp(project_dir);
  if (tmp.path.empty()) {
    *err = "cannot create a temp directory in " + project_dir;
    return false;
  }
  int serial = 0;
  for (const RemoteCommand& cmd : commands) {
    bool deps_ok;
    if (!AllExist(disk, project_dir, cmd.deps, &deps_ok, err)) return false;
    if (!deps_ok) {
      result->skipped.push_back(cmd.name);
      continue;
    }
    std::string cmd_hash;
    if (!CommandHash(disk, project_dir, cmd.deps, cmd.script, &cmd_hash, err)) return false;
    for (const std::string& out : cmd.outputs) {
      OutputReport rep{cmd.name, out};
      std::string loc = JoinPath(project_dir, out);
      std::string content, local_err;
      if (!NotEmpty(disk, loc)) {
        rep.outcome = Outcome::kMissing;
      } else if (!WeaselChecksum(disk, loc, &content, &local_err)) {
        rep.outcome = Outcome::kFailed;
        rep.detail = local_err;
      } else {
        rep.key = ObjectKey(out, cmd_hash, content);
        bool exists;
        if (!store->Exists(rep.key, &exists, err)) return false;
        if (exists) {
          rep.outcome = Outcome::kAlreadyThere;
        } else {
          std::string archive = tmp.path + "/" + std::to_string(serial++) + ".tar.gz";
          if (!WriteOutputArchive(project_dir, out, archive, &local_err)) {
            rep.outcome = Outcome::kFailed;
            rep.detail = local_err;
          } else {
            if (!store->Put(archive, rep.key, err)) return false;
            rep.outcome = Outcome::kPushed;
          }
          RemoveTree(archive);
        }
      }
      result->outputs.push_back(rep);
    }
  }
  return true;
}

bool Pull(Disk* disk, const std::string& project_dir, const std::vector<RemoteCommand>& commands,
          Store* store, RemoteResult* result, std::string* err) {
  TempDir tmp(project_dir);
  if (tmp.path.empty()) {
    *err = "cannot create a temp directory in " + project_dir;
    return false;
  }
  int serial = 0;
  std::vector<const RemoteCommand*> todo;
  for (const RemoteCommand& c : commands) todo.push_back(&c);
  // weasel's loop: take the first command whose deps exist, pull its
  // outputs, start over; stop when no remaining command can go.
  for (;;) {
    size_t i = 0;
    for (; i < todo.size(); ++i) {
      bool deps_ok;
      if (!AllExist(disk, project_dir, todo[i]->deps, &deps_ok, err)) return false;
      if (deps_ok) break;
    }
    if (i == todo.size()) break;
    const RemoteCommand& cmd = *todo[i];
    todo.erase(todo.begin() + static_cast<long>(i));
    std::string cmd_hash;
    if (!CommandHash(disk, project_dir, cmd.deps, cmd.script, &cmd_hash, err)) return false;
    for (const std::string& out : cmd.outputs) {
      OutputReport rep{cmd.name, out};
      FileInfo info;
      if (!disk->Stat(JoinPath(project_dir, out), &info, err)) return false;
      if (info.kind != FileKind::kMissing) {
        rep.outcome = Outcome::kPresent;
        result->outputs.push_back(rep);
        continue;
      }
      std::vector<StoredObject> objects;
      if (!store->List(QuotePlus(out) + "/" + cmd_hash, &objects, err)) return false;
      SortNewestFirst(&objects);
      rep.outcome = Outcome::kNotFound;
      // weasel takes the newest and stops there; a refused object does
      // not hide an older good one here.
      for (const StoredObject& o : objects) {
        std::string local = tmp.path + "/" + std::to_string(serial++) + ".tar.gz";
        if (!store->Get(o.key, local, err)) return false;
        std::string why;
        bool ok = ExtractOutput(disk, project_dir, out, local, LastPart(o.key), &why);
        RemoveTree(local);
        if (ok) {
          rep.outcome = Outcome::kPulled;
          rep.key = o.key;
          rep.detail.clear();
          break;
        }
        if (rep.outcome == Outcome::kNotFound) {  // the newest refusal is the one to show
          rep.outcome = Outcome::kRefused;
          rep.key = o.key;
          rep.detail = why;
        }
      }
      result->outputs.push_back(rep);
    }
    bool outs_ok;
    if (!AllExist(disk, project_dir, cmd.outputs, &outs_ok, err)) return false;
    if (outs_ok) result->completed.push_back(cmd.name);
  }
  for (const RemoteCommand* c : todo) result->skipped.push_back(c->name);
  return true;
}

}  // namespace wfgen
