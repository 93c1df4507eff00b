#include "soc/query_log.h"

#include <fmt/format.h>

#include "accel/accelerator.h"
#include "common/latency_stats.h"

namespace sushi {

const char* to_string(QueryStatus s) {
  switch (s) {
    case QueryStatus::ok: return "ok";
    case QueryStatus::dropped: return "dropped";
    case QueryStatus::accel_error: return "accel_error";
    case QueryStatus::not_served: return "not_served";
  }
  return "?";
}

QueryRow& QueryLog::add(std::uint64_t id) {
  if (id >= index_.size()) index_.resize(id + 1, SIZE_MAX);
  index_[id] = rows_.size();
  rows_.emplace_back();
  rows_.back().id = id;
  return rows_.back();
}

const char* choice_name(std::uint32_t reason) {
  switch (reason) {
    case 0: return "meets_all";
    case 1: return "miss_deadline";
    case 2: return "miss_accuracy";
  }
  return "unknown";
}

void QueryLog::set_idle(const EnergyBreakdown& idle, std::uint64_t idle_ps, const EnergyBreakdown& unfinished) {
  idle_ = idle;
  idle_ps_ = idle_ps;
  unfinished_ = unfinished;
}

QueryRow* QueryLog::find(std::uint64_t id) {
  if (id >= index_.size() || index_[id] == SIZE_MAX) return nullptr;
  return &rows_[index_[id]];
}

void QueryLog::write_csv(std::ostream& out) const {
  out << "id,arrival_us,start_us,end_us,latency_us,slo_us,met,status,task,processor,subnet,accuracy_pct,"
         "accuracy_source,min_accuracy_pct,macs,dram_weight_B,dram_input_B,dram_output_B,pb_read_B,"
         "pb_hit_pct,pb_load_B,choice,fw_us,accel_us";
  for (int c = 0; c < kEnergyCategoryCount; ++c) {
    out << ",energy_" << to_string(static_cast<EnergyCategory>(c)) << "_uJ";
  }
  out << ",energy_total_uJ,energy_dram_access_uJ,energy_dram_background_uJ\n";
  auto us = [](std::uint64_t ps) { return fmt::format("{:.6f}", static_cast<double>(ps) * 1e-6); };
  for (const QueryRow& r : rows_) {
    const bool served = r.status == QueryStatus::ok || r.status == QueryStatus::accel_error;
    out << r.id << ',' << us(r.arrival_ps) << ',' << (served ? us(r.start_ps) : "") << ','
        << (served ? us(r.end_ps) : "") << ',' << (served ? us(r.latency_ps()) : "") << ','
        << us(r.slo_ps) << ',' << (r.met() ? 1 : 0) << ',' << to_string(r.status) << ',' << r.task << ','
        << (served ? r.processor : "") << ',';
    if (r.subnet >= 0) {
      out << r.subnet << ',' << fmt::format("{:.3f}", r.accuracy_pct) << ',' << accuracy_source_;
    } else {
      out << ",,";
    }
    out << ',' << fmt::format("{:.3f}", r.min_accuracy_pct) << ',' << r.macs << ','
        << r.dram_weight_bytes << ',' << r.dram_input_bytes << ',' << r.dram_output_bytes << ','
        << r.pb_bytes << ','
        << fmt::format("{:.3f}", accel::pb_hit_pct(r.pb_bytes, r.dram_weight_bytes))
        << ',' << r.pb_load_bytes << ',' << (served ? choice_name(r.choice) : "") << ','
        << (served ? us(r.firmware_ps) : "") << ',' << (served ? us(r.accel_ps) : "");
    for (int c = 0; c < kEnergyCategoryCount; ++c) {
      out << ',' << fmt::format("{:.6f}", r.energy.of(static_cast<EnergyCategory>(c)) * 1e-6);
    }
    out << ',' << fmt::format("{:.6f}", r.energy.total() * 1e-6) << ','
        << fmt::format("{:.6f}", r.energy.at(EnergyCategory::dram, EnergyKind::activity) * 1e-6) << ','
        << fmt::format("{:.6f}", r.energy.at(EnergyCategory::dram, EnergyKind::background) * 1e-6) << '\n';
  }
}

Json QueryLog::summary(std::uint64_t sim_end_ps, const std::string* task) const {
  LatencyStats latency;
  std::uint64_t served = 0, met = 0, dropped = 0, errors = 0, not_served = 0;
  double acc_sum = 0, dram_sum = 0, firmware_ps = 0;
  EnergyBreakdown service;  // sum over served queries
  std::uint64_t weight_dram = 0, weight_pb = 0, pb_load = 0;
  std::uint64_t choices[3] = {0, 0, 0};
  std::uint64_t first_arrival = UINT64_MAX, last_end = 0;
  std::uint64_t rows = 0;
  for (const QueryRow& r : rows_) {
    if (task != nullptr && r.task != *task) continue;
    ++rows;
    first_arrival = std::min(first_arrival, r.arrival_ps);
    switch (r.status) {
      case QueryStatus::dropped: ++dropped; continue;
      case QueryStatus::not_served: ++not_served; continue;
      case QueryStatus::accel_error: ++errors; break;
      case QueryStatus::ok: break;
    }
    ++served;
    if (r.met()) ++met;
    latency.add(r.latency_ps());
    acc_sum += r.accuracy_pct;
    firmware_ps += static_cast<double>(r.firmware_ps);
    dram_sum += static_cast<double>(r.dram_weight_bytes + r.dram_input_bytes + r.dram_output_bytes);
    weight_dram += r.dram_weight_bytes;
    weight_pb += r.pb_bytes;
    pb_load += r.pb_load_bytes;
    if (r.choice < 3) ++choices[r.choice];
    service += r.energy;
    last_end = std::max(last_end, r.end_ps);
  }
  Json j;
  j["queries_count"] = rows;
  j["served_count"] = served;
  j["dropped_count"] = dropped;
  j["accel_error_count"] = errors;
  j["not_served_count"] = not_served;
  j["slo_met_count"] = met;
  // Attainment counts every arrived query: dropped and unserved ones miss their SLO.
  j["slo_attainment_pct"] = rows == 0 ? 0.0 : 100.0 * static_cast<double>(met) / static_cast<double>(rows);
  latency.to_json(j, "latency_", "ms", 1e9);
  j["mean_accuracy_pct"] = served ? acc_sum / static_cast<double>(served) : 0.0;
  j["fw_per_query_mean_us"] = served ? firmware_ps * 1e-6 / static_cast<double>(served) : 0.0;
  j["accuracy_source"] = accuracy_source_;
  const double span_s = (served && last_end > first_arrival) ? static_cast<double>(last_end - first_arrival) * 1e-12 : 0.0;
  j["throughput_qps"] = span_s > 0 ? static_cast<double>(served) / span_s : 0.0;
  // Energy: per served query (its service interval), then idle (outside every service interval).
  const double per = served ? 1e-6 / static_cast<double>(served) : 0.0;
  auto by_category = [](const EnergyBreakdown& e, double scale) {
    Json cat = Json::object();
    for (int c = 0; c < kEnergyCategoryCount; ++c) {
      cat[std::string(to_string(static_cast<EnergyCategory>(c))) + "_uJ"] = e.of(static_cast<EnergyCategory>(c)) * scale;
    }
    return cat;
  };
  j["energy_per_query_uJ"] = service.total() * per;
  j["energy_per_query_by_category"] = by_category(service, per);
  j["energy_per_query_dram_access_uJ"] = service.at(EnergyCategory::dram, EnergyKind::activity) * per;
  j["energy_per_query_dram_background_uJ"] = service.at(EnergyCategory::dram, EnergyKind::background) * per;
  j["service_energy_uJ"] = service.total() * 1e-6;
  j["idle_energy_uJ"] = idle_.total() * 1e-6;
  j["idle_energy_by_category"] = by_category(idle_, 1e-6);
  j["idle_dram_access_uJ"] = idle_.at(EnergyCategory::dram, EnergyKind::activity) * 1e-6;
  j["idle_dram_background_uJ"] = idle_.at(EnergyCategory::dram, EnergyKind::background) * 1e-6;
  j["idle_time_ms"] = static_cast<double>(idle_ps_) * 1e-9;
  j["unfinished_energy_uJ"] = unfinished_.total() * 1e-6;
  j["offchip_bytes_per_query_B"] = served ? dram_sum / static_cast<double>(served) : 0.0;
  j["pb_hit_pct"] = accel::pb_hit_pct(weight_pb, weight_dram);
  j["choice_meets_all_count"] = choices[0];
  j["choice_miss_deadline_count"] = choices[1];
  j["choice_miss_accuracy_count"] = choices[2];
  (void)pb_load;
  (void)sim_end_ps;
  if (task != nullptr) {
    for (const char* k : {"idle_energy_uJ", "idle_energy_by_category", "idle_dram_access_uJ", "idle_dram_background_uJ",
                          "idle_time_ms", "unfinished_energy_uJ"}) {
      j.erase(k);
    }
    j["slo_violation_pct"] = rows == 0 ? 0.0 : 100.0 - j["slo_attainment_pct"].get<double>();
    j["offchip_B"] = dram_sum;
  }
  return j;
}

}  // namespace sushi
