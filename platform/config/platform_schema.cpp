#include "platform_schema.h"

#include "accel_config.h"
#include "workload_config.h"

namespace sushi::config {

Schema build_platform_schema() {
  Schema s;
  declare_sim_keys(s);
  declare_energy_keys(s);
  declare_soc_keys(s);
  declare_noc_keys(s);
  declare_accel_keys(s);
  declare_serving_keys(s);
  declare_workload_keys(s);
  declare_trace_keys(s);
  return s;
}

void declare_sim_keys(Schema& s) {
  s.describe_section("sim", "Simulation control: seed, temporal decoupling, time limit.");
  s.integer("sim.seed", 1, 0, std::nullopt,
            "Seed of every random stream (workload, traffic); same config + seed = identical outputs");
  s.quantity("sim.quantum", KeyType::time, "1 us", "1 ps", "1 s",
            "Global quantum of temporal decoupling (tlm_quantumkeeper): initiators run ahead of "
            "the kernel by at most this much");
  s.quantity("sim.stop_time", KeyType::time, "10 s", "1 ns", "100000 s",
             "Simulated-time limit; the run ends earlier when every initiator has finished");
}

void declare_energy_keys(Schema& s) {
  s.describe_section("energy", "Energy tables: per-action energies, each with unit and source.");
  s.path_list("energy.tables", "[<vp_configs>/energy/default-45nm.yaml]",
              "Energy tables loaded in order (later entries override earlier ones); "
              "<vp_configs> is the shipped vp_configs/ folder");
  s.path("energy.sram_table", "<vp_configs>/energy/sram-45nm-cacti.yaml",
         "SRAM access and leakage energy by array size and word width (docs/sram.md)");
  s.path("energy.noc_table", "<vp_configs>/energy/noc-noxim.yaml",
         "NoC router and link energy by flit width and link length (docs/noc.md)");
}

}  // namespace sushi::config
