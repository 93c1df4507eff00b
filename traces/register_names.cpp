#include "traces/register_names.h"

#include "sushi/accel_regs.h"
#include "sushi/query_port_regs.h"
#include "sushi/timer_regs.h"

namespace sushi::traces {
namespace {

const std::vector<RegisterName> kAccel = {
#include "register_names_accel.inc"
};
const std::vector<RegisterName> kQueryPort = {
#include "register_names_query_port.inc"
};
const std::vector<RegisterName> kTimer = {
#include "register_names_timer.inc"
};

}  // namespace

const std::vector<RegisterName>* register_block(std::string_view component) {
  if (component == "accel") return &kAccel;
  if (component == "query_port") return &kQueryPort;
  if (component == "timer") return &kTimer;
  return nullptr;
}

const char* register_name(const std::vector<RegisterName>& block, std::uint32_t offset) {
  for (const RegisterName& r : block) {
    if (r.offset == offset) return r.name;
  }
  return nullptr;
}

}  // namespace sushi::traces
