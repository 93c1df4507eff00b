#include <gtest/gtest.h>

#include "util/units.h"

using namespace sushi;

TEST(Units, SizesBinaryAndDecimal) {
  EXPECT_EQ(parse_size_bytes("0 B"), 0u);
  EXPECT_EQ(parse_size_bytes("512B"), 512u);
  EXPECT_EQ(parse_size_bytes("1 KiB"), 1024u);
  EXPECT_EQ(parse_size_bytes("2MiB"), 2u * 1024 * 1024);
  EXPECT_EQ(parse_size_bytes("1.5 KiB"), 1536u);  // 1.5 x 1024
  EXPECT_EQ(parse_size_bytes("3 GiB"), 3ull << 30);
  EXPECT_EQ(parse_size_bytes("1 TiB"), 1ull << 40);
  EXPECT_EQ(parse_size_bytes("4 kB"), 4000u);
  EXPECT_EQ(parse_size_bytes("2 MB"), 2000000u);
  EXPECT_EQ(parse_size_bytes("1 GB"), 1000000000u);
  EXPECT_EQ(parse_size_bytes("1 TB"), 1000000000000u);
}

TEST(Units, EveryFrequencyUnit) {
  EXPECT_DOUBLE_EQ(parse_quantity("50 Hz", Quantity::frequency), 50.0);
  EXPECT_DOUBLE_EQ(parse_quantity("2 kHz", Quantity::frequency), 2e3);
  EXPECT_DOUBLE_EQ(parse_quantity("100 MHz", Quantity::frequency), 1e8);
  EXPECT_DOUBLE_EQ(parse_quantity("1.6 GHz", Quantity::frequency), 1.6e9);
}

TEST(Units, EveryTimeUnitInPicoseconds) {
  EXPECT_DOUBLE_EQ(parse_quantity("500 fs", Quantity::time), 0.5);
  EXPECT_DOUBLE_EQ(parse_quantity("833 ps", Quantity::time), 833.0);
  EXPECT_DOUBLE_EQ(parse_quantity("12.5 ns", Quantity::time), 12500.0);
  EXPECT_DOUBLE_EQ(parse_quantity("3.9 us", Quantity::time), 3.9e6);
  EXPECT_DOUBLE_EQ(parse_quantity("2 ms", Quantity::time), 2e9);
  EXPECT_DOUBLE_EQ(parse_quantity("1 s", Quantity::time), 1e12);
}

TEST(Units, EveryBandwidthUnit) {
  EXPECT_DOUBLE_EQ(parse_quantity("1 B/s", Quantity::bandwidth), 1.0);
  EXPECT_DOUBLE_EQ(parse_quantity("1 kB/s", Quantity::bandwidth), 1e3);
  EXPECT_DOUBLE_EQ(parse_quantity("1 MB/s", Quantity::bandwidth), 1e6);
  EXPECT_DOUBLE_EQ(parse_quantity("19.2 GB/s", Quantity::bandwidth), 19.2e9);
  EXPECT_DOUBLE_EQ(parse_quantity("1 TB/s", Quantity::bandwidth), 1e12);
  EXPECT_DOUBLE_EQ(parse_quantity("1 KiB/s", Quantity::bandwidth), 1024.0);
  EXPECT_DOUBLE_EQ(parse_quantity("1 MiB/s", Quantity::bandwidth), 1048576.0);
  EXPECT_DOUBLE_EQ(parse_quantity("1 GiB/s", Quantity::bandwidth), 1073741824.0);
}

TEST(Units, EveryEnergyAndPowerUnit) {
  EXPECT_DOUBLE_EQ(parse_quantity("250 fJ", Quantity::energy), 0.25);
  EXPECT_DOUBLE_EQ(parse_quantity("0.315 pJ", Quantity::energy), 0.315);
  EXPECT_DOUBLE_EQ(parse_quantity("1.3 nJ", Quantity::energy), 1300.0);
  EXPECT_DOUBLE_EQ(parse_quantity("2 uJ", Quantity::energy), 2e6);
  EXPECT_DOUBLE_EQ(parse_quantity("1 mJ", Quantity::energy), 1e9);
  EXPECT_DOUBLE_EQ(parse_quantity("1 J", Quantity::energy), 1e12);
  EXPECT_DOUBLE_EQ(parse_quantity("5 nW", Quantity::power), 5e-9);
  EXPECT_DOUBLE_EQ(parse_quantity("9.9 uW", Quantity::power), 9.9e-6);
  EXPECT_DOUBLE_EQ(parse_quantity("9.9 mW", Quantity::power), 9.9e-3);
  EXPECT_DOUBLE_EQ(parse_quantity("2.15 W", Quantity::power), 2.15);
}

TEST(Units, BareNumberIsAnErrorNamingTheAllowedUnits) {
  try {
    parse_quantity("2", Quantity::size);
    FAIL() << "a bare number must not parse as a size";
  } catch (const UnitError& e) {
    EXPECT_NE(std::string(e.what()).find("has no unit"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("KiB"), std::string::npos) << e.what();
  }
}

TEST(Units, WrongQuantityOrUnknownUnitIsAnError) {
  EXPECT_THROW(parse_quantity("2 MHz", Quantity::size), UnitError);
  EXPECT_THROW(parse_quantity("2 Mib", Quantity::size), UnitError);  // case matters
  EXPECT_THROW(parse_quantity("10 ns", Quantity::frequency), UnitError);
  EXPECT_THROW(parse_quantity("fast", Quantity::time), UnitError);
  EXPECT_THROW(parse_quantity("", Quantity::time), UnitError);
  EXPECT_THROW(parse_size_bytes("0.3 B"), UnitError);   // not whole bytes
  EXPECT_THROW(parse_size_bytes("-1 KiB"), UnitError);  // negative
}

TEST(Units, FormatPicksALargeUnit) {
  EXPECT_EQ(format_quantity(2.0 * 1024 * 1024, Quantity::size), "2 MiB");
  EXPECT_EQ(format_quantity(1000, Quantity::size), "1000 B");
  EXPECT_EQ(format_quantity(12500, Quantity::time), "12.5 ns");
  EXPECT_EQ(format_quantity(1e8, Quantity::frequency), "100 MHz");
}
