/* Fault codes the firmware reports through hal_fault (a run that ends with one exits 1 and names
 * it). Freestanding C11. */
#ifndef SUSHI_FW_FAULTS_H
#define SUSHI_FW_FAULTS_H

#define SUSHI_FAULT_IMAGE_MAGIC     0x10u /* model image: wrong magic */
#define SUSHI_FAULT_IMAGE_VERSION   0x11u /* model image: unsupported major version */
#define SUSHI_FAULT_IMAGE_SIZE      0x12u /* model image: header sizes disagree with the region */
#define SUSHI_FAULT_IMAGE_SECTION   0x13u /* model image: a section is missing, misplaced or overlaps */
#define SUSHI_FAULT_IMAGE_CRC       0x14u /* model image: checksum mismatch */
#define SUSHI_FAULT_IMAGE_CATALOG   0x15u /* model image: a catalog entry points outside its sections */
#define SUSHI_FAULT_IMAGE_LIMITS    0x16u /* model image: more SubNets or layers than the firmware holds */
#define SUSHI_FAULT_SCRATCH         0x17u /* scratch memory too small for the PB map and load list */
#define SUSHI_FAULT_TASKS           0x18u /* boot info: a bad task table (count, images) */
#define SUSHI_FAULT_ACCEL_ID        0x20u /* the accelerator's ID register is wrong */
#define SUSHI_FAULT_QUERY_PORT      0x21u /* the query port's ID register is wrong */
#define SUSHI_FAULT_BUS             0xB0u /* a bus access answered with an error (host CPU model) */

#endif /* SUSHI_FW_FAULTS_H */
