#include "runtime/state/retry_policy.h"

#include <gtest/gtest.h>

#include "runtime/state/step_spec.h"

namespace wfgen {
namespace {

RetryPolicy Policy(int max, std::vector<std::string> on = {}) {
  RetryPolicy p;
  p.max = max;
  p.on = std::move(on);
  return p;
}

AttemptFailure Exit(int code) { return AttemptFailure{code, "", true}; }

TEST(RetryPolicyTest, AnyCurableFailureByDefault) {
  EXPECT_TRUE(ShouldRetry(Policy(2), Exit(1)));
  EXPECT_TRUE(ShouldRetry(Policy(2), Exit(137)));  // killed by SIGKILL (the OOM killer)
  EXPECT_TRUE(ShouldRetry(Policy(2), AttemptFailure{1, "node_fail", true}));
  EXPECT_FALSE(ShouldRetry(Policy(0), Exit(1)));
}

TEST(RetryPolicyTest, NeverWhatAnotherAttemptCannotCure) {
  EXPECT_FALSE(ShouldRetry(Policy(5), Exit(127)));
  EXPECT_FALSE(ShouldRetry(Policy(5), Exit(126)));
  EXPECT_FALSE(ShouldRetry(Policy(5, {"127"}), Exit(127)));
  EXPECT_FALSE(ShouldRetry(Policy(5), AttemptFailure{1, "", false}));
}

TEST(RetryPolicyTest, OnNarrowsToCodesAndCauses) {
  RetryPolicy p = Policy(2, {"3", "node_fail"});
  EXPECT_TRUE(ShouldRetry(p, Exit(3)));
  EXPECT_FALSE(ShouldRetry(p, Exit(4)));
  EXPECT_TRUE(ShouldRetry(p, AttemptFailure{143, "node_fail", true}));
  EXPECT_FALSE(ShouldRetry(p, AttemptFailure{3, "time_limit", true}));
}

TEST(RetryPolicyTest, DelaysGrowByBackoff) {
  RetryPolicy p = Policy(4);
  p.delay_ms = 1500;
  p.backoff = 2;
  EXPECT_EQ(RetryDelayMs(p, 2), 1500);
  EXPECT_EQ(RetryDelayMs(p, 3), 3000);
  EXPECT_EQ(RetryDelayMs(p, 5), 12000);
  p.backoff = 100;
  EXPECT_EQ(RetryDelayMs(p, 40), 86400000);  // capped at a day
}

TEST(RetryPolicyTest, ValidOnWords) {
  EXPECT_TRUE(ValidRetryOn("3"));
  EXPECT_TRUE(ValidRetryOn("255"));
  EXPECT_TRUE(ValidRetryOn("oom"));
  EXPECT_FALSE(ValidRetryOn("0"));
  EXPECT_FALSE(ValidRetryOn("256"));
  EXPECT_FALSE(ValidRetryOn("03"));
  EXPECT_FALSE(ValidRetryOn("node-fail"));
}

TEST(RetryPolicyTest, Describes) {
  RetryPolicy p = Policy(2, {"3", "4", "node_fail"});
  p.delay_ms = 4000;
  p.backoff = 2;
  EXPECT_EQ(DescribeRetries(p),
            "up to 2 more attempts, 4 s apart, growing 2x, on exit code 3, exit code 4 or "
            "node_fail");
  EXPECT_EQ(DescribeRetries(Policy(1)), "up to 1 more attempt, on any failure but exit 126/127");
  EXPECT_EQ(DescribeRetries(Policy(0)), "");
  EXPECT_EQ(DelayText(125500), "2 min 5.5 s");
  EXPECT_EQ(DelayText(600000), "10 min");
}

TEST(RetryPolicyTest, StepSpecCarriesIt) {
  StepSpec s;
  s.name = "fetch";
  s.retries = Policy(3, {"node_fail", "75"});
  s.retries.delay_ms = 250;
  s.retries.backoff = 1.5;
  std::string text = RenderStepSpec(s);
  EXPECT_NE(text.find("retries 3\nretry_delay_ms 250\nretry_backoff 1.5\nretry_on node_fail\n"
                      "retry_on 75\n"),
            std::string::npos)
      << text;
  StepSpec back;
  std::string err;
  ASSERT_TRUE(ParseStepSpec(text, &back, &err)) << err;
  EXPECT_EQ(back.retries, s.retries);
  // Without retries the spec says nothing, so existing specs keep their hash.
  s.retries = RetryPolicy();
  EXPECT_EQ(RenderStepSpec(s).find("retr"), std::string::npos);
  EXPECT_FALSE(ParseStepSpec("wfgen-step 1\nname x\nretry_on nope\n", &back, &err));
  EXPECT_FALSE(ParseStepSpec("wfgen-step 1\nname x\nretry_backoff 0.5\n", &back, &err));
}

}  // namespace
}  // namespace wfgen
