#include "generator/project/yaml_tree.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <algorithm>
#include <map>
#include <sstream>
#include <streambuf>
#include <unordered_map>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include "generator/project/open_quote.h"
#include "runtime/base/utf8.h"

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

// Feeds the text to yaml-cpp and keeps its scanner from running far ahead
// of its parser.
//
// Inside a flow collection (`[`, `{`) yaml-cpp's scanner cannot hand out a
// token until it knows whether a key starts there, so on input such as
// `[[[[...` or `[a,[a,[a,...` it scans and keeps every token to the end of
// the file before the parser (and our depth limit) sees the first one:
// about 240 bytes of memory per byte of input. (It also holds any flow
// collection whole until its end, since it might be a key.) This buffer
// counts the flow indicators it has handed out beyond the last parser
// event and ends the input early once there are more than `max_lookahead`
// of them; the parse then fails and ParseYaml reports why. Real files stay
// far below the limit (the most in the corpus is under 200).
class LookaheadGuard : public std::streambuf {
 public:
  LookaheadGuard(const std::string& text, uint64_t max_lookahead)
      : text_(text), max_(max_lookahead) {
    char* begin = const_cast<char*>(text_.data());
    setg(begin, begin, begin);
  }

  // The parser reported an event at byte offset `pos`.
  void Progress(size_t pos) {
    pos = std::min(pos, delivered_);
    for (; counted_from_ < pos; ++counted_from_) ahead_ -= IsIndicator(text_[counted_from_]);
  }

  bool overrun() const { return overrun_; }
  size_t overrun_at() const { return delivered_; }

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    if (delivered_ >= text_.size() || overrun_) return traits_type::eof();
    if (ahead_ > max_) {
      overrun_ = true;
      return traits_type::eof();
    }
    size_t end = std::min(text_.size(), delivered_ + kChunk);
    for (size_t i = delivered_; i < end; ++i) ahead_ += IsIndicator(text_[i]);
    char* base = const_cast<char*>(text_.data());
    // eback stays at the start, so yaml-cpp may unget anywhere.
    setg(base, base + delivered_, base + end);
    delivered_ = end;
    return traits_type::to_int_type(*gptr());
  }

 private:
  static constexpr size_t kChunk = 256;
  // Every token the scanner can queue in a flow collection starts with one
  // of these (or follows one: a plain scalar).
  static int IsIndicator(char c) {
    switch (c) {
      case '[':
      case ']':
      case '{':
      case '}':
      case ',':
      case ':':
      case '?':
      case '*':
      case '&':
      case '!':
      case '\'':
      case '"': return 1;
      default: return 0;
    }
  }

  const std::string& text_;
  uint64_t max_;
  size_t delivered_ = 0;
  size_t counted_from_ = 0;
  uint64_t ahead_ = 0;
  bool overrun_ = false;
};

// Thrown out of the event handler to stop parsing; carries a diagnostic.
struct Refused {
  Loc loc;
  std::string message;
};

class TreeBuilder : public YAML::EventHandler {
 public:
  TreeBuilder(const YamlLimits& limits, LookaheadGuard* guard, Diagnostics* diag)
      : limits_(limits), guard_(guard), diag_(diag) {}

