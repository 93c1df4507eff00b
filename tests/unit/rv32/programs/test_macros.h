/* Macros of the RV32 instruction test programs (assembly, through the C preprocessor).
 * Each program starts at _start, writes its results one word at a time to `signature` (s11 is
 * the write pointer) and ends with EXIT_OK. The gtest (test_rv32_isa.cpp) compares the words. */
#define LOCAL_REGS 0x02000000
#define REG_MTIMECMP_LO 0x00
#define REG_MTIMECMP_HI 0x04
#define REG_MTIME_LO 0x08
#define REG_WINDOW_LO 0x10
#define REG_WINDOW_HI 0x14
#define REG_EXIT 0x3C

#define SIG_INIT la s11, signature
#define SIG(r) sw r, 0(s11); addi s11, s11, 4
#define TEST_RR(op, v1, v2) li a1, v1; li a2, v2; op a3, a1, a2; SIG(a3)
#define TEST_RI(op, v1, imm) li a1, v1; op a3, a1, imm; SIG(a3)
/* Records 1 if the branch is taken, 2 if not. */
#define TEST_BR(op, v1, v2) li a1, v1; li a2, v2; op a1, a2, 81f; li a3, 2; j 82f; 81: li a3, 1; 82: SIG(a3)

#define EXIT_OK li t6, LOCAL_REGS; sw zero, REG_EXIT(t6); 99: j 99b

#define SIGNATURE_REGION(words) \
  .data; .balign 4; .globl signature; signature: .fill words, 4, 0xdeadbeef; .globl end_signature; end_signature:
