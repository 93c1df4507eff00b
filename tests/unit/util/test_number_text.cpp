#include <gtest/gtest.h>

#include "util/number_text.h"

namespace sushi::util {
namespace {

TEST(NumberText, IntegersDecimalHexSeparatorsAndSign) {
  long long v = 0;
  ASSERT_TRUE(parse_integer("1_000_000", v));
  EXPECT_EQ(v, 1000000);
  ASSERT_TRUE(parse_integer("0x10", v));
  EXPECT_EQ(v, 16);
  ASSERT_TRUE(parse_integer("-42", v));
  EXPECT_EQ(v, -42);
  ASSERT_TRUE(parse_integer("9223372036854775807", v));
  EXPECT_EQ(v, 9223372036854775807LL);
}

TEST(NumberText, NotIntegers) {
  long long v = 0;
  for (const char* t : {"", "_", "+5", " 5", "5 ", "--5", "-+5", "1.5", "12abc", "0x", "one"}) {
    bool too_large = true;
    EXPECT_FALSE(parse_integer(t, v, &too_large)) << t;
    EXPECT_FALSE(too_large) << t;
  }
}

TEST(NumberText, TooLargeIsToldApart) {
  long long v = 0;
  bool too_large = false;
  EXPECT_FALSE(parse_integer("9223372036854775808", v, &too_large));  // 2^63
  EXPECT_TRUE(too_large);
  EXPECT_FALSE(parse_integer("0x1_0000_0000_0000_0000", v, &too_large));  // 2^64
  EXPECT_TRUE(too_large);
  EXPECT_FALSE(parse_integer("99999999999999999999999", v));  // without the flag: just false
}

TEST(NumberText, Reals) {
  double v = 0;
  ASSERT_TRUE(parse_real("1.5", v));
  EXPECT_EQ(v, 1.5);
  ASSERT_TRUE(parse_real("-2e3", v));
  EXPECT_EQ(v, -2000.0);
  for (const char* t : {"", "1.5x", "abc", "1e400", "1e-400", "inf", "nan"}) EXPECT_FALSE(parse_real(t, v)) << t;
}

}  // namespace
}  // namespace sushi::util
