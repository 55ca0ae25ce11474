#include "generator/cli/options.h"

#include <algorithm>
#include <cstring>

namespace wfgen {
namespace {

bool Matches(const OptionSpec& o, const std::string& word) {
  return word == o.name || (o.alias && word == o.alias);
}

bool IsShort(const char* name) {
  return name && name[0] == '-' && name[1] && name[1] != '-' && !name[2];
}

// The option `arg` names, and its value when attached (`--x=v`, `-jN`).
const OptionSpec* FindOption(const CommandSpec& spec, const std::string& arg, bool* attached,
                             std::string* value) {
  *attached = false;
  for (const OptionSpec& o : spec.options) {
    if (Matches(o, arg)) return &o;
    size_t eq = arg.find('=');
    if (o.value && eq != std::string::npos && Matches(o, arg.substr(0, eq))) {
      *attached = true;
      *value = arg.substr(eq + 1);
      return &o;
    }
    for (const char* n : {o.name, o.alias}) {
      if (o.value && IsShort(n) && arg.size() > 2 && arg.compare(0, 2, n) == 0) {
        *attached = true;
        *value = arg.substr(2);
        return &o;
      }
    }
  }
  return nullptr;
}

bool Allowed(const OptionSpec& o, const std::string& value) {
  if (!o.choices) return true;
  std::string all = o.choices;
  size_t start = 0;
  for (;;) {
    size_t bar = all.find('|', start);
    if (all.compare(start, bar == std::string::npos ? std::string::npos : bar - start, value) ==
            0 &&
        (bar == std::string::npos ? all.size() - start : bar - start) == value.size())
      return true;
    if (bar == std::string::npos) return false;
    start = bar + 1;
  }
}

std::string ChoicesText(const char* choices) {
  std::string out = choices, text;
  size_t bar;
  while ((bar = out.find('|')) != std::string::npos) {
    text += out.substr(0, bar) + (out.find('|', bar + 1) == std::string::npos ? " or " : ", ");
    out = out.substr(bar + 1);
  }
  return text + out;
}

std::string CommandName(const CommandSpec& spec) {
  return spec.name[0] ? std::string("wfgen ") + spec.name : "wfgen";
}

std::string OptionLabel(const OptionSpec& o) {
  std::string label = o.name;
  if (o.alias) label += std::string(", ") + o.alias;
  if (o.value) label += std::string(" ") + o.value;
  return label;
}

// Appends `help` indented at `column`, its first line after `label`.
void AppendRow(const std::string& label, const char* help, size_t column, std::string* out) {
  std::string line = "  " + label;
  line += label.size() + 2 < column ? std::string(column - 2 - label.size(), ' ') : "  ";
  std::string h = help;
  size_t start = 0;
  for (bool first = true;; first = false) {
    size_t nl = h.find('\n', start);
    std::string part = h.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    *out += (first ? line : std::string(column, ' ')) + part + "\n";
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
}

}  // namespace

std::string ParsedArgs::Get(const std::string& name) const {
  auto it = values.find(name);
  return it == values.end() ? "" : it->second;
}

bool ParseArgs(const CommandSpec& spec, const std::vector<std::string>& args, ParsedArgs* out,
               std::string* err) {
  std::string cmd = CommandName(spec);
  for (size_t i = 0; i < args.size();) {
    const std::string& a = args[i];
    if (a == "-h" || a == "--help") {
      out->help = true;
      return true;
    }
    if (spec.takes_vars && a.compare(0, 7, "--vars.") == 0) {
      Override o;
      if (!ParseOverrideArg(args, &i, &o, err)) return false;
      // The regeneration rule holds the override on one line.
      if (o.arg.find_first_of("\n\r") != std::string::npos) {
        *err = "'" + o.arg.substr(0, o.arg.find_first_of("\n\r")) +
               "...': a value cannot contain a line break";
        return false;
      }
      out->overrides.push_back(std::move(o));
      continue;
    }
    if (a.size() > 1 && a[0] == '-') {
      bool attached;
      std::string value;
      const OptionSpec* o = FindOption(spec, a, &attached, &value);
      if (!o) {
        *err = "unknown option '" + a + "' for " + cmd + " (see " + cmd + " --help)";
        return false;
      }
      if (!o->value) {
        out->values[o->name] = "";
        ++i;
        continue;
      }
      if (!attached) {
        if (i + 1 >= args.size()) {
          *err = std::string(o->name) + " needs a value (" + OptionLabel(*o) + ")";
          return false;
        }
        value = args[i + 1];
        ++i;
      }
      ++i;
      if (!Allowed(*o, value)) {
        *err = std::string(o->name) + " is " + ChoicesText(o->choices) + ", not '" + value + "'";
        return false;
      }
      out->values[o->name] = value;
      continue;
    }
    out->positional.push_back(a);
    ++i;
  }
  if (out->positional.size() > spec.max_positional) {
    *err = "unexpected argument '" + out->positional[spec.max_positional] + "' (usage: " + cmd +
           (spec.arguments[0] ? " " : "") + spec.arguments + ")";
    return false;
  }
  if (out->positional.size() < spec.min_positional) {
    *err = cmd + " needs " + spec.arguments + " (see " + cmd + " --help)";
    return false;
  }
  return true;
}

std::string RenderUsage(const CommandSpec& spec) {
  std::string line = "usage: " + CommandName(spec);
  if (spec.arguments[0]) line += std::string(" ") + spec.arguments;
  for (const OptionSpec& o : spec.options) {
    std::string part = std::string(" [") + o.name;
    if (o.value) part += std::string(" ") + (o.choices ? o.choices : o.value);
    part += "]";
    line += part;
  }
  if (spec.takes_vars) line += " [--vars.NAME=VALUE ...]";
  // Wrapped at 80 columns, continuation lines under the first argument.
  std::string out, current;
  size_t indent = 7 + CommandName(spec).size() + 1;
  size_t start = 0;
  while (start < line.size()) {
    size_t next = line.find(" [", start + 1);
    std::string word =
        line.substr(start, next == std::string::npos ? std::string::npos : next - start);
    if (!current.empty() && current.size() + word.size() > 80) {
      out += current + "\n";
      current = std::string(indent - 1, ' ');
    }
    current += word;
    start = next == std::string::npos ? line.size() : next;
  }
  return out + current + "\n";
}

std::string RenderHelp(const CommandSpec& spec) {
  std::string out = RenderUsage(spec) + "\n" + spec.description;
  size_t column = 21;
  for (const OptionSpec& o : spec.options) column = std::max(column, OptionLabel(o).size() + 4);
  out += "\n";
  if (spec.arguments_help) {
    std::string h = spec.arguments_help;
    size_t start = 0;
    while (start < h.size()) {
      size_t nl = h.find('\n', start);
      std::string row = h.substr(start, nl - start);
      size_t gap = row.find("  ");
      if (gap == std::string::npos) {
        AppendRow(row, "", column, &out);
      } else {
        size_t text = row.find_first_not_of(' ', gap);
        AppendRow(row.substr(0, gap), row.c_str() + text, column, &out);
      }
      if (nl == std::string::npos) break;
      start = nl + 1;
    }
  }
  for (const OptionSpec& o : spec.options) AppendRow(OptionLabel(o), o.help, column, &out);
  if (spec.takes_vars) {
    AppendRow("--vars.NAME=VALUE", "override a variable of project.yml (as weasel reads it)",
              column, &out);
  }
  AppendRow("-h, --help", "this help", column, &out);
  if (spec.examples) out += std::string("\nexamples:\n") + spec.examples;
  return out;
}

}  // namespace wfgen
