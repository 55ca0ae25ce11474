#include "generator/tools/document.h"

#include <gtest/gtest.h>

#include "generator/project/loader.h"

namespace wfgen {
namespace {

Project Load(const std::string& yml) {
  LoadResult r;
  Diagnostics diag;
  EXPECT_TRUE(LoadProject(yml, LoadOptions(), &r, &diag)) << diag.Render("p", yml);
  return r.project;
}

TEST(DocumentTest, RendersCommandsWorkflowsAndAssets) {
  Project p = Load(R"(title: Demo
description: Does things.
assets:
  - {dest: assets/data.csv, url: "https://x/y.csv", description: "The data"}
  - {dest: assets/local.txt, description: "A | pipe"}
commands:
  - {name: a, help: "Make a", script: [x]}
  - {name: b, script: [x]}
workflows:
  all: [a, {parallel: [a, b]}]
)");
  std::string md = RenderProjectDocs(
      p, 2, [](const std::string&, const void*) { return true; }, nullptr);
  EXPECT_EQ(md.find("<!-- WFGEN: AUTO-GENERATED DOCS START (do not remove) -->\n\n# Project: "
                    "Demo\n\nDoes things.\n"),
            0u)
      << md;
  EXPECT_NE(md.find("| `a` | Make a |\n| `b` |  |\n"), std::string::npos) << md;
  EXPECT_NE(md.find("| `all` | `a` &rarr; [`a`, `b`] |"), std::string::npos) << md;
  EXPECT_NE(md.find("| `assets/data.csv` | URL | The data |"), std::string::npos) << md;
  EXPECT_NE(md.find("| [`assets/local.txt`](assets/local.txt) | Local | A &#124; pipe |"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("<!-- WFGEN: AUTO-GENERATED DOCS END (do not remove) -->\n"),
            std::string::npos);
}

TEST(DocumentTest, ListsRemotes) {
  Project p = Load(
      "vars: {b: team}\nremotes: {default: \"s3://${vars.b}/cache\"}\n"
      "commands:\n  - {name: a, script: [x]}\n");
  std::string md = RenderProjectDocs(p, 2, nullptr, nullptr);
  EXPECT_NE(md.find("### Remote storage\n"), std::string::npos) << md;
  EXPECT_NE(md.find("| `default` | `s3://team/cache` |\n"), std::string::npos) << md;
}

TEST(DocumentTest, MergesIntoExistingReadmes) {
  const std::string section =
      "<!-- WFGEN: AUTO-GENERATED DOCS START (do not remove) -->\nNEW\n"
      "<!-- WFGEN: AUTO-GENERATED DOCS END (do not remove) -->\n";
  DocsMerge how;
  // A README maintained by weasel keeps its own markers and surroundings.
  std::string weasel =
      "intro\n<!-- WEASEL: AUTO-GENERATED DOCS START (do not remove) -->\nOLD\n"
      "<!-- WEASEL: AUTO-GENERATED DOCS END (do not remove) -->\noutro\n";
  EXPECT_EQ(MergeProjectDocs(weasel, section, &how),
            "intro\n<!-- WEASEL: AUTO-GENERATED DOCS START (do not remove) -->\nNEW\n"
            "<!-- WEASEL: AUTO-GENERATED DOCS END (do not remove) -->\noutro\n");
  EXPECT_EQ(how, DocsMerge::kReplacedSection);
  EXPECT_EQ(MergeProjectDocs("# Mine\n", section, &how), "# Mine\n\n" + section);
  EXPECT_EQ(how, DocsMerge::kAppended);
  std::string ignored = "<!-- SPACY PROJECT: IGNORE -->\nhand-written\n";
  EXPECT_EQ(MergeProjectDocs(ignored, section, &how), ignored);
  EXPECT_EQ(how, DocsMerge::kIgnored);
}

}  // namespace
}  // namespace wfgen
