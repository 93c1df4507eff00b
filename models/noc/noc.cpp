#include "noc.h"

#include <algorithm>
#include <stdexcept>

namespace sushi::noc {

Noc::Noc(sc_core::sc_module_name name, const NocParams& params, const NocEnergy& energy,
         EnergyLedger* ledger)
    : sc_core::sc_module(name), fabric_(params), energy_(energy), ledger_(ledger) {
  init();
}

Noc::Noc(sc_core::sc_module_name name, const NocParams& params, const NocEnergyTable& table,
         EnergyLedger* ledger)
    : sc_core::sc_module(name),
      fabric_(params),
      energy_(table.lookup(params.flit_bytes * 8, params.topology == Topology::mesh ? params.link_length_mm : 0.0)),
      ledger_(ledger) {
  init();
}

void Noc::init() {
  const NocParams& p = fabric_.params();
  if (ledger_) {
    router_id_ = ledger_->declare(name(), "router_flit", EnergyCategory::noc, energy_.router_flit);
    link_id_ = ledger_->declare(name(), "link_flit", EnergyCategory::noc, energy_.link_flit);
  }
  ranges_ = p.address_map;
  std::sort(ranges_.begin(), ranges_.end(),
            [](const AddressRange& a, const AddressRange& b) { return a.base < b.base; });
  for (const AddressRange& r : ranges_) range_node_.push_back(fabric_.node_index(r.target));
  node_stats_.resize(p.nodes.size());
  in_.resize(p.nodes.size());
  out_.resize(p.nodes.size());
  for (std::size_t i = 0; i < p.nodes.size(); ++i) {
    const NocNode& n = p.nodes[i];
    const int id = static_cast<int>(i);
    if (n.initiator) {
      in_[i] = std::make_unique<TargetSocket>(("in_" + n.name).c_str());
      in_[i]->register_b_transport(this, &Noc::b_transport, id);
      in_[i]->register_transport_dbg(this, &Noc::transport_dbg, id);
      in_[i]->register_get_direct_mem_ptr(this, &Noc::get_direct_mem_ptr, id);
    }
    if (n.target) {
      out_[i] = std::make_unique<InitiatorSocket>(("out_" + n.name).c_str());
      out_[i]->register_invalidate_direct_mem_ptr(this, &Noc::invalidate_direct_mem_ptr, id);
    }
  }
}

Noc::TargetSocket& Noc::initiator_port(const std::string& node) {
  const std::uint32_t i = fabric_.node_index(node);
  if (!in_[i]) throw std::out_of_range(std::string(name()) + ": node '" + node + "' is not an initiator");
  return *in_[i];
}

Noc::InitiatorSocket& Noc::target_port(const std::string& node) {
  const std::uint32_t i = fabric_.node_index(node);
  if (!out_[i]) throw std::out_of_range(std::string(name()) + ": node '" + node + "' is not a target");
  return *out_[i];
}

bool Noc::decode(std::uint64_t addr, std::uint64_t len, Decoded& out) const {
  // Last range whose base <= addr; streams hit the range of the previous transaction.
  auto it = ranges_.begin() + static_cast<std::ptrdiff_t>(last_range_);
  if (ranges_.empty() || addr < it->base || addr - it->base >= it->size) {
    it = std::upper_bound(ranges_.begin(), ranges_.end(), addr,
                          [](std::uint64_t a, const AddressRange& r) { return a < r.base; });
    if (it == ranges_.begin()) return false;
    --it;
    last_range_ = static_cast<std::size_t>(it - ranges_.begin());
  }
  const std::uint64_t off = addr - it->base;
  if (off >= it->size) return false;
  if (len > it->size - off) return false;  // crosses the end of the range
  out.range = &*it;
  out.target = range_node_[static_cast<std::size_t>(it - ranges_.begin())];
  out.taddr = off + it->target_offset;
  return true;
}

void Noc::b_transport(int id, tlm::tlm_generic_payload& gp, sc_core::sc_time& delay) {
  const std::uint64_t addr = gp.get_address();
  const std::uint64_t len = gp.get_data_length();
  Decoded d;
  if (!decode(addr, len, d)) {
    ++address_errors_;
    gp.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
    return;
  }
  const auto src = static_cast<std::uint32_t>(id);
  const NocParams& p = fabric_.params();
  const std::uint64_t data_flits = p.payload_flits(len);
  const bool rd = gp.is_read();
  const bool wr = gp.is_write();
  const std::uint64_t req_flits = p.header_flits + (wr ? data_flits : 0);
  const std::uint64_t resp_flits = p.header_flits + (rd ? data_flits : 0);
  const NocRoute& req = fabric_.route(src, d.target);
  const NocRoute& resp = fabric_.response_route(d.target, src);

  std::uint64_t now = sc_core::sc_time_stamp().value();  // ps (time resolution 1 ps)
  const std::uint64_t t0 = now + delay.value();
  const std::uint64_t t_req = fabric_.send(req, req_flits, t0);

  gp.set_address(d.taddr);
  delay = sc_core::sc_time::from_value(t_req - now);
  (*out_[d.target])->b_transport(gp, delay);
  gp.set_address(addr);

  now = sc_core::sc_time_stamp().value();  // the target may have waited
  const std::uint64_t t_target_done = now + delay.value();
  const std::uint64_t t_done = fabric_.send(resp, resp_flits, t_target_done);
  delay = sc_core::sc_time::from_value(t_done - now);

  NocHopsExtension* ext = gp.get_extension<NocHopsExtension>();
  if (!ext) {
    ext = new NocHopsExtension;
    if (gp.has_mm()) {
      gp.set_auto_extension(ext);
    } else {
      gp.set_extension(ext);  // freed by the payload's destructor; reused if sent again
    }
  }
  ext->hops = req.hops;
  ext->response_hops = resp.hops;
  ext->request_flits = req_flits;
  ext->response_flits = resp_flits;
  ext->network_ps = (t_req - t0) + (t_done - t_target_done);

  if (ledger_) {
    ledger_->add(router_id_, req_flits * req.hops + resp_flits * resp.hops);
    ledger_->add(link_id_, req_flits * req.wires + resp_flits * resp.wires);
  }
  NodeStats& ns = node_stats_[src];
  ++ns.transactions;
  if (rd) ns.read_bytes += len;
  if (wr) ns.write_bytes += len;
  ns.latency.add(t_done - t0);  // request issue to response tail, ps
  hops_sum_ += req.hops;
  ++transactions_;
}

unsigned int Noc::transport_dbg(int /*id*/, tlm::tlm_generic_payload& gp) {
  const std::uint64_t addr = gp.get_address();
  Decoded d;
  if (!decode(addr, 0, d)) {
    gp.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
    return 0;
  }
  // Debug accesses stop at the end of the range they start in.
  const std::uint64_t room = d.range->size - (addr - d.range->base);
  const unsigned int len0 = gp.get_data_length();
  if (len0 > room) gp.set_data_length(static_cast<unsigned int>(room));
  gp.set_address(d.taddr);
  const unsigned int n = (*out_[d.target])->transport_dbg(gp);
  gp.set_address(addr);
  gp.set_data_length(len0);
  return n;
}

bool Noc::get_direct_mem_ptr(int /*id*/, tlm::tlm_generic_payload& gp, tlm::tlm_dmi& dmi) {
  const std::uint64_t addr = gp.get_address();
  Decoded d;
  if (!decode(addr, 0, d)) {
    // Deny DMI for the hole: the region between neighbouring ranges (simplest: this address).
    dmi.allow_read_write();
    dmi.set_start_address(addr);
    dmi.set_end_address(addr);
    return false;
  }
  gp.set_address(d.taddr);
  const bool ok = (*out_[d.target])->get_direct_mem_ptr(gp, dmi);
  gp.set_address(addr);
  // Back to initiator addresses, clipped to the range (the target may grant more than the window).
  const std::uint64_t lo_t = d.range->target_offset;
  const std::uint64_t hi_t = d.range->target_offset + d.range->size - 1;
  std::uint64_t s = std::max<std::uint64_t>(dmi.get_start_address(), lo_t);
  std::uint64_t e = std::min<std::uint64_t>(dmi.get_end_address(), hi_t);
  if (ok) {
    // The pointer refers to the target's start address; move it to the clipped start.
    dmi.set_dmi_ptr(dmi.get_dmi_ptr() + (s - dmi.get_start_address()));
  }
  dmi.set_start_address(s - d.range->target_offset + d.range->base);
  dmi.set_end_address(e - d.range->target_offset + d.range->base);
  return ok;
}

void Noc::invalidate_direct_mem_ptr(int id, sc_dt::uint64 start, sc_dt::uint64 end) {
  const auto node = static_cast<std::uint32_t>(id);
  for (std::size_t i = 0; i < ranges_.size(); ++i) {
    if (range_node_[i] != node) continue;
    const AddressRange& r = ranges_[i];
    const std::uint64_t lo_t = r.target_offset, hi_t = r.target_offset + r.size - 1;
    if (end < lo_t || start > hi_t) continue;
    const std::uint64_t s = std::max<std::uint64_t>(start, lo_t) - r.target_offset + r.base;
    const std::uint64_t e = std::min<std::uint64_t>(end, hi_t) - r.target_offset + r.base;
    for (auto& sock : in_) {
      if (sock) (*sock)->invalidate_direct_mem_ptr(s, e);
    }
  }
}

void Noc::report_stats(Json& out) const {
  const NocParams& p = fabric_.params();
  const std::uint64_t T = p.clock_period_ps;
  std::uint64_t window = sc_core::sc_time_stamp().value();
  for (const NocResource& r : fabric_.resources()) window = std::max(window, r.last_end_ps);
  out["topology"] = to_string(p.topology);
  out["transactions_count"] = transactions_;
  out["address_errors_count"] = address_errors_;
  out["hops_avg_count"] = transactions_ ? static_cast<double>(hops_sum_) / static_cast<double>(transactions_) : 0.0;
  out["router_flits_count"] = fabric_.router_flits();
  out["link_flits_count"] = fabric_.wire_flits();
  out["router_energy_pJ"] = router_energy_pj();
  out["link_energy_pJ"] = link_energy_pj();
  out["energy_pJ"] = router_energy_pj() + link_energy_pj();
  out["window_ps"] = window;

  auto resource_json = [&](const NocResource& r, Json& j) {
    j["packets_count"] = r.packets;
    j["flits_count"] = r.flits;
    j["bytes_B"] = r.flits * p.flit_bytes;
    j["busy_ps"] = r.busy_ps;
    j["utilisation_pct"] = window ? 100.0 * static_cast<double>(r.busy_ps) / static_cast<double>(window) : 0.0;
    j["queueing_avg_ps"] = r.packets ? static_cast<double>(r.wait_ps) / static_cast<double>(r.packets) : 0.0;
    j["queueing_max_ps"] = r.wait_max_ps;
    j["queueing_avg_cycles_count"] =
        r.packets ? static_cast<double>(r.wait_ps) / static_cast<double>(r.packets) / static_cast<double>(T) : 0.0;
  };

  Json& links = out["links"];
  links = Json::object();
  for (const NocResource& r : fabric_.resources()) {
    if (r.kind != ResourceKind::link || r.packets == 0) continue;
    Json j;
    resource_json(r, j);
    j["energy_pJ"] = static_cast<double>(r.flits) * energy_.link_flit.pj_per_unit;
    links[r.name] = std::move(j);
  }
  if (p.topology == Topology::mesh) {
    Json& routers = out["routers"];
    routers = Json::object();
    for (std::size_t i = 0; i < fabric_.routers().size(); ++i) {
      const auto& rs = fabric_.routers()[i];
      if (rs.flits == 0) continue;
      Json j;
      j["flits_count"] = rs.flits;
      j["energy_pJ"] = static_cast<double>(rs.flits) * energy_.router_flit.pj_per_unit;
      routers["r(" + std::to_string(i % p.width) + "," + std::to_string(i / p.width) + ")"] = std::move(j);
    }
  }
  Json& nodes = out["nodes"];
  nodes = Json::object();
  for (std::size_t i = 0; i < p.nodes.size(); ++i) {
    const NocNode& n = p.nodes[i];
    Json j;
    resource_json(fabric_.resources()[fabric_.inject_of(static_cast<std::uint32_t>(i))], j["inject"]);
    resource_json(fabric_.resources()[fabric_.eject_of(static_cast<std::uint32_t>(i))], j["eject"]);
    resource_json(fabric_.resources()[fabric_.resp_inject_of(static_cast<std::uint32_t>(i))], j["resp_inject"]);
    resource_json(fabric_.resources()[fabric_.resp_eject_of(static_cast<std::uint32_t>(i))], j["resp_eject"]);
    if (n.initiator) {
      const NodeStats& ns = node_stats_[i];
      j["transactions_count"] = ns.transactions;
      j["read_B"] = ns.read_bytes;
      j["written_B"] = ns.write_bytes;
      ns.latency.to_json(j, "latency", "ns", 1000.0);
    }
    nodes[n.name] = std::move(j);
  }
}

}  // namespace sushi::noc
