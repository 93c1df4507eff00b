/* Entry point of the firmware (host mode: called by the CPU model's thread). */
#ifndef SUSHI_FW_MAIN_H
#define SUSHI_FW_MAIN_H

#ifdef __cplusplus
extern "C" {
#endif

void sushi_firmware_main(void);

#ifdef __cplusplus
}
#endif

#endif /* SUSHI_FW_MAIN_H */
