#include "runtime/state/command_list.h"

#include <gtest/gtest.h>

namespace wfgen {
namespace {

TEST(CommandList, RoundTrip) {
  std::vector<RemoteCommand> in = {
      {"train", {"corpus/train.spacy", "configs/a b.cfg"}, {"training/model-best"}, {"logs"},
       {"python -m spacy train \\x", "echo 'multi\nline'"}},
      {"empty", {}, {}, {}, {}}};
  std::string text = FormatCommandList(in);
  std::vector<RemoteCommand> out;
  std::string err;
  ASSERT_TRUE(ParseCommandList("# comment\n\n" + text, &out, &err)) << err;
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].deps, in[0].deps);
  EXPECT_EQ(out[0].outputs, in[0].outputs);
  EXPECT_EQ(out[0].outputs_no_cache, in[0].outputs_no_cache);
  EXPECT_EQ(out[0].script, in[0].script);
  EXPECT_EQ(out[1].name, "empty");
}

TEST(CommandList, Errors) {
  std::vector<RemoteCommand> out;
  std::string err;
  EXPECT_FALSE(ParseCommandList("dep x\n", &out, &err));
  EXPECT_EQ(err, "command list line 1: 'dep' before the first 'command'");
  out.clear();
  EXPECT_FALSE(ParseCommandList("command a\noutputs x\n", &out, &err));
  EXPECT_EQ(err, "command list line 2: unknown key 'outputs' (command, dep, output, "
                 "output_no_cache, script)");
}

}  // namespace
}  // namespace wfgen
