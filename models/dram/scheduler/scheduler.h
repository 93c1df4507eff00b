// Which buffered request of a bank the controller serves next (DRAMSys's SchedulerIF idea).
//   fcfs:    strictly in arrival order; the controller then schedules each burst as it arrives
//            (no buffer, the queue_depth window bounds the lookahead; docs/dram.md).
//   fr_fcfs: first ready, first come first served: per bank, the oldest request that hits the
//            open row, else the oldest request (Rixner et al., ISCA 2000).
// Across banks the command arbiter (buffered_channel.h) issues whichever bank's next command
// can go first, the oldest on a tie.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "dram/dram_clock.h"
#include "dram/policy_names.h"

namespace sushi::dram {

enum class SchedulerKind : std::uint8_t { fcfs, fr_fcfs };
inline constexpr std::array<EnumName<SchedulerKind>, 2> kSchedulerNames{
    {{SchedulerKind::fcfs, "fcfs"}, {SchedulerKind::fr_fcfs, "fr_fcfs"}}};

// Device bursts waiting in the controller's buffer: one burst, or (`count` > 1) consecutive
// bursts of one request to one row of one bank that arrived together, the k-th with arrival
// order seq + k x stride (a DMA request's bursts to a bank; one entry, not one per burst). The
// fields other than seq and count describe every burst of it; the front one goes first.
struct BufferedBurst {
  std::uint64_t seq = 0;  // arrival order of the front burst (older = smaller)
  std::uint64_t count = 1, stride = 1;
  std::uint64_t tag = 0;  // the initiator's request, returned on completion
  std::uint32_t rank = 0, bank_group = 0, bank = 0, row = 0;
  bool write = false;
  Cycle arrival = 0;
  bool classified = false;  // the front burst's row result (hit / miss / conflict) was counted at PRE or ACT
  // Bursts of one request to one row share a buffer slot (they are one request of a longer
  // burst to the bank, as DRAMSys buffers requests); the slot goes with the last to leave.
  // Only a front burst ever holds one (a burst holding a slot starts an entry; a slot handed
  // over goes to the first burst of the request and row still waiting).
  bool holds_slot = true;
  std::uint64_t last_seq() const { return seq + (count - 1) * stride; }
};

class SchedulerIF {
 public:
  virtual ~SchedulerIF() = default;
  // True: bursts are served in arrival order at arrival (the controller needs no buffer).
  virtual bool in_order() const = 0;
  // Index in `bank_queue` (one bank's buffered bursts, oldest first, not empty) of the entry
  // whose front burst's commands go next, given the bank's open row.
  virtual std::size_t pick(const std::vector<BufferedBurst>& bank_queue, std::optional<std::uint32_t> open_row) const = 0;
};

std::unique_ptr<SchedulerIF> make_scheduler(SchedulerKind kind);

}  // namespace sushi::dram
