#include "runtime/state/record.h"

#include <cstdio>
#include <cstdlib>

#include "runtime/base/line_format.h"

namespace wfgen {
namespace {

constexpr char kMagic[] = "wfgen-record 1";

char KindChar(FileKind k) {
  switch (k) {
    case FileKind::kMissing: return 'm';
    case FileKind::kFile: return 'f';
    case FileKind::kDir: return 'd';
    case FileKind::kOther: return 'o';
  }
  return 'm';
}

bool KindFromChar(std::string_view s, FileKind* k) {
  if (s == "m") *k = FileKind::kMissing;
  else if (s == "f") *k = FileKind::kFile;
  else if (s == "d") *k = FileKind::kDir;
  else if (s == "o") *k = FileKind::kOther;
  else return false;
  return true;
}

void PutFileFields(std::string* out, const FileState& f) {
  char buf[128];
  snprintf(buf, sizeof buf, "%s %llu %lld %lld %llu ", f.hash.Hex().c_str(),
           static_cast<unsigned long long>(f.size), static_cast<long long>(f.mtime_ns),
           static_cast<long long>(f.ctime_ns), static_cast<unsigned long long>(f.ino));
  *out += buf;
}

bool ParseU64(std::string_view s, uint64_t* out) {
  if (s.empty() || s.size() > 20) return false;
  uint64_t n = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    n = n * 10 + static_cast<uint64_t>(c - '0');
  }
  *out = n;
  return true;
}

bool ParseI64(std::string_view s, int64_t* out) {
  bool neg = !s.empty() && s[0] == '-';
  uint64_t u;
  if (!ParseU64(neg ? s.substr(1) : s, &u)) return false;
  *out = neg ? -static_cast<int64_t>(u) : static_cast<int64_t>(u);
  return true;
}

// "<hash> <size> <mtime> <ctime> <ino> <escaped rest>"
bool ParseFileFields(std::string_view value, FileState* f, std::string* rest) {
  auto fields = SplitFields(value, 6);
  if (fields.size() != 6) return false;
  return Hash128::FromHex(std::string(fields[0]), &f->hash) && ParseU64(fields[1], &f->size) &&
         ParseI64(fields[2], &f->mtime_ns) && ParseI64(fields[3], &f->ctime_ns) &&
         ParseU64(fields[4], &f->ino) && UnescapeField(fields[5], rest);
}

}  // namespace

std::string RenderRecord(const Record& r) {
  std::string out = std::string(kMagic) + "\n";
  out += "script " + r.script.Hex() + "\n";
  out += "hashed_at " + std::to_string(r.hashed_at_ns) + "\n";
  auto put_paths = [&out](const char* key, const std::vector<PathState>& paths) {
    for (const PathState& p : paths) {
      out += key;
      out += ' ';
      out += KindChar(p.kind);
      out += ' ';
      FileState top = p.self;
      top.hash = p.hash;
      PutFileFields(&out, top);
      out += EscapeField(p.path);
      out += '\n';
      for (const FileState& c : p.children) {
        out += "file ";
        PutFileFields(&out, c);
        out += EscapeField(c.rel);
        out += '\n';
      }
    }
  };
  put_paths("dep", r.deps);
  put_paths("out", r.outs);
  out += "check " + HashBytes(out).Hex() + "\n";
  return out;
}

bool ParseRecord(const std::string& text, Record* r, std::string* err) {
  *r = Record();
  if (text.compare(0, sizeof(kMagic) - 1, kMagic) != 0) {
    *err = "not a wfgen record, or one written by another version";
    return false;
  }
  // The checksum covers every byte before the "check" line.
  size_t check_at = text.rfind("\ncheck ");
  if (check_at == std::string::npos) {
    *err = "record is truncated (no checksum line)";
    return false;
  }
  std::string body = text.substr(0, check_at + 1);
  std::string check_line = text.substr(check_at + 1);
  if (check_line != "check " + HashBytes(body).Hex() + "\n") {
    *err = "record checksum does not match (truncated or edited)";
    return false;
  }
  PathState* last = nullptr;
  bool have_script = false;
  for (auto& kv : SplitKeyValues(std::string_view(body).substr(sizeof(kMagic)))) {
    if (kv.key == "script") {
      have_script = Hash128::FromHex(std::string(kv.value), &r->script);
      if (!have_script) break;
    } else if (kv.key == "hashed_at") {
      if (!ParseI64(kv.value, &r->hashed_at_ns)) {
        *err = "bad hashed_at in record";
        return false;
      }
    } else if (kv.key == "dep" || kv.key == "out") {
      auto parts = SplitFields(kv.value, 2);
      PathState p;
      FileState top;
      if (parts.size() != 2 || !KindFromChar(parts[0], &p.kind) ||
          !ParseFileFields(parts[1], &top, &p.path)) {
        *err = "malformed " + std::string(kv.key) + " line in record";
        return false;
      }
      p.hash = top.hash;
      p.self = top;
      auto& list = kv.key == "dep" ? r->deps : r->outs;
      list.push_back(std::move(p));
      last = &list.back();
    } else if (kv.key == "file") {
      FileState f;
      if (!last || last->kind != FileKind::kDir || !ParseFileFields(kv.value, &f, &f.rel)) {
        *err = "malformed file line in record";
        return false;
      }
      last->children.push_back(std::move(f));
    } else {
      *err = "unknown line '" + std::string(kv.key) + "' in record";
      return false;
    }
  }
  if (!have_script) {
    *err = "record has no script hash";
    return false;
  }
  return true;
}

}  // namespace wfgen
