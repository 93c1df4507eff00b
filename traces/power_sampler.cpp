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

PowerSampler::PowerSampler(EnergyLedger& ledger, std::uint64_t window_ps, BytesFn bytes, Sink sink)
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
  prev_ = take();
}

PowerSampler::Reading PowerSampler::take() const {
  Reading r;
  r.component_pj.assign(components_.size(), 0.0);
  for (std::size_t i = 0; i < comp_of_action_.size(); ++i) {
    const auto id = static_cast<ActionId>(i);
    const double e = ledger_.energy_pj(id);
    r.component_pj[comp_of_action_[i]] += e;
    r.category_pj[static_cast<std::size_t>(ledger_.info(id).category)] += e;
  }
  r.bytes = bytes_fn_ ? bytes_fn_() : ByteCounters{};
  return r;
}

void PowerSampler::close(std::uint64_t end_ps) {
  ledger_.accrue(end_ps);
  Reading now = take();
  PowerWindow w;
  w.start_ps = window_start_;
  w.end_ps = end_ps;
  w.energy_pj.resize(components_.size());
  for (std::size_t c = 0; c < components_.size(); ++c) {
    w.energy_pj[c] = now.component_pj[c] - prev_.component_pj[c];
    w.total_pj += w.energy_pj[c];
  }
  for (std::size_t c = 0; c < w.category_pj.size(); ++c) w.category_pj[c] = now.category_pj[c] - prev_.category_pj[c];
  w.bytes.dram_read_B = now.bytes.dram_read_B - prev_.bytes.dram_read_B;
  w.bytes.dram_write_B = now.bytes.dram_write_B - prev_.bytes.dram_write_B;
  w.bytes.pb_read_B = now.bytes.pb_read_B - prev_.bytes.pb_read_B;
  w.bytes.pb_load_B = now.bytes.pb_load_B - prev_.bytes.pb_load_B;
  w.bytes.dram_refresh_count = now.bytes.dram_refresh_count - prev_.bytes.dram_refresh_count;
  prev_ = std::move(now);
  window_start_ = end_ps;
  ++windows_;
  if (sink_) sink_(w);
}

void PowerSampler::sample(std::uint64_t t_ps) {
  if (finished_) return;
  while (window_start_ + window_ps_ <= t_ps) close(window_start_ + window_ps_);
}

void PowerSampler::finish(std::uint64_t end_ps) {
  if (finished_) return;
  while (window_start_ + window_ps_ < end_ps) close(window_start_ + window_ps_);
  close(std::max(end_ps, window_start_));  // the last window: partial, whole, or of zero length
  finished_ = true;
}

}  // namespace sushi::traces
