// The loader's part for remote storage: weasel's `remotes:` (name -> URL)
// and wfgen's `remote_cache: {pull, push, remote}`. URLs are interpolated
// and checked with the rule the transfer helper uses (remote_url.h), so a
// `gs://` remote is a line:col error at load time, not a failure mid-run.
#pragma once

#include "generator/project/diagnostic.h"
#include "generator/project/field_reader.h"
#include "generator/project/project.h"
#include "generator/project/yaml_tree.h"

namespace wfgen {

void LoadRemotes(const YNodePtr& root, FieldReader* fields, Diagnostics* diag, Project* p);

}  // namespace wfgen
