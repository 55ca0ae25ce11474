#include "runtime/state/step_spec.h"

#include <cstdio>
#include <cstdlib>

#include "runtime/base/line_format.h"

namespace wfgen {
namespace {

constexpr char kMagic[] = "wfgen-step 1";

void Put(std::string* out, const char* key, const std::string& value) {
  *out += key;
  *out += ' ';
  *out += EscapeField(value);
  *out += '\n';
}

bool ParseBool(std::string_view v, bool* out) {
  if (v == "0") *out = false;
  else if (v == "1") *out = true;
  else return false;
  return true;
}

bool ParseInt(std::string_view v, int64_t* out) {
  if (v.empty() || v.size() > 18) return false;
  int64_t n = 0;
  for (char c : v) {
    if (c < '0' || c > '9') return false;
    n = n * 10 + (c - '0');
  }
  *out = n;
  return true;
}

bool ParseBackoff(const std::string& v, double* out) {
  char* end = nullptr;
  double d = strtod(v.c_str(), &end);
  if (v.empty() || *end != '\0' || !(d >= 1 && d <= 100)) return false;
  *out = d;
  return true;
}

}  // namespace

std::vector<std::string> StepSpec::AllOutputs() const {
  std::vector<std::string> all = outputs;
  all.insert(all.end(), outputs_no_cache.begin(), outputs_no_cache.end());
  return all;
}

std::string RenderStepSpec(const StepSpec& spec) {
  std::string out = std::string(kMagic) + "\n";
  Put(&out, "name", spec.name);
  Put(&out, "project", spec.project_dir);
  for (auto& l : spec.script) Put(&out, "line", l);
  for (auto& p : spec.deps) Put(&out, "dep", p);
  for (auto& p : spec.outputs) Put(&out, "out", p);
  for (auto& p : spec.outputs_no_cache) Put(&out, "out_nc", p);
  for (auto& p : spec.directories) Put(&out, "mkdir", p);
  Put(&out, "shell", spec.shell ? "1" : "0");
  Put(&out, "no_skip", spec.no_skip ? "1" : "0");
  Put(&out, "grace_ms", std::to_string(spec.grace_ms));
  // Only when set, so that the specs of local projects stay as they were
  // (their hash is in build.ninja: a change would rerun every edge).
  if (!spec.launcher.empty()) Put(&out, "launcher", spec.launcher);
  for (auto& r : spec.resources) Put(&out, "resource", r);
  if (spec.retries.max > 0) {
    const RetryPolicy& r = spec.retries;
    Put(&out, "retries", std::to_string(r.max));
    if (r.delay_ms > 0) Put(&out, "retry_delay_ms", std::to_string(r.delay_ms));
    if (r.backoff != 1) {
      char buf[32];
      snprintf(buf, sizeof buf, "%.17g", r.backoff);
      Put(&out, "retry_backoff", buf);
    }
    for (auto& w : r.on) Put(&out, "retry_on", w);
  }
  if (!spec.remote_url.empty()) {
    Put(&out, "remote_name", spec.remote_name);
    Put(&out, "remote_url", spec.remote_url);
    Put(&out, "remote_pull", spec.remote_pull ? "1" : "0");
    Put(&out, "remote_push", spec.remote_push ? "1" : "0");
  }
  return out;
}

bool ParseStepSpec(const std::string& text, StepSpec* spec, std::string* err) {
  *spec = StepSpec();
  if (text.compare(0, sizeof(kMagic) - 1, kMagic) != 0 ||
      (text.size() > sizeof(kMagic) - 1 && text[sizeof(kMagic) - 1] != '\n')) {
    *err = "not a wfgen step file (or written by another version of wfgen); rerun wfgen";
    return false;
  }
  auto kvs = SplitKeyValues(std::string_view(text).substr(sizeof(kMagic)));
  for (auto& kv : kvs) {
    std::string v;
    if (!UnescapeField(kv.value, &v)) {
      *err = "malformed value for '" + std::string(kv.key) + "' in step file";
      return false;
    }
    bool ok = true;
    int64_t n = 0;
    if (kv.key == "name") spec->name = v;
    else if (kv.key == "project") spec->project_dir = v;
    else if (kv.key == "line") spec->script.push_back(v);
    else if (kv.key == "dep") spec->deps.push_back(v);
    else if (kv.key == "out") spec->outputs.push_back(v);
    else if (kv.key == "out_nc") spec->outputs_no_cache.push_back(v);
    else if (kv.key == "mkdir") spec->directories.push_back(v);
    else if (kv.key == "shell") ok = ParseBool(v, &spec->shell);
    else if (kv.key == "no_skip") ok = ParseBool(v, &spec->no_skip);
    else if (kv.key == "grace_ms") ok = ParseInt(v, &spec->grace_ms);
    else if (kv.key == "launcher") spec->launcher = v;
    else if (kv.key == "resource") spec->resources.push_back(v);
    else if (kv.key == "retries") {
      ok = ParseInt(v, &n) && n <= 1000;
      spec->retries.max = static_cast<int>(n);
    } else if (kv.key == "retry_delay_ms") ok = ParseInt(v, &spec->retries.delay_ms);
    else if (kv.key == "retry_backoff") ok = ParseBackoff(v, &spec->retries.backoff);
    else if (kv.key == "retry_on") {
      ok = ValidRetryOn(v);
      spec->retries.on.push_back(v);
    } else if (kv.key == "remote_name") spec->remote_name = v;
    else if (kv.key == "remote_url") spec->remote_url = v;
    else if (kv.key == "remote_pull") ok = ParseBool(v, &spec->remote_pull);
    else if (kv.key == "remote_push") ok = ParseBool(v, &spec->remote_push);
    else {
      *err = "unknown key '" + std::string(kv.key) + "' in step file; rerun wfgen";
      return false;
    }
    if (!ok) {
      *err = "bad value '" + v + "' for '" + std::string(kv.key) + "' in step file";
      return false;
    }
  }
  if (spec->name.empty()) {
    *err = "step file has no name";
    return false;
  }
  return true;
}

std::string FileSafeName(const std::string& name) {
  std::string out;
  for (size_t i = 0; i < name.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(name[i]);
    bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '_' || c == '-' || (c == '.' && i > 0);
    if (keep) {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  if (out.empty()) out = "%00";
  return out;
}

}  // namespace wfgen
