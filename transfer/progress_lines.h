// Download progress as lines on a file descriptor (wfgen-transfer
// --progress writes them to stderr):
//
//   progress BYTES TOTAL DEST
//
// TOTAL is "-" while unknown; DEST comes last so that it may hold spaces.
// A front end reads them to show bytes, rate and percent; `wfgen run` will
// instead get the same DownloadProgress through its event socket
// (runtime/events.h) from another ProgressSink.
#pragma once

#include <string>

#include "transfer/http_download.h"

namespace wfgen {

std::string RenderProgressLine(const std::string& dest, const DownloadProgress& p);

class ProgressLines : public ProgressSink {
 public:
  ProgressLines(int fd, std::string dest) : fd_(fd), dest_(std::move(dest)) {}
  void OnProgress(const DownloadProgress& p) override;

 private:
  int fd_;
  std::string dest_;
};

}  // namespace wfgen
