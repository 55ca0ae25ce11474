// A command's `resources:` (wfgen's own key, for the Slurm launcher):
// which resources there are, and each value as srun would take it.
#include <cstring>
#include <string>
#include <vector>

#include "generator/project/loader_impl.h"
#include "generator/project/scalar.h"

namespace wfgen {
namespace {

const std::vector<std::string> kResourceKeys = {"cpus", "mem",       "gpus",
                                                "time", "partition", "extra"};

// As srun takes --mem: a number, optionally with a unit K, M, G or T.
bool IsSlurmSize(const std::string& v) {
  size_t digits = strspn(v.c_str(), "0123456789");
  return digits > 0 && (digits == v.size() ||
                        (digits + 1 == v.size() && strchr("KMGTkmgt", v.back()) != nullptr));
}

// As srun takes --time: M, M:S, H:M:S, D-H, D-H:M, D-H:M:S, or INFINITE.
bool IsSlurmTime(const std::string& v) {
  if (v == "INFINITE" || v == "UNLIMITED") return true;
  std::string rest = v;
  size_t dash = v.find('-');
  if (dash != std::string::npos) {
    if (dash == 0 || strspn(v.c_str(), "0123456789") != dash) return false;
    rest = v.substr(dash + 1);
  }
  int groups = 0;
  size_t start = 0;
  while (start <= rest.size()) {
    size_t end = rest.find(':', start);
    if (end == std::string::npos) end = rest.size();
    if (end == start || strspn(rest.c_str() + start, "0123456789") != end - start) return false;
    ++groups;
    start = end + 1;
  }
  return groups >= 1 && groups <= 3;
}

}  // namespace

void Loader::LoadResources(const YNodePtr& node, Resources* r) {
  if (!fields_.ExpectMap(node, "resources")) return;
  for (auto& [k, v] : node->entries) {
    const std::string& key = k->text;
    if (key == "extra") {
      std::vector<Text> extra;
      fields_.ReadStringList(v, "resources.extra", &extra);
      for (Text& t : extra) r->extra.push_back(t.value);
      continue;
    }
    std::string* slot = key == "cpus"        ? &r->cpus
                        : key == "mem"       ? &r->mem
                        : key == "gpus"      ? &r->gpus
                        : key == "time"      ? &r->time
                        : key == "partition" ? &r->partition
                                             : nullptr;
    if (!slot) {
      Diagnostic& d = diag_->Error(k->loc, "unknown resource '" + key + "'");
      std::string close = ClosestMatch(key, kResourceKeys);
      if (!close.empty()) d.notes.push_back("did you mean '" + close + "'?");
      d.notes.push_back("known resources: cpus, mem, gpus, time, partition, extra");
      continue;
    }
    YNodePtr val = interp_->Resolve(v, diag_);
    if (!val) continue;
    std::string err;
    if (!val->is_scalar() || !RenderForString(*val, slot, &err)) {
      diag_->Error(v->loc, "resources." + key + " must be a single value");
    }
  }
  // Validated here so that a project that runs locally today fails early,
  // not when it first meets the cluster.
  if (!r->cpus.empty() && strspn(r->cpus.c_str(), "0123456789") != r->cpus.size()) {
    diag_->Error(node->loc, "resources.cpus must be a whole number, not '" + r->cpus + "'");
  }
  if (!r->mem.empty() && !IsSlurmSize(r->mem)) {
    diag_->Error(node->loc,
                 "resources.mem must be a size like 16G (megabytes, or with K, M, G "
                 "or T), not '" +
                     r->mem + "'");
  }
  if (!r->time.empty() && !IsSlurmTime(r->time)) {
    diag_->Error(node->loc,
                 "resources.time must be a Slurm time like 90 (minutes), 02:00:00 or "
                 "1-12:00:00, not '" +
                     r->time + "'");
  }
  if (!r->gpus.empty() && r->gpus.find_first_not_of("0123456789") != std::string::npos &&
      r->gpus.find(':') == std::string::npos) {
    diag_->Error(node->loc, "resources.gpus must be a number or TYPE:COUNT, not '" + r->gpus + "'");
  }
}

}  // namespace wfgen
