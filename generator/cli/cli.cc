#include "generator/cli/cli.h"

#include <unistd.h>

#include <cstdio>
#include <cstring>

#include "generator/cli/commands.h"
#include "generator/ninja/generate.h"
#include "runtime/base/disk.h"
#include "runtime/base/paths.h"
#include "version.h"

namespace wfgen {
namespace {

const char kUsage[] =
    "usage: wfgen [PROJECT.yml] [-o FILE] [--vars.NAME=VALUE ...] [--schedule staged|dataflow]\n"
    "             [--embed NAME] [--launcher local|slurm] [--pull] [--push]\n"
    "       wfgen COMMAND [ARGS]   (wfgen COMMAND --help for each)\n"
    "\n"
    "Writes build.ninja for a weasel/spaCy project.yml, so that `ninja all` runs the\n"
    "workflow `all` in parallel where it may and skips what is up to date.\n"
    "\n"
    "commands:\n"
    "  run [TARGET]       regenerate and run a workflow or command, with a live status\n"
    "  list               the commands and workflows of the project\n"
    "  explain NAME       why a command would run (or not), path by path\n"
    "  document           the README section for the project, like `weasel document`\n"
    "  graph [WORKFLOW]   the workflow as Graphviz dot\n"
    "  init [TEMPLATE] DIR  a starter project\n"
    "  editor vscode [DIR]  .vscode/tasks.json with a task per workflow and command\n"
    "  push|pull [REMOTE] upload or fetch outputs on a remote, as weasel (docs/remotes.md)\n"
    "\n"
    "generation options:\n"
    "  PROJECT.yml        the project file (default: ./project.yml)\n"
    "  -o FILE            write the Ninja file here (default: build.ninja beside the\n"
    "                     project file); run ninja in that file's directory\n"
    "  --vars.NAME=VALUE  override a variable (kept when ninja regenerates)\n"
    "  --schedule MODE    staged (default): workflow order, as weasel runs it;\n"
    "                     dataflow: order only by deps and outputs\n"
    "  --embed NAME       prefix every target with NAME/ for use with subninja\n"
    "  --launcher L       local, or slurm: run each script line with srun (docs/slurm.md);\n"
    "                     replaces the top-level `launcher:`, kept when ninja regenerates\n"
    "  --pull, --push     before a step would run, fetch its outputs from the remote if\n"
    "                     it has them all; after it succeeds, upload them (remote_cache:\n"
    "                     in project.yml; docs/remotes.md); kept when ninja regenerates\n"
    "  --version          print the version\n"
    "\n"
    "examples:\n"
    "  wfgen && ninja all                 generate, then run the workflow `all`\n"
    "  wfgen --vars.gpu=0 && ninja train  run one command with a variable set\n"
    "  wfgen nlp/project.yml -o build/nlp.ninja && ninja -C build -f nlp.ninja all\n";

int Generation(const std::vector<std::string>& args) {
  GenerateOptions options;
  bool have_project = false;
  for (size_t i = 0; i < args.size();) {
    const std::string& a = args[i];
    auto value = [&](const std::string& flag, std::string* out) -> bool {
      size_t eq = a.find('=');
      if (eq != std::string::npos && a.compare(0, eq, flag) == 0) {
        *out = a.substr(eq + 1);
        ++i;
        return true;
      }
      if (a != flag) return false;
      if (i + 1 >= args.size()) {
        fprintf(stderr, "wfgen: %s needs a value\n", flag.c_str());
        exit(2);
      }
      *out = args[i + 1];
      i += 2;
      return true;
    };
    std::string v;
    if (a == "-h" || a == "--help") {
      fputs(kUsage, stdout);
      return 0;
    } else if (a == "--version") {
      printf("wfgen %s\n", WFGEN_VERSION);
      return 0;
    } else if (value("-o", &options.output)) {
    } else if (value("--schedule", &v)) {
      if (v == "staged") {
        options.schedule = Schedule::kStaged;
      } else if (v == "dataflow") {
        options.schedule = Schedule::kDataflow;
      } else {
        fprintf(stderr, "wfgen: --schedule is staged or dataflow, not '%s'\n", v.c_str());
        return 2;
      }
    } else if (value("--launcher", &options.launcher)) {
      if (options.launcher != "local" && options.launcher != "slurm") {
        fprintf(stderr, "wfgen: --launcher is local or slurm, not '%s'\n",
                options.launcher.c_str());
        return 2;
      }
    } else if (a == "--pull" || a == "--push") {
      (a == "--pull" ? options.pull : options.push) = true;
      ++i;
    } else if (value("--embed", &options.embed)) {
      if (options.embed.empty() ||
          options.embed.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                          "0123456789_-") != std::string::npos) {
        fprintf(stderr, "wfgen: --embed NAME takes letters, digits, '_' and '-', not '%s'\n",
                options.embed.c_str());
        return 2;
      }
    } else if (a.compare(0, 7, "--vars.") == 0) {
      Override o;
      std::string err;
      if (!ParseOverrideArg(args, &i, &o, &err)) {
        fprintf(stderr, "wfgen: %s\n", err.c_str());
        return 2;
      }
      if (o.arg.find('\n') != std::string::npos) {
        fprintf(stderr, "wfgen: %s: a value cannot contain a newline\n", o.arg.c_str());
        return 2;
      }
      options.overrides.push_back(std::move(o));
    } else if (!a.empty() && a[0] == '-') {
      fprintf(stderr, "wfgen: unknown option '%s'\n\n%s", a.c_str(), kUsage);
      return 2;
    } else if (!have_project) {
      options.project_file = a;
      have_project = true;
      ++i;
    } else {
      fprintf(stderr, "wfgen: unexpected argument '%s'\n", a.c_str());
      return 2;
    }
  }
  options.wfgen = SelfPath();
  options.wfgen_run = WrapperPath();
  return Generate(options);
}

}  // namespace

std::string SelfPath() {
  char buf[4096];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return "wfgen";
  buf[n] = '\0';
  return buf;
}

std::string WrapperPath() {
  if (const char* env = getenv("WFGEN_RUN")) {
    if (*env) return env;
  }
  std::string self = SelfPath();
  std::string dir = DirName(self);
  return JoinPath(dir.empty() ? "." : dir, "wfgen-run");
}

int Main(const std::vector<std::string>& args) {
  if (!args.empty()) {
    const std::string& verb = args[0];
    std::vector<std::string> rest(args.begin() + 1, args.end());
    if (verb == "run") return RunCommand(rest);
    if (verb == "list") return ListCommand(rest);
    if (verb == "document") return DocumentCommand(rest);
    if (verb == "explain") return ExplainCommand(rest);
    if (verb == "graph") return GraphCommand(rest);
    if (verb == "init") return InitCommand(rest);
    if (verb == "push") return PushCommand(rest);
    if (verb == "pull") return PullCommand(rest);
    if (verb == "help") {
      if (rest.empty()) return Generation({"--help"});
      return Main({rest[0], "--help"});
    }
    if (verb == "version") return Generation({"--version"});
    if (verb == "editor") return EditorCommand(rest);
  }
  return Generation(args);
}

}  // namespace wfgen
