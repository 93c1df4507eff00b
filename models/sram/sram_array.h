// The SRAM array core: capacity, word-interleaved banks, ports, cycle timing, access counting,
// energy and leakage. A plain C++ object, so the accelerator can account a whole tile (e.g. a
// 16 KiB weight tile) as one burst without a TLM hop per word; SramTarget wraps it as a TLM target.
// Leakage accrues with simulated time: the array is a static energy source of its ledger, which
// books leakage x time up to each reading (EnergyLedger::accrue).
//
// Timing rule (docs/sram.md, exact):
//   An access of `bytes` at `offset` covers words first = offset / W .. last = (offset+bytes-1) / W
//   (W = word_bytes), n = last - first + 1 words; word i lives in bank i % banks.
//   The access takes the port that is free earliest (lowest index on ties) and starts at the first
//   clock edge (multiple of the clock period) not before max(request time, port free time).
//   The port issues one word per cycle: word k is issued at
//       c_0 = max(start, bank_free[b_0]),  c_k = max(c_{k-1} + T, bank_free[b_k])
//   and the bank is then busy: bank_free[b_k] = c_k + bank_busy_cycles x T.
//   A word issued later than planned is a bank conflict; the delay (in cycles) is the conflict
//   penalty. Completion = c_{n-1} + latency x T (read or write latency); the port is free again at
//   c_{n-1} + T.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/energy_ledger.h"
#include "common/stats.h"
#include "sram_energy_table.h"
#include "sram_params.h"

namespace sushi::sram {

enum class AccessKind { read, write };

struct SramAccessResult {
  std::uint64_t start_ps = 0;       // clock edge at which the first word issued
  std::uint64_t done_ps = 0;        // data out (read) or write retired
  std::uint64_t words = 0;          // words accessed (= energy events)
  std::uint64_t conflict_cycles = 0;  // cycles lost to bank conflicts in this access
  std::uint32_t port = 0;
};

struct SramCounters {
  std::uint64_t reads = 0;   // read accesses (bursts)
  std::uint64_t writes = 0;  // write accesses (bursts)
  std::uint64_t read_words = 0;
  std::uint64_t write_words = 0;
  std::uint64_t read_bytes = 0;
  std::uint64_t write_bytes = 0;
  std::uint64_t bank_conflicts = 0;        // words that waited for a busy bank
  std::uint64_t bank_conflict_cycles = 0;  // cycles those words waited
  std::uint64_t port_wait_ps = 0;          // time accesses waited for a free port
  std::uint64_t occupancy_hwm_bytes = 0;
  std::uint64_t leakage_ps = 0;            // simulated time already booked with leakage
};

class SramArray final : public StaticEnergySource {
 public:
  // `name` is the component path used in the energy ledger (e.g. "soc.accel.pb").
  // `ledger` may be null: counters and energies are still kept here.
  SramArray(std::string name, const SramParams& params, const SramEnergy& energy,
            EnergyLedger* ledger = nullptr);
  // Convenience: looks the energy up in `table` for this geometry.
  SramArray(std::string name, const SramParams& params, const SramEnergyTable& table,
            EnergyLedger* ledger = nullptr);
  ~SramArray() override;
  SramArray(const SramArray&) = delete;
  SramArray& operator=(const SramArray&) = delete;

  // Throws SramError if [offset, offset+bytes) is not inside the array or bytes == 0.
  void check_range(std::uint64_t offset, std::uint64_t bytes) const;

  // Times, counts and charges one access (a burst of whole words) requested at absolute time
  // `at_ps`. Throws SramError when out of range.
  SramAccessResult access(AccessKind kind, std::uint64_t offset, std::uint64_t bytes,
                          std::uint64_t at_ps);
  // Counts and charges one access like access() without timing it, for an owner whose model
  // times the array itself (the accelerator's tile model, docs/accel.md): no port or bank is
  // taken, so no access waits or conflicts. Returns the words accessed.
  std::uint64_t count(AccessKind kind, std::uint64_t offset, std::uint64_t bytes);

  // Owners that allocate space (e.g. the PB holding a SubGraph) report how much is in use; writes
  // also raise the high-water mark to the end of the written range. Throws above capacity.
  void note_occupancy(std::uint64_t bytes);

  // Books leakage for simulated time up to `t_ps` (monotonic; earlier times are ignored). The
  // ledger calls it at each reading; without a ledger the owner calls it.
  void accrue(std::uint64_t t_ps) override;

  const SramParams& params() const { return p_; }
  const SramEnergy& energy() const { return e_; }
  const SramCounters& counters() const { return c_; }
  const std::string& name() const { return name_; }
  double read_energy_pj() const { return static_cast<double>(c_.read_words) * e_.read.pj_per_unit; }
  double write_energy_pj() const { return static_cast<double>(c_.write_words) * e_.write.pj_per_unit; }
  double leakage_energy_pj() const { return static_cast<double>(c_.leakage_ps) * e_.leakage.pj_per_unit; }
  double total_energy_pj() const { return read_energy_pj() + write_energy_pj() + leakage_energy_pj(); }

  // Statistics with unit suffixes (docs/sram.md).
  void report_stats(Json& out) const;

 private:
  void charge(AccessKind kind, std::uint64_t offset, std::uint64_t bytes, std::uint64_t words);
  // Words [offset, offset + bytes) covers: first = offset / W .. last = (offset + bytes - 1) / W.
  std::uint64_t words(std::uint64_t offset, std::uint64_t bytes) const {
    return (offset + bytes - 1) / p_.word_bytes - offset / p_.word_bytes + 1;
  }
  std::string name_;
  SramParams p_;
  SramEnergy e_;
  EnergyLedger* ledger_;
  ActionId read_id_ = 0, write_id_ = 0, leak_id_ = 0;
  std::vector<std::uint64_t> bank_free_ps_;
  std::vector<std::uint64_t> port_free_ps_;
  std::vector<std::uint64_t> first_round_;  // scratch: issue times of the first `banks` words
  SramCounters c_;
};

}  // namespace sushi::sram
