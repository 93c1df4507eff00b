// io/yaml_document.h: locations of values and keys, the strict rules (one document, plain keys
// that occur once), quantities with units, and the one located error text.
#include <gtest/gtest.h>

#include "io/yaml_document.h"

namespace sushi::io {
namespace {

std::string error_of(const std::string& text, const YamlOptions& options = {}) {
  try {
    parse_yaml(text, "t.yaml", options);
  } catch (const LocatedError& e) {
    return e.what();
  }
  return "no error";
}

TEST(YamlDocument, EveryValueAndKeyKnowsItsLineAndColumn) {
  const YamlNode doc = parse_yaml("a: 1\nb:\n  c: [2 MiB, x]\nd:\n", "t.yaml");
  ASSERT_EQ(doc.kind, YamlNode::Kind::map);
  EXPECT_EQ(doc.loc.str(), "t.yaml:1:1");
  EXPECT_EQ(doc.find("a")->loc.str(), "t.yaml:1:4");
  EXPECT_EQ(doc.find("a")->key_loc.str(), "t.yaml:1:1");
  const YamlNode* c = doc.at_path("b.c");
  ASSERT_NE(c, nullptr);
  ASSERT_EQ(c->kind, YamlNode::Kind::sequence);
  EXPECT_EQ(c->items[1].loc.str(), "t.yaml:3:14");  // "  c: [2 MiB, x]": x is the 14th character
  // An empty value points at its key, not at the next line.
  EXPECT_EQ(doc.find("d")->kind, YamlNode::Kind::null);
  EXPECT_EQ(doc.find("d")->loc.str(), "t.yaml:4:1");
  EXPECT_EQ(parse_yaml("", "t.yaml").kind, YamlNode::Kind::null);
}

TEST(YamlDocument, StrictWhereYamlIsLenient) {
  EXPECT_EQ(error_of("a: 1\na: 2\n"), "t.yaml:2:1: key 'a': duplicate key (first defined at t.yaml:1:4)");
  EXPECT_EQ(error_of("a: 1\n---\nb: 2\n"),
            "t.yaml:2: a second YAML document (after '---'); a file holds one document");
  EXPECT_EQ(error_of("x:\n  a.b: 1\n"), "t.yaml:2:3: key 'x.a.b': key names must be non-empty and contain no '.'");
  EXPECT_EQ(parse_yaml("x:\n  a.b: 1\n", "t.yaml", YamlOptions{true, ""}).at_path("x")->find("a.b")->scalar, "1");
  EXPECT_EQ(error_of("[1]: 2\n"), "t.yaml:1:1: map keys must be plain names");
  EXPECT_EQ(error_of("a: [1\n").rfind("t.yaml:2:1: YAML syntax error: ", 0), 0u) << error_of("a: [1\n");
}

TEST(YamlDocument, QuantitiesInBaseUnitsOrALocatedError) {
  const YamlNode doc = parse_yaml("size: 2 KiB\nbad: 2 parsecs\nlist: [1]\n", "t.yaml");
  EXPECT_EQ(quantity_of(*doc.find("size"), "size", Quantity::size), 2048.0);  // 2 x 1024 B
  try {
    quantity_of(*doc.find("bad"), "bad", Quantity::size);
    FAIL() << "expected LocatedError";
  } catch (const LocatedError& e) {
    EXPECT_EQ(e.loc().str(), "t.yaml:2:6");
    EXPECT_EQ(e.key(), "bad");
    EXPECT_EQ(std::string(e.what()).rfind("t.yaml:2:6: key 'bad': ", 0), 0u) << e.what();
  }
  EXPECT_THROW(quantity_of(*doc.find("list"), "list", Quantity::size), LocatedError);
}

TEST(YamlDocument, TheLocatedErrorText) {
  EXPECT_STREQ(LocatedError(SourceLoc{"f.yaml", 3, 7}, "a.b", "must be > 0").what(), "f.yaml:3:7: key 'a.b': must be > 0");
  EXPECT_STREQ(LocatedError(SourceLoc{"f.yaml", 3, 0}, "", "bad").what(), "f.yaml:3: bad");
  EXPECT_STREQ(LocatedError(SourceLoc{}, "k", "bad").what(), "<config>: key 'k': bad");
}

}  // namespace
}  // namespace sushi::io
