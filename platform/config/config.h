// A validated configuration: every key known to the schema, typed, in range, defaults filled.
//
// Config::load() reads a file with its includes, applies --set overrides, and validates against
// the schema. Any problem throws ConfigError naming file, line, column and key path; the CLI
// turns that into exit status 2 before any simulation starts. Getters return base units
// (bytes, Hz, ps, bytes/s, pJ, W) and throw std::logic_error for keys the schema lacks (a
// programming error, not a user error).
#pragma once

#include <cstdint>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "config_error.h"
#include "config_tree.h"
#include "schema.h"

namespace sushi::config {

class Config {
 public:
  static Config load(const std::string& file, const std::vector<std::string>& overrides,
                     const Schema& schema);
  static Config from_tree(const ConfigNode& tree, const Schema& schema);

  bool is_set(const std::string& path) const;  // set by a file or override (not a default)
  // The first key under `section` ("workload") set by a file or override, or "" if none.
  std::string first_set_under(const std::string& section) const;
  // Every key set by a file or override, in output order.
  std::vector<std::string> set_keys() const;

  std::uint64_t size(const std::string& path) const;
  double frequency_hz(const std::string& path) const;
  double time_ps(const std::string& path) const;
  double bandwidth_bps(const std::string& path) const;  // bytes per second
  double energy_pj(const std::string& path) const;
  double power_w(const std::string& path) const;
  double length_mm(const std::string& path) const;
  long long integer(const std::string& path) const;
  double real(const std::string& path) const;
  bool boolean(const std::string& path) const;
  const std::string& string(const std::string& path) const;  // also for choices
  std::string path(const std::string& path) const;          // resolved against its file's dir
  std::vector<std::string> strings(const std::string& path) const;
  std::vector<std::string> paths(const std::string& path) const;

  // Names of the instances under a wildcard section ("address_map" -> {"dram", "sram"}), in the
  // order they were written.
  std::vector<std::string> instances(const std::string& section) const;

  SourceLoc loc(const std::string& path) const;
  // Throws ConfigError located at `path` (for cross-key checks such as overlapping regions).
  [[noreturn]] void fail(const std::string& path, const std::string& message) const;

  // The full effective configuration (defaults included) as YAML; paths resolved.
  void write_resolved_yaml(std::ostream& out) const;
  const std::string& top_file() const { return top_file_; }

 private:
  struct Entry {
    KeySpec spec;  // copied: a Config outlives the Schema it was validated against
    std::string text;                // scalar text as written (or default)
    std::vector<std::string> list;   // for list types
    double number = 0.0;             // base-unit value for quantities and numbers
    long long integer = 0;
    bool set = false;
    SourceLoc loc;
  };
  const Entry& entry(const std::string& path, const char* want) const;

  std::string top_file_;
  std::vector<std::string> order_;          // concrete paths in output order
  std::map<std::string, Entry> entries_;
  std::map<std::string, std::vector<std::string>> instances_;
};

}  // namespace sushi::config
