// The loader behind LoadProject (loader.h): one object per load, reading
// the YAML tree into a Project and reporting each problem where it is.
// Its methods live in files by idea:
//   loader.cc          the top level: Load, wfgen's top-level keys
//                      (LoadExtensions), then Validate across sections
//   load_commands.cc   one command: its keys, name, wfgen's own keys,
//                      script lines that seem to expect a shell
//   load_resources.cc  a command's Slurm resources, checked as srun takes them
//   load_workflows.cc  workflows and their parallel groups
//   load_assets.cc     assets: url or git, dest, checksum
// Each method reports in the order it reads, and Load calls them in the
// order of the file's sections, so diagnostics keep one stable order.
// Internal to generator/project.
#pragma once

#include <string>

#include "generator/project/diagnostic.h"
#include "generator/project/field_reader.h"
#include "generator/project/interpolate.h"
#include "generator/project/project.h"
#include "generator/project/yaml_tree.h"

namespace wfgen {

class Loader {
 public:
  Loader(Interpolator* interp, Diagnostics* diag)
      : fields_(interp, diag), interp_(interp), diag_(diag) {}

  void Load(const YNodePtr& root, Project* p);

 private:
  // load_commands.cc
  void LoadCommand(const YNodePtr& node, Command* c);
  void CheckCommandKeys(const YNodePtr& node);
  bool LoadCommandName(const YNodePtr& node, Command* c);
  void LoadCommandExtensions(const YNodePtr& node, const std::string& label, Command* c);
  void WarnShellLines(const YNodePtr& node, const std::string& label, const Command& c);
  // load_resources.cc
  void LoadResources(const YNodePtr& node, Resources* r);
  // load_workflows.cc
  void LoadWorkflows(const YNodePtr& node, Project* p);
  // load_assets.cc
  void LoadAssets(const YNodePtr& node, Project* p);
  // loader.cc
  void LoadExtensions(const YNodePtr& root, Project* p);
  void Validate(Project* p);

  FieldReader fields_;
  Interpolator* interp_;
  Diagnostics* diag_;
};

}  // namespace wfgen
