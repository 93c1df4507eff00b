#include "energy_table.h"

namespace sushi {

const char* to_string(CountUnit u) {
  switch (u) {
    case CountUnit::event: return "event";
    case CountUnit::byte: return "byte";
    case CountUnit::ps: return "ps";
  }
  return "?";
}

const EnergyEntry& EnergyTable::at(const std::string& key) const {
  auto it = entries_.find(key);
  if (it == entries_.end()) {
    throw EnergyTableError("energy table '" + name_ + "' has no entry '" + key +
                           "' (add it with value, unit and source)");
  }
  return it->second;
}

}  // namespace sushi
