// Sweep files: a base platform config plus parameters, expanded into points.
//
// A sweep file (YAML, docs/sweeps.md) names a base config, fixed overrides (`set:`), and
// parameters, each a list of values or a range with a step; they combine as a cartesian product
// or zipped, optionally repeated over seeds. load_sweep() parses and expands it; validate_sweep()
// loads the base config with each point's overrides through the platform schema, so an invalid
// sweep fails (ConfigError naming the sweep file, line and parameter; exit 2) before anything runs.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "config/config_error.h"
#include "config/schema.h"

namespace sushi::sweep {

// One swept key and its values, in sweep order.
struct Parameter {
  std::string key;                  // dotted config key, e.g. "sram.scratch.size"
  config::SourceLoc loc;            // where the sweep file declares it
  std::vector<std::string> values;  // override texts ("256 KiB", "random", "[a.yaml, b.yaml]")
  std::vector<std::string> labels;  // the values as written (paths not made absolute), for tables
  // For quantity keys, the values in the base unit (bytes, Hz, ps...) and that unit, so
  // results.csv can carry a numeric column "<key>_<unit>" beside the text; empty otherwise.
  std::vector<double> base_values;
  std::string base_unit;
  int group = -1;                   // zip group (parameters: zip:), -1 if none
};

// A fixed override from `set:`.
struct FixedOverride {
  std::string key;
  std::string value;
  config::SourceLoc loc;
};

struct Point {
  std::size_t index = 0;
  std::string id;                      // "p0007": stable, from the index
  std::vector<std::size_t> choice;     // per parameter: index into Parameter::values
  std::vector<std::string> overrides;  // every --set of the run: fixed ones, then parameters
};

enum class Combine { cartesian, zip };

struct Sweep {
  std::string file;                    // the sweep file as given
  std::string base;                    // base config, absolute
  config::SourceLoc base_loc;
  std::vector<FixedOverride> fixed;
  std::vector<Parameter> parameters;   // the seeds, if any, are the last (key sim.seed)
  Combine combine = Combine::cartesian;
  std::optional<double> timeout_s;     // per point; nullopt = none
  std::vector<std::string> metrics;    // summary.json paths for results.csv
  std::vector<Point> points;

  // The exact command-line identity of a point (base + overrides), stored in its .done marker
  // so a changed sweep re-runs the points whose overrides changed.
  std::string fingerprint(const Point& p) const;
  // "point p0003 (sram.scratch.size=1 MiB, sim.seed=2)", for messages.
  std::string describe(const Point& p) const;
  // Where the i-th override of every point (0-based, --set #i+1) comes from in the sweep file.
  std::pair<config::SourceLoc, std::string> origin(std::size_t override_index) const;
};

// Metrics written to results.csv when the sweep names none: present in every run today.
const std::vector<std::string>& default_metrics();

// Parses and expands a sweep file. `schema` types the parameters (ranges need a quantity or a
// number; values of path keys are made absolute against the sweep file's folder).
// Throws config::ConfigError located in the sweep file.
Sweep load_sweep(const std::string& file, const config::Schema& schema);

// Loads the base config with every point's overrides (Config::load) and the energy tables the
// point uses. Throws config::ConfigError naming the sweep file, the line of the parameter or
// `set:` entry responsible and the point id; errors inside the base config keep their location.
void validate_sweep(const Sweep& sweep, const config::Schema& schema);

// "90 s", "10 min", "2 h", "500 ms" -> seconds; "none" -> nullopt. Throws std::invalid_argument.
std::optional<double> parse_duration_s(const std::string& text);

// "p0007": at least 4 digits, more when the sweep has more points.
std::string point_id(std::size_t index, std::size_t count);

}  // namespace sushi::sweep
