// NoC configuration errors name the key path and the allowed range.
#include <gtest/gtest.h>

#include "noc/noc_params.h"

using namespace sushi::noc;

namespace {
NocParams good() {
  NocParams p;
  p.topology = Topology::mesh;
  p.width = 4;
  p.height = 4;
  NocNode cpu;
  cpu.name = "cpu";
  cpu.initiator = true;
  NocNode dram;
  dram.name = "dram";
  dram.target = true;
  dram.x = 3;
  dram.y = 3;
  p.nodes = {cpu, dram};
  p.address_map = {{"dram", 0x80000000, 0x40000000, 0}};
  return p;
}
std::string error_of(const NocParams& p) {
  try {
    p.validate();
  } catch (const NocConfigError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST(NocParams, GoodConfigValidates) { EXPECT_EQ(error_of(good()), ""); }

TEST(NocParams, NodeOutsideTheMeshNamesTheKey) {
  NocParams p = good();
  p.nodes[1].x = 5;
  EXPECT_EQ(error_of(p), "noc.nodes.dram.x: 5 is outside the 4x4 mesh (0..3)");
  p = good();
  p.nodes[0].y = 4;
  EXPECT_EQ(error_of(p), "noc.nodes.cpu.y: 4 is outside the 4x4 mesh (0..3)");
}

TEST(NocParams, TwoNodesOnOnePortNamesBoth) {
  NocParams p = good();
  p.nodes[1].x = 0;
  p.nodes[1].y = 0;
  EXPECT_EQ(error_of(p), "noc.nodes.dram.port: node 'dram' and node 'cpu' are both on router (0,0) port 0");
  p.local_ports = 2;
  p.nodes[1].port = 1;
  EXPECT_EQ(error_of(p), "");
  p.topology = Topology::crossbar;
  p.crossbar_ports = 2;
  p.nodes[1].port = 0;
  EXPECT_EQ(error_of(p), "noc.nodes.dram.port: node 'dram' and node 'cpu' are both on crossbar port 0");
}

TEST(NocParams, ZeroWidthsNameTheKey) {
  NocParams p = good();
  p.flit_bytes = 0;
  // The declared keys and ranges (NocParams::describe), in the key's unit.
  EXPECT_EQ(error_of(p), "noc.flit: 0 B is outside 1 B .. 1 KiB");
  p = good();
  p.width = 0;
  EXPECT_EQ(error_of(p), "noc.width: 0 is outside 1 .. 64");
  p = good();
  p.clock_period_ps = 0;  // an infinite frequency
  EXPECT_EQ(error_of(p).rfind("noc.clock: ", 0), 0u);
}

TEST(NocParams, AddressMapErrors) {
  NocParams p = good();
  p.address_map.push_back({"cpu", 0, 16, 0});
  EXPECT_EQ(error_of(p), "noc.address_map[1].target: node 'cpu' is not a target");
  p = good();
  p.address_map.push_back({"dram", 0x90000000, 16, 0});
  EXPECT_NE(error_of(p).find("noc.address_map: range of 'dram' at 0x90000000 overlaps"), std::string::npos)
      << error_of(p);
  p = good();
  p.address_map[0].size = 0;
  EXPECT_EQ(error_of(p), "noc.address_map[0].size: 0 B: an address range must not be empty");
  p = good();
  p.address_map.clear();
  EXPECT_EQ(error_of(p), "noc.nodes.dram: target has no address range in noc.address_map");
  p = good();
  p.address_map[0].target = "sram";
  EXPECT_EQ(error_of(p), "noc.address_map[0].target: 'sram' is not a node");
}

TEST(NocParams, DuplicateAndRolelessNodes) {
  NocParams p = good();
  p.nodes[1].name = "cpu";
  EXPECT_EQ(error_of(p), "noc.nodes.cpu: node name 'cpu' is used twice");
  p = good();
  p.nodes[0].initiator = false;
  EXPECT_EQ(error_of(p), "noc.nodes.cpu: node is neither an initiator nor a target");
}
