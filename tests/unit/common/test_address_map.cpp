#include <gtest/gtest.h>

#include "common/address_map.h"

using namespace sushi;

TEST(AddressMap, DecodesInsideRegionsOnly) {
  AddressMap m;
  m.add({"sram", 0x1000, 0x1000, 0});
  m.add({"dram", 0x8000'0000, 0x4000'0000, 1});
  EXPECT_EQ(m.decode(0x1000)->name, "sram");
  EXPECT_EQ(m.decode(0x1FFF)->name, "sram");
  EXPECT_FALSE(m.decode(0x2000));           // one past the end of sram
  EXPECT_FALSE(m.decode(0x0FFF));
  EXPECT_EQ(m.decode(0x8000'0000, 4096)->target, 1u);
  EXPECT_FALSE(m.decode(0x1FF0, 32));        // straddles the end
}

TEST(AddressMap, OverlapIsDetectedWithBothNames) {
  AddressMap m;
  m.add({"a", 0x1000, 0x1000, 0});
  try {
    m.add({"b", 0x1800, 0x1000, 1});
    FAIL();
  } catch (const AddressMapError& e) {
    EXPECT_EQ(e.region(), "b");
    EXPECT_NE(std::string(e.what()).find("overlaps region 'a'"), std::string::npos) << e.what();
  }
  EXPECT_THROW(m.add({"inside", 0x1100, 0x10, 2}), AddressMapError);
  EXPECT_THROW(m.add({"around", 0x0, 0x10000, 2}), AddressMapError);
  m.add({"adjacent", 0x2000, 0x1000, 3});  // touching is fine
  EXPECT_THROW(m.add({"empty", 0x9000, 0, 4}), AddressMapError);
  EXPECT_THROW(m.add({"wraps", 0xFFFF'FFFF'FFFF'F000ull, 0x2000, 4}), AddressMapError);
}
