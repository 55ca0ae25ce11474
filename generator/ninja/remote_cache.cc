#include "generator/ninja/remote_cache.h"

namespace wfgen {

bool ApplyRemoteCacheOptions(bool pull, bool push, Project* project, std::string* err) {
  RemoteCache& cache = project->remote_cache;
  cache.pull |= pull;
  cache.push |= push;
  if ((pull || push) && !project->FindRemote(cache.remote)) {
    *err = std::string(pull ? "--pull" : "--push") + " uses the remote '" + cache.remote +
           "', which project.yml does not define; add it: `remotes: {" + cache.remote +
           ": /shared/cache}` (a directory or s3://BUCKET/PREFIX)";
    return false;
  }
  return true;
}

void SetRemoteCache(const Project& project, const Command& command, StepSpec* spec) {
  const RemoteCache& cache = project.remote_cache;
  const Remote* remote = project.FindRemote(cache.remote);
  if (!remote || (!cache.pull && !cache.push) || command.outputs.empty()) return;
  spec->remote_name = remote->name;
  spec->remote_url = remote->url;
  spec->remote_pull = cache.pull;
  spec->remote_push = cache.push;
}

}  // namespace wfgen
