// HeldCall: an ignorable TLM-2.0 extension for a blocking call answered without blocking.
//
// Some targets hold b_transport until the answer is final (the fr_fcfs DRAM controller waits
// until the request's data end, since a later request could still overtake it until then). An
// initiator that attaches HeldCall says it can go on as if its thread had been held: when the
// target knows the answer at once and nothing else in the kernel happens before the time T it
// would have held the call until, it may return at once and set `until_ps` = T. The annotated
// delay still counts from the kernel's time at the return (TLM-2.0 loosely timed rules); the
// initiator then takes T as the earliest time at which it acts again: a later request arrives no
// earlier than T, and it synchronises with the kernel as it would at T. Nothing else ran before
// T in either case, so the results are those of the held call, with one thread switch less.
//
// Targets that do not know the extension hold or answer as usual (until_ps stays 0). Like
// TimingOnly, it is attached for one call and cleared again, so the payload never frees it.
#pragma once

#include <cstdint>

#include <tlm>

namespace sushi {

struct HeldCall : tlm::tlm_extension<HeldCall> {
  std::uint64_t until_ps = 0;  // 0: the target did not answer early (it held the call, or had no need)
  tlm::tlm_extension_base* clone() const override { return new HeldCall(*this); }
  void copy_from(const tlm::tlm_extension_base& e) override { until_ps = static_cast<const HeldCall&>(e).until_ps; }
};

}  // namespace sushi
