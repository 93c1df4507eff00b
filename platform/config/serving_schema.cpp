#include "platform_schema.h"
#include "config/params_visitors.h"
#include "config/sched_params.h"
#include "config/serving_params.h"
#include "config/task_params.h"
#include "cpu/cpu_params.h"
#include "cpu/rv32/rv32_params.h"
#include "periph/query_port.h"
#include "periph/timer.h"

namespace sushi::config {

void declare_serving_keys(Schema& s) {
  declare_keys<ServingParams>(s);

  declare_keys<CpuParams>(s);
  declare_keys<Rv32Params>(s);

  declare_keys<QueryPortParams>(s);
  declare_keys<TimerParams>(s);

  declare_keys<ServedModelParams>(s);

  declare_keys<SchedParams>(s);
  declare_keys<TasksParams>(s);
}

}  // namespace sushi::config
