#include "platform_schema.h"
#include "config/params_visitors.h"
#include "config/sched_names.h"
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

  s.describe_section("sched",
                     "SushiSched, run by the firmware: SubNet selection and the SubGraph caching "
                     "policy of the Persistent Buffer (docs/sched.md).");
  s.choice("sched.objective", "accuracy", params::names_of(kObjectiveNames),
           "accuracy: the most accurate SubNet whose predicted completion meets the deadline "
           "(else the fastest meeting the accuracy floor, else the fastest); min_latency: the "
           "fastest SubNet meeting the accuracy floor");
  s.choice("sched.cache.policy", "none", params::names_of(kCachePolicyNames),
           "none: no PB use; static: one SubGraph planned at boot from the catalog; sgs: re-plan "
           "the SubGraph for the last `window` queries every `window` queries (and/or every "
           "`period`), loading only changed blocks; lru: a layer-region cache managed on each "
           "query; oracle: sgs planned on the next `window` queries' SubNets (an upper bound)");
  s.integer("sched.cache.window", 16, 0, 256,
            "sgs/oracle: queries per plan and queries the plan looks at (0: plan by period only, sgs)");
  s.quantity("sched.cache.period", KeyType::time, "0 s", "0 s", "1000 s",
             "sgs: also re-plan when this much simulated time passed since the last plan (0 s: off)");
  s.boolean("sched.cache.reload_guard", false,
            "sgs/oracle: load a new plan only when, over the window it was planned for, it saves more DRAM "
            "weight bytes than its reload moves and more predicted accelerator time than the reload takes");
}

}  // namespace sushi::config
