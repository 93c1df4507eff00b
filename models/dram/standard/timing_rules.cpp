#include "dram/standard/timing_rules.h"

#include "dram/dram_params.h"

namespace sushi::dram {

DramStandard standard_of(const DramSpec& spec) {
  return parse_name(kDramStandardNames, spec.memory_type, "memory_type");
}

TimingRules timing_rules(const DramSpec& spec) {
  switch (standard_of(spec)) {
    case DramStandard::ddr4: return ddr4_timing_rules(spec);
    case DramStandard::lpddr4: return lpddr4_timing_rules(spec);
  }
  return ddr4_timing_rules(spec);
}

}  // namespace sushi::dram
