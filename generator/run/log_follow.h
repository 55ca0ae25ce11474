// `wfgen run --group-output prefixed`: the members of a parallel group
// shown as their lines come, each prefixed with the member's name, as
// `docker compose up` and Turborepo do. The lines are read from the
// members' log files (the wrapper writes every byte there, as it comes),
// not from the event socket, which keeps only the latest line: nothing is
// lost, and a member's lines keep their order. The default, "grouped",
// prints each member's log whole after the group, in declaration order.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace wfgen {

class LogFollower {
 public:
  // Starts following `log` (from its beginning: the wrapper truncated it
  // when the member started) for row `key`, shown as `label | line`.
  void Start(const std::string& key, const std::string& log, const std::string& label);
  // The complete lines written since the last call, prefixed, in order
  // per member.
  std::vector<std::string> Poll();
  // The rest of `key`'s log, a last line without its newline included;
  // it is no longer followed.
  std::vector<std::string> Finish(const std::string& key);

 private:
  struct Followed {
    std::string log, prefix;
    long offset = 0;
    std::string partial;
  };
  void Read(Followed* f, std::vector<std::string>* out);
  std::map<std::string, Followed> followed_;
};

}  // namespace wfgen
