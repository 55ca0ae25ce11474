#include "generator/cli/options.h"

#include <gtest/gtest.h>

#include "generator/cli/command_table.h"

namespace wfgen {
namespace {

ParsedArgs Parse(const char* command, const std::vector<std::string>& args, std::string* err) {
  ParsedArgs out;
  EXPECT_NE(FindCommandSpec(command), nullptr);
  if (!ParseArgs(*FindCommandSpec(command), args, &out, err)) out.values["<failed>"] = *err;
  return out;
}

TEST(OptionsTest, ValuesTakeBothFormsAndShortOnesAttach) {
  std::string err;
  ParsedArgs a = Parse(
      "run", {"all", "--schedule", "dataflow", "-j4", "-k", "0", "--trace=t.json", "-F", "proj"},
      &err);
  EXPECT_EQ(err, "");
  EXPECT_EQ(a.Get("--schedule"), "dataflow");
  EXPECT_EQ(a.Get("-j"), "4");
  EXPECT_EQ(a.Get("-k"), "0");
  EXPECT_EQ(a.Get("--trace"), "t.json");
  EXPECT_TRUE(a.Has("--force"));  // by its alias
  EXPECT_EQ(a.positional, (std::vector<std::string>{"all", "proj"}));
}

// Issue 13: `wfgen run all --schedulenonsense dataflow` was taken as
// --schedule; every command now refuses it as plain `wfgen` does.
TEST(OptionsTest, AnOptionIsMatchedWholeNeverByItsPrefix) {
  for (const char* cmd : {"", "run", "list", "explain", "graph", "document"}) {
    std::string err;
    std::vector<std::string> args = {"--schedulenonsense", "dataflow"};
    if (std::string(cmd) == "explain") args.insert(args.begin(), "x");
    Parse(cmd, args, &err);
    EXPECT_EQ(err.find("unknown option '--schedulenonsense'"), 0u) << cmd << ": " << err;
  }
}

TEST(OptionsTest, ChoicesAreChecked) {
  std::string err;
  Parse("run", {"--launcher", "pbs"}, &err);
  EXPECT_EQ(err, "--launcher is local or slurm, not 'pbs'");
  err.clear();
  Parse("", {"--schedule=later"}, &err);
  EXPECT_EQ(err, "--schedule is staged or dataflow, not 'later'");
  err.clear();
  Parse("", {"-o"}, &err);
  EXPECT_EQ(err, "-o needs a value (-o FILE)");
}

// Issue 13: `--vars.x=$'a\nb'` was refused by `wfgen` and written as
// `a b` into the regeneration rule by `wfgen run`: one check for all.
TEST(OptionsTest, OverridesAreValidatedTheSameWayEverywhere) {
  for (const char* cmd : {"", "run", "list", "explain", "graph", "document"}) {
    std::string err;
    std::vector<std::string> args = {"--vars.x=a\nb"};
    if (std::string(cmd) == "explain") args.insert(args.begin(), "x");
    Parse(cmd, args, &err);
    EXPECT_EQ(err, "'--vars.x=a...': a value cannot contain a line break") << cmd;
  }
  std::string err;
  ParsedArgs a = Parse("run", {"--vars.a", "5", "--vars.b-c=x", "--vars.flag"}, &err);
  ASSERT_EQ(a.overrides.size(), 3u) << err;
  EXPECT_EQ(a.overrides[0].arg, "--vars.a=5");
  EXPECT_EQ(a.overrides[1].path[1], "b_c");
  EXPECT_EQ(a.overrides[2].value->text, "true");
  Parse("init", {"--vars.a=1", "x"}, &err);
  EXPECT_EQ(err.find("unknown option '--vars.a=1'"), 0u) << err;
}

TEST(OptionsTest, ArgumentCountsAreChecked) {
  std::string err;
  Parse("explain", {}, &err);
  EXPECT_EQ(err, "wfgen explain needs NAME [PROJECT] (see wfgen explain --help)");
  err.clear();
  Parse("list", {"a", "b"}, &err);
  EXPECT_EQ(err, "unexpected argument 'b' (usage: wfgen list [PROJECT])");
}

TEST(OptionsTest, HelpStopsTheChecks) {
  std::string err;
  ParsedArgs a = Parse("explain", {"--help", "--nonsense"}, &err);
  EXPECT_TRUE(a.help);
  EXPECT_EQ(err, "");
}

TEST(OptionsTest, HelpIsRenderedFromTheTable) {
  const CommandSpec& spec = *FindCommandSpec("list");
  EXPECT_EQ(RenderHelp(spec),
            "usage: wfgen list [PROJECT] [--schedule staged|dataflow]\n"
            "                  [--launcher local|slurm] [--retries N] [--reset]\n"
            "                  [--vars.NAME=VALUE ...]\n"
            "\n"
            "Lists the commands of a project (with their help) and its workflows (with\n"
            "their steps; parallel groups as groups), and the settings in force.\n"
            "\n"
            "  --schedule MODE    staged (default): workflow order, as weasel runs it;\n"
            "                     dataflow: order only by deps and outputs\n"
            "  --launcher L       local, or slurm: run each script line with srun\n"
            "                     (docs/slurm.md); replaces the top-level `launcher:`\n"
            "  --retries N        give every command N more attempts after a failure\n"
            "                     (0: none); replaces `max` of each `retries:`\n"
            "  --reset            forget the settings given earlier (--vars, --schedule,\n"
            "                     --launcher, --retries); use only those given now\n"
            "  --vars.NAME=VALUE  override a variable of project.yml (as weasel reads it)\n"
            "  -h, --help         this help\n"
            "\n"
            "examples:\n"
            "  wfgen list\n"
            "  wfgen list nlp/project.yml\n");
  // Every option of every command is in its help, and every line fits.
  for (const CommandSpec& c : CommandTable()) {
    std::string help = RenderHelp(c);
    for (const OptionSpec& o : c.options) EXPECT_NE(help.find(o.name), std::string::npos);
    size_t start = 0;
    while (start < help.size()) {
      size_t nl = help.find('\n', start);
      EXPECT_LE(nl - start, 80u) << c.name << ": " << help.substr(start, nl - start);
      start = nl + 1;
    }
  }
  EXPECT_NE(RenderMainHelp().find("  explain NAME [PROJECT]"), std::string::npos);
}

}  // namespace
}  // namespace wfgen
