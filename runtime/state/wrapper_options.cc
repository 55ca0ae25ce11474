#include "runtime/state/wrapper_options.h"

#include <tuple>

namespace wfgen {
namespace {

// The options that take a value, in the order they are written.
struct ValueFlag {
  const char* flag;
  std::string WrapperOptions::*field;
};
const ValueFlag kBefore[] = {{"--stamp", &WrapperOptions::stamp},
                             {"--depfile", &WrapperOptions::depfile}};
const ValueFlag kGroup[] = {{"--group", &WrapperOptions::group_file},
                            {"--ran", &WrapperOptions::ran}};
const ValueFlag kAfter[] = {{"--pool", &WrapperOptions::pool},
                            {"--limit", &WrapperOptions::limit},
                            {"--replay", &WrapperOptions::replay}};

}  // namespace

bool WrapperOptions::operator==(const WrapperOptions& o) const {
  auto tie = [](const WrapperOptions& w) {
    return std::tie(w.spec_path, w.stamp, w.depfile, w.forced, w.console, w.group_file, w.ran,
                    w.pool, w.limit, w.hash, w.replay, w.help, w.version);
  };
  return tie(*this) == tie(o);
}

std::vector<std::string> RenderWrapperArgs(const WrapperOptions& options) {
  std::vector<std::string> out;
  auto put = [&](const ValueFlag& f) {
    const std::string& v = options.*(f.field);
    if (!v.empty()) out.insert(out.end(), {f.flag, v});
  };
  for (const ValueFlag& f : kBefore) put(f);
  if (options.forced) out.push_back("--force");
  for (const ValueFlag& f : kGroup) put(f);
  if (!options.console) out.push_back("--no-console");
  for (const ValueFlag& f : kAfter) put(f);
  if (!options.spec_path.empty()) out.push_back(options.spec_path);
  if (!options.hash.empty()) out.insert(out.end(), {"--h", options.hash});
  return out;
}

bool ParseWrapperArgs(const std::vector<std::string>& args, WrapperOptions* options,
                      std::string* err) {
  *options = WrapperOptions();
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    std::string* target = nullptr;
    for (const ValueFlag& f : kBefore) {
      if (a == f.flag) target = &(options->*(f.field));
    }
    for (const ValueFlag& f : kGroup) {
      if (a == f.flag) target = &(options->*(f.field));
    }
    for (const ValueFlag& f : kAfter) {
      if (a == f.flag) target = &(options->*(f.field));
    }
    if (a == "--h") target = &options->hash;
    if (target) {
      if (i + 1 >= args.size()) {
        *err = a + " needs a value";
        return false;
      }
      *target = args[++i];
    } else if (a == "--force") {
      options->forced = true;
    } else if (a == "--no-console") {
      options->console = false;
    } else if (a == "--help" || a == "-h") {
      options->help = true;
    } else if (a == "--version") {
      options->version = true;
    } else if (!a.empty() && a[0] == '-') {
      *err = "unknown option " + a;
      return false;
    } else if (options->spec_path.empty()) {
      options->spec_path = a;
    } else {
      *err = "unexpected argument " + a;
      return false;
    }
  }
  return true;
}

}  // namespace wfgen
