// Both directions with the vendored weasel on a directory remote: what
// `weasel push` stored, wfgen pulls; what wfgen pushed, `weasel pull`
// restores; and after wfgen's pull, weasel's check_rerun says "skip".
// weasel runs with a stand-in for cloudpathlib (testdata/cloudpathlib_stub).
#include <gtest/gtest.h>

#include "runtime/state/command_list.h"
#include "transfer/remote/remote_test_util.h"

namespace wfgen {
namespace {

using test::RunResult;
using test::TestSpace;

std::vector<std::string> WeaselEnv() {
  return {"PYTHONPATH=" + test::WeaselDir() + ":" + test::TestdataDir() + "/cloudpathlib_stub"};
}

void WriteProject(TestSpace* s) {
  s->Write("p/in.txt", "in");
  s->Write("p/training/model-best/weights", "w");
  s->Write("p/training/model-best/sub/cfg", "c");
  s->Write("p/project.yml", R"(remotes:
  default: ../remote
commands:
  - name: train
    script:
      - "python train.py --out training/model-best"
    deps: [in.txt]
    outputs: [training/model-best]
)");
  s->Write("cmds", FormatCommandList({{"train", {"in.txt"}, {"training/model-best"}, {},
                                       {"python train.py --out training/model-best"}}}));
}

RunResult Weasel(const TestSpace& s, const std::string& verb) {
  return s.Run({"/usr/bin/python3", "-m", "weasel", verb}, WeaselEnv(), s.Path("p"));
}

RunResult Wfgen(const TestSpace& s, const std::string& verb) {
  return s.Run({test::WfgenRemoteBin(), verb, s.Path("remote"), "--project", s.Path("p"),
                "--commands", s.Path("cmds")});
}

TEST(WeaselInterop, WfgenPullsWhatWeaselPushedAndWeaselThenSkips) {
  TestSpace s;
  WriteProject(&s);
  RunResult r = Weasel(s, "push");
  ASSERT_EQ(r.exit, 0) << r.output;
  ASSERT_NE(r.output.find("Pushed training/model-best"), std::string::npos) << r.output;
  test::RemoveTree(s.Path("p/training"));
  r = Wfgen(s, "pull");
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(r.output, "pulled training/model-best\n");
  EXPECT_EQ(s.Read("p/training/model-best/sub/cfg"), "c");
  r = s.Run({"/usr/bin/python3", "-c",
             "from pathlib import Path\n"
             "from weasel.cli.run import check_rerun\n"
             "from weasel.util import load_project_config\n"
             "print(check_rerun(Path('.'), load_project_config(Path('.'))['commands'][0]))"},
            WeaselEnv(), s.Path("p"));
  EXPECT_EQ(r.output, "False\n");
}

TEST(WeaselInterop, WeaselPullsWhatWfgenPushed) {
  TestSpace s;
  WriteProject(&s);
  RunResult r = Wfgen(s, "push");
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(r.output, "pushed training/model-best\n");
  test::RemoveTree(s.Path("p/training"));
  r = Weasel(s, "pull");
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_NE(r.output.find("Pulled training/model-best"), std::string::npos) << r.output;
  EXPECT_EQ(s.Read("p/training/model-best/weights"), "w");
  EXPECT_EQ(s.Read("p/training/model-best/sub/cfg"), "c");
}

}  // namespace
}  // namespace wfgen
