// Push and pull on a directory remote: the round trip, project.lock, a
// partial remote, forged and truncated objects.
#include "transfer/remote/remote_ops.h"

#include <gtest/gtest.h>

#include "runtime/state/weasel_checksum.h"
#include "transfer/remote/archive.h"
#include "transfer/remote/remote_test_util.h"
#include "transfer/remote/store_dir.h"
#include "transfer/remote/weasel_hash.h"
#include "transfer/remote/weasel_lock_write.h"

namespace wfgen {
namespace {

using test::ListTree;
using test::TestSpace;

std::vector<RemoteCommand> Commands() {
  return {{"prep", {"in.txt"}, {"corpus", "data dir/stats.json"}, {}, {"python prep.py"}},
          {"train", {"corpus"}, {"training/model-best"}, {"logs"}, {"python train.py --x 1"}},
          {"needs_missing", {"nope"}, {"never"}, {}, {"x"}}};
}

void WriteProject(TestSpace* s) {
  s->Write("p/in.txt", "input");
  s->Write("p/corpus/train", "t");
  s->Write("p/data dir/stats.json", "{}");
  s->Write("p/training/model-best/weights", "w");
}

std::string Summary(const RemoteResult& r) {
  std::string out;
  for (const OutputReport& o : r.outputs) {
    out += o.command + " " + o.output + ": " + OutcomeName(o.outcome) + "\n";
  }
  return out;
}

TEST(RemoteOps, PushThenPullRestoresEverythingAndWritesTheLock) {
  TestSpace s;
  WriteProject(&s);
  RealDisk disk;
  DirStore store(s.Path("remote"));
  RemoteResult pushed;
  std::string err;
  ASSERT_TRUE(Push(&disk, s.Path("p"), Commands(), &store, &pushed, &err)) << err;
  EXPECT_EQ(Summary(pushed),
            "prep corpus: pushed\nprep data dir/stats.json: pushed\n"
            "train training/model-best: pushed\n");
  EXPECT_EQ(pushed.skipped, std::vector<std::string>{"needs_missing"});
  RemoteResult again;
  ASSERT_TRUE(Push(&disk, s.Path("p"), Commands(), &store, &again, &err)) << err;
  EXPECT_EQ(again.outputs[0].outcome, Outcome::kAlreadyThere);
  // weasel's key layout.
  std::string cmd_hash;
  ASSERT_TRUE(CommandHash(&disk, s.Path("p"), {"in.txt"}, {"python prep.py"}, &cmd_hash, &err));
  EXPECT_EQ(pushed.outputs[1].key, "data+dir%2Fstats.json/" + cmd_hash + "/" + Md5Hex("{}"));

  RemoveTree(s.Path("p/corpus"));
  RemoveTree(s.Path("p/data dir"));
  RemoveTree(s.Path("p/training"));
  RemoteResult pulled;
  ASSERT_TRUE(Pull(&disk, s.Path("p"), Commands(), &store, &pulled, &err)) << err;
  EXPECT_EQ(Summary(pulled),
            "prep corpus: pulled\nprep data dir/stats.json: pulled\n"
            "train training/model-best: pulled\n");
  EXPECT_EQ(pulled.completed, (std::vector<std::string>{"prep", "train"}));
  EXPECT_EQ(s.Read("p/training/model-best/weights"), "w");
  EXPECT_EQ(s.Read("p/data dir/stats.json"), "{}");
  ASSERT_TRUE(WriteWeaselLockEntries(&disk, s.Path("p"), Commands(), pulled.completed, &err));
  std::string lock = s.Read("p/project.lock");
  EXPECT_NE(lock.find("cmd: python -m weasel run train"), std::string::npos) << lock;
  EXPECT_NE(lock.find("md5: " + Md5Hex("w")), std::string::npos) << lock;
  EXPECT_NE(lock.find("path: logs\n      md5: ~"), std::string::npos) << lock;
}

TEST(RemoteOps, PartialRemotePullsWhatIsThere) {
  TestSpace s;
  WriteProject(&s);
  RealDisk disk;
  DirStore store(s.Path("remote"));
  RemoteResult r;
  std::string err;
  ASSERT_TRUE(Push(&disk, s.Path("p"), Commands(), &store, &r, &err)) << err;
  RemoveTree(s.Path("remote/data+dir%2Fstats.json"));
  RemoveTree(s.Path("p/corpus"));
  RemoveTree(s.Path("p/data dir"));
  RemoteResult pulled;
  ASSERT_TRUE(Pull(&disk, s.Path("p"), Commands(), &store, &pulled, &err)) << err;
  EXPECT_EQ(Summary(pulled),
            "prep corpus: pulled\nprep data dir/stats.json: not found\n"
            "train training/model-best: present\n");
  EXPECT_EQ(pulled.completed, std::vector<std::string>{"train"});
}

TEST(RemoteOps, ForgedNewestObjectIsRefusedAndAnOlderGoodOneUsed) {
  TestSpace s;
  WriteProject(&s);
  RealDisk disk;
  DirStore store(s.Path("remote"));
  RemoteResult r;
  std::string err;
  ASSERT_TRUE(Push(&disk, s.Path("p"), Commands(), &store, &r, &err)) << err;
  std::string good_key = r.outputs[0].key;  // corpus
  std::string dir = s.Path("remote/") + good_key.substr(0, good_key.rfind('/'));
  // A newer object under the same command hash whose name lies about its
  // content, and a truncated one.
  s.Write("p/corpus/train", "forged");
  ASSERT_TRUE(WriteOutputArchive(s.Path("p"), "corpus", dir + "/" + Md5Hex("zzz"), &err)) << err;
  std::string bytes = s.Read("remote/" + good_key);
  s.Write("remote/" + good_key.substr(0, good_key.rfind('/')) + "/ffffffffffffffffffffffffffffffff",
          bytes.substr(0, bytes.size() / 2));
  RemoveTree(s.Path("p/corpus"));
  // The older good object is older by its mtime.
  ASSERT_EQ(s.Run({"touch", "-d", "2001-01-01", s.Path("remote/") + good_key}).exit, 0);
  RemoteResult pulled;
  ASSERT_TRUE(Pull(&disk, s.Path("p"), Commands(), &store, &pulled, &err)) << err;
  EXPECT_EQ(pulled.outputs[0].outcome, Outcome::kPulled) << pulled.outputs[0].detail;
  EXPECT_EQ(pulled.outputs[0].key, good_key);
  EXPECT_EQ(s.Read("p/corpus/train"), "t");

  // Only bad objects: refused, reported, nothing lands.
  RemoveTree(s.Path("remote/") + good_key);
  RemoveTree(s.Path("p/corpus"));
  RemoteResult refused;
  ASSERT_TRUE(Pull(&disk, s.Path("p"), Commands(), &store, &refused, &err)) << err;
  EXPECT_EQ(refused.outputs[0].outcome, Outcome::kRefused);
  EXPECT_FALSE(s.Exists("p/corpus"));
  for (const std::string& f : ListTree(s.Path("p"))) {
    EXPECT_EQ(f.find(".wfgen-"), std::string::npos) << f;
  }
}

}  // namespace
}  // namespace wfgen
