// Names of the controller's policy choices, listed once per enum (the table beside each enum),
// and the lookups every parser and schema uses: a config key, a C++ enum and docs never drift.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <vector>

#include "util/params.h"
#include "dram_params_error.h"

namespace sushi::dram {

// The one name-table entry type of the project (models/common/params.h); the lookups below take
// the std::array tables of the DRAM policies (the schema reads them through params::names_of).
template <class E>
using EnumName = params::Named<E>;

template <class E, std::size_t N>
const char* name_of(const std::array<EnumName<E>, N>& table, E v) {
  for (const auto& e : table) {
    if (e.value == v) return e.name;
  }
  return "?";
}

// Throws DramParamError naming `key` and listing the allowed names.
template <class E, std::size_t N>
E parse_name(const std::array<EnumName<E>, N>& table, const std::string& text, const std::string& key) {
  std::string allowed;
  for (const auto& e : table) {
    if (text == e.name) return e.value;
    allowed += (allowed.empty() ? "" : ", ") + std::string(e.name);
  }
  throw DramParamError(key, "must be one of: " + allowed + " (got '" + text + "')");
}

}  // namespace sushi::dram
