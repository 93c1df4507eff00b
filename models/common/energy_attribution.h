// Splits a run's energy between the service intervals of jobs (queries) and the idle time
// outside them, from ledger readings taken at every interval boundary.
//
// At each boundary (a job begins or ends, or the run ends) the ledger accrues to the boundary's
// time and is read; the energy since the previous boundary (dynamic and static, by category and
// kind) goes to the jobs in service during that stretch, split equally between them when
// several are (the platform serves one at a time, so today each stretch has one job or none),
// or to idle when none is. Every stretch goes somewhere exactly once, so the jobs' energies plus
// the idle energy equal the ledger's total at the last boundary, up to floating-point rounding.
#pragma once

#include <cstdint>
#include <map>

#include "energy_ledger.h"

namespace sushi {

class EnergyAttribution {
 public:
  explicit EnergyAttribution(EnergyLedger& ledger) : ledger_(ledger), last_(ledger.snapshot()) {}

  // Job `id` enters service at t_ps (a job already in service: ignored).
  void begin(std::uint64_t id, std::uint64_t t_ps);
  // Job `id` leaves service at t_ps; returns its energy (zero for a job not in service).
  EnergyBreakdown end(std::uint64_t id, std::uint64_t t_ps);
  // Closes the stretch up to the end of the run (t_ps), e.g. the idle time after the last job.
  // Jobs still in service then (a run stopped by its time limit) keep their energy so far in
  // unfinished().
  void finish(std::uint64_t t_ps);

  const EnergyBreakdown& idle() const { return idle_; }
  const EnergyBreakdown& unfinished() const { return unfinished_; }
  std::uint64_t idle_ps() const { return idle_ps_; }  // time with no job in service
  std::size_t in_service() const { return open_.size(); }

 private:
  void boundary(std::uint64_t t_ps);

  EnergyLedger& ledger_;
  EnergyLedger::Snapshot last_;
  std::uint64_t last_ps_ = 0;
  std::map<std::uint64_t, EnergyBreakdown> open_;  // jobs in service: their energy so far
  EnergyBreakdown idle_, unfinished_;
  std::uint64_t idle_ps_ = 0;
};

}  // namespace sushi
