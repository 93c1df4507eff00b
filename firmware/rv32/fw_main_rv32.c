/* main() of the cross-compiled firmware: the same sushi_firmware_main as host mode. */
#include "fw_main.h"

int main(void) {
  sushi_firmware_main();
  return 0;
}
