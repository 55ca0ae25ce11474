// End to end, with the real wfgen, wfgen-run, wfgen-transfer and ninja on a
// directory remote: `wfgen push`/`wfgen pull`, both directions with the
// vendored weasel, and the automatic remote cache (--pull/--push).
#include <signal.h>
#include <sys/stat.h>

#include <gtest/gtest.h>

#include "transfer/remote/remote_test_util.h"

namespace wfgen {
namespace {

using test::RunResult;
using test::TestSpace;
using Runs = std::vector<std::string>;

std::string Project(const std::string& remote) {
  return "remotes:\n  default: " + remote + R"(
commands:
  - name: prep
    script: ["steptool prep --in in.txt --out corpus.txt"]
    deps: [in.txt]
    outputs: [corpus.txt]
  - name: train
    script: ["steptool train --in corpus.txt --outdir model --out metrics.json"]
    deps: [corpus.txt]
    outputs: [model, metrics.json]
workflows:
  all: [prep, train]
)";
}

std::vector<std::string> WeaselEnv() {
  return {"PYTHONPATH=" + test::WeaselDir() + ":" + test::TestdataDir() + "/cloudpathlib_stub"};
}

class RemoteCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (TestSpace* s : {&a, &b}) {
      s->Write("in.txt", "hello\n");
      s->Write("project.yml", Project(remote.dir()));
    }
  }
  // a counting stand-in for wfgen-transfer: one line per run in calls.log.
  std::vector<std::string> CountingEnv() {
    std::string script = counter.Path("transfer.sh");
    counter.Write("transfer.sh", "#!/bin/sh\necho \"$1\" >> " + counter.Path("calls.log") +
                                     "\nexec " + test::DirOf(test::WfgenBin()) +
                                     "/wfgen-transfer \"$@\"\n");
    chmod(script.c_str(), 0755);
    return {"WFGEN_TRANSFER=" + script};
  }
  int Calls() {
    return counter.Exists("calls.log") ? test::CountOf(counter.Read("calls.log"), "\n") : 0;
  }

  TestSpace a, b, remote, counter;
};

TEST_F(RemoteCacheTest, PushThenPullInAFreshCopyRunsNothing) {
  ASSERT_EQ(a.Wfgen().exit, 0);
  RunResult r = a.Ninja({"all"});
  ASSERT_EQ(r.exit, 0) << r.output;
  r = a.Wfgen({"push"});
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(r.output, "pushed corpus.txt\npushed model\npushed metrics.json\n");
  r = b.Wfgen({"pull"});
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(r.output,
            "pulled corpus.txt\npulled model\npulled metrics.json\nup to date: prep\n"
            "up to date: train\n");
  EXPECT_EQ(b.Read("model/part-1.txt"), a.Read("model/part-1.txt"));
  ASSERT_EQ(b.Wfgen().exit, 0);
  r = b.Ninja({"all"});
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(b.TakeRuns(), Runs{});
  EXPECT_NE(r.output.find("Skipping 'train': nothing changed"), std::string::npos) << r.output;
  // weasel's project.lock was written too.
  EXPECT_NE(b.Read("project.lock").find("train:"), std::string::npos);
}

TEST_F(RemoteCacheTest, PullingWithAnUnknownRemoteSaysWhatToWrite) {
  RunResult r = a.Wfgen({"pull", "team"});
  EXPECT_EQ(r.exit, 2);
  EXPECT_NE(r.output.find("has no remote 'team'; add it under `remotes:`"), std::string::npos)
      << r.output;
}

TEST_F(RemoteCacheTest, WhatWeaselPushedWfgenPullsAndNinjaRunsNothing) {
  ASSERT_EQ(a.Wfgen().exit, 0);
  ASSERT_EQ(a.Ninja({"all"}).exit, 0);
  RunResult r = a.Run({"/usr/bin/python3", "-m", "weasel", "push"}, WeaselEnv());
  ASSERT_EQ(r.exit, 0) << r.output;
  ASSERT_NE(r.output.find("Pushed model"), std::string::npos) << r.output;
  r = b.Wfgen({"pull"});
  ASSERT_EQ(r.exit, 0) << r.output;
  ASSERT_EQ(b.Wfgen().exit, 0);
  r = b.Ninja({"all"});
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(b.TakeRuns(), Runs{});
}

