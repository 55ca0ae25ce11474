// project.yml as a small immutable tree with source positions.
//
// Built from yaml-cpp's event parser rather than YAML::Node so that every
// node keeps its line and column, duplicate keys are caught (weasel's ruamel
// rejects them), and hostile input stays bounded: nesting depth is capped
// and aliases are shared, never copied, with their expanded size counted so
// that an "alias bomb" is refused instead of walked.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "generator/project/diagnostic.h"

namespace wfgen {

struct YNode;
using YNodePtr = std::shared_ptr<const YNode>;

struct YNode {
  enum class Kind { kNull, kScalar, kSeq, kMap };
  Kind kind = Kind::kNull;
  std::string text;    // a scalar's value
  bool plain = false;  // unquoted flow scalar: its type is resolved (scalar.h)
  Loc loc;
  std::vector<YNodePtr> items;                         // kSeq
  std::vector<std::pair<YNodePtr, YNodePtr>> entries;  // kMap, in file order
  uint64_t expanded_size = 1;                          // this node and all below, aliases expanded
  uint64_t expanded_bytes = 0;                         // their scalars' text, aliases expanded

  bool is_null() const { return kind == Kind::kNull; }
  bool is_scalar() const { return kind == Kind::kScalar; }
  bool is_seq() const { return kind == Kind::kSeq; }
  bool is_map() const { return kind == Kind::kMap; }
  // Map lookup by scalar key; null if absent or not a map.
  const YNode* Get(const std::string& key) const;
  // "a mapping", "a list", "a string", ... for messages.
  std::string KindName() const;
};

// The value of `key` in a mapping node (the last one, as YAML readers
// keep it), or null if absent or not a mapping.
YNodePtr FindChild(const YNodePtr& map, const std::string& key);

struct YamlLimits {
  int max_depth = 100;
  // A command takes about 12 values, so this is some 125,000 commands:
  // as many as fit in max_bytes (the benchmarks generate 100,000).
  uint64_t max_nodes = 1500000;
  // Aliases are shared, never copied, but whoever reads the tree walks
  // (and may render) each use: bound what a reader can meet. Twice
  // max_nodes, so that a document past it got there through aliases.
  uint64_t max_expanded = 3000000;
  uint64_t max_expanded_bytes = 64u << 20;
  // Flow indicators yaml-cpp may scan past its parser (LookaheadGuard in
  // yaml_tree.cc): bounds its memory on hostile input.
  uint64_t max_lookahead = 50000;
  // The largest real project.yml we know is 19 KB; the tree and yaml-cpp
  // together take about five times the file's size.
  size_t max_bytes = 16u << 20;
};

// Parses one YAML document. On failure reports errors with positions and
// returns false.
bool ParseYaml(const std::string& text, const YamlLimits& limits, YNodePtr* root,
               Diagnostics* diag);

// Reads `path`, but at most limits.max_bytes and one byte more: a huge
// file (or /dev/zero) is then refused by ParseYaml's size check without
// being read whole. False (with *err, strerror's text) if it cannot be read.
bool ReadYamlFile(const std::string& path, const YamlLimits& limits, std::string* text,
                  std::string* err);

}  // namespace wfgen