  YNodePtr root() const { return root_; }
  // Refuse a document as soon as it starts (for a second one).
  void RefuseDocuments() { refuse_documents_ = true; }

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (refuse_documents_) {
      throw Refused{LocOf(mark), "a second YAML document ('---'); project.yml holds exactly one"};
    }
  }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    Progress(mark);
    CountNode(mark);
    auto n = std::make_shared<YNode>();
    n->kind = YNode::Kind::kNull;
    n->loc = LocOf(mark);
    Add(n, anchor);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    Progress(mark);
    auto it = anchors_.find(anchor);
    if (it == anchors_.end()) throw Refused{LocOf(mark), "unknown alias"};
    Add(it->second, 0);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    Progress(mark);
    CountNode(mark);
    auto n = std::make_shared<YNode>();
    n->kind = YNode::Kind::kScalar;
    n->text = value;
    n->expanded_bytes = value.size();
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
    // A map's keys so far and their lines: a linear search per key made a
    // map with many keys quadratic (minutes for a few MB).
    std::unordered_map<std::string, int> key_lines;
  };

  void Progress(const YAML::Mark& mark) {
    if (mark.pos >= 0) guard_->Progress(static_cast<size_t>(mark.pos));
  }

  // Nodes as written (aliases are counted by expanded_size instead): the
  // tree's memory is proportional to this.
  void CountNode(const YAML::Mark& mark) {
    if (++nodes_ > limits_.max_nodes) {
      throw Refused{LocOf(mark), "more than " + std::to_string(limits_.max_nodes) +
                                     " values in the file; a project file never needs that many"};
    }
  }

  void Open(YNode::Kind kind, const YAML::Mark& mark, YAML::anchor_t anchor) {
    Progress(mark);
    CountNode(mark);
    if (static_cast<int>(stack_.size()) >= limits_.max_depth) {
      throw Refused{LocOf(mark), "nesting deeper than " + std::to_string(limits_.max_depth) +
                                     " levels; a project file never needs that many"};
    }
    auto n = std::make_shared<YNode>();
    n->kind = kind;
    n->loc = LocOf(mark);
    stack_.push_back(Open_{n, anchor, nullptr, {}});
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
    parent.node->expanded_bytes = SatAdd(parent.node->expanded_bytes, node->expanded_bytes);
    if (parent.node->expanded_bytes > limits_.max_expanded_bytes) {
      throw Refused{node->loc, "the document expands to more than " +
                                   std::to_string(limits_.max_expanded_bytes >> 20) +
                                   " MiB of text through aliases (an \"alias bomb\"?)"};
    }
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
      auto [first, fresh] = parent.key_lines.emplace(node->text, node->loc.line);
      if (!fresh) {
        diag_->Error(node->loc, "duplicate key '" + node->text + "'")
            .notes.push_back("first defined at line " + std::to_string(first->second) +
                             "; YAML keeps only one of them, so remove the other");
      }
      parent.pending_key = node;
      return;
    }
    parent.node->entries.emplace_back(parent.pending_key, node);
    parent.pending_key = nullptr;
  }

  YamlLimits limits_;
  LookaheadGuard* guard_;
  Diagnostics* diag_;
  bool refuse_documents_ = false;
  std::vector<Open_> stack_;
  uint64_t nodes_ = 0;
  std::map<YAML::anchor_t, YNodePtr> anchors_;
  YNodePtr root_;
};

}  // namespace

bool ReadYamlFile(const std::string& path, const YamlLimits& limits, std::string* text,
                  std::string* err) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    *err = strerror(errno);
    return false;
  }
  text->clear();
  char buf[65536];
  while (text->size() <= limits.max_bytes) {
    ssize_t n = read(fd, buf, std::min(sizeof buf, limits.max_bytes + 1 - text->size()));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      *err = strerror(errno);
      close(fd);
      return false;
    }
    if (n == 0) break;
    text->append(buf, static_cast<size_t>(n));
  }
  close(fd);
  return true;
}

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

