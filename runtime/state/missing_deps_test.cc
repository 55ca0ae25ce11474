#include "runtime/state/missing_deps.h"

#include <gtest/gtest.h>

namespace wfgen {
namespace {

TEST(MissingDepsTest, NamesEveryFileAndSaysHowToGetThem) {
  EXPECT_EQ(MissingDepsMessage("train", {"assets/a.jsonl", "assets/b.jsonl"}),
            (std::vector<std::string>{
                "Missing dependency specified by command 'train': assets/a.jsonl",
                "Missing dependency specified by command 'train': assets/b.jsonl",
                "They are made by an earlier step (run it first: `wfgen run WORKFLOW`), or an "
                "asset of project.yml: fetch assets with `wfgen assets`, or put the files there "
                "by hand."}));
  EXPECT_EQ(MissingDepsMessage("t", {"x"}).back().substr(0, 6), "It is ");
}

}  // namespace
}  // namespace wfgen
