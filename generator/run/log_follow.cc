#include "generator/run/log_follow.h"

#include <cstdio>

namespace wfgen {

void LogFollower::Start(const std::string& key, const std::string& log, const std::string& label) {
  Followed f;
  f.log = log;
  f.prefix = label + " | ";
  followed_[key] = std::move(f);
}

void LogFollower::Read(Followed* f, std::vector<std::string>* out) {
  FILE* in = fopen(f->log.c_str(), "rb");
  if (!in) return;  // not created yet: next time
  if (fseek(in, f->offset, SEEK_SET) == 0) {
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0) {
      f->offset += static_cast<long>(n);
      f->partial.append(buf, n);
    }
  }
  fclose(in);
  size_t start = 0, nl;
  while ((nl = f->partial.find('\n', start)) != std::string::npos) {
    out->push_back(f->prefix + f->partial.substr(start, nl - start));
    start = nl + 1;
  }
  f->partial.erase(0, start);
}

std::vector<std::string> LogFollower::Poll() {
  std::vector<std::string> out;
  for (auto& [key, f] : followed_) Read(&f, &out);
  return out;
}

std::vector<std::string> LogFollower::Finish(const std::string& key) {
  std::vector<std::string> out;
  auto it = followed_.find(key);
  if (it == followed_.end()) return out;
  Read(&it->second, &out);
  if (!it->second.partial.empty()) out.push_back(it->second.prefix + it->second.partial);
  followed_.erase(it);
  return out;
}

}  // namespace wfgen
