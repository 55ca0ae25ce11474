#include "transfer/asset_fetch.h"

#include <limits.h>
#include <stdlib.h>

#include <cctype>

#include "runtime/state/asset_url.h"
#include "transfer/git_asset.h"
#include "transfer/part_file.h"

namespace wfgen {
namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string GitSource(const std::string& repo, const std::string& branch, const std::string& path) {
  return repo + (branch.empty() ? "" : " branch " + branch) + " path '" + path + "'";
}

// The checksum of dest, reusing the record's cache; fills decision->content
// and, when it differs, decision->why.
bool CompareChecksum(const AssetSpec& spec, const std::string& full_dest, const AssetRecord* record,
                     AssetEnv* env, AssetDecision* d, bool* matches, std::string* err) {
  Md5Checksummer sums(env->disk);
  if (!sums.Checksum(full_dest, record ? &record->content : nullptr, &d->content, err))
    return false;
  *matches = Lower(spec.checksum) == d->content.md5;
  if (!*matches) d->why = "checksum differs: expected " + spec.checksum + ", got " + d->content.md5;
  return true;
}

// dest must not lead out of the project through a symlinked directory.
// Checks the deepest existing ancestor of dest's directory.
bool InsideProject(const std::string& project_dir, const std::string& full_dest, std::string* err) {
  char buf[PATH_MAX];
  if (!realpath(project_dir.c_str(), buf)) {
    *err = "cannot resolve the project directory " + project_dir;
    return false;
  }
  std::string root = buf;
  std::string dir = DirName(full_dest);
  while (!dir.empty() && !realpath(dir.c_str(), buf)) dir = DirName(dir);
  std::string real = dir.empty() ? root : std::string(buf);
  if (real != root && real.compare(0, root.size() + 1, root + "/") != 0 && root != "/") {
    *err = "dest leads out of the project (through " + dir + ", a symbolic link to " + real + ")";
    return false;
  }
  return true;
}

// A private asset is never fetched: it is there (with the right content,
// when a checksum says what that is) or it is missing.
bool DecidePrivate(const AssetSpec& spec, const std::string& full_dest, const AssetRecord* record,
                   const FileInfo& info, AssetEnv* env, AssetDecision* d, std::string* err) {
  if (info.kind == FileKind::kMissing) {
    d->action = AssetDecision::kPrivateMissing;
    d->why = "missing (a private asset: nothing to fetch it from)";
    return true;
  }
  if (!spec.checksum.empty()) {
    bool ok;
    if (!CompareChecksum(spec, full_dest, record, env, d, &ok, err)) return false;
    if (!ok) {
      d->action = AssetDecision::kPrivateWrong;
      return true;
    }
    d->why = "present, checksum matches";
    return true;
  }
  d->why = "present";
  return true;
}

// Why dest counts as not there (missing, an empty file, an empty
// directory), or "" when something is there.
bool WhyAbsent(Disk* disk, const std::string& full_dest, const FileInfo& info, std::string* why,
               std::string* err) {
  if (info.kind == FileKind::kMissing) {
    *why = "missing";
  } else if (info.kind == FileKind::kFile && info.size == 0) {
    *why = "empty (0 bytes)";
  } else if (info.kind == FileKind::kDir) {
    std::vector<DirEntry> entries;
    if (!disk->ListDir(full_dest, &entries, err)) return false;
    if (entries.empty()) *why = "empty directory";
  }
  return true;
}

// A present URL asset without a checksum is kept unless its URL changed.
void DecideUrl(const AssetSpec& spec, const AssetRecord* record, AssetDecision* d) {
  if (record && !record->url.empty() && record->url != spec.url) {
    d->why = "URL changed (was " + record->url + ")";
    return;
  }
  d->action = AssetDecision::kKeep;
  d->why =
      record && !record->url.empty()
          ? "up to date (present, fetched from the same URL)"
          : "up to date (present; no checksum and no record of its URL, so kept as weasel does)";
}

// A present git asset without a checksum is kept while its source is the
// same and the remote's commit is the one it was cloned from.
void DecideGit(const AssetSpec& spec, const AssetRecord* record, AssetEnv* env, AssetDecision* d) {
  if (!record || record->repo.empty() || record->commit.empty()) {
    d->why = "no record of the commit it was cloned from";
    return;
  }
  if (record->repo != spec.repo || record->branch != spec.branch || record->path != spec.path) {
    d->why =
        "git source changed (was " + GitSource(record->repo, record->branch, record->path) + ")";
    return;
  }
  std::string remote_err;
  if (!GitRemoteCommit(env->runner, spec.repo, spec.branch, &d->remote_commit, &remote_err)) {
    // Offline, or the remote is gone: what is here was cloned from this
    // source, so it stays (a build should not fail for want of a network
    // when nothing asks for a newer commit).
    d->action = AssetDecision::kKeep;
    d->why = "kept at commit " + record->commit + " (cannot ask the remote: " + remote_err + ")";
    return;
  }
  if (d->remote_commit != record->commit) {
    d->why = "remote commit changed (" + record->commit + " -> " + d->remote_commit + ")";
    return;
  }
  d->action = AssetDecision::kKeep;
  d->why = "up to date (commit " + record->commit + ")";
}

}  // namespace

