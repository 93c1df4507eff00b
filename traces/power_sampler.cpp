#include "traces/power_sampler.h"

#include <algorithm>

namespace sushi::traces {

std::string PowerSampler::component_of(const std::string& name) {
  const auto a = name.find('.');
  if (a == std::string::npos) return name;
  const std::string first = name.substr(0, a);
  if (first != "soc") return first;
  const auto b = name.find('.', a + 1);
  return b == std::string::npos ? name.substr(a + 1) : name.substr(a + 1, b - a - 1);
}

PowerSampler::PowerSampler(const EnergyLedger& ledger, std::uint64_t window_ps, BytesFn bytes, Sink sink)
    : ledger_(ledger), window_ps_(std::max<std::uint64_t>(1, window_ps)), bytes_fn_(std::move(bytes)),
      sink_(std::move(sink)) {
  for (std::size_t i = 0; i < ledger_.size(); ++i) {
    const std::string c = component_of(ledger_.info(static_cast<ActionId>(i)).name);
    auto it = std::find(components_.begin(), components_.end(), c);
    if (it == components_.end()) {
      components_.push_back(c);
      it = components_.end() - 1;
    }
    comp_of_action_.push_back(static_cast<std::size_t>(it - components_.begin()));
  }
  take(prev_energy_, prev_bytes_);
}

void PowerSampler::take(std::vector<double>& energy, ByteCounters& bytes) const {
  energy.assign(components_.size(), 0.0);
  for (std::size_t i = 0; i < comp_of_action_.size(); ++i) {
    energy[comp_of_action_[i]] += ledger_.energy_pj(static_cast<ActionId>(i));
  }
  bytes = bytes_fn_ ? bytes_fn_() : ByteCounters{};
}

void PowerSampler::close_until(std::uint64_t end_ps, bool partial) {
  // Everything counted since the last close goes to the first window closed now; later windows
  // of the same catch-up saw nothing happen.
  std::vector<double> now_e;
  ByteCounters now_b;
  take(now_e, now_b);
  // At the end, one window is always closed, if need be of zero length, so that energy accounted
  // at the very end (settled leakage) still lands in a row and the rows add up to the totals.
  bool force = partial;
  while (force || window_start_ + window_ps_ <= end_ps || (partial && window_start_ < end_ps)) {
    force = false;
    PowerWindow w;
    w.start_ps = window_start_;
    w.end_ps = std::max(window_start_, std::min(window_start_ + window_ps_, end_ps));
    w.energy_pj.resize(components_.size());
    for (std::size_t c = 0; c < components_.size(); ++c) {
      w.energy_pj[c] = now_e[c] - prev_energy_[c];
      w.total_pj += w.energy_pj[c];
    }
    w.bytes.dram_read_B = now_b.dram_read_B - prev_bytes_.dram_read_B;
    w.bytes.dram_write_B = now_b.dram_write_B - prev_bytes_.dram_write_B;
    w.bytes.pb_read_B = now_b.pb_read_B - prev_bytes_.pb_read_B;
    w.bytes.pb_load_B = now_b.pb_load_B - prev_bytes_.pb_load_B;
    w.bytes.dram_refresh_count = now_b.dram_refresh_count - prev_bytes_.dram_refresh_count;
    prev_energy_ = now_e;
    prev_bytes_ = now_b;
    window_start_ = w.end_ps;
    ++windows_;
    if (sink_) sink_(w);
  }
}

void PowerSampler::advance(std::uint64_t t_ps) {
  if (finished_ || t_ps < window_start_ + window_ps_) return;
  close_until(t_ps, false);
}

void PowerSampler::finish(std::uint64_t end_ps) {
  if (finished_) return;
  close_until(std::max(end_ps, window_start_), true);
  finished_ = true;
}

}  // namespace sushi::traces
