#include "generator/cli/command_table.h"

#include <algorithm>
#include <cstring>

namespace wfgen {
namespace {

// The settings kept with the build (settings.h): every command that loads
// the project takes them, so that what it shows is what a run would do.
const OptionSpec kSchedule = {"--schedule", nullptr, "MODE", "staged|dataflow",
                              "staged (default): workflow order, as weasel runs it;\n"
                              "dataflow: order only by deps and outputs"};
const OptionSpec kLauncher = {"--launcher", nullptr, "L", "local|slurm",
                              "local, or slurm: run each script line with srun\n"
                              "(docs/slurm.md); replaces the top-level `launcher:`"};
const OptionSpec kRetries = {"--retries", nullptr, "N", nullptr,
                             "give every command N more attempts after a failure\n"
                             "(0: none); replaces `max` of each `retries:`"};
const OptionSpec kPull = {"--pull", nullptr, nullptr, nullptr,
                          "before a step would run, fetch its outputs from\n"
                          "the remote if it has them all (docs/remotes.md)"};
const OptionSpec kPush = {"--push", nullptr, nullptr, nullptr,
                          "after a step succeeds, upload its outputs to the remote"};
const OptionSpec kReset = {"--reset", nullptr, nullptr, nullptr,
                           "forget the settings given earlier (--vars, --schedule,\n"
                           "--launcher, --retries); use only those given now"};

std::vector<CommandSpec> MakeTable() {
  std::vector<CommandSpec> t;
  t.push_back(CommandSpec{
      "",
      "[PROJECT.yml]",
      0,
      1,
      "write build.ninja",
      "Writes build.ninja for a weasel/spaCy project.yml, so that `ninja all` runs the\n"
      "workflow `all` in parallel where it may and skips what is up to date. The\n"
      "settings given here (--vars, --schedule, --launcher) are exactly the ones\n"
      "used from now on: ninja's regeneration and `wfgen run` keep them.\n",
      {{"-o", nullptr, "FILE", nullptr,
        "write the Ninja file here (default: build.ninja beside the\n"
        "project file); run ninja in that file's directory"},
       kSchedule,
       {"--embed", nullptr, "NAME", nullptr,
        "prefix every target with NAME/ for use with subninja"},
       kLauncher,
       kRetries,
       kPull,
       kPush,
       {"--version", nullptr, nullptr, nullptr, "print the version"}},
      true,
      "PROJECT.yml  the project file (default: ./project.yml)",
      "  wfgen && ninja all                 generate, then run the workflow `all`\n"
      "  wfgen --vars.gpu=0 && ninja train  run one command with a variable set\n"
      "  wfgen nlp/project.yml -o build/nlp.ninja && ninja -C build -f nlp.ninja all\n"});
  t.push_back(CommandSpec{
      "run",
      "[TARGET] [PROJECT]",
      0,
      2,
      "run a workflow or command, with a live status",
      "Regenerates build.ninja if project.yml changed, then runs ninja for TARGET (a\n"
      "workflow or a command) and shows its progress: a live table on a terminal, one\n"
      "line per event otherwise. Without TARGET, lists what there is to run. The exit\n"
      "status is ninja's. Settings given earlier (to `wfgen` or `wfgen run`) stay in\n"
      "force; new ones given here replace those of the same name and are kept.\n",
      {{"--force", "-F", nullptr, nullptr, "rerun the steps of TARGET even if nothing changed"},
       {"--dry", "-D", nullptr, nullptr, "run nothing; print what would run, why, and the lines"},
       {"-j", nullptr, "N", nullptr, "run at most N steps at once (ninja -j)"},
       {"-k", nullptr, "N", nullptr,
        "keep going until N steps failed (ninja -k; 0: never\n"
        "stop); a failing group member then does not stop its\n"
        "group"},
       {"--trace", nullptr, "FILE", nullptr, "write a Chrome/Perfetto trace (one lane per slot)"},
       {"--group-output", nullptr, "MODE", "grouped|prefixed",
        "parallel members' output: grouped (default), each\n"
        "member's log after its group, in order; prefixed:\n"
        "lines as they come, with the member's name"},
       {"--plain", nullptr, nullptr, nullptr,
        "one line per event, even on a terminal (NO_COLOR: no\ncolours)"},
       kSchedule,
       kLauncher,
       kRetries,
       kPull,
       kPush,
       kReset},
      true,
      "TARGET  a workflow, a command, or an output of workflow all\n"
      "PROJECT  project directory or project.yml (default: .)",
      "  wfgen run all\n"
      "  wfgen run train --force --vars.gpu=0\n"
      "  wfgen run all --dry\n"
      "  wfgen run corpus/train.jsonl     # all, up to the steps that write it\n"
      "  wfgen run all --trace run.json   # open in ui.perfetto.dev\n"});
  t.push_back(
      CommandSpec{"list",
                  "[PROJECT]",
                  0,
                  1,
                  "the commands and workflows of the project",
                  "Lists the commands of a project (with their help) and its workflows (with\n"
                  "their steps; parallel groups as groups), and the settings in force.\n",
                  {kSchedule, kLauncher, kRetries, kReset},
                  true,
                  nullptr,
                  "  wfgen list\n"
                  "  wfgen list nlp/project.yml\n"});
  t.push_back(CommandSpec{
      "assets",
      "[PROJECT]",
      0,
      1,
      "fetch the project's assets, like `weasel assets`",
      "Fetches every asset that has a url or a git repository into its dest, at most\n"
      "max_parallel_downloads at a time (default 4), through build.ninja's asset\n"
      "edges. An asset already right is left alone: with a checksum, its content must\n"
      "have it; without one, it is kept unless its url changed. Downloads are\n"
      "checksummed, retried and resumed, and a dest is never a partial file\n"
      "(docs/assets.md). Private assets (no url, no git) are checked: a missing one\n"
      "is named, with its description. `ninja all` fetches the assets its steps read\n"
      "by itself; `ninja assets` is this command without the content check.\n",
      {{"--extra", nullptr, nullptr, nullptr, "also fetch the assets marked `extra: true`"},
       {"--dry", "-D", nullptr, nullptr, "fetch nothing; say what would be fetched and why"},
       kReset},
      true,
      "PROJECT  project directory or project.yml (default: .)",
      "  wfgen assets\n"
      "  wfgen assets --extra\n"
      "  wfgen assets --dry\n"});
  for (bool push : {true, false}) {
    t.push_back(CommandSpec{
        push ? "push" : "pull",
        "[REMOTE] [PROJECT]",
        0,
        2,
        push ? "upload commands' outputs to a remote, like `weasel push`"
             : "fetch commands' outputs from a remote, like `weasel pull`",
        push ? "Uploads the outputs of every command whose deps exist to the remote REMOTE\n"
               "(a name from `remotes:` in project.yml; default: `default`), in weasel's\n"
               "layout: what wfgen pushes, `weasel pull` restores, and the other way round.\n"
               "An object that is already there is not uploaded again. docs/remotes.md.\n"
             : "Fetches from the remote REMOTE (default: `default`) the outputs that are\n"
               "missing here and were stored for the commands' current deps and script,\n"
               "checks each one's content hash, and puts it in place; then the next `ninja\n"
               "all` (or `weasel run`) skips those commands. docs/remotes.md.\n",
        {kReset},
        true,
        "REMOTE  a name under `remotes:` in project.yml (default: default)\n"
        "PROJECT  project directory or project.yml (default: .)",
        push ? "  wfgen push\n  wfgen push team nlp/\n"
             : "  wfgen pull && ninja all\n  wfgen pull team nlp/\n"});
  }
  t.push_back(
      CommandSpec{"explain",
                  "NAME [PROJECT]",
                  1,
                  2,
                  "why a command would run (or not), path by path",
                  "Says why the command NAME would run now, or why it would be skipped, naming\n"
                  "the dep or output that changed (and the file inside a directory), and why it\n"
                  "ran last time (and whether that run failed). For a workflow, gives the verdict\n"
                  "for each step, taking into account what earlier steps would change.\n",
                  {kSchedule, kLauncher, kRetries, kReset},
                  true,
                  nullptr,
                  "  wfgen explain train\n"
                  "  wfgen explain all --vars.epochs=8\n"});
  t.push_back(
      CommandSpec{"document",
                  "[PROJECT]",
                  0,
                  1,
                  "the README section, like `weasel document`",
                  "Writes the Markdown documentation of a project's commands, workflows and\n"
                  "assets, like `weasel document`. With -o, the section between the\n"
                  "AUTO-GENERATED DOCS markers of FILE is replaced in place (markers written by\n"
                  "weasel or spaCy are recognised), the rest of FILE is kept; a file with an\n"
                  "IGNORE marker is left alone. Without -o, the section goes to stdout.\n",
                  {{"-o", "--output", "FILE", nullptr, "update the generated section of FILE"},
                   kSchedule,
                   kLauncher,
                   kReset},
                  true,
                  nullptr,
                  "  wfgen document -o README.md\n"
                  "  wfgen document nlp > docs/nlp.md\n"});
  t.push_back(
      CommandSpec{"graph",
                  "[WORKFLOW] [PROJECT]",
                  0,
                  2,
                  "the workflow as Graphviz dot",
                  "Prints the workflow (default: all, or the first one) as Graphviz dot: steps,\n"
                  "the files they read and write, and the order between them.\n",
                  {kSchedule, kLauncher, kRetries, kReset},
                  true,
                  nullptr,
                  "  wfgen graph | dot -Tsvg > workflow.svg\n"
                  "  wfgen graph all --vars.epochs=8\n"});
  t.push_back(
      CommandSpec{"init",
                  "[TEMPLATE] [DIR]",
                  1,
                  2,
                  "a starter project",
                  "Creates a starter project in DIR (which must not exist or be empty) from a\n"
                  "template, ready for `wfgen && ninja all`. TEMPLATE (default: minimal):\n"
                  "\n"
                  "  minimal    a serial workflow: prepare, train, evaluate\n"
                  "  parallel   trains three models in a parallel group, each with a WFGEN_SLOT\n"
                  "\n"
                  "With one argument that names a template (and no such directory exists), the\n"
                  "project is made from that template in a directory of the same name.\n",
                  {},
                  false,
                  nullptr,
                  "  wfgen init my-project && cd my-project && wfgen && ninja all\n"
                  "  wfgen init parallel sweep\n"
                  "  wfgen init parallel             # ./parallel from the parallel template\n"});
  t.push_back(
      CommandSpec{"editor",
                  "vscode [DIR]",
                  1,
                  2,
                  "tasks.json: a task per workflow and command",
                  "Writes DIR/.vscode/tasks.json (DIR: the project directory, default .) with a\n"
                  "task per workflow and per command of DIR/project.yml, each running\n"
                  "`wfgen run NAME`; `wfgen: all` is the default build task (Ctrl+Shift+B), and\n"
                  "errors in project.yml show up in the Problems panel at their line.\n"
                  "\n"
                  "An existing tasks.json is merged: only the tasks wfgen wrote before are\n"
                  "replaced; your other tasks, keys and comments stay as they are.\n",
                  {},
                  false,
                  nullptr,
                  "  wfgen editor vscode            the project in the current directory\n"
                  "  wfgen editor vscode nlp        nlp/project.yml -> nlp/.vscode/tasks.json\n"});
  t.push_back(CommandSpec{
      "help", "[COMMAND]", 0, 1, "this help, or a command's", "", {}, false, nullptr, nullptr});
  t.push_back(CommandSpec{"version", "", 0, 0, "the version", "", {}, false, nullptr, nullptr});
  return t;
}

}  // namespace

const std::vector<CommandSpec>& CommandTable() {
  static const std::vector<CommandSpec> table = MakeTable();
  return table;
}

const CommandSpec* FindCommandSpec(const std::string& name) {
  for (const CommandSpec& c : CommandTable()) {
    if (name == c.name) return &c;
  }
  return nullptr;
}

std::string RenderMainHelp() {
  const std::vector<CommandSpec>& table = CommandTable();
  std::string help = RenderHelp(table[0]);
  size_t cut = help.find("\n\n");  // after the usage lines
  size_t width = 0;
  for (size_t i = 1; i < table.size(); ++i) {
    width = std::max(width, std::string(table[i].name).size() + 1 + strlen(table[i].arguments));
  }
  std::string commands = "\ncommands:\n";
  for (size_t i = 1; i < table.size(); ++i) {
    std::string label = std::string(table[i].name) + " " + table[i].arguments;
    commands += "  " + label + std::string(width + 2 - label.size(), ' ') + table[i].summary + "\n";
  }
  return help.substr(0, cut + 1) +
         "       wfgen COMMAND [ARGS]   (wfgen COMMAND --help for each)\n" + commands +
         help.substr(cut + 1);
}

}  // namespace wfgen