bool DecideAsset(const AssetSpec& spec, const std::string& full_dest, const AssetRecord* record,
                 AssetEnv* env, AssetDecision* d, std::string* err) {
  *d = AssetDecision();
  FileInfo info;
  if (!env->disk->Stat(full_dest, &info, err)) return false;
  if (spec.kind == AssetSpec::kPrivate) {
    return DecidePrivate(spec, full_dest, record, info, env, d, err);
  }
  d->action = AssetDecision::kFetch;
  if (!WhyAbsent(env->disk, full_dest, info, &d->why, err)) return false;
  if (!d->why.empty()) return true;
  if (!spec.checksum.empty()) {
    bool ok;
    if (!CompareChecksum(spec, full_dest, record, env, d, &ok, err)) return false;
    if (ok) {
      d->action = AssetDecision::kKeep;
      d->why = "up to date (checksum matches)";
    }
    return true;
  }
  if (spec.kind == AssetSpec::kUrl) {
    DecideUrl(spec, record, d);
  } else {
    DecideGit(spec, record, env, d);  // git, no checksum
  }
  return true;
}

namespace {

bool FetchUrl(const AssetSpec& spec, const std::string& full_dest, AssetEnv* env,
              AssetOutcome* outcome, AssetRecord* rec, std::string* err) {
  std::string url;
  ConvertGithubUrl(spec.url, &url);
  DownloadResult result;
  std::string cause;
  if (!DownloadFile({url, full_dest, spec.checksum}, env->download, &result, &cause)) {
    *err = url + ": " + cause;
    return false;
  }
  outcome->bytes = result.bytes;
  FileInfo info;
  if (!env->disk->Stat(full_dest, &info, err)) return false;
  rec->url = spec.url;
  rec->content = ChecksumCache();
  rec->content.md5 = result.md5;
  rec->content.hashed_at_ns = env->disk->NowNs();
  rec->content.own_write = true;
  rec->content.files.push_back({"", StatKey::Of(info)});
  return true;
}

bool FetchGit(const AssetSpec& spec, const std::string& full_dest, AssetEnv* env,
              AssetOutcome* outcome, AssetRecord* rec, std::string* err) {
  PartDirLock work;
  std::string cause;
  if (!work.Create(full_dest, &cause)) {
    *err = spec.repo + ": " + cause;
    return false;
  }
  std::string source;
  bool ok = GitCheckout(env->runner, spec.repo, spec.branch, spec.path, work.path(), &source,
                        &outcome->commit, &cause);
  if (ok && !spec.checksum.empty()) {
    Md5Checksummer sums(env->disk);
    ChecksumCache got;
    ok = sums.Checksum(source, nullptr, &got, &cause);
    if (ok && got.md5 != Lower(spec.checksum)) {
      cause = "checksum mismatch: expected " + spec.checksum + ", got " + got.md5;
      ok = false;
    }
  }
  bool old_left = false;
  if (ok) ok = PutInPlace(source, full_dest, &old_left, &cause);
  std::string cleanup_err;
  if (!RemoveTree(work.path(), &cleanup_err) && ok) {
    cause = cleanup_err;
    ok = false;
  }
  if (!ok) {
    *err = spec.repo + ": " + cause;
    return false;
  }
  rec->repo = spec.repo;
  rec->branch = spec.branch;
  rec->path = spec.path;
  rec->commit = outcome->commit;
  rec->content = ChecksumCache();
  if (!spec.checksum.empty()) {
    Md5Checksummer sums(env->disk);
    if (!sums.Checksum(full_dest, nullptr, &rec->content, err)) return false;
  }
  return true;
}

}  // namespace

bool FetchAsset(const AssetSpec& spec, bool dry, AssetEnv* env, AssetOutcome* outcome,
                std::string* err) {
  *outcome = AssetOutcome();
  if (!ValidateAssetSpec(spec, err)) return false;
  std::string full_dest = JoinPath(env->project_dir, spec.dest);
  while (full_dest.size() > 1 && full_dest.back() == '/') full_dest.pop_back();
  if (!InsideProject(env->project_dir, full_dest, err)) return false;

  AssetRecord record;
  bool have_record = false;
  if (!env->state_dir.empty() &&
      !LoadAssetRecord(env->disk, env->state_dir, spec.dest, &record, &have_record, err)) {
    return false;
  }
  if (!dry && spec.kind != AssetSpec::kPrivate && !RemoveStalePart(full_dest, err)) return false;
  if (!DecideAsset(spec, full_dest, have_record ? &record : nullptr, env, &outcome->decision,
                   err)) {
    return false;
  }
  const AssetDecision& d = outcome->decision;
  AssetRecord next = have_record ? record : AssetRecord();
  next.dest = spec.dest;
  switch (d.action) {
    case AssetDecision::kPrivateMissing:
      outcome->warning = "asset '" + spec.dest + "' is missing: you need to add it yourself" +
                         (spec.description.empty() ? "" : " (" + spec.description + ")");
      return true;
    case AssetDecision::kPrivateWrong: *err = d.why; return false;
    case AssetDecision::kKeep:
      if (dry || env->state_dir.empty()) return true;
      // Remember the source of what is kept (so a later URL change is
      // seen) and the checksum cache (so the next check reads nothing).
      if (spec.kind == AssetSpec::kUrl && next.url.empty()) next.url = spec.url;
      if (!d.content.empty()) next.content = d.content;
      if (have_record && RenderAssetRecord(next) == RenderAssetRecord(record)) return true;
      return SaveAssetRecord(env->disk, env->state_dir, next, err);
    case AssetDecision::kFetch: break;
  }
  if (dry) return true;
  if (!env->disk->MakeDirs(DirName(full_dest), err)) return false;
  // The directory may have been created through a symlink made meanwhile.
  if (!InsideProject(env->project_dir, full_dest, err)) return false;
  next = AssetRecord();
  next.dest = spec.dest;
  bool ok = spec.kind == AssetSpec::kUrl ? FetchUrl(spec, full_dest, env, outcome, &next, err)
                                         : FetchGit(spec, full_dest, env, outcome, &next, err);
  if (!ok) return false;
  outcome->fetched = true;
  if (env->state_dir.empty()) return true;
  return SaveAssetRecord(env->disk, env->state_dir, next, err);
}

}  // namespace wfgen
