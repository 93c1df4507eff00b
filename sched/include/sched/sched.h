/* SushiSched: the portable scheduler core the firmware runs (freestanding C11, no heap, bounded
 * work per decision). Unit-testable on the host without SystemC.
 *
 * SubNet selection for one query (docs/sched.md, "SubNet selection"; its place in the firmware:
 * docs/architecture.md section 4):
 *   1. the most accurate SubNet whose predicted completion (now + queued work + service) meets
 *      the query's deadline and whose accuracy meets the query's floor;
 *   2. if none, the fastest SubNet that meets the accuracy floor (the deadline will be missed);
 *   3. if none, the fastest SubNet (both demands missed).
 * Ties go to the lower SubNet id, so decisions are deterministic. */
#ifndef SUSHI_SCHED_H
#define SUSHI_SCHED_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SUSHI_SCHED_MAX_SUBNETS 512u

/* Caching policies (sched.cache.policy); the PB management lives in the policy code. This list
 * is the one place that names them: X(enumerator, value, config name). The enum below and the
 * VP's name table (platform/config/sched_params.h: the schema's allowed values, the boot info's
 * policy id, the outputs' policy name) expand it. */
#define SUSHI_POLICY_LIST(X)          \
  X(SUSHI_POLICY_NONE, 0, "none")     \
  X(SUSHI_POLICY_STATIC, 1, "static") \
  X(SUSHI_POLICY_SGS, 2, "sgs")       \
  X(SUSHI_POLICY_LRU, 3, "lru")       \
  X(SUSHI_POLICY_ORACLE, 4, "oracle")

#define SUSHI_ENUMERATOR_(id, value, name) id = value,
enum sushi_policy { SUSHI_POLICY_LIST(SUSHI_ENUMERATOR_) };

/* What a choice optimises (sched.objective), listed the same way. */
#define SUSHI_OBJECTIVE_LIST(X)                                                                      \
  X(SUSHI_OBJECTIVE_ACCURACY, 0, "accuracy")       /* most accurate SubNet meeting the deadline */ \
  X(SUSHI_OBJECTIVE_MIN_LATENCY, 1, "min_latency") /* fastest SubNet meeting the accuracy floor */

enum sushi_objective { SUSHI_OBJECTIVE_LIST(SUSHI_ENUMERATOR_) };
#undef SUSHI_ENUMERATOR_

/* The workload's future requests, for the oracle policy only (written by the VP into DRAM in
 * arrival order; 32 bytes each). */
typedef struct sushi_oracle_entry {
  uint64_t id;
  uint64_t arrival_ns;
  uint64_t slo_ns;
  uint32_t min_accuracy_milli;
  uint32_t reserved0;
} sushi_oracle_entry;

/* Why a SubNet was chosen. */
enum sushi_choice_reason {
  SUSHI_CHOICE_MEETS_ALL = 0,        /* deadline and accuracy floor met */
  SUSHI_CHOICE_MISS_DEADLINE = 1,    /* no SubNet meets both: fastest meeting the accuracy floor */
  SUSHI_CHOICE_MISS_ACCURACY = 2     /* no SubNet meets the floor: fastest overall */
};

typedef struct sushi_query_req {
  uint64_t id;
  uint64_t arrival_ns;
  uint64_t deadline_ns;          /* absolute: arrival + SLO */
  uint32_t min_accuracy_milli;   /* top-1 floor in thousandths of a percent; 0 = none */
} sushi_query_req;

/* What the selector needs of each catalog entry. Arrays of `count` entries. */
typedef struct sushi_candidates {
  uint32_t count;
  const uint32_t* accuracy_milli;
  const uint64_t* service_ns;    /* predicted service time given the current PB contents */
} sushi_candidates;

typedef struct sushi_choice {
  uint32_t subnet;               /* index into the candidates */
  uint32_t reason;               /* enum sushi_choice_reason */
  uint64_t predicted_end_ns;     /* now + queued + service */
  uint32_t examined;             /* candidates examined (firmware cost model) */
} sushi_choice;

/* Returns 0 and fills `out`; -1 if there is no candidate. */
int sushi_select_subnet(const sushi_candidates* c, const sushi_query_req* q, uint64_t now_ns,
                        uint64_t queued_ns, sushi_choice* out);

/* Predicted service cycles from the image's latency coefficients (sushi/model_image.h):
 *   compute_cycles + uncached_weight_bytes * cycles_per_kib_q8 / (256 * 1024)  (rounded up). */
uint64_t sushi_predict_cycles(uint64_t compute_cycles, uint32_t cycles_per_kib_q8,
                              uint64_t uncached_weight_bytes);

#ifdef __cplusplus
}
#endif

#endif /* SUSHI_SCHED_H */
