// `wfgen document`: the README section describing a project's commands,
// workflows and assets, in the format of `weasel document`, so a README
// that weasel or spaCy maintained keeps working: the section between the
// markers is replaced in place, the rest of the file is left alone.
#pragma once

#include <string>

#include "generator/project/project.h"

namespace wfgen {

// The Markdown section, markers included. `asset_exists` says whether a
// local asset is in the project (then it is linked).
std::string RenderProjectDocs(const Project& project, int parallelism,
                              bool (*asset_exists)(const std::string& dest, const void* ctx),
                              const void* ctx);

enum class DocsMerge { kReplacedSection, kAppended, kIgnored };

// Puts `section` into `existing` (a README's text): replaces the section
// between WFGEN, WEASEL or SPACY PROJECT markers if there is one, keeps the
// file as it is if it has an IGNORE marker, else appends.
std::string MergeProjectDocs(const std::string& existing, const std::string& section,
                             DocsMerge* how);

}  // namespace wfgen
