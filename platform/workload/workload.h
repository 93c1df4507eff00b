// Query streams for serving runs: an arrival process plus per-query demands (latency SLO,
// accuracy floor) drawn from distributions that change over time in phases, so the best SubNet
// changes during a run. Pure C++ (no SystemC): the platform hands the result to the query port.
//
// Deterministic: the same parameters and seed give the same stream on every machine (own RNG,
// integer picoseconds). Arrival times, SLOs and accuracy floors use independent random streams.
// Equations and parameter meanings: docs/workload.md.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "distribution.h"
#include "query.h"
#include "workload_params.h"

namespace sushi::workload {

// Memory a run holds per query, rounded up from measurements: 387 B at elaboration (the stream,
// the query port's record, the query log's row: peak RSS of `sushi-vp check` on the quickstart
// with 1e5 and 1e6 queries, 54.9 MB and 395.5 MB, difference / 9e5), plus the queries.csv text
// made at the end (about 120 B a row) and the oracle's table entry.
inline constexpr std::uint64_t kBytesPerQuery = 512;
// The most queries a stream may have: half of this machine's physical memory / kBytesPerQuery. A
// larger stream is a WorkloadError before the run (instead of running out of memory in it).
std::uint64_t queries_in_memory_limit();

// The whole stream, sorted by arrival, ids 0..n-1. Throws WorkloadError (trace errors name
// file and line). SLOs are rounded to 1 ps and at least 1 ps; accuracy floors are quantised to
// 0.001 % and clamped to [0, 100].
std::vector<Query> generate(const WorkloadParams& params);

// Index into params.phases of the phase that applies to query `index` arriving at
// `arrival_ps` (the one with the latest start not after it), or -1 for the base demands.
int phase_of(const WorkloadParams& params, std::uint64_t index, std::uint64_t arrival_ps);

}  // namespace sushi::workload
