// Per-action energy figures, each with its unit basis and its published source.
// Loaded by platform/config from vp_configs/energy/*.yaml; models look entries up by key
// (e.g. "compute.mac_int8") and register the cost with the EnergyLedger.
#pragma once

#include <map>
#include <optional>
#include <stdexcept>
#include <string>

namespace sushi {

// What one counted unit of an action is. Table entries may be given per bit for byte-counted
// actions (x8) and as a power (per second) for time-counted actions (counted in ps).
enum class CountUnit { event, byte, ps };

const char* to_string(CountUnit u);

struct EnergyEntry {
  double pj_per_unit = 0.0;  // picojoules per counted unit (event, byte or ps)
  CountUnit unit = CountUnit::event;
  std::string given;   // the value as written in the table, e.g. "8 pJ/bit" or "9.9 mW"
  std::string source;  // publication, datasheet or tool the value comes from
  std::string origin;  // "file:line" where it was defined (for error messages)
};

class EnergyTableError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class EnergyTable {
 public:
  void set(const std::string& key, EnergyEntry e) { entries_[key] = std::move(e); }
  bool has(const std::string& key) const { return entries_.count(key) != 0; }
  // Throws EnergyTableError naming the key (and the table's files) when missing.
  const EnergyEntry& at(const std::string& key) const;
  const std::map<std::string, EnergyEntry>& entries() const { return entries_; }
  void set_name(std::string n) { name_ = std::move(n); }
  const std::string& name() const { return name_; }

 private:
  std::string name_ = "unnamed";
  std::map<std::string, EnergyEntry> entries_;
};

}  // namespace sushi
