// The per-query record of a serving run: queries.csv and the serving metrics of summary.json.
//
// Rows are filled as queries arrive, start and end; traffic of a query is the difference of
// counters between its start and its end, its energy everything the ledger books in its service
// interval, dynamic and static (models/common/energy_attribution.h). The energy outside every
// service interval is the idle energy of the summary; per-query energies + idle energy = the
// run's total.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "common/energy_ledger.h"
#include "common/stats.h"

namespace sushi {

enum class QueryStatus { ok, dropped, accel_error, not_served };
const char* to_string(QueryStatus s);
// "meets_all", "miss_deadline", "miss_accuracy" (enum sushi_choice_reason).
const char* choice_name(std::uint32_t reason);

struct QueryRow {
  std::uint64_t id = 0;
  std::uint64_t arrival_ps = 0;
  std::uint64_t start_ps = 0;   // popped by the firmware
  std::uint64_t end_ps = 0;     // completion committed
  std::uint64_t slo_ps = 0;
  double min_accuracy_pct = 0;
  QueryStatus status = QueryStatus::not_served;
  std::string task;                    // its task (tasks.<name>; main without a tasks section)
  std::string processor;               // the accelerator that served it (sched.processors)
  std::int64_t subnet = -1;
  double accuracy_pct = 0;
  std::uint64_t macs = 0;
  std::uint64_t dram_weight_bytes = 0, dram_input_bytes = 0, dram_output_bytes = 0;
  std::uint64_t pb_bytes = 0;
  std::uint32_t choice = 0;            // enum sushi_choice_reason
  std::uint64_t pb_load_bytes = 0;     // PB loads issued while this query was in service
  std::uint64_t firmware_ps = 0;       // the firmware's own execution time between start and end
  std::uint64_t accel_ps = 0;          // the accelerator's busy time (jobs, PB loads) between them
  EnergyBreakdown energy;              // in the service interval, by category and kind (pJ)

  std::uint64_t latency_ps() const { return end_ps - arrival_ps; }
  bool met() const { return status == QueryStatus::ok && latency_ps() <= slo_ps; }
};

class QueryLog {
 public:
  explicit QueryLog(std::string accuracy_source) : accuracy_source_(std::move(accuracy_source)) {}

  QueryRow& add(std::uint64_t id);  // a new row, in arrival order
  QueryRow* find(std::uint64_t id);
  const std::vector<QueryRow>& rows() const { return rows_; }

  // One row per query; columns documented in docs/outputs.md.
  void write_csv(std::ostream& out) const;
  // The energy outside every service interval (and of queries still in service at the end).
  void set_idle(const EnergyBreakdown& idle, std::uint64_t idle_ps, const EnergyBreakdown& unfinished);

  // Latency percentiles, SLO attainment, accuracy, throughput, energy per query and idle...
  // With `task`, over that task's queries alone (and without the idle-energy keys, which are the run's).
  Json summary(std::uint64_t sim_end_ps, const std::string* task = nullptr) const;

 private:
  std::string accuracy_source_;
  std::vector<QueryRow> rows_;
  std::vector<std::size_t> index_;  // id -> row, ids are dense from 0 in practice
  EnergyBreakdown idle_, unfinished_;
  std::uint64_t idle_ps_ = 0;
};

}  // namespace sushi
