// TimingOnly: an ignorable TLM-2.0 extension by which an initiator says it does not care about
// the payload's data — it moves bytes for their timing and energy only (the accelerator's DMA
// outside functional mode streams weights and activations it never computes with).
//
// A target that sees it may skip the copy between the payload and its backing store: a read
// leaves the data buffer as it was, a write leaves memory as it was. Timing, energy and
// statistics must be exactly those of the same access without the extension. Targets that do not
// know the extension copy as usual (the data pointer stays valid), so it is safe to ignore.
//
// Like TraceTag, it is attached for one b_transport call and cleared again, so the payload never
// frees it.
#pragma once

#include <tlm>

namespace sushi {

struct TimingOnly : tlm::tlm_extension<TimingOnly> {
  tlm::tlm_extension_base* clone() const override { return new TimingOnly(*this); }
  void copy_from(const tlm::tlm_extension_base&) override {}
};

}  // namespace sushi
