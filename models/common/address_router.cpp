#include "address_router.h"

#include <cmath>

namespace sushi {

AddressRouter::AddressRouter(const sc_core::sc_module_name& name, const AddressRouterParams& params,
                             AddressMap map, std::vector<std::string> target_names)
    : sc_module(name),
      initiator_side("initiator_side"),
      target_side("target_side"),
      params_(params),
      map_(std::move(map)),
      target_names_(std::move(target_names)),
      cycle_ps_(static_cast<std::uint64_t>(std::llround(1e12 / params.clock_hz))),
      ports_(target_names_.size()),
      port_bytes_(target_names_.size(), 0) {
  initiator_side.register_b_transport(this, &AddressRouter::b_transport);
  initiator_side.register_transport_dbg(this, &AddressRouter::transport_dbg);
}

void AddressRouter::b_transport(int, tlm::tlm_generic_payload& trans, sc_core::sc_time& delay) {
  const std::uint64_t addr = trans.get_address();
  const auto region = map_.decode(addr, trans.get_data_length());
  if (!region) {
    ++decode_errors_;
    trans.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
    return;
  }
  const std::size_t p = region->target;
  const auto arrival = static_cast<std::uint64_t>((sc_core::sc_time_stamp() + delay).value());
  const std::uint64_t beats = (trans.get_data_length() + params_.width_bytes - 1) / params_.width_bytes;
  const auto grant = ports_[p].reserve(arrival, beats * cycle_ps_);
  port_bytes_[p] += trans.get_data_length();
  delay += sc_core::sc_time::from_value(grant.end_ps - arrival + params_.latency_cycles * cycle_ps_);
  trans.set_address(addr - region->base);
  target_side[static_cast<int>(p)]->b_transport(trans, delay);
  trans.set_address(addr);
}

unsigned int AddressRouter::transport_dbg(int, tlm::tlm_generic_payload& trans) {
  const std::uint64_t addr = trans.get_address();
  const auto region = map_.decode(addr, 1);
  if (!region) return 0;
  trans.set_address(addr - region->base);
  const unsigned int n = target_side[static_cast<int>(region->target)]->transport_dbg(trans);
  trans.set_address(addr);
  return n;
}

void AddressRouter::report_stats(Json& out) const {
  out["decode_errors_count"] = decode_errors_;
  Json ports = Json::object();
  for (std::size_t i = 0; i < ports_.size(); ++i) {
    Json p;
    p["transfers_count"] = ports_[i].grants();
    p["bytes_B"] = port_bytes_[i];
    p["busy_ps"] = ports_[i].busy_ps();
    p["wait_total_ps"] = ports_[i].total_wait_ps();
    p["wait_max_ps"] = ports_[i].max_wait_ps();
    ports[target_names_[i]] = std::move(p);
  }
  out["target_ports"] = std::move(ports);
}

}  // namespace sushi
