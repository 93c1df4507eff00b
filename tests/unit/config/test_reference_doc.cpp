// docs/config-reference.md is generated from the schema; this test fails when they disagree.
// Regenerate with: build/bin/sushi-vp config-reference > docs/config-reference.md
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "config/platform_schema.h"
#include "config/reference_doc.h"
#include "test_paths.h"

TEST(ReferenceDoc, CommittedReferenceMatchesTheSchema) {
  std::ifstream in(sushi::test::source_dir() / "docs/config-reference.md");
  ASSERT_TRUE(in) << "docs/config-reference.md is missing";
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_EQ(ss.str(), sushi::config::reference_markdown(sushi::config::build_platform_schema()))
      << "regenerate: build/bin/sushi-vp config-reference > docs/config-reference.md";
}

TEST(ReferenceDoc, EveryKeyHasADescription) {
  const auto schema = sushi::config::build_platform_schema();
  for (const auto& k : schema.keys()) {
    EXPECT_FALSE(k.doc.empty()) << k.path;
  }
}
