// Register names of the SoC's register blocks, by byte offset: one table per hardware-interface
// header (hw/include/sushi/*_regs.h), generated from the header's own #defines at configure
// time (cmake/RegisterNames.cmake), so the trace names each register as the firmware does.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace sushi::traces {

struct RegisterName {
  const char* name;      // the macro's name without its prefix, e.g. "JOB_DESC_ADDR_LO"
  std::uint32_t offset;  // byte offset in the block
};

// The registers of the block of a SoC component: "accel" (sushi/accel_regs.h), "query_port"
// (sushi/query_port_regs.h), "timer" (sushi/timer_regs.h: the timer and the interrupt
// controller, whose registers are named INTC_*). Null for any other component (memories).
const std::vector<RegisterName>* register_block(std::string_view component);
// The name of the register at `offset` in `block`, or null.
const char* register_name(const std::vector<RegisterName>& block, std::uint32_t offset);

}  // namespace sushi::traces
