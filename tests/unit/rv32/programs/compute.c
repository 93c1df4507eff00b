/* A compute-bound loop (CRC-32, multiply-accumulate, division) for the ISS: the result lands in
 * `signature` and the gtest compares it with the same function compiled for the host
 * (compute_kernel.h). Also the benchmark's workload (bench/bench_rv32.cpp). */
#include <stdint.h>

#include "compute_kernel.h"

volatile uint32_t signature[2];
volatile uint32_t iterations = 1000;

int main(void) {
  signature[0] = sushi_compute_kernel(iterations);
  signature[1] = 0x600dc0deu;
  return 0;
}
