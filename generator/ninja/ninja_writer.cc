#include "generator/ninja/ninja_writer.h"

#include "generator/ninja/escape.h"

namespace wfgen {
namespace {

void AppendPaths(std::string* out, const std::vector<std::string>& paths) {
  for (const std::string& p : paths) {
    *out += ' ';
    *out += NinjaPath(p);
  }
}

}  // namespace

void NinjaWriter::Comment(const std::string& text) {
  size_t start = 0;
  for (;;) {
    size_t eol = text.find('\n', start);
    std::string line =
        text.substr(start, eol == std::string::npos ? std::string::npos : eol - start);
    *out_ += line.empty() ? "#\n" : "# " + line + "\n";
    if (eol == std::string::npos) break;
    start = eol + 1;
  }
}

void NinjaWriter::Blank() { *out_ += "\n"; }

void NinjaWriter::Variable(const std::string& name, const std::string& raw_value) {
  *out_ += name + " = " + NinjaValue(raw_value) + "\n";
}

void NinjaWriter::Pool(const NinjaPool& pool) {
  *out_ += "pool " + pool.name + "\n  depth = " + std::to_string(pool.depth) + "\n";
}

void NinjaWriter::Rule(const NinjaRule& rule) {
  *out_ += "rule " + rule.name + "\n";
  for (auto& [k, v] : rule.bindings) *out_ += "  " + k + " = " + v + "\n";
}

void NinjaWriter::Build(const NinjaBuild& b) {
  std::string line = "build";
  AppendPaths(&line, b.outputs);
  if (!b.implicit_outputs.empty()) {
    line += " |";
    AppendPaths(&line, b.implicit_outputs);
  }
  line += ": " + b.rule;
  AppendPaths(&line, b.inputs);
  if (!b.implicit.empty()) {
    line += " |";
    AppendPaths(&line, b.implicit);
  }
  if (!b.order_only.empty()) {
    line += " ||";
    AppendPaths(&line, b.order_only);
  }
  *out_ += line;
  *out_ += '\n';
  // Appended piece by piece: this runs for every edge of a 100k-command file.
  for (auto& [k, v] : b.bindings) {
    *out_ += "  ";
    *out_ += k;
    *out_ += " = ";
    *out_ += NinjaValue(v);
    *out_ += '\n';
  }
  if (!b.pool.empty()) {
    *out_ += "  pool = ";
    *out_ += b.pool;
    *out_ += '\n';
  }
}

void NinjaWriter::Default(const std::vector<std::string>& targets) {
  std::string line = "default";
  AppendPaths(&line, targets);
  *out_ += line + "\n";
}

}  // namespace wfgen
