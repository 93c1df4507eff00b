// transactions.csv.gz: one row per off-chip (DRAM) transaction, gzip-compressed as it is written
// (zlib, every write checked), so memory stays bounded. The gzip header carries no file name and a zero
// time stamp, so identical runs give identical bytes. Sampling (keep one in N) and a time window
// bound the size of long runs. Columns: docs/traces.md.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>

#include "common/trace_hooks.h"

namespace sushi::traces {

struct TransactionFilter {
  std::uint64_t every = 1;        // keep one transaction in N (counted inside the window)
  std::uint64_t from_ps = 0;      // keep arrivals in [from_ps, until_ps)
  std::uint64_t until_ps = ~std::uint64_t(0);
};

class TransactionWriter {
 public:
  TransactionWriter(std::filesystem::path final_path, TransactionFilter filter);
  ~TransactionWriter();
  TransactionWriter(const TransactionWriter&) = delete;
  TransactionWriter& operator=(const TransactionWriter&) = delete;

  void add(const DramTransactionRecord& r);
  void close();  // flushes the gzip trailer and renames into place; idempotent

  std::uint64_t seen() const { return seen_; }        // transactions observed
  std::uint64_t written() const { return written_; }  // rows written

  static const char* header();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  TransactionFilter filter_;
  std::uint64_t seen_ = 0, in_window_ = 0, written_ = 0;
};

}  // namespace sushi::traces
