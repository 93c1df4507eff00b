#include "platform_schema.h"

namespace sushi::config {

void declare_serving_keys(Schema& s) {
  s.boolean("accel.enabled", false,
            "Put the SushiAccel accelerator in the SoC (implied by cpu.kind: host)");

  s.describe_section("cpu",
                     "The embedded core that runs the SushiSched firmware (docs/cpu.md). host: the "
                     "firmware's C code runs natively in the CPU model's thread; every MMIO access "
                     "is a TLM transaction and firmware compute time is charged by the cost model.");
  s.choice("cpu.kind", "none", {"none", "host"},
           "none: no CPU (traffic-generator SoCs); host: host-compiled firmware");
  s.quantity("cpu.clock", KeyType::frequency, "1 GHz", "1 MHz", "10 GHz", "CPU clock (cost model cycles)");
  s.integer("cpu.cost.query_cycles", 200, 0, 100000000,
            "Cycles charged per query handled (request read, bookkeeping, completion record)");
  s.integer("cpu.cost.candidate_cycles", 20, 0, 100000000,
            "Cycles charged per catalog entry the scheduler examines");
  s.integer("cpu.cost.layer_cycles", 10, 0, 100000000,
            "Cycles charged per PB-map or descriptor entry the firmware prepares");
  s.integer("cpu.cost.boot_cycles", 1000, 0, 100000000, "Cycles charged once for image validation");
  s.string("cpu.cycle_energy", "cpu.core_cycle", "Energy-table entry charged per busy CPU cycle");

  s.describe_section("query_port",
                     "The mailbox between the workload and the firmware (docs/query-port.md).");
  s.integer("query_port.base", 0x40010000LL, 0, std::nullopt, "Register block address");
  s.integer("query_port.fifo_depth", 16, 1, 65536,
            "Request FIFO capacity; a query arriving when it is full is dropped (and counted)");

  s.describe_section("timer", "Timer and interrupt controller (docs/query-port.md).");
  s.integer("timer.base", 0x40020000LL, 0, std::nullopt, "Register block address");

  s.describe_section("model",
                     "The served SuperNet: its catalog, and where the model image, the weights "
                     "and the activation arena live in DRAM (docs/supernet.md).");
  s.path("model.catalog", "<vp_configs>/catalogs/ofa-resnet50.csv",
         "Catalog of served SubNets (CSV or YAML; its arch is read from the file)");
  s.string("model.dram", "main", "DRAM instance (dram.<name>) holding image, weights and activations");
  s.quantity("model.weights_offset", KeyType::size, "0 B", "0 B", "1 TiB",
             "Offset of the SuperNet's weights inside that DRAM");
  s.quantity("model.act_offset", KeyType::size, "512 MiB", "0 B", "1 TiB",
             "Offset of the activation arena inside that DRAM");
  s.quantity("model.image_offset", KeyType::size, "1 GiB", "0 B", "1 TiB",
             "Offset of the model image inside that DRAM");
  s.quantity("model.scratch_offset", KeyType::size, "1040 MiB", "0 B", "1 TiB",
             "Offset of the firmware's working memory (PB maps, PB load lists) inside that DRAM");
  s.quantity("model.scratch_size", KeyType::size, "1 MiB", "4 KiB", "1 GiB", "Firmware working memory size");
}

}  // namespace sushi::config
