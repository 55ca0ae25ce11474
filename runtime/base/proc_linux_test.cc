#include "runtime/base/proc.h"

#include <gtest/gtest.h>
#include <unistd.h>

namespace wfgen {
namespace {

TEST(ProcTest, ThisProcess) {
  EXPECT_EQ(ProcParent(getpid()), getppid());
  std::string start = ProcStartTime(getpid());
  ASSERT_FALSE(start.empty());
  EXPECT_EQ(start.find_first_not_of("0123456789"), std::string::npos) << start;
  // The parent started no later than this process.
  EXPECT_LE(std::stoull(ProcStartTime(getppid())), std::stoull(start));
  std::vector<std::string> argv = ProcArgv(getpid());
  ASSERT_FALSE(argv.empty());
  EXPECT_NE(argv[0].find("base_test"), std::string::npos) << argv[0];
}

TEST(ProcTest, AProcessThatIsGoneReadsAsNothing) {
  pid_t none = 0x3fffffff;  // above pid_max
  EXPECT_EQ(ReadProcFile(none, "stat"), "");
  EXPECT_EQ(ProcParent(none), 0);
  EXPECT_EQ(ProcStartTime(none), "");
  EXPECT_TRUE(ProcArgv(none).empty());
}

}  // namespace
}  // namespace wfgen
