#include "generator/yaml_tree.h"

#include <map>
#include <sstream>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

namespace wfgen {
namespace {

Loc LocOf(const YAML::Mark& m) { return Loc{m.line + 1, m.column + 1}; }

Loc LocOfOffset(const std::string& text, size_t offset) {
  Loc loc{1, 1};
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++loc.line;
      loc.col = 1;
    } else {
      ++loc.col;
    }
  }
  return loc;
}

// Thrown out of the event handler to stop parsing; carries a diagnostic.
struct Refused {
  Loc loc;
  std::string message;
};

class TreeBuilder : public YAML::EventHandler {
 public:
  TreeBuilder(const YamlLimits& limits, Diagnostics* diag) : limits_(limits), diag_(diag) {}

  YNodePtr root() const { return root_; }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    auto n = std::make_shared<YNode>();
    n->kind = YNode::Kind::kNull;
    n->loc = LocOf(mark);
    Add(n, anchor);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    auto it = anchors_.find(anchor);
    if (it == anchors_.end()) throw Refused{LocOf(mark), "unknown alias"};
    Add(it->second, 0);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    auto n = std::make_shared<YNode>();
    n->kind = YNode::Kind::kScalar;
    n->text = value;
    n->plain = tag == "?";
    n->loc = LocOf(mark);
    Add(n, anchor);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    Open(YNode::Kind::kSeq, mark, anchor);
  }
  void OnSequenceEnd() override { Close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    Open(YNode::Kind::kMap, mark, anchor);
  }
  void OnMapEnd() override { Close(); }

 private:
  struct Open_ {
    std::shared_ptr<YNode> node;
    YAML::anchor_t anchor;
    YNodePtr pending_key;
  };

  void Open(YNode::Kind kind, const YAML::Mark& mark, YAML::anchor_t anchor) {
    if (static_cast<int>(stack_.size()) >= limits_.max_depth) {
      throw Refused{LocOf(mark), "nesting deeper than " + std::to_string(limits_.max_depth) +
                                     " levels; project.yml never needs that many"};
    }
    auto n = std::make_shared<YNode>();
    n->kind = kind;
    n->loc = LocOf(mark);
    stack_.push_back(Open_{n, anchor, nullptr});
  }

  void Close() {
    Open_ top = stack_.back();
    stack_.pop_back();
    Add(top.node, top.anchor);
  }

  static uint64_t SatAdd(uint64_t a, uint64_t b) {
    uint64_t s = a + b;
    return s < a ? UINT64_MAX : s;
  }

  void Add(const YNodePtr& node, YAML::anchor_t anchor) {
    if (anchor) anchors_[anchor] = node;
    if (stack_.empty()) {
      root_ = node;
      return;
    }
    Open_& parent = stack_.back();
    parent.node->expanded_size = SatAdd(parent.node->expanded_size, node->expanded_size);
    // Every open node is checked as it grows, so the root (the whole
    // document, aliases expanded) never passes the limit either.
    if (parent.node->expanded_size > limits_.max_expanded) {
      throw Refused{node->loc, "the document expands to more than " +
                                   std::to_string(limits_.max_expanded) +
                                   " values through aliases (an \"alias bomb\"?)"};
    }
    if (parent.node->kind == YNode::Kind::kSeq) {
      parent.node->items.push_back(node);
      return;
    }
    if (!parent.pending_key) {
      if (!node->is_scalar() && !node->is_null()) {
        throw Refused{node->loc, "a mapping key must be a plain value, not " + node->KindName()};
      }
      for (auto& [k, v] : parent.node->entries) {
        if (k->text == node->text) {
          diag_->Error(node->loc, "duplicate key '" + node->text + "'")
              .notes.push_back("first defined at line " + std::to_string(k->loc.line) +
                               "; YAML keeps only one of them, so remove the other");
        }
      }
      parent.pending_key = node;
      return;
    }
    parent.node->entries.emplace_back(parent.pending_key, node);
    parent.pending_key = nullptr;
  }

  YamlLimits limits_;
  Diagnostics* diag_;
  std::vector<Open_> stack_;
  std::map<YAML::anchor_t, YNodePtr> anchors_;
  YNodePtr root_;
};

}  // namespace

const YNode* YNode::Get(const std::string& key) const {
  if (kind != Kind::kMap) return nullptr;
  for (auto& [k, v] : entries) {
    if (k->text == key) return v.get();
  }
  return nullptr;
}

YNodePtr FindChild(const YNodePtr& map, const std::string& key) {
  YNodePtr found;
  if (map && map->is_map()) {
    for (auto& [k, v] : map->entries) {
      if (k->text == key) found = v;
    }
  }
  return found;
}

std::string YNode::KindName() const {
  switch (kind) {
    case Kind::kNull: return "an empty value";
    case Kind::kScalar: return "a single value";
    case Kind::kSeq: return "a list";
    case Kind::kMap: return "a mapping";
  }
  return "?";
}

size_t FindInvalidUtf8(const std::string& s) {
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len;
    uint32_t cp;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return i;
    }
    if (i + len > n) return i;
    for (size_t k = 1; k < len; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are invalid.
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return i;
    }
    i += len;
  }
  return std::string::npos;
}

bool ParseYaml(const std::string& text, const YamlLimits& limits, YNodePtr* root,
               Diagnostics* diag) {
  if (text.size() > limits.max_bytes) {
    diag->Error(Loc{}, "the file is " + std::to_string(text.size() >> 20) +
                           " MiB; wfgen reads project files of at most " +
                           std::to_string(limits.max_bytes >> 20) + " MiB");
    return false;
  }
  size_t bad = FindInvalidUtf8(text);
  if (bad != std::string::npos) {
    char hex[8];
    snprintf(hex, sizeof hex, "0x%02x", static_cast<unsigned char>(text[bad]));
    diag->Error(LocOfOffset(text, bad), std::string("invalid UTF-8 (byte ") + hex +
                                            "); save project.yml as UTF-8");
    return false;
  }
  if (text.find('\0') != std::string::npos) {
    diag->Error(LocOfOffset(text, text.find('\0')), "NUL byte in the file");
    return false;
  }
  std::istringstream in(text);
  TreeBuilder builder(limits, diag);
  try {
    YAML::Parser parser(in);
    if (!parser.HandleNextDocument(builder)) {
      diag->Error(Loc{}, "the file is empty; a project needs at least `commands:`");
      return false;
    }
    TreeBuilder rest(limits, diag);
    if (parser.HandleNextDocument(rest)) {
      Loc where = rest.root() ? rest.root()->loc : Loc{};
      diag->Error(where, "a second YAML document ('---'); project.yml holds exactly one");
      return false;
    }
  } catch (const Refused& r) {
    diag->Error(r.loc, r.message);
    return false;
  } catch (const YAML::Exception& e) {
    std::string msg = e.msg;
    if (!msg.empty()) msg[0] = static_cast<char>(tolower(msg[0]));
    Loc loc = e.mark.is_null() ? Loc{} : LocOf(e.mark);
    Diagnostic& d = diag->Error(loc, "YAML syntax: " + msg);
    d.notes.push_back("check the indentation and the quotes on this line and the one before");
    // The usual cause of the cryptic ones.
    if (text.find("\n\t") != std::string::npos || text.compare(0, 1, "\t") == 0) {
      d.notes.push_back("YAML does not allow tabs for indentation; use spaces");
    }
    return false;
  }
  if (diag->has_errors()) return false;
  *root = builder.root();
  if (!*root) {
    diag->Error(Loc{}, "the file is empty; a project needs at least `commands:`");
    return false;
  }
  return true;
}

}  // namespace wfgen
