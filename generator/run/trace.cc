#include "generator/run/trace.h"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "generator/project/json_text.h"

namespace wfgen {

std::string RenderTrace(const RunStatus& status) {
  // Steps that ran, by start time; each takes the lowest lane free then.
  std::vector<const StatusRow*> ran;
  for (const StatusRow& r : status.rows()) {
    if (r.start_ms >= 0 && r.end_ms >= r.start_ms) ran.push_back(&r);
  }
  std::stable_sort(ran.begin(), ran.end(), [](const StatusRow* a, const StatusRow* b) {
    return a->start_ms < b->start_ms;
  });
  std::vector<int64_t> lane_free_at;
  std::string events;
  for (const StatusRow* r : ran) {
    size_t lane = 0;
    while (lane < lane_free_at.size() && lane_free_at[lane] > r->start_ms) ++lane;
    if (lane == lane_free_at.size()) lane_free_at.push_back(0);
    lane_free_at[lane] = r->end_ms;
    char buf[160];
    snprintf(buf, sizeof buf, "\"ph\":\"X\",\"ts\":%lld,\"dur\":%lld,\"pid\":1,\"tid\":%zu",
             static_cast<long long>((r->start_ms - status.started_ms()) * 1000),
             static_cast<long long>((r->end_ms - r->start_ms) * 1000), lane);
    events += ",\n{\"name\":" + JsonString(r->command) + ",\"cat\":\"step\"," + buf +
              ",\"args\":{\"state\":" + JsonString(StateWord(r->state)) +
              ",\"step\":" + JsonString(r->key) +
              (r->detail.empty() ? "" : ",\"detail\":" + JsonString(r->detail)) +
              (r->attempt > 1 ? ",\"attempts\":" + std::to_string(r->attempt) : "") + "}}";
  }
  std::string out = "{\"displayTimeUnit\":\"ms\",\"traceEvents\":[\n";
  out += "{\"name\":\"process_name\",\"ph\":\"M\",\"pid\":1,\"args\":{\"name\":" +
         JsonString("wfgen run " + status.target()) + "}}";
  for (size_t lane = 0; lane < lane_free_at.size(); ++lane) {
    out += ",\n{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":1,\"tid\":" + std::to_string(lane) +
           ",\"args\":{\"name\":\"slot " + std::to_string(lane) + "\"}}";
  }
  out += events + "\n]}\n";
  return out;
}

}  // namespace wfgen
