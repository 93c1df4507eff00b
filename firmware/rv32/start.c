/* C start of the RV32 firmware (called by crt0.S): runs main and reports its status to the
 * core-local EXIT register, which stops the core (0: finished normally). */
#include "rv32_csr.h"

int main(void);
void rv32_c_start(void);

void rv32_c_start(void) {
  const int status = main();
  RV32_LOCAL_REG(SUSHI_RV32_REG_EXIT) = (uint32_t)status;
  for (;;) {
  }
}