TEST_F(RemoteCacheTest, WhatWfgenPushedWeaselPullsAndWeaselRunSkips) {
  ASSERT_EQ(a.Wfgen({"--push"}).exit, 0);
  RunResult r = a.Ninja({"all"});
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_NE(r.output.find("wfgen: pushed model to 'default'"), std::string::npos) << r.output;
  r = b.Run({"/usr/bin/python3", "-m", "weasel", "pull"}, WeaselEnv());
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_NE(r.output.find("Pulled model"), std::string::npos) << r.output;
  r = b.Run({"/usr/bin/python3", "-m", "weasel", "run", "all"}, WeaselEnv());
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_NE(r.output.find("Skipping 'train': nothing changed"), std::string::npos) << r.output;
  EXPECT_EQ(b.TakeRuns(), Runs{});
}

TEST_F(RemoteCacheTest, AutomaticPullRunsNothingWhenTheRemoteHasEverything) {
  ASSERT_EQ(a.Wfgen({"--push"}).exit, 0);
  ASSERT_EQ(a.Ninja({"all"}).exit, 0);
  EXPECT_EQ(a.TakeRuns(), (Runs{"prep", "train"}));
  RunResult r = b.Wfgen({"run", "all", "--pull", "--plain"});
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(b.TakeRuns(), Runs{});
  EXPECT_NE(r.output.find("succeeded  train  "), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("pulled from default"), std::string::npos) << r.output;
  EXPECT_EQ(b.Read("metrics.json"), a.Read("metrics.json"));
  r = b.Wfgen({"explain", "train"});
  EXPECT_NE(r.output.find("last run: pulled from default, because no record of a previous "
                          "successful run"),
            std::string::npos)
      << r.output;
  // --pull is kept when ninja regenerates: the regeneration line carries it.
  EXPECT_NE(b.Read("build.ninja").find(" --pull"), std::string::npos);
}

TEST_F(RemoteCacheTest, StaleLocalOutputsAreReplacedByThePulledOnes) {
  ASSERT_EQ(a.Wfgen({"--push"}).exit, 0);
  ASSERT_EQ(a.Ninja({"all"}).exit, 0);
  b.Write("metrics.json", "stale\n");
  ASSERT_EQ(b.Wfgen({"--pull"}).exit, 0);
  RunResult r = b.Ninja({"all"});
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(b.TakeRuns(), Runs{});
  EXPECT_EQ(b.Read("metrics.json"), a.Read("metrics.json"));
}

TEST_F(RemoteCacheTest, UpToDateStepsAskTheRemoteNothing) {
  std::vector<std::string> env = CountingEnv();
  ASSERT_EQ(a.Wfgen({"--pull", "--push"}).exit, 0);
  RunResult r = a.Ninja({"all"}, env);
  ASSERT_EQ(r.exit, 0) << r.output;
  int after_first = Calls();
  EXPECT_EQ(after_first, 4);  // a pull (nothing there) and a push per step
  a.Touch("in.txt");          // same bytes: checked, skipped
  r = a.Ninja({"all"}, env);
  ASSERT_EQ(r.exit, 0) << r.output;
  r = a.Wfgen({"run", "all", "--pull", "--push", "--plain"}, env);
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(Calls(), after_first) << counter.Read("calls.log");
  EXPECT_EQ(a.TakeRuns(), (Runs{"prep", "train"}));
}

TEST_F(RemoteCacheTest, AStepWhoseOutputsArePartlyOnTheRemoteRuns) {
  ASSERT_EQ(a.Wfgen({"--push"}).exit, 0);
  ASSERT_EQ(a.Ninja({"all"}).exit, 0);
  test::RemoveTree(remote.Path("metrics.json"));  // one of train's two outputs
  ASSERT_EQ(b.Wfgen({"--pull"}).exit, 0);
  RunResult r = b.Ninja({"all"});
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(b.TakeRuns(), Runs{"train"});
  EXPECT_NE(r.output.find("wfgen: pulled 'prep' from 'default'"), std::string::npos) << r.output;
}

