#include "runtime/state/step_spec.h"

#include <gtest/gtest.h>

namespace wfgen {
namespace {

TEST(StepSpecTest, RendersExactly) {
  StepSpec s;
  s.name = "train";
  s.project_dir = "../nlp";
  s.script = {"python train.py --out 'a b'", "echo \"multi\nline\""};
  s.deps = {"corpus/"};
  s.outputs = {"training/model-best"};
  s.outputs_no_cache = {"metrics.json"};
  s.directories = {"training"};
  s.no_skip = true;
  s.grace_ms = 2500;
  EXPECT_EQ(RenderStepSpec(s),
            "wfgen-step 1\n"
            "name train\n"
            "project ../nlp\n"
            "line python train.py --out 'a b'\n"
            "line echo \"multi\\nline\"\n"
            "dep corpus/\n"
            "out training/model-best\n"
            "out_nc metrics.json\n"
            "mkdir training\n"
            "shell 0\n"
            "no_skip 1\n"
            "grace_ms 2500\n");
}

TEST(StepSpecTest, RoundTrips) {
  StepSpec s;
  s.name = "odd name: $x|y";
  s.script = {"a\\b", "", "c\r\n"};
  s.deps = {"with space/x"};
  s.shell = true;
  StepSpec back;
  std::string err;
  ASSERT_TRUE(ParseStepSpec(RenderStepSpec(s), &back, &err)) << err;
  EXPECT_EQ(back.name, s.name);
  EXPECT_EQ(back.script, s.script);
  EXPECT_EQ(back.deps, s.deps);
  EXPECT_TRUE(back.shell);
  EXPECT_FALSE(back.no_skip);
}

TEST(StepSpecTest, ALaunchersKeysAreWrittenOnlyWhenSet) {
  StepSpec local;
  local.name = "x";
  EXPECT_EQ(RenderStepSpec(local).find("launcher"), std::string::npos);
  StepSpec s;
  s.name = "train";
  s.launcher = "slurm";
  s.resources = {"cpus=4", "extra=--qos=high long"};
  std::string text = RenderStepSpec(s);
  EXPECT_NE(text.find("launcher slurm\nresource cpus=4\nresource extra=--qos=high long\n"),
            std::string::npos)
      << text;
  StepSpec back;
  std::string err;
  ASSERT_TRUE(ParseStepSpec(text, &back, &err)) << err;
  EXPECT_EQ(back.launcher, "slurm");
  EXPECT_EQ(back.resources, s.resources);
}

TEST(StepSpecTest, TheRemoteCacheRoundTripsAndIsWrittenOnlyWhenSet) {
  StepSpec s;
  s.name = "train";
  EXPECT_EQ(RenderStepSpec(s).find("remote"), std::string::npos);
  s.remote_name = "team";
  s.remote_url = "s3://bucket/cache";
  s.remote_pull = true;
  std::string text = RenderStepSpec(s);
  EXPECT_NE(text.find("remote_name team\nremote_url s3://bucket/cache\nremote_pull 1\n"
                      "remote_push 0\n"),
            std::string::npos)
      << text;
  StepSpec back;
  std::string err;
  ASSERT_TRUE(ParseStepSpec(text, &back, &err)) << err;
  EXPECT_EQ(back.remote_name, "team");
  EXPECT_EQ(back.remote_url, "s3://bucket/cache");
  EXPECT_TRUE(back.remote_pull);
  EXPECT_FALSE(back.remote_push);
}

TEST(StepSpecTest, RejectsForeignFiles) {
  StepSpec back;
  std::string err;
  EXPECT_FALSE(ParseStepSpec("wfgen-step 2\nname x\n", &back, &err));
  EXPECT_NE(err.find("rerun wfgen"), std::string::npos);
  EXPECT_FALSE(ParseStepSpec("wfgen-step 1\nname x\nbogus 1\n", &back, &err));
  EXPECT_FALSE(ParseStepSpec("wfgen-step 1\nname x\nshell yes\n", &back, &err));
  EXPECT_FALSE(ParseStepSpec("wfgen-step 1\n", &back, &err));
}

TEST(StepSpecTest, FileSafeNames) {
  EXPECT_EQ(FileSafeName("train-model_2.b"), "train-model_2.b");
  EXPECT_EQ(FileSafeName(".hidden"), "%2Ehidden");
  EXPECT_EQ(FileSafeName("a/b c"), "a%2Fb%20c");
  EXPECT_EQ(FileSafeName(""), "%00");
}

}  // namespace
}  // namespace wfgen
