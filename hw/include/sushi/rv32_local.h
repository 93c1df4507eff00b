/* The RV32 core's local address space (models/cpu/rv32, firmware/rv32, docs/rv32.md).
 *
 *   0x0000_0000 .. LMEM_SIZE   local memory (code, data, stack; fetched with DMI, never on the bus)
 *     0x0000_0000 .. 0x0000_00FF  boot info block: a struct sushi_boot_info written by the platform
 *                                 before reset (little-endian, the C layout of sushi/hal.h)
 *     0x0000_0100 ..              the firmware image (linker script firmware/rv32/sushi_fw.ld);
 *                                 at most 32 MiB of local memory (cpu.rv32.local_memory)
 *   0x0200_0000 .. 0x0200_00FF   core-local registers (below): timer, bus window, fault record,
 *                                 log, exit, block transfer
 *   0x4000_0000 .. 0x7FFF_FFFF   the bus window: the SoC at WINDOW + (address - 0x4000_0000), where
 *                                 WINDOW is a 64-bit, 1 GiB-aligned bus address (registers below);
 *                                 how a 32-bit core reaches DRAM above 4 GiB
 *   anything else                 the SoC at the same (zero-extended) address
 * Loads and stores outside the local memory and registers are TLM transactions from the core's
 * initiator socket.
 *
 * 32-bit registers, byte offsets from SUSHI_RV32_LOCAL_REGS. Freestanding C11: <stdint.h> only. */
#ifndef SUSHI_RV32_LOCAL_H
#define SUSHI_RV32_LOCAL_H

#define SUSHI_RV32_LMEM_BASE        0x00000000u
#define SUSHI_RV32_BOOT_INFO_ADDR   0x00000000u /* struct sushi_boot_info */
#define SUSHI_RV32_BOOT_INFO_BYTES  0x00000100u /* reserved for it */
#define SUSHI_RV32_LOCAL_REGS       0x02000000u
#define SUSHI_RV32_LOCAL_REGS_SIZE  0x00000100u

/* Machine timer (mip.MTIP = MTIME >= MTIMECMP): MTIME counts ns of simulated time since start,
 * like the SoC timer's MTIME (sushi/timer_regs.h). */
#define SUSHI_RV32_REG_MTIMECMP_LO  0x00u /* RW (reset: all ones = never) */
#define SUSHI_RV32_REG_MTIMECMP_HI  0x04u /* RW */
#define SUSHI_RV32_REG_MTIME_LO     0x08u /* RO: ns; reading LO latches HI */
#define SUSHI_RV32_REG_MTIME_HI     0x0Cu /* RO */
/* Bus window: bus address of the window's first byte (1 GiB aligned: low 30 bits read 0). */
#define SUSHI_RV32_REG_WINDOW_LO    0x10u /* RW (reset 0) */
#define SUSHI_RV32_REG_WINDOW_HI    0x14u /* RW (reset 0) */
#define SUSHI_RV32_WINDOW_BASE      0x40000000u
#define SUSHI_RV32_WINDOW_BYTES     0x40000000u
/* Fault record: the firmware fills CODE, MSG, PC, CAUSE, TVAL, then writes RAISE; the core stops
 * and the run ends with the fault (exit status 1). MSG points to a NUL-terminated string in local
 * memory (0 = none). */
#define SUSHI_RV32_REG_FAULT_CODE   0x20u
#define SUSHI_RV32_REG_FAULT_MSG    0x24u
#define SUSHI_RV32_REG_FAULT_PC     0x28u
#define SUSHI_RV32_REG_FAULT_CAUSE  0x2Cu /* mcause of a trap, else 0 */
#define SUSHI_RV32_REG_FAULT_TVAL   0x30u /* mtval of a trap, else 0 */
#define SUSHI_RV32_REG_FAULT_RAISE  0x34u /* WO: any value */
#define SUSHI_RV32_REG_LOG          0x38u /* WO: address of a NUL-terminated string to log */
#define SUSHI_RV32_REG_EXIT         0x3Cu /* WO: the firmware finished with this status (0 = ok) */
/* Block transfer: one bus transaction of BLK_BYTES bytes between the bus address BLK_BUS and the
 * local memory at BLK_LOCAL (a burst, as the host CPU model does for hal_read / hal_write), no
 * bus window needed. Writing BLK_START starts it; the store completes when the bus answers (its
 * latency stalls the core like a load's). A bus error, a local range outside the local memory,
 * zero bytes or another START value make the START store a store access fault. */
#define SUSHI_RV32_REG_BLK_BUS_LO   0x40u /* RW */
#define SUSHI_RV32_REG_BLK_BUS_HI   0x44u /* RW */
#define SUSHI_RV32_REG_BLK_LOCAL    0x48u /* RW: local-memory address */
#define SUSHI_RV32_REG_BLK_BYTES    0x4Cu /* RW */
#define SUSHI_RV32_REG_BLK_START    0x50u /* WO: SUSHI_RV32_BLK_READ or SUSHI_RV32_BLK_WRITE */
#define SUSHI_RV32_BLK_READ         1u    /* bus -> local memory */
#define SUSHI_RV32_BLK_WRITE        2u    /* local memory -> bus */

/* Fault codes of the RV32 build (sushi/fw_faults.h holds the portable ones). */
#define SUSHI_FAULT_RV32_TRAP       0xC0u /* an unexpected exception (illegal instruction, misaligned...) */
#define SUSHI_FAULT_RV32_TRAP_LOOP  0xC1u /* an exception inside a trap handler (raised by the ISS) */
#define SUSHI_FAULT_RV32_EXIT       0xC2u /* the firmware exited with a non-zero status */
#define SUSHI_FAULT_RV32_KILLED     0xC3u /* a debugger ended the run (gdb kill; raised by the ISS) */

#endif /* SUSHI_RV32_LOCAL_H */
