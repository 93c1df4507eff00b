// Admission to the controller's request buffer (DRAMSys's BufferCounterIF idea), counted in
// device bursts:
//   shared:   one buffer of `size` bursts for all banks of the channel;
//   bankwise: `size` bursts per bank, so a burst to a busy bank cannot crowd out the others.
// A burst leaves the buffer when its RD/WR issues. An initiator whose burst finds no space
// waits (back-pressure through b_transport).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "dram/policy_names.h"

namespace sushi::dram {

enum class BufferKind : std::uint8_t { shared, bankwise };
inline constexpr std::array<EnumName<BufferKind>, 2> kBufferNames{
    {{BufferKind::shared, "shared"}, {BufferKind::bankwise, "bankwise"}}};

class SchedulerBufferIF {
 public:
  virtual ~SchedulerBufferIF() = default;
  virtual bool has_space(std::size_t bank) const = 0;  // bank: index over the channel's banks
  virtual void store(std::size_t bank) = 0;
  virtual void remove(std::size_t bank) = 0;
  // Whether the buffer, while it holds nothing, takes one burst in each of `banks` distinct banks
  // at once (a request alone in the controller: its first burst per lane takes a slot).
  virtual bool empty_takes(std::size_t banks) const = 0;
};

// `banks`: banks in the channel (ranks x banks per rank); `size`: bursts (shared) or bursts per bank.
std::unique_ptr<SchedulerBufferIF> make_scheduler_buffer(BufferKind kind, std::size_t banks, std::uint32_t size);

}  // namespace sushi::dram
