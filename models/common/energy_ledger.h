// The energy ledger: every component counts named actions; energy = count x cost per unit.
//
// Actions are declared once at elaboration (name, category, kind, cost with its source) and
// counted on the hot path through a small integer id, so counting is one array increment.
// Snapshots of the counts let callers attribute energy to an interval (e.g. one query) by
// difference.
//
// Static energy (leakage, DRAM standby and refresh, idle power) accrues with simulated time.
// Components that have it register as a StaticEnergySource; `accrue(t)` makes every source book
// its time-driven energy up to t (closed form: power x time since the last booking, in ps counts),
// so a reading taken right after accrue(t) holds exactly the energy of [0, t]. Readers (power
// windows, query boundaries, the end of the run) accrue before each snapshot; two readings then
// bound an interval exactly, whatever the components did in between.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "energy_table.h"

namespace sushi {

// Where an action's energy is reported in summaries. Fixed list so that summaries of
// different platforms stay comparable.
enum class EnergyCategory { dram, sram, noc, compute, cpu, other };
const char* to_string(EnergyCategory c);
constexpr int kEnergyCategoryCount = 6;

// What drives an action: work (activity: accesses, commands, MACs, instructions) or simulated
// time (background: leakage, DRAM standby and refresh, idle and clock power).
enum class EnergyKind { activity, background };
const char* to_string(EnergyKind k);
constexpr int kEnergyKindCount = 2;

struct ActionInfo {
  std::string name;  // full name: "<component path>.<action>", e.g. "soc.dram.ch0.act"
  EnergyCategory category = EnergyCategory::other;
  EnergyKind kind = EnergyKind::activity;
  EnergyEntry cost;  // pJ per counted unit, with source
};

using ActionId = std::uint32_t;

// Energy of an interval (or of a run) by category and kind, in pJ.
struct EnergyBreakdown {
  std::array<std::array<double, kEnergyKindCount>, kEnergyCategoryCount> pj{};  // [category][kind]

  double of(EnergyCategory c) const { return at(c, EnergyKind::activity) + at(c, EnergyKind::background); }
  double at(EnergyCategory c, EnergyKind k) const { return pj[static_cast<int>(c)][static_cast<int>(k)]; }
  double of(EnergyKind k) const;
  double total() const;
  std::vector<double> by_category() const;  // index = EnergyCategory
  EnergyBreakdown& operator+=(const EnergyBreakdown& o);
  EnergyBreakdown scaled(double f) const;
};

// A component whose energy accrues with simulated time.
class StaticEnergySource {
 public:
  virtual ~StaticEnergySource() = default;
  // Books the time-driven energy up to t_ps into the ledger's counts. Monotonic: a time at or
  // before what is already booked books nothing.
  virtual void accrue(std::uint64_t t_ps) = 0;
};

class EnergyLedger {
 public:
  using Snapshot = std::vector<std::uint64_t>;

  // Declares an action. Declaring the same name twice is an error (two components clashing).
  // The kind defaults to background for actions counted in ps (a power) and to activity
  // otherwise; event-counted background (DRAM refresh) says so.
  ActionId declare(const std::string& component, const std::string& action, EnergyCategory category,
                   const EnergyEntry& cost, std::optional<EnergyKind> kind = std::nullopt);

  void add(ActionId id, std::uint64_t n = 1) { counts_[id] += n; }

  // Static energy sources: registered by their owner for its lifetime.
  void add_source(StaticEnergySource* s);
  void remove_source(StaticEnergySource* s);
  // Every source books its energy up to t_ps (see the file comment).
  void accrue(std::uint64_t t_ps);
  std::uint64_t accrued_ps() const { return accrued_ps_; }  // latest time accrued to

  std::size_t size() const { return actions_.size(); }
  const ActionInfo& info(ActionId id) const { return actions_.at(id); }
  std::uint64_t count(ActionId id) const { return counts_.at(id); }
  double energy_pj(ActionId id) const { return static_cast<double>(counts_.at(id)) * actions_.at(id).cost.pj_per_unit; }
  // Looks an action up by full name; throws std::out_of_range if unknown.
  ActionId id_of(const std::string& name) const;

  Snapshot snapshot() const { return counts_; }
  // Energy between two snapshots (later - earlier), in pJ, by category and kind.
  EnergyBreakdown breakdown_pj(const Snapshot& earlier, const Snapshot& later) const;
  EnergyBreakdown breakdown_pj() const { return breakdown_pj(Snapshot(), counts_); }
  // Energy of each category between two snapshots (later - earlier), in pJ.
  std::vector<double> energy_by_category_pj(const Snapshot& earlier, const Snapshot& later) const {
    return breakdown_pj(earlier, later).by_category();
  }
  // Total energy so far per category, in pJ (index = EnergyCategory).
  std::vector<double> energy_by_category_pj() const { return breakdown_pj().by_category(); }
  double total_pj() const { return breakdown_pj().total(); }

 private:
  std::vector<ActionInfo> actions_;
  std::vector<std::uint64_t> counts_;
  std::unordered_map<std::string, ActionId> by_name_;
  std::vector<StaticEnergySource*> sources_;
  std::uint64_t accrued_ps_ = 0;
};

}  // namespace sushi
