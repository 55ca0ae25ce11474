// End-to-end: the paths real projects use. Spaces, Unicode and Ninja's
// special characters in deps and outputs, symlinks (to files, to
// directories, loops, dangling), absolute paths outside the project, and
// outputs in directories that do not exist yet.
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "tests/test_space.h"

namespace wfgen {
namespace test {
namespace {

using Runs = std::vector<std::string>;

bool NoWork(const RunResult& r) {
  return r.output.find("ninja: no work to do.") != std::string::npos;
}

TEST(PathsTest, SpacesUnicodeAndNinjaSpecialCharacters) {
  TestSpace s;
  const std::string in = "in put/dätä $1:x #2.txt";
  const std::string out = "out dir/résumé $HOME:1 #b.txt";
  s.Write(in, "one\n");
  s.Write("in put/sub dir/ü $x.txt", "nested\n");
  s.Write("project.yml", R"(commands:
  - name: odd
    script: ["steptool odd --in 'in put/dätä $1:x #2.txt' --in 'in put/sub dir' --out 'out dir/résumé $HOME:1 #b.txt'"]
    deps: ["in put/dätä $1:x #2.txt", "in put/sub dir"]
    outputs: ["out dir/résumé $HOME:1 #b.txt"]
  - name: next
    script: ["steptool next --in 'out dir/résumé $HOME:1 #b.txt' --out 'ok ✓.txt'"]
    deps: ["out dir/résumé $HOME:1 #b.txt"]
    outputs: ["ok ✓.txt"]
workflows:
  all: [odd, next]
)");
  RunResult g = s.Wfgen();
  ASSERT_EQ(g.exit, 0) << g.output;
  RunResult r = s.Ninja({"all"});
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(s.TakeRuns(), (Runs{"odd", "next"}));
  EXPECT_TRUE(s.Exists(out));
  EXPECT_TRUE(NoWork(s.Ninja({"all"})));
  // A change inside the directory dep, through the depfile, reruns odd.
  s.Settle();
  s.Write("in put/sub dir/ü $x.txt", "changed\n");
  r = s.Ninja({"all"});
  EXPECT_EQ(s.TakeRuns(), (Runs{"odd", "next"})) << r.output;
  s.Touch(in);
  r = s.Ninja({"all"});
  EXPECT_EQ(s.TakeRuns(), Runs{}) << r.output;
  EXPECT_TRUE(NoWork(s.Ninja({"all"})));
}

TEST(PathsTest, Symlinks) {
  TestSpace s;
  s.Write("real/data.txt", "v1\n");
  s.Write("realdir/a.txt", "a\n");
  ASSERT_EQ(symlink("real/data.txt", s.Path("link.txt").c_str()), 0);
  ASSERT_EQ(symlink("realdir", s.Path("linkdir").c_str()), 0);
  // A loop and a dangling link inside a directory dep.
  ASSERT_EQ(symlink("..", s.Path("realdir/loop").c_str()), 0);
  ASSERT_EQ(symlink("nowhere", s.Path("realdir/dangling").c_str()), 0);
  ASSERT_EQ(mkdir(s.Path("outreal").c_str(), 0777), 0);
  ASSERT_EQ(symlink("outreal", s.Path("outlink").c_str()), 0);
  s.Write("project.yml", R"(commands:
  - name: use
    script: ["steptool use --in link.txt --in linkdir/a.txt --out outlink/sub/out.txt"]
    deps: [link.txt, linkdir]
    outputs: [outlink/sub/out.txt]
workflows:
  all: [use]
)");
  ASSERT_EQ(s.Wfgen().exit, 0);
  RunResult r = s.Ninja({"all"});
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(s.TakeRuns(), Runs{"use"});
  EXPECT_TRUE(s.Exists("outreal/sub/out.txt"));  // the parent was made through the link
  // Up to date: the link to `..` inside linkdir is not followed (it used to
  // take in the whole project, .ninja_log included, so the step never was).
  EXPECT_TRUE(NoWork(s.Ninja({"all"})));
  // The target's content is what counts, through the link.
  s.Settle();
  s.Write("real/data.txt", "v2\n");
  r = s.Ninja({"all"});
  EXPECT_EQ(s.TakeRuns(), Runs{"use"}) << r.output;
  // Repointing the link at a file with the same bytes changes nothing.
  s.Write("real/copy.txt", "v2\n");
  ASSERT_EQ(unlink(s.Path("link.txt").c_str()), 0);
  ASSERT_EQ(symlink("real/copy.txt", s.Path("link.txt").c_str()), 0);
  r = s.Ninja({"all"});
  EXPECT_EQ(s.TakeRuns(), Runs{}) << r.output;
}

TEST(PathsTest, AbsolutePathsOutsideTheProject) {
  TestSpace s, outside;
  outside.Write("shared/in.txt", "external\n");
  const std::string in = outside.Path("shared/in.txt");
  const std::string out = outside.Path("results/deep/out.txt");  // results/ does not exist
  s.Write("project.yml", "commands:\n  - name: ext\n    script: [\"steptool ext --in '" + in +
                             "' --out '" + out + "'\"]\n    deps: ['" + in + "']\n    outputs: ['" +
                             out + "']\nworkflows:\n  all: [ext]\n");
  ASSERT_EQ(s.Wfgen().exit, 0);
  RunResult r = s.Ninja({"all"});
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_TRUE(outside.Exists("results/deep/out.txt"));
  EXPECT_EQ(s.TakeRuns(), Runs{"ext"});
  EXPECT_TRUE(NoWork(s.Ninja({"all"})));
  s.Settle();
  outside.Write("shared/in.txt", "changed\n");
  r = s.Ninja({"all"});
  EXPECT_EQ(s.TakeRuns(), Runs{"ext"}) << r.output;
  outside.Remove("results");
  r = s.Ninja({"all"});
  EXPECT_EQ(s.TakeRuns(), Runs{"ext"}) << r.output;  // a deleted output reruns its producer
  EXPECT_TRUE(outside.Exists("results/deep/out.txt"));
}

TEST(PathsTest, MissingDirectoriesOfOutputsAreMadeBeforeTheCommandRuns) {
  TestSpace s;
  // Plain shell redirection fails if the directory is missing.
  s.Write("project.yml", R"(commands:
  - name: make
    shell: true
    script:
      - "echo x > 'a/b c/d/out.txt'"
      - "mkdir 'e/f' && echo y > 'e/f/part.txt'"
    outputs: ["a/b c/d/out.txt", "e/f/"]
workflows:
  all: [make]
)");
  ASSERT_EQ(s.Wfgen().exit, 0);
  RunResult r = s.Ninja({"all"});
  ASSERT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(s.Read("a/b c/d/out.txt"), "x\n");
  EXPECT_EQ(s.Read("e/f/part.txt"), "y\n");
}

}  // namespace
}  // namespace test
}  // namespace wfgen
