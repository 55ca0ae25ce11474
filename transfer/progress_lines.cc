#include "transfer/progress_lines.h"

#include "runtime/base/fd.h"
#include "runtime/base/line_format.h"

namespace wfgen {

std::string RenderProgressLine(const std::string& dest, const DownloadProgress& p) {
  return "progress " + std::to_string(p.bytes) + " " +
         (p.total < 0 ? std::string("-") : std::to_string(p.total)) + " " + EscapeField(dest) +
         "\n";
}

void ProgressLines::OnProgress(const DownloadProgress& p) {
  WriteFd(fd_, RenderProgressLine(dest_, p));
}

}  // namespace wfgen