TEST_F(RemoteCacheTest, ARefusedObjectIsAWarningAndTheStepRuns) {
  ASSERT_EQ(a.Wfgen({"--push"}).exit, 0);
  ASSERT_EQ(a.Ninja({"all"}).exit, 0);
  // Replace prep's object with one whose content hash is not its name.
  std::vector<std::string> tree = test::ListTree(remote.Path("corpus.txt"));
  ASSERT_EQ(tree.size(), 2u);  // COMMAND_HASH, COMMAND_HASH/CONTENT_HASH
  std::string object = remote.Path("corpus.txt/" + tree[1]);
  std::string train = test::ListTree(remote.Path("metrics.json"))[1];
  RunResult copy = a.Run({"cp", remote.Path("metrics.json/" + train), object});
  ASSERT_EQ(copy.exit, 0) << copy.output;
  ASSERT_EQ(b.Wfgen({"--pull"}).exit, 0);
  RunResult r = b.Ninja({"all"});
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_NE(r.output.find("wfgen: warning: remote 'default': refused corpus.txt: "),
            std::string::npos)
      << r.output;
  EXPECT_EQ(b.TakeRuns(), Runs{"prep"});  // train's objects still match prep's bytes
  EXPECT_EQ(b.Read("corpus.txt"), a.Read("corpus.txt"));
}

TEST_F(RemoteCacheTest, AFailedPushIsAWarningNotAFailure) {
  a.Write("project.yml", Project(remote.Path("not-a-dir")));
  remote.Write("not-a-dir", "a file where the remote directory should be\n");
  ASSERT_EQ(a.Wfgen({"--push"}).exit, 0);
  RunResult r = a.Ninja({"all"});
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_NE(r.output.find("wfgen: warning: remote 'default': "), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("succeeded all the same"), std::string::npos) << r.output;
  EXPECT_EQ(a.TakeRuns(), (Runs{"prep", "train"}));
}

TEST_F(RemoteCacheTest, ProjectSettingAndUnknownRemote) {
  a.Write("project.yml", Project(remote.dir()) + "remote_cache: {push: true}\n");
  ASSERT_EQ(a.Wfgen().exit, 0);
  ASSERT_EQ(a.Ninja({"all"}).exit, 0);
  EXPECT_TRUE(test::ListTree(remote.dir()).size() > 0);
  b.Write("project.yml", Project(remote.dir()) + "remote_cache: {pull: true}\n");
  ASSERT_EQ(b.Wfgen().exit, 0);
  ASSERT_EQ(b.Ninja({"all"}).exit, 0);
  EXPECT_EQ(b.TakeRuns(), Runs{});
  RunResult r = b.Wfgen({"--pull"}, {});
  EXPECT_EQ(r.exit, 0) << r.output;
  b.Write("project.yml", "remotes: {team: /srv}\ncommands:\n  - {name: x, script: [y]}\n");
  r = b.Wfgen({"--pull"});
  EXPECT_EQ(r.exit, 2);
  EXPECT_NE(r.output.find("wfgen: error: --pull uses the remote 'default', which project.yml "
                          "does not define"),
            std::string::npos)
      << r.output;
}

