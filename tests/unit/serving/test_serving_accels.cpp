// Several accelerators in the serving SoC (accels.<name>, issue 22 point 2): built by the one SoC
// assembly beside `accel`, with its own register window in the address map and its own
// interrupt-controller line; the firmware still drives `accel` only.
#include <gtest/gtest.h>

#include <string>

#include "accel/sushi/sushi_accel.h"
#include "periph/timer.h"
#include "serving_run.h"
#include "soc/soc.h"
#include "sushi/accel_regs.h"
#include "sushi/timer_regs.h"

using namespace sushi;

TEST(ServingAccels, AFurtherAcceleratorHasItsWindowAndLineAndStaysIdle) {
  // serve.yaml: three queries at t = 1 ms; accel's registers at 0xA000_0000 (zcu104.yaml).
  test::ServingRun r({"accels.small.regs_base=0xA003_0000", "accels.small.array.k_par=8",
                      "accels.small.array.c_par=4", "accels.small.clock=200 MHz"});
  const auto& regions = r.soc->regions();
  ASSERT_EQ(regions.count("small"), 1u);
  EXPECT_EQ(regions.at("small").base, 0xA0030000u);
  EXPECT_EQ(regions.at("small").size, SUSHI_REG_BLOCK_SIZE);
  EXPECT_EQ(regions.at("accel").base, 0xA0000000u);

  auto* small = test::ServingRun::sushi_accel("small");
  auto* main_accel = test::ServingRun::sushi_accel("accel");
  ASSERT_NE(small, nullptr);
  ASSERT_NE(main_accel, nullptr);
  EXPECT_EQ(small->params().k_par, 8u);
  EXPECT_EQ(small->params().c_par, 4u);
  EXPECT_EQ(small->params().clock_period_ps, 5000u);  // 200 MHz
  EXPECT_EQ(main_accel->params().k_par, 16u);

  // Interrupt lines: query port 1, accel 2 (SUSHI_IRQ_ACCEL), the first of accels 3.
  auto* timer = dynamic_cast<Timer*>(sc_core::sc_find_object("soc.timer"));
  ASSERT_NE(timer, nullptr);
  ASSERT_EQ(timer->irq_in.size(), 3u);
  auto* small_irq = dynamic_cast<sc_core::sc_signal_in_if<bool>*>(sc_core::sc_find_object("soc.small_irq"));
  auto* accel_irq = dynamic_cast<sc_core::sc_signal_in_if<bool>*>(sc_core::sc_find_object("soc.accel_irq"));
  ASSERT_NE(small_irq, nullptr);
  ASSERT_NE(accel_irq, nullptr);
  EXPECT_EQ(timer->irq_in[SUSHI_IRQ_ACCEL].get_interface(), small_irq);
  EXPECT_EQ(timer->irq_in[SUSHI_IRQ_ACCEL - 1].get_interface(), accel_irq);

  r.simulate();
  for (const auto& row : r.rows()) EXPECT_EQ(row.status, QueryStatus::ok);
  EXPECT_EQ(main_accel->snapshot().jobs, 3u);  // one job per query
  EXPECT_EQ(small->snapshot().jobs, 0u);       // the firmware drives accel only
}
