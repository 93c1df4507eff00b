#include "platform_schema.h"
#include "config/params_visitors.h"
#include "config/sched_params.h"
#include "cpu/cpu_params.h"
#include "cpu/rv32/rv32_params.h"
#include "periph/query_port.h"
#include "periph/timer.h"

namespace sushi::config {

void declare_serving_keys(Schema& s) {
  s.boolean("accel.enabled", false,
            "Put the SushiAccel accelerator in the SoC (implied by cpu.kind: host or rv32)");

  declare_keys<CpuParams>(s);
  declare_keys<Rv32Params>(s);

  declare_keys<QueryPortParams>(s);
  declare_keys<TimerParams>(s);

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
  s.path("model.profile", "",
         "Latency profile measured by `sushi-vp profile` (JSON) for the image's latency "
         "coefficients; empty: the analytic estimate (docs/sched.md)");

  declare_keys<SchedParams>(s);
}

}  // namespace sushi::config
