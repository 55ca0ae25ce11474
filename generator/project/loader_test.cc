#include "generator/project/loader.h"

#include <gtest/gtest.h>

namespace wfgen {
namespace {

// The first line of every diagnostic: the part editors parse.
std::string FirstLines(const std::string& yml) {
  LoadResult r;
  Diagnostics diag;
  LoadProject(yml, LoadOptions(), &r, &diag);
  std::string out;
  std::string rendered = diag.Render("project.yml", yml);
  size_t pos = 0;
  while (pos < rendered.size()) {
    size_t eol = rendered.find('\n', pos);
    std::string line = rendered.substr(pos, eol - pos);
    if (line.compare(0, 12, "project.yml:") == 0) out += line + "\n";
    pos = eol + 1;
  }
  return out;
}

Project Load(const std::string& yml, std::vector<Override> overrides = {}) {
  LoadResult r;
  Diagnostics diag;
  LoadOptions options;
  options.overrides = std::move(overrides);
  EXPECT_TRUE(LoadProject(yml, options, &r, &diag)) << diag.Render("project.yml", yml);
  return r.project;
}

const char kOk[] = R"(commands:
  - name: train
    script: ["python train.py"]
workflows:
  all: [train]
)";

TEST(LoaderTest, AValidProjectHasNoDiagnostics) { EXPECT_EQ(FirstLines(kOk), ""); }

TEST(LoaderTest, YamlSyntaxError) {
  EXPECT_EQ(FirstLines("commands:\n  - name: a\n   script: [x]\n"),
            "project.yml:3:4: error: YAML syntax: end of sequence not found\n");
}

TEST(LoaderTest, WrongTypes) {
  EXPECT_EQ(
      FirstLines("commands:\n  - name: a\n    script: [x]\n    deps: 5\n"),
      "project.yml:4:11: error: the deps of command 'a' must be a list, not a single value\n");
  EXPECT_EQ(FirstLines("commands:\n  - name: a\n    script: [x]\n    deps: [5]\n"),
            "project.yml:4:12: error: each entry of the deps of command 'a' must be a string, "
            "but YAML reads 5 as a number\n");
  EXPECT_EQ(FirstLines("commands: {a: 1}\n"),
            "project.yml:1:11: error: commands must be a list, not a mapping\n");
  EXPECT_EQ(FirstLines("commands:\n  - name: a\n    script: [x]\n    no_skip: maybe\n"),
            "project.yml:4:14: error: no_skip of command 'a' must be true or false, not 'maybe'\n");
}

TEST(LoaderTest, UnknownCommandInWorkflowSuggestsOne) {
  std::string yml = std::string(kOk) + "  other: [trian]\n";
  EXPECT_EQ(FirstLines(yml),
            "project.yml:6:11: error: unknown command 'trian' in workflow 'other'\n");
  LoadResult r;
  Diagnostics diag;
  LoadProject(yml, LoadOptions(), &r, &diag);
  ASSERT_FALSE(diag.all().empty());
  ASSERT_FALSE(diag.all()[0].notes.empty());
  EXPECT_EQ(diag.all()[0].notes[0], "did you mean 'train'?");
}

TEST(LoaderTest, WorkflowNamedLikeACommand) {
  EXPECT_EQ(FirstLines(std::string(kOk) + "  train: [train]\n"),
            "project.yml:6:3: error: workflow 'train' has the same name as a command\n");
}

TEST(LoaderTest, DuplicateCommandNames) {
  EXPECT_EQ(FirstLines("commands:\n  - name: a\n    script: [x]\n  - name: a\n    script: [y]\n"),
            "project.yml:4:11: error: duplicate command name 'a'\n");
}

TEST(LoaderTest, UndefinedVariable) {
  EXPECT_EQ(FirstLines("vars:\n  gpu: 0\ncommands:\n  - name: a\n    script: [\"x --gpu "
                       "${vars.gpuid}\"]\n"),
            "project.yml:5:23: error: undefined variable ${vars.gpuid}\n");
}

TEST(LoaderTest, EmptyScript) {
  EXPECT_EQ(FirstLines("commands:\n  - name: a\n    script: []\n"),
            "project.yml:3:13: error: command 'a' has an empty script; give it at least one line "
            "to run\n");
  EXPECT_EQ(FirstLines("commands:\n  - name: a\n    help: nothing\n"),
            "project.yml:2:5: error: command 'a' has an empty script; give it at least one line "
            "to run\n");
}

TEST(LoaderTest, UnknownCommandKey) {
  EXPECT_EQ(FirstLines("commands:\n  - name: a\n    script: [x]\n    output: [y]\n"),
            "project.yml:4:5: error: unknown key 'output' in a command\n");
}

TEST(LoaderTest, ParallelGroupErrors) {
  const char* cmds = "commands:\n  - name: a\n    script: [x]\n  - name: b\n    script: [y]\n";
  EXPECT_EQ(FirstLines(std::string(cmds) + "workflows:\n  all:\n    - parallel: []\n"),
            "project.yml:8:17: error: empty parallel group in workflow 'all'; list the commands "
            "to run in parallel\n");
  EXPECT_EQ(FirstLines(std::string(cmds) + "workflows:\n  all:\n    - parallel: [a, b, a]\n"),
            "project.yml:8:24: error: 'a' is listed twice in one parallel group\n");
  EXPECT_EQ(
      FirstLines(std::string(cmds) + "workflows:\n  all:\n    - parallel: [a, {parallel: [b]}]\n"),
      "project.yml:8:21: error: parallel groups cannot be nested; list command names only\n");
  EXPECT_EQ(FirstLines(std::string(cmds) + "workflows:\n  all:\n    - parallel: [a, c]\n"),
            "project.yml:8:21: error: unknown command 'c' in workflow 'all'\n");
  EXPECT_EQ(FirstLines(std::string(cmds) + "workflows:\n  all:\n    - paralel: [a, b]\n"),
            "project.yml:8:7: error: a workflow step is a command name or `parallel: "
            "[commands...]`\n");
}

// Issue 14: the note for `parallel: a, b, c` suggested `- a, b, c`, which
// is as wrong; it now gives the flow list that holds the same items.
TEST(LoaderTest, AParallelGroupWrittenAsOneStringGetsTheListForm) {
  const char* cmds = "commands:\n  - name: a\n    script: [x]\n  - name: b\n    script: [y]\n";
  std::string yml = std::string(cmds) + "workflows:\n  all:\n    - parallel: a, b\n";
  Diagnostics diag;
  LoadResult r;
  EXPECT_FALSE(LoadProject(yml, LoadOptions(), &r, &diag));
  ASSERT_EQ(diag.all().size(), 1u);
  EXPECT_EQ(diag.all()[0].message, "a parallel group must be a list, not a single value");
  EXPECT_EQ(diag.all()[0].notes,
            std::vector<std::string>{
                "write it as a list: `[a, b]`, or one `- ITEM` line per item below it"});
}

TEST(LoaderTest, PathsNinjaCannotExpress) {
  EXPECT_EQ(FirstLines("commands:\n  - name: a\n    script: [x]\n    outputs: [\"a|b\"]\n"),
            "project.yml:4:15: error: each entry of the outputs of command 'a' 'a|b' contains "
            "'|', which a Ninja file cannot express; rename the file\n");
}

TEST(LoaderTest, LegacyKeysAreQuietTyposAreNot) {
  EXPECT_EQ(FirstLines(
                std::string("spacy_version: '>=3'\ncheck_requirements: true\nremotes: {}\n") + kOk),
            "");
  EXPECT_EQ(FirstLines(std::string("workflow:\n  x: [train]\n") + kOk),
            "project.yml:1:1: warning: unknown key 'workflow' is ignored\n");
}

TEST(LoaderTest, ScriptLinesThatExpectAShellWarn) {
  EXPECT_EQ(FirstLines("commands:\n  - name: clean\n    script:\n      - rm -rf training/*\n"
                       "      - \"python -c 'print(1 | 2)'\"\n"),
            "project.yml:4:9: warning: this line uses the glob `*` as if a shell ran it; wfgen, "
            "like weasel, runs script lines without a shell, so it is passed on literally\n");
  EXPECT_EQ(
      FirstLines("commands:\n  - name: clean\n    shell: true\n    script:\n      - rm -rf x/*\n"),
      "");
  // An explicit `shell: false` says the line is meant literally.
  EXPECT_EQ(
      FirstLines("commands:\n  - name: clean\n    shell: false\n    script:\n      - rm -rf x/*\n"),
      "");
}

// The warning carries a key that changes with the script and only with it,
// so that it is shown once per version of the script (ninja/shown_once.h).
TEST(LoaderTest, ShellWarningsAreKeyedByTheScript) {
  auto key = [](const std::string& yml) {
    LoadResult r;
    Diagnostics diag;
    LoadProject(yml, LoadOptions(), &r, &diag);
    std::string keys;
    for (const Diagnostic& d : diag.all()) keys += d.once + ";";
    return keys;
  };
  std::string a = key("commands:\n  - name: c\n    script: [\"rm x/*\", \"ls y/*\"]\n");
  EXPECT_EQ(a.size(), 2 * (6 + 16 + 1)) << a;  // "shell " + 16 hex digits, twice
  EXPECT_EQ(a.substr(0, 23), a.substr(23));    // one key for the command's lines
  EXPECT_EQ(key("commands:\n  - name: c\n    help: new\n    script: [\"rm x/*\", \"ls y/*\"]\n"),
            a);
  EXPECT_NE(key("commands:\n  - name: c\n    script: [\"rm x/*\", \"ls z/*\"]\n"), a);
}

// Columns count characters, as editors do, not bytes; the caret stands
// under the character.
TEST(LoaderTest, ColumnsCountCharactersOnLinesWithNonAsciiText) {
  std::string yml = "commands:\n  - {name: \"réglé\", script: [x], dpes: [a]}\n";
  LoadResult r;
  Diagnostics diag;
  LoadProject(yml, LoadOptions(), &r, &diag);
  // dpes is byte 36 of its line and character 34.
  std::string rendered = diag.Render("project.yml", yml);
  EXPECT_EQ(rendered.substr(0, rendered.find("  note: a command has")),
            "project.yml:2:34: error: unknown key 'dpes' in a command\n"
            "    - {name: \"réglé\", script: [x], dpes: [a]}\n"
            "                                   ^\n"
            "  note: did you mean 'deps'?\n");
}

TEST(DiagnosticTest, EditorColumnCountsUtf16Units) {
  EXPECT_EQ(EditorColumn("abc", 3), 3);
  EXPECT_EQ(EditorColumn("é x", 4), 3);     // é is 2 bytes, 1 character
  EXPECT_EQ(EditorColumn("日本 x", 8), 4);  // 3 bytes each
  EXPECT_EQ(EditorColumn("😀 x", 6), 4);     // 4 bytes, 2 UTF-16 units
  EXPECT_EQ(EditorColumn("ab", 5), 5);      // past the end: one per byte
  EXPECT_EQ(EditorColumn("", 0), 1);
}

TEST(DiagnosticTest, NotesInMessageForEditors) {
  Diagnostics diag;
  Diagnostic& d = diag.Error(Loc{1, 6}, "unknown command 'trian'");
  d.notes.push_back("did you mean 'train'?");
  d.notes.push_back("second");
  EXPECT_EQ(diag.Render("project.yml", "all: trian\n", DiagnosticStyle::kNotesInMessage),
            "project.yml:1:6: error: unknown command 'trian' (note: did you mean 'train'?) "
            "(note: second)\n"
            "  all: trian\n"
            "       ^\n");
}

TEST(DiagnosticTest, ForgetAdjustsTheCounts) {
  Diagnostics diag;
  diag.Warning(Loc{1, 1}, "a").once = "k";
  diag.Warning(Loc{1, 1}, "b");
  diag.Forget([](const Diagnostic& d) { return d.once == "k"; });
  EXPECT_EQ(diag.warning_count(), 1);
  ASSERT_EQ(diag.all().size(), 1u);
  EXPECT_EQ(diag.all()[0].message, "b");
}

// An unclosed quote swallows the lines after it (YAML strings may span
// lines), and yaml-cpp fails lines later; the error points at the quote.
TEST(LoaderTest, AnUnclosedQuoteIsReportedWhereItOpens) {
  std::string yml =
      "title: \"Demo\"\n"
      "commands:\n"
      "  - name: prepare\n"
      "    script: [\"python prepare.py --lang ${vars.lang}]\n"
      "    outputs:\n"
      "      - corpus/train.jsonl\n"
      "  - name: train\n"
      "    help: \"Train\"\n"
      "    script: [\"python train.py\"]\n";
  EXPECT_EQ(FirstLines(yml),
            "project.yml:4:14: error: YAML syntax: this quoted string is not closed on its line "
            "(it runs on to line 8, where the parser says: end of sequence flow not found)\n");
  // Never closed: yaml-cpp would take the rest of the file as the string.
  EXPECT_EQ(FirstLines("commands:\n  - name: \"a\n    script: [x]\n"),
            "project.yml:2:11: error: YAML syntax: this quoted string is never closed (it runs "
            "on to the end of the file)\n");
  // A quote inside a block scalar is text.
  EXPECT_EQ(FirstLines("title: |\n  - \"a\ncommands:\n  - name: a\n    script: [x]\n"), "");
  // A string that spans lines on purpose is no reason to blame it.
  EXPECT_EQ(FirstLines("title: \"a\n  b\"\ncommands:\n  - name: a\n   script: [x]\n"),
            "project.yml:5:4: error: YAML syntax: end of sequence not found\n");
}

TEST(LoaderTest, CorpusShapesLoad) {
  Project p = Load(R"(vars:
  rows: [5000, 2500]
  gpu: -1
  lr: 0.25
  vectors: true
  data: "assets/IMDB Dataset.csv"
directories: [training, "corpus/"]
commands:
  - name: train
    script:
      - >-
        python -m spacy train config.cfg
        --output training/ --gpu-id ${vars.gpu} --lr ${vars.lr}
      - "python -c 'import sys\nprint(sys.argv)' ${vars.rows} ${vars.vectors}"
    deps: ["${vars.data}", corpus/]
    outputs: [training/model-best]
  - name: train-with-vectors
    script: [python train.py]
    deps: [corpus]
    outputs: [training/model-best]
  - name: fix
    script: [python fix.py]
    deps: [data.json]
    outputs: [data.json]
workflows:
  all: [train, train-with-vectors, fix]
)");
  ASSERT_EQ(p.commands.size(), 3u);
  EXPECT_EQ(p.commands[0].script[0].value,
            "python -m spacy train config.cfg --output training/ --gpu-id -1 --lr 0.25");
  EXPECT_EQ(p.commands[0].script[1].value,
            "python -c 'import sys\nprint(sys.argv)' [5000,2500] true");
  EXPECT_EQ(p.commands[0].deps[0].value, "assets/IMDB Dataset.csv");
  EXPECT_EQ(p.directories[1].value, "corpus/");
}

TEST(LoaderTest, ExtensionsLoad) {
  Project p = Load(R"(max_parallel_processes: ${vars.n}
vars: {n: 3}
pools: {gpu: 2}
kill_grace: 2.5
commands:
  - name: a
    script: [x]
    pool: gpu
    resources: {cpus: 4, mem: 16G, gpus: 1, time: "02:00:00", partition: gpu}
workflows:
  all:
    - parallel: [a]
)");
  EXPECT_EQ(p.max_parallel_processes.value_or(0), 3);
  EXPECT_EQ(p.pools.at("gpu"), 2);
  EXPECT_EQ(p.kill_grace_ms, 2500);
  EXPECT_EQ(p.commands[0].resources.mem, "16G");
  EXPECT_TRUE(p.workflows[0].steps[0].parallel);
}

TEST(LoaderTest, ResourcesAreCheckedEvenWhenTheyRunLocally) {
  auto with = [](const std::string& resources) {
    return FirstLines("commands:\n  - name: a\n    script: [x]\n    resources: {" + resources +
                      "}\n");
  };
  EXPECT_EQ(with("mem: 16G, time: \"1-12:00:00\", cpus: 2, gpus: \"a100:2\""), "");
  EXPECT_EQ(with("mem: 512, time: 90"), "");
  EXPECT_EQ(with("time: INFINITE"), "");
  EXPECT_EQ(with("mem: 16GB"),
            "project.yml:4:16: error: resources.mem must be a size like 16G (megabytes, or with K, "
            "M, G or T), not '16GB'\n");
  EXPECT_EQ(with("time: 2h"),
            "project.yml:4:16: error: resources.time must be a Slurm time like 90 (minutes), "
            "02:00:00 or 1-12:00:00, not '2h'\n");
  EXPECT_NE(with("time: \"1:2:3:4\"").find("resources.time must be"), std::string::npos);
  EXPECT_NE(with("time: \"-1\"").find("resources.time must be"), std::string::npos);
}

TEST(LoaderTest, UndefinedPoolIsAnError) {
  EXPECT_EQ(FirstLines("commands:\n  - name: a\n    script: [x]\n    pool: gpu\n"),
            "project.yml:2:5: error: command 'a' uses pool 'gpu', which is not defined\n");
}

TEST(LoaderTest, NamesMustBeOneTargetAndStayOutOfWfgensFiles) {
  auto with_command = [](const std::string& name) {
    return FirstLines("commands:\n  - name: \"" + name + "\"\n    script: [x]\n");
  };
  EXPECT_EQ(with_command("./a"),
            "project.yml:2:11: error: command name './a' is not written the way Ninja normalises "
            "paths ('a'), so it could name two different targets\n");
  EXPECT_NE(with_command("a/").find("normalises paths ('a')"), std::string::npos);
  EXPECT_NE(with_command("x/../a").find("normalises paths ('a')"), std::string::npos);
  EXPECT_EQ(with_command(".wfgen/always"),
            "project.yml:2:11: error: command name '.wfgen/always' is inside .wfgen/, which holds "
            "wfgen's own files\n");
  EXPECT_NE(with_command("/bin/a").find("starts with '/'"), std::string::npos);
  EXPECT_NE(with_command(std::string(300, 'x')).find("too long"), std::string::npos);
  EXPECT_EQ(FirstLines("commands:\n  - {name: a, script: [x]}\nworkflows:\n  build.ninja: [a]\n"),
            "project.yml:4:3: error: workflow name 'build.ninja' is reserved for the generated "
            "Ninja file\n");
  EXPECT_EQ(FirstLines("commands:\n  - {name: a, script: [x]}\nworkflows:\n  \"w\\e[31m\": [a]\n"),
            "project.yml:4:3: error: workflow name 'w\\x1b[31m' contains a control character\n");
  // Ordinary names, including ones with dots, dashes and slashes, are fine.
  EXPECT_EQ(with_command("convert-anem.v2/sub"), "");
}

TEST(LoaderTest, MessagesStayOnOneLine) {
  EXPECT_EQ(FirstLines("commands:\n  - name: a\n    script: [x]\n    deps: [\"a\\nproject.yml:1:1: "
                       "error: forged\"]\n"),
            "project.yml:4:12: error: each entry of the deps of command 'a' 'a\\nproject.yml:1:1: "
            "error: forged' contains a newline, which a Ninja file cannot express; rename the "
            "file\n");
}

TEST(LoaderTest, ThousandsOfErrorsPrintAHundred) {
  std::string yml = "commands:\n  - {name: a, script: [x]}\nworkflows:\n  all:\n";
  for (int i = 0; i < 5000; ++i) yml += "    - nope" + std::to_string(i) + "\n";
  LoadResult r;
  Diagnostics diag;
  EXPECT_FALSE(LoadProject(yml, LoadOptions(), &r, &diag));
  EXPECT_EQ(diag.error_count(), 5000);
  EXPECT_EQ(diag.all().size(), 100u);
  std::string rendered = diag.Render("project.yml", yml);
  EXPECT_NE(rendered.find("\nwfgen: 4900 more errors and 0 more warnings not shown\n"),
            std::string::npos);
}

TEST(LoaderTest, LongNamesGetNoQuadraticSuggestions) {
  std::string name(100000, 'a');
  std::string yml =
      "commands:\n  - {name: " + name + ", script: [x]}\nworkflows:\n  all: [" + name + "b]\n";
  EXPECT_NE(FirstLines(yml).find("unknown command"), std::string::npos);
}

TEST(LoaderTest, VarsThatDoubleAtEachStepAreRefused) {
  std::string yml = "vars:\n  v0: xxxxxxxxxxxxxxxx\n";
  for (int i = 1; i <= 40; ++i) {
    yml += "  v" + std::to_string(i) + ": ${vars.v" + std::to_string(i - 1) + "}${vars.v" +
           std::to_string(i - 1) + "}\n";
  }
  yml += "commands:\n  - name: a\n    script: [\"echo ${vars.v40}\"]\n";
  std::string errors = FirstLines(yml);
  EXPECT_NE(errors.find("interpolating vars produces more than 64 MiB of text in all"),
            std::string::npos)
      << errors;
}

TEST(LoaderTest, RemotesAreInterpolatedAndChecked) {
  LoadResult r;
  Diagnostics diag;
  ASSERT_TRUE(
      LoadProject(std::string("vars:\n  bucket: b1\nremotes:\n  default: s3://${vars.bucket}/"
                              "cache\n  local: ../cache\n") +
                      kOk,
                  LoadOptions(), &r, &diag));
  ASSERT_EQ(r.project.remotes.size(), 2u);
  EXPECT_EQ(r.project.remotes[0].name, "default");
  EXPECT_EQ(r.project.remotes[0].url, "s3://b1/cache");
  EXPECT_EQ(r.project.FindRemote("local")->url, "../cache");
  EXPECT_FALSE(r.project.remote_cache.pull);
}

TEST(LoaderTest, UnsupportedRemoteSchemesAreLineColErrors) {
  EXPECT_EQ(FirstLines(std::string("remotes:\n  default: gs://bucket/x\n") + kOk),
            "project.yml:2:12: error: remote 'default': gs:// remotes are not supported yet "
            "(supported: a directory path (local or shared file system), file:///path, "
            "s3://BUCKET/PREFIX)\n");
  EXPECT_EQ(FirstLines(std::string("remotes:\n  web: https://example.org/c\n") + kOk),
            "project.yml:2:8: error: remote 'web': unsupported remote URL scheme 'https://' "
            "(supported: a directory path (local or shared file system), file:///path, "
            "s3://BUCKET/PREFIX)\n");
}

TEST(LoaderTest, RemoteCache) {
  LoadResult r;
  Diagnostics diag;
  ASSERT_TRUE(LoadProject(std::string("remotes: {team: /srv/c}\n"
                                      "remote_cache: {pull: true, push: false, remote: team}\n") +
                              kOk,
                          LoadOptions(), &r, &diag));
  EXPECT_TRUE(r.project.remote_cache.pull);
  EXPECT_FALSE(r.project.remote_cache.push);
  EXPECT_EQ(r.project.remote_cache.remote, "team");
  EXPECT_EQ(FirstLines(std::string("remotes: {team: /srv/c}\nremote_cache: {pull: true}\n") + kOk),
            "project.yml:2:15: error: remote_cache uses remote 'default', which `remotes:` does "
            "not define\n");
  EXPECT_EQ(FirstLines(std::string("remotes: {team: /srv/c}\nremote_cache: {pul: true}\n") + kOk),
            "project.yml:2:16: error: unknown key 'pul' in remote_cache\n");
}

}  // namespace
}  // namespace wfgen
namespace wfgen {
namespace {

TEST(LoaderTest, RetriesAsACountOrAMapWithATopLevelDefault) {
  Project p = Load(R"(retries: 1
vars: {n: 4}
commands:
  - name: a
    script: [x]
  - name: b
    script: [x]
    retries: {max: "${vars.n}", delay: 2.5, backoff: 2, on: [3, node_fail]}
  - name: c
    script: [x]
    retries: 0
)");
  EXPECT_EQ(p.retries.max, 1);
  EXPECT_FALSE(p.commands[0].retries.has_value());
  ASSERT_TRUE(p.commands[1].retries.has_value());
  EXPECT_EQ(p.commands[1].retries->max, 4);
  EXPECT_EQ(p.commands[1].retries->delay_ms, 2500);
  EXPECT_EQ(p.commands[1].retries->backoff, 2);
  EXPECT_EQ(p.commands[1].retries->on, (std::vector<std::string>{"3", "node_fail"}));
  EXPECT_EQ(p.commands[2].retries->max, 0);
}

TEST(LoaderTest, RetriesErrorsSayWhatIsExpected) {
  auto with = [](const std::string& retries) {
    return FirstLines("commands:\n  - name: a\n    script: [x]\n    retries: " + retries + "\n");
  };
  EXPECT_EQ(with("-1"),
            "project.yml:4:14: error: the retries of command 'a' is the number of attempts after "
            "the first, 0 to 100, not '-1'\n");
  EXPECT_EQ(with("{max: 2, on: [node_failure]}"),
            "project.yml:4:28: error: the retries of command 'a': on takes exit codes (1 to 255) "
            "and the causes node_fail, time_limit, preempted, cancelled, oom; not "
            "'node_failure'\n");
  EXPECT_EQ(with("{max: 2, backof: 2}"),
            "project.yml:4:23: error: unknown key 'backof' in the retries of command 'a'\n");
  EXPECT_EQ(with("{delay: 3}"),
            "project.yml:4:14: error: the retries of command 'a' needs `max`, the number of "
            "attempts after the first\n");
  EXPECT_EQ(with("{max: 1, backoff: 0.5}"),
            "project.yml:4:32: error: the retries of command 'a': backoff is the factor each "
            "further delay grows by, 1 to 100, not '0.5'\n");
}

}  // namespace
}  // namespace wfgen
