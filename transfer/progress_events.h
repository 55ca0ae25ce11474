// Download progress for `wfgen run`'s table: start, progress and end of an
// asset as events on the run's socket (runtime/state/events.h), the same
// kinds a step sends, so the table shows an asset as a row: "asset
// assets/train.json  12.3 MB of 20.0 MB, 61%, 5.1 MB/s". Without a
// listener (plain `ninja`) the sender is inactive and this costs nothing.
#pragma once

#include <cstdint>
#include <string>

#include "runtime/state/events.h"
#include "transfer/http_download.h"

namespace wfgen {

// "12.3 MB of 20.0 MB, 61%, 5.1 MB/s"; without a total "12.3 MB, 5.1 MB/s".
std::string ProgressText(const DownloadProgress& p, int64_t elapsed_ms);

// The identifier the events carry: the stamp path `wfgen run` expects for
// the asset whose spec is `spec_path` (".wfgen/assets/KEY.asset" ->
// "<abs>/.wfgen/stamps/assets/KEY"; generator/run/run_status.h).
std::string AssetEventStamp(const std::string& spec_path);

class ProgressEvents : public ProgressSink {
 public:
  ProgressEvents(EventSender* sender, std::string stamp, std::string label, int64_t start_ms)
      : sender_(sender), stamp_(std::move(stamp)), label_(std::move(label)), start_ms_(start_ms) {}
  void OnProgress(const DownloadProgress& p) override;

 private:
  EventSender* sender_;
  std::string stamp_, label_;
  int64_t start_ms_;
};

}  // namespace wfgen