namespace {

struct Overrun {};

bool QuotedScalarAt(const YNodePtr& n, Loc loc) {
  if (!n) return false;
  if (n->is_scalar()) return !n->plain && n->loc.line == loc.line && n->loc.col == loc.col;
  for (const YNodePtr& i : n->items) {
    if (QuotedScalarAt(i, loc)) return true;
  }
  for (auto& [k, v] : n->entries) {
    if (QuotedScalarAt(k, loc) || QuotedScalarAt(v, loc)) return true;
  }
  return false;
}

bool ReportOverrun(const std::string& text, const LookaheadGuard& guard, const YamlLimits& limits,
                   Diagnostics* diag) {
  diag->Error(LocOfOffset(text, guard.overrun_at()),
              "the YAML parser would have to read ahead past more than " +
                  std::to_string(limits.max_lookahead) +
                  " brackets, commas and quotes to make sense of what came before: a huge, "
                  "deeply nested or unclosed `[...]` or `{...}`")
      .notes.push_back("check for an unclosed bracket; write long lists as `- item` lines");
  return false;
}

// What is refused before parsing: a file too large, not UTF-8, or with
// a NUL byte.
bool CheckText(const std::string& text, const YamlLimits& limits, Diagnostics* diag) {
  if (text.size() > limits.max_bytes) {
    std::string limit = limits.max_bytes >= (1u << 20)
                            ? std::to_string(limits.max_bytes >> 20) + " MiB"
                            : std::to_string(limits.max_bytes) + " bytes";
    diag->Error(Loc{}, "the file is larger than " + limit +
                           ", the most wfgen reads; a project file is a few KB")
        .notes.push_back("is this the right file?");
    return false;
  }
  size_t bad = FindInvalidUtf8(text);
  if (bad != std::string::npos) {
    char hex[8];
    snprintf(hex, sizeof hex, "0x%02x", static_cast<unsigned char>(text[bad]));
    diag->Error(LocOfOffset(text, bad),
                std::string("invalid UTF-8 (byte ") + hex + "); save project.yml as UTF-8");
    return false;
  }
  if (text.find('\0') != std::string::npos) {
    diag->Error(LocOfOffset(text, text.find('\0')), "NUL byte in the file");
    return false;
  }
  return true;
}

// yaml-cpp's own syntax error, said so a person can find the mistake.
bool ReportSyntaxError(const std::string& text, const YAML::Exception& e, Diagnostics* diag) {
  std::string msg = e.msg;
  if (!msg.empty()) msg[0] = static_cast<char>(tolower(msg[0]));
  Loc loc = e.mark.is_null() ? Loc{} : LocOf(e.mark);
  size_t open = 0;
  int close_line = 0;
  if (!e.mark.is_null() && e.mark.pos >= 0 &&
      FindOpenQuote(text, static_cast<size_t>(e.mark.pos), &open, &close_line)) {
    // The parser fails lines after the real mistake: point at the quote.
    std::string where = close_line > 0 ? "it runs on to line " + std::to_string(close_line)
                                       : "it runs on to the end of the file";
    Diagnostic& d = diag->Error(LocOfOffset(text, open),
                                "YAML syntax: this quoted string is not closed on its line (" +
                                    where + ", where the parser says: " + msg + ")");
    d.notes.push_back("close the quote on this line (a string may span lines only on purpose)");
    return false;
  }
  Diagnostic& d = diag->Error(loc, "YAML syntax: " + msg);
  d.notes.push_back("check the indentation and the quotes on this line and the one before");
  // The usual cause of the cryptic ones.
  if (text.find("\n\t") != std::string::npos || text.compare(0, 1, "\t") == 0) {
    d.notes.push_back("YAML does not allow tabs for indentation; use spaces");
  }
  return false;
}

// yaml-cpp accepts a quoted string that is never closed: it takes the
// rest of the file. Refused when the parser too saw a quoted string start
// at the open quote (so a quote inside a block scalar is no reason).
bool CheckQuotesClosed(const std::string& text, const YNodePtr& root, Diagnostics* diag) {
  size_t open = 0;
  int close_line = 0;
  if (FindOpenQuote(text, text.size(), &open, &close_line) && close_line == 0 &&
      QuotedScalarAt(root, LocOfOffset(text, open))) {
    diag->Error(LocOfOffset(text, open),
                "YAML syntax: this quoted string is never closed (it runs on to the end of "
                "the file)")
        .notes.push_back("close the quote on this line");
    return false;
  }
  return true;
}

}  // namespace

bool ParseYaml(const std::string& text, const YamlLimits& limits, YNodePtr* root,
               Diagnostics* diag) {
  if (!CheckText(text, limits, diag)) return false;
  LookaheadGuard guard(text, limits.max_lookahead);
  std::istream in(&guard);
  TreeBuilder builder(limits, &guard, diag);
  try {
    YAML::Parser parser(in);
    bool found = parser.HandleNextDocument(builder);
    if (found) {
      TreeBuilder rest(limits, &guard, diag);
      rest.RefuseDocuments();
      parser.HandleNextDocument(rest);
    }
    if (guard.overrun()) throw Overrun();
    if (!found) {
      diag->Error(Loc{}, "the file is empty; a project needs at least `commands:`");
      return false;
    }
  } catch (const Refused& r) {
    diag->Error(r.loc, r.message);
    return false;
  } catch (const YAML::Exception& e) {
    if (guard.overrun()) return ReportOverrun(text, guard, limits, diag);
    return ReportSyntaxError(text, e, diag);
  } catch (const Overrun&) {
    return ReportOverrun(text, guard, limits, diag);
  }
  if (diag->has_errors()) return false;
  *root = builder.root();
  if (!*root) {
    diag->Error(Loc{}, "the file is empty; a project needs at least `commands:`");
    return false;
  }
  return CheckQuotesClosed(text, *root, diag);
}

}  // namespace wfgen
