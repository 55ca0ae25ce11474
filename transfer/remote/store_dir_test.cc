#include "transfer/remote/store_dir.h"

#include <algorithm>

#include <gtest/gtest.h>

#include "runtime/state/command_list.h"
#include "transfer/remote/archive.h"
#include "transfer/remote/remote_test_util.h"
#include "transfer/remote/weasel_hash.h"

namespace wfgen {
namespace {

using test::ListTree;
using test::TestSpace;

TEST(DirStore, PutListGet) {
  TestSpace s;
  s.Write("obj", "bytes");
  DirStore store(s.Path("remote/nested"));  // created on the first Put
  std::string err;
  bool exists = true;
  ASSERT_TRUE(store.Exists("a%2Fb/c/d", &exists, &err));
  EXPECT_FALSE(exists);
  std::vector<StoredObject> objects;
  ASSERT_TRUE(store.List("a%2Fb/c", &objects, &err));
  EXPECT_TRUE(objects.empty());
  ASSERT_TRUE(store.Put(s.Path("obj"), "a%2Fb/c/d", &err)) << err;
  ASSERT_TRUE(store.Exists("a%2Fb/c/d", &exists, &err));
  EXPECT_TRUE(exists);
  ASSERT_TRUE(store.List("a%2Fb/c", &objects, &err));
  ASSERT_EQ(objects.size(), 1u);
  EXPECT_EQ(objects[0].key, "a%2Fb/c/d");
  ASSERT_TRUE(store.Get("a%2Fb/c/d", s.Path("got"), &err)) << err;
  EXPECT_EQ(s.Read("got"), "bytes");
  EXPECT_EQ(ListTree(s.Path("remote")),
            (std::vector<std::string>{"nested", "nested/a%2Fb", "nested/a%2Fb/c",
                                      "nested/a%2Fb/c/d"}));
}

TEST(DirStore, NewestFirst) {
  std::vector<StoredObject> o = {{"x/1", 5}, {"x/3", 9}, {"x/2", 9}};
  SortNewestFirst(&o);
  EXPECT_EQ(o[0].key, "x/3");
  EXPECT_EQ(o[1].key, "x/2");
  EXPECT_EQ(o[2].key, "x/1");
}

// Two pushers at once (separate processes, each its own project copy with
// overlapping outputs) leave only complete, valid objects and no temp files,
// whatever the interleaving.
TEST(DirStore, ConcurrentPushesLeaveOnlyValidObjects) {
  TestSpace s;
  std::string big(3 << 20, 'x');
  for (const char* p : {"p1", "p2"}) {
    s.Write(std::string(p) + "/in.txt", "in");
    s.Write(std::string(p) + "/shared/big", big);
    s.Write(std::string(p) + "/own", p);
  }
  std::vector<RemoteCommand> cmds = {{"c", {"in.txt"}, {"shared", "own"}, {}, {"make"}}};
  s.Write("cmds", FormatCommandList(cmds));
  std::vector<test::TestSpace::Background> bgs;
  for (const char* p : {"p1", "p2"}) {
    bgs.push_back(s.Start({test::WfgenRemoteBin(), "push", s.Path("remote"), "--project",
                           s.Path(p), "--commands", s.Path("cmds")}));
  }
  for (auto& bg : bgs) {
    test::RunResult r = test::TestSpace::Wait(&bg);
    EXPECT_EQ(r.exit, 0) << r.output;
  }
  int objects = 0;
  RealDisk disk;
  for (const std::string& f : ListTree(s.Path("remote"))) {
    EXPECT_EQ(f.find("wfgen-tmp"), std::string::npos) << f;
    if (std::count(f.begin(), f.end(), '/') != 2) continue;
    ++objects;
    std::string output = f.substr(0, f.find('/'));
    std::string hash = f.substr(f.rfind('/') + 1);
    std::string err;
    std::string into = s.Path("check" + std::to_string(objects));
    disk.MakeDirs(into, &err);
    EXPECT_TRUE(ExtractOutput(&disk, into, output, s.Path("remote/") + f, hash, &err))
        << f << ": " << err;
  }
  EXPECT_EQ(objects, 3);  // shared once, own twice (different content)
}

}  // namespace
}  // namespace wfgen
