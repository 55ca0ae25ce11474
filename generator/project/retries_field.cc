#include "generator/project/retries_field.h"

#include <cstdlib>

#include "generator/project/scalar.h"

namespace wfgen {

const char* const kRetriesKeys[4] = {"max", "delay", "backoff", "on"};

namespace {

// A number from `lo` to `hi` (int or float); false and an error otherwise.
bool ReadNumber(const YNodePtr& node, const std::string& what, double lo, double hi,
                const char* hint, Interpolator* interp, Diagnostics* diag, double* out) {
  YNodePtr r = interp->Resolve(node, diag);
  if (!r) return false;
  ScalarType t = ResolveScalar(*r);
  double v = r->is_scalar() ? strtod(r->text.c_str(), nullptr) : -1;
  if ((t != ScalarType::kInt && t != ScalarType::kFloat) || !(v >= lo && v <= hi)) {
    diag->Error(node->loc, what + " " + hint + ", not " +
                               (r->is_scalar() ? "'" + r->text + "'" : r->KindName()));
    return false;
  }
  *out = v;
  return true;
}

bool ReadMax(const YNodePtr& node, const std::string& what, Interpolator* interp, Diagnostics* diag,
             int* out) {
  YNodePtr r = interp->Resolve(node, diag);
  if (!r) return false;
  int64_t v = 0;
  if (!ScalarAsInt(*r, &v) || v < 0 || v > 100) {
    diag->Error(node->loc, what + " is the number of attempts after the first, 0 to 100, not " +
                               (r->is_scalar() ? "'" + r->text + "'" : r->KindName()));
    return false;
  }
  *out = static_cast<int>(v);
  return true;
}

}  // namespace

bool ReadRetries(const YNodePtr& node, const std::string& what, Interpolator* interp,
                 Diagnostics* diag, RetryPolicy* out) {
  RetryPolicy p;
  if (!node->is_map()) {
    if (!ReadMax(node, what, interp, diag, &p.max)) return false;
    *out = p;
    return true;
  }
  bool ok = true;
  std::vector<std::string> keys(std::begin(kRetriesKeys), std::end(kRetriesKeys));
  for (auto& [k, v] : node->entries) {
    bool known = false;
    for (const std::string& kk : keys) known |= kk == k->text;
    if (!known) {
      Diagnostic& d = diag->Error(k->loc, "unknown key '" + k->text + "' in " + what);
      std::string close = ClosestMatch(k->text, keys);
      if (!close.empty()) d.notes.push_back("did you mean '" + close + "'?");
      d.notes.push_back("retries has: max, delay (seconds), backoff (factor), on (list)");
      ok = false;
    }
  }
  YNodePtr max = FindChild(node, "max");
  if (!max) {
    diag->Error(node->loc, what + " needs `max`, the number of attempts after the first");
    return false;
  }
  ok &= ReadMax(max, what + ": max", interp, diag, &p.max);
  double d = 0;
  if (YNodePtr delay = FindChild(node, "delay")) {
    ok &= ReadNumber(delay, what + ": delay", 0, 86400, "is seconds before a retry, 0 to 86400",
                     interp, diag, &d);
    p.delay_ms = static_cast<int64_t>(d * 1000 + 0.5);
  }
  if (YNodePtr backoff = FindChild(node, "backoff")) {
    ok &=
        ReadNumber(backoff, what + ": backoff", 1, 100,
                   "is the factor each further delay grows by, 1 to 100", interp, diag, &p.backoff);
  }
  if (YNodePtr on = FindChild(node, "on")) {
    YNodePtr list = interp->Resolve(on, diag);
    if (!list || !list->is_seq()) {
      diag->Error(on->loc, what + ": on is a list of exit codes and causes");
      return false;
    }
    for (const YNodePtr& item : list->items) {
      YNodePtr r = interp->Resolve(item, diag);
      if (!r) return false;
      if (!r->is_scalar() || !ValidRetryOn(r->text)) {
        std::string causes;
        for (size_t i = 0; i < kRetryCauseCount; ++i) causes += std::string(", ") + kRetryCauses[i];
        diag->Error(item->loc, what + ": on takes exit codes (1 to 255) and the causes" +
                                   causes.substr(1) + "; not " +
                                   (r->is_scalar() ? "'" + r->text + "'" : r->KindName()));
        ok = false;
        continue;
      }
      p.on.push_back(r->text);
    }
  }
  if (ok) *out = p;
  return ok;
}

}  // namespace wfgen