// SIGKILL of wfgen-run while it pulls (the download stalled halfway by
// the proxy in front of s3rver): no output appears, whole or partial, no
// process is left, and the next run pulls the step properly.
// SIGKILL while an object is being written to a directory remote: what a
// reader can see stays valid (the upload goes to a temporary name first and
// is renamed into place), and the next push completes the remote.
TEST_F(RemoteCacheTest, SigkillDuringAPushLeavesNoVisiblePartialObject) {
  // An output large enough (and incompressible) that its upload takes a while.
  a.Write("project.yml",
          "remotes:\n  default: " + remote.dir() +
              "\ncommands:\n  - name: big\n    script: [\"steptool big --bytes 1\"]\n"
              "    outputs: [blob.bin]\n");
  std::string blob;
  for (int i = 0; i < 40 * 1024 * 1024 / 8; ++i) {
    uint64_t x = 0x9E3779B97F4A7C15ull * static_cast<uint64_t>(i + 1);
    blob.append(reinterpret_cast<const char*>(&x), 8);
  }
  a.Write("blob.bin", blob);
  TestSpace::Background push = a.Start({test::WfgenBin(), "push"});
  // Kill once the temporary object is there, before it is renamed.
  auto temp_exists = [&] {
    RunResult ls = remote.Run({"sh", "-c", "ls -A " + remote.dir() + " | grep -c wfgen-tmp"});
    return ls.output != "0\n" && !ls.output.empty();
  };
  bool seen = test::WaitFor(temp_exists, 30);
  kill(-push.pid, SIGKILL);  // wfgen and the wfgen-transfer it started
  TestSpace::Wait(&push);
  ASSERT_TRUE(seen) << "the push finished before a temporary object was seen";
  // Only the temporary is there: no object under the output's key.
  RunResult objects =
      remote.Run({"sh", "-c", "find " + remote.dir() + " -type f ! -name '*wfgen-tmp*' | wc -l"});
  EXPECT_EQ(objects.output, "0\n") << objects.output;
  // A pull finds nothing to trust; the next push stores a complete object.
  RunResult r = a.Wfgen({"push"});
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(r.output, "pushed blob.bin\n");
  b.Write("project.yml", a.Read("project.yml"));
  r = b.Wfgen({"pull"});
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(b.Read("blob.bin"), blob);
}

TEST(RemoteCacheS3Test, SigkillDuringAPullLeavesNoPartialOutput) {
  TestSpace a, b;
  test::S3rver server(a);
  ASSERT_EQ(server.error(), "");
  test::SigV4Proxy proxy(a, server);
  test::SigV4Proxy stalling(a, server, "/cache/model/");
  ASSERT_EQ(proxy.error() + stalling.error(), "");
  auto env = [](const std::string& endpoint) {
    return std::vector<std::string>{"AWS_ENDPOINT_URL=" + endpoint, "AWS_ACCESS_KEY_ID=S3RVER",
                                    "AWS_SECRET_ACCESS_KEY=S3RVER", "HOME=/nonexistent"};
  };
  for (TestSpace* s : {&a, &b}) {
    s->Write("in.txt", "hello\n");
    s->Write("project.yml", Project("s3://bucket/cache"));
  }
  ASSERT_EQ(a.Wfgen({"--push"}).exit, 0);
  RunResult r = a.Ninja({"all"}, env(proxy.endpoint()));
  ASSERT_EQ(r.exit, 0) << r.output;
  ASSERT_NE(r.output.find("wfgen: pushed model to 'default'"), std::string::npos) << r.output;

  ASSERT_EQ(b.Wfgen({"--pull"}).exit, 0);
  TestSpace::Background ninja = b.Start({test::NinjaBin(), "all"}, env(stalling.endpoint()));
  ASSERT_TRUE(stalling.WaitForLine("stalled"));
  int killed = 0;
  for (const test::ProcessInfo& p : test::ListProcesses(b.dir())) {
    if (p.name == "wfgen-run" && kill(p.pid, SIGKILL) == 0) ++killed;
  }
  EXPECT_EQ(killed, 1);
  r = TestSpace::Wait(&ninja);
  EXPECT_NE(r.exit, 0) << r.output;
  EXPECT_TRUE(test::WaitFor([&] { return test::CountProcesses(b.dir()) == 0; }, 30));
  EXPECT_TRUE(b.Exists("corpus.txt"));  // prep's pull had finished
  EXPECT_FALSE(b.Exists("model"));
  EXPECT_FALSE(b.Exists("metrics.json"));

  r = b.Ninja({"all"}, env(proxy.endpoint()));
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(b.TakeRuns(), Runs{});
  EXPECT_EQ(b.Read("model/part-1.txt"), a.Read("model/part-1.txt"));
}

}  // namespace
}  // namespace wfgen
