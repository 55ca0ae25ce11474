// docs/project.schema.json names every key the loader knows, and the
// loader knows every key the schema gives a command, so editors complete
// and validate what wfgen reads. (tests/schema_test.py checks the schema's
// verdicts against wfgen's on whole files.)
#include <algorithm>

#include <gtest/gtest.h>

#include "generator/project/jsonc.h"
#include "generator/project/loader.h"
#include "runtime/base/disk.h"

namespace wfgen {
namespace {

JsonValue Schema() {
  std::string text, err;
  EXPECT_TRUE(RealDisk().ReadFile(SCHEMA_PATH, &text, &err)) << err;
  JsonValue v;
  JsonError jerr;
  EXPECT_TRUE(ParseJsonc(text, &v, &jerr))
      << jerr.line << ":" << jerr.column << " " << jerr.message;
  return v;
}

std::vector<std::string> Sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

TEST(SchemaKeysTest, EveryTopLevelKeyTheLoaderKnowsIsInTheSchema) {
  JsonValue schema = Schema();
  const JsonValue* props = schema.Find("properties");
  ASSERT_TRUE(props && props->is_object());
  for (const std::string& key : KnownTopLevelKeys()) {
    EXPECT_NE(props->Find(key), nullptr)
        << "docs/project.schema.json lacks top-level '" << key << "'";
  }
}

TEST(SchemaKeysTest, ACommandHasTheSameKeysInTheSchemaAndTheLoader) {
  JsonValue schema = Schema();
  const JsonValue* command = schema.Find("definitions")->Find("command");
  ASSERT_NE(command, nullptr);
  EXPECT_EQ(Sorted(command->Find("properties")->keys), Sorted(KnownCommandKeys()));
}

}  // namespace
}  // namespace wfgen
