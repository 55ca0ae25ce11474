#include "transfer/progress_events.h"

#include <cstdio>

#include "runtime/base/disk.h"
#include "runtime/base/paths.h"
#include "runtime/base/subprocess.h"

namespace wfgen {
namespace {

std::string Megabytes(uint64_t bytes) {
  char buf[32];
  snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / 1e6);
  return buf;
}

}  // namespace

std::string ProgressText(const DownloadProgress& p, int64_t elapsed_ms) {
  std::string text = Megabytes(p.bytes);
  if (p.total > 0) {
    int percent =
        static_cast<int>(100.0 * static_cast<double>(p.bytes) / static_cast<double>(p.total));
    text +=
        " of " + Megabytes(static_cast<uint64_t>(p.total)) + ", " + std::to_string(percent) + "%";
  }
  if (elapsed_ms > 0) {
    text += ", " +
            Megabytes(static_cast<uint64_t>(static_cast<double>(p.bytes) * 1000.0 /
                                            static_cast<double>(elapsed_ms))) +
            "/s";
  }
  if (p.attempt > 1) text += " (attempt " + std::to_string(p.attempt) + ")";
  return text;
}

std::string AssetEventStamp(const std::string& spec_path) {
  std::string base = spec_path.substr(spec_path.rfind('/') + 1);
  if (base.size() > 6 && base.compare(base.size() - 6, 6, ".asset") == 0) {
    base.resize(base.size() - 6);
  }
  std::string meta = DirName(DirName(spec_path));
  return AbsolutePath(JoinPath(meta.empty() ? "." : meta, "stamps/assets/" + base), CurrentDir());
}

void ProgressEvents::OnProgress(const DownloadProgress& p) {
  sender_->Send(
      StepEvent{EventKind::kLine, stamp_, label_, ProgressText(p, MonotonicMs() - start_ms_)});
}

}  // namespace wfgen
