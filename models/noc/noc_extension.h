// Per-transaction record of the path through the NoC, attached to the generic payload.
//
// The NoC fills an extension the initiator attached; otherwise it attaches one itself (auto
// extension if the payload has a memory manager, else a plain extension that the payload frees
// in its destructor and that the NoC reuses when the payload is sent again).
#pragma once

#include <cstdint>

#include <tlm>

namespace sushi::noc {

struct NocHopsExtension : tlm::tlm_extension<NocHopsExtension> {
  std::uint32_t hops = 0;           // routers traversed by the request (crossbar: 1)
  std::uint32_t response_hops = 0;  // routers traversed by the response
  std::uint64_t request_flits = 0;
  std::uint64_t response_flits = 0;
  std::uint64_t network_ps = 0;     // time in the NoC, request + response (excludes the target)

  tlm::tlm_extension_base* clone() const override { return new NocHopsExtension(*this); }
  void copy_from(const tlm::tlm_extension_base& other) override {
    *this = static_cast<const NocHopsExtension&>(other);
  }
};

}  // namespace sushi::noc
