// Every error code comes from the matching bad program, with ERROR status, ERR_CODE, ERR_INFO and
// the ERROR interrupt, and the accelerator stays usable: a good job afterwards completes.
#include <gtest/gtest.h>

#include "accel_bench.h"

namespace sushi::accel::test {
namespace {

constexpr std::uint64_t kDesc = 0x1000, kMap = 0x2000, kList = 0x3000, kGood = 0x4000;
constexpr std::uint64_t kW = 0x10000, kIn = 0x20000, kOut = 0x30000;
constexpr std::uint64_t kMemBytes = 16ull << 20;

struct Outcome {
  std::uint32_t status = 0, code = 0, info = 0, irq_status = 0;
  bool irq_line = false;
  std::uint32_t good_status = 0;  // STATUS after a good job run afterwards
};

sushi_layer_desc good_desc() {
  sushi_layer_desc d = conv_desc(16, 9, 8);
  d.weight_addr = kW;
  d.in_addr = kIn;
  d.out_addr = kOut;
  return d;
}

// Runs `program` (which must end in a START), checks the error, then a good one-layer job.
Outcome run(const std::function<void(Top&, Driver&)>& program, AccelParams p = exact_params()) {
  sc_core::sc_set_time_resolution(1, sc_core::SC_PS);
  Top top(p, exact_memory(kMemBytes));
  const sushi_layer_desc good = good_desc();
  top.put(kGood, &good, sizeof good);
  Outcome o;
  top.drv->script = [&](Driver& drv) {
    program(top, drv);
    drv.wait_irq();
    o.irq_line = top.irq.read();
    o.status = drv.rd(SUSHI_REG_STATUS);
    o.code = drv.rd(SUSHI_REG_ERR_CODE);
    o.info = drv.rd(SUSHI_REG_ERR_INFO);
    o.irq_status = drv.rd(SUSHI_REG_IRQ_STATUS);
    drv.wr(SUSHI_REG_IRQ_STATUS, o.irq_status);  // RW1C: clear all
    // Wait for anything still running (START while busy leaves the first job going).
    while (drv.rd(SUSHI_REG_STATUS) & SUSHI_STATUS_BUSY) sc_core::wait(1, sc_core::SC_US);
    drv.wr(SUSHI_REG_IRQ_STATUS, 0xFFFFFFFFu);
    start_job(drv, kGood, 1, 0, 0);
    drv.wait_irq();
    o.good_status = drv.rd(SUSHI_REG_STATUS);
  };
  sc_core::sc_start();
  return o;
}

void expect_error(const Outcome& o, std::uint32_t code, std::uint32_t info) {
  EXPECT_TRUE(o.status & SUSHI_STATUS_ERROR);
  EXPECT_FALSE(o.status & SUSHI_STATUS_DONE);
  EXPECT_EQ(o.code, code);
  EXPECT_EQ(o.info, info);
  EXPECT_TRUE(o.irq_status & SUSHI_IRQ_ERROR);
  EXPECT_TRUE(o.irq_line);
  EXPECT_EQ(o.good_status, SUSHI_STATUS_DONE);  // the simulation and the device carry on
}

TEST(AccelErrors, BadDescriptorUnknownOp) {
  const Outcome o = run([](Top& top, Driver& drv) {
    sushi_layer_desc d[2] = {good_desc(), good_desc()};
    d[1].op = 9;  // no such op
    top.put(kDesc, d, sizeof d);
    start_job(drv, kDesc, 2, 0, 0);
  });
  expect_error(o, SUSHI_ERR_BAD_DESCRIPTOR, 1);
}

TEST(AccelErrors, BadDescriptorRegionLargerThanLayer) {
  const Outcome o = run([](Top& top, Driver& drv) {
    sushi_layer_desc d = good_desc();
    d.c_in = 10;  // > c_max = 9
    top.put(kDesc, &d, sizeof d);
    start_job(drv, kDesc, 1, 0, 0);
  });
  expect_error(o, SUSHI_ERR_BAD_DESCRIPTOR, 0);
}

TEST(AccelErrors, AddressOutsideMemoryWindow) {
  AccelParams p = exact_params();
  p.memory = {{0, kMemBytes}};
  const Outcome o = run(
      [](Top& top, Driver& drv) {
        sushi_layer_desc d[3] = {good_desc(), good_desc(), good_desc()};
        d[2].out_addr = kMemBytes - 100;  // 16 x 64 = 1024 output bytes do not fit
        top.put(kDesc, d, sizeof d);
        start_job(drv, kDesc, 3, 0, 0);
      },
      p);
  expect_error(o, SUSHI_ERR_ADDR_RANGE, 2);
}

TEST(AccelErrors, AddressErrorResponseMidJob) {
  // No memory windows: the memory's TLM_ADDRESS_ERROR_RESPONSE stops the job at layer 1.
  const Outcome o = run([](Top& top, Driver& drv) {
    sushi_layer_desc d[2] = {good_desc(), good_desc()};
    d[1].in_addr = kMemBytes + 4096;
    top.put(kDesc, d, sizeof d);
    start_job(drv, kDesc, 2, 0, 0);
  });
  expect_error(o, SUSHI_ERR_ADDR_RANGE, 1);
}

TEST(AccelErrors, DescriptorListOutsideMemory) {
  AccelParams p = exact_params();
  p.memory = {{0, kMemBytes}};
  const Outcome o = run([](Top&, Driver& drv) { start_job(drv, kMemBytes, 1, 0, 0); }, p);
  expect_error(o, SUSHI_ERR_ADDR_RANGE, 0);
}

TEST(AccelErrors, PbMapBeyondPbCapacity) {
  const Outcome o = run([](Top& top, Driver& drv) {
    const sushi_layer_desc d = good_desc();
    sushi_pb_map_entry m[2]{};
    m[1].flags = SUSHI_PB_VALID;
    m[1].k_cached = 16;
    m[1].c_cached = 9;
    m[1].kernel_cached = 3;
    m[1].bytes = 1296;
    m[1].pb_offset = static_cast<std::uint32_t>(AccelParams{}.pb.bytes - 1024);  // ends 272 B beyond the PB
    top.put(kDesc, &d, sizeof d);
    top.put(kMap, m, sizeof m);
    start_job(drv, kDesc, 1, kMap, 2);
  });
  expect_error(o, SUSHI_ERR_PB_OVERFLOW, 1);
}

TEST(AccelErrors, PbLoadBeyondPbCapacity) {
  const Outcome o = run([](Top& top, Driver& drv) {
    sushi_pb_load_entry l[1] = {{kW, static_cast<std::uint32_t>(AccelParams{}.pb.bytes) - 512, 1024}};
    top.put(kList, l, sizeof l);
    start_pb_load(drv, kList, 1);
  });
  expect_error(o, SUSHI_ERR_PB_OVERFLOW, 0);
}

TEST(AccelErrors, StartWhileBusy) {
  const Outcome o = run([](Top& top, Driver& drv) {
    const sushi_layer_desc d = good_desc();
    top.put(kDesc, &d, sizeof d);
    start_job(drv, kDesc, 1, 0, 0);
    drv.wr(SUSHI_REG_CTRL, SUSHI_CTRL_START_PB_LOAD);  // 10 ns later: the job is still running
  });
  EXPECT_TRUE(o.status & SUSHI_STATUS_ERROR);
  EXPECT_TRUE(o.status & SUSHI_STATUS_BUSY);  // the first job keeps running
  EXPECT_EQ(o.code, static_cast<std::uint32_t>(SUSHI_ERR_BUSY));
  EXPECT_EQ(o.info, 0u);
  EXPECT_TRUE(o.irq_status & SUSHI_IRQ_ERROR);
  EXPECT_TRUE(o.irq_line);
  EXPECT_EQ(o.good_status, SUSHI_STATUS_DONE);
}

TEST(AccelErrors, BadPbMapRegionLargerThanLayer) {
  const Outcome o = run([](Top& top, Driver& drv) {
    sushi_layer_desc d = good_desc();
    d.layer_index = 3;
    sushi_pb_map_entry m[4]{};
    m[3].flags = SUSHI_PB_VALID;
    m[3].k_cached = 32;  // the layer has 16 output channels
    m[3].c_cached = 9;
    m[3].kernel_cached = 3;
    m[3].bytes = 2592;
    top.put(kDesc, &d, sizeof d);
    top.put(kMap, m, sizeof m);
    start_job(drv, kDesc, 1, kMap, 4);
  });
  expect_error(o, SUSHI_ERR_BAD_PB_MAP, 3);
}

TEST(AccelErrors, BadPbLoadZeroBytes) {
  const Outcome o = run([](Top& top, Driver& drv) {
    sushi_pb_load_entry l[2] = {{kW, 0, 144}, {kW, 144, 0}};
    top.put(kList, l, sizeof l);
    start_pb_load(drv, kList, 2);
  });
  expect_error(o, SUSHI_ERR_BAD_PB_LOAD, 1);
}

TEST(AccelErrors, BadPbLoadMisaligned) {
  const Outcome o = run([](Top& top, Driver& drv) {
    sushi_pb_load_entry l[1] = {{kW + 8, 0, 144}};  // DRAM address not a multiple of 16 B
    top.put(kList, l, sizeof l);
    start_pb_load(drv, kList, 1);
  });
  expect_error(o, SUSHI_ERR_BAD_PB_LOAD, 0);
}

TEST(AccelErrors, BadCountZeroDescriptors) {
  const Outcome o = run([](Top&, Driver& drv) { start_job(drv, kDesc, 0, 0, 0); });
  expect_error(o, SUSHI_ERR_BAD_COUNT, 0);
}

TEST(AccelErrors, BadCountTooManyDescriptors) {
  const Outcome o = run([](Top&, Driver& drv) { start_job(drv, kDesc, 5000, 0, 0); });  // limit 4096
  expect_error(o, SUSHI_ERR_BAD_COUNT, 5000);
}

}  // namespace
}  // namespace sushi::accel::test
