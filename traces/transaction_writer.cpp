#include "traces/transaction_writer.h"

#include <stdexcept>
#include <string>

#include <boost/iostreams/device/file.hpp>
#include <boost/iostreams/filter/gzip.hpp>
#include <boost/iostreams/filtering_stream.hpp>
#include <fmt/format.h>

namespace sushi::traces {

namespace io = boost::iostreams;

struct TransactionWriter::Impl {
  std::filesystem::path final_path, tmp_path;
  io::filtering_ostream out;
  fmt::memory_buffer line;
  bool open = false;
};

const char* TransactionWriter::header() {
  return "time_ps,initiator,operand,dram,command,address,bytes_B,latency_ps,energy_pJ\n";
}

TransactionWriter::TransactionWriter(std::filesystem::path final_path, TransactionFilter filter)
    : impl_(std::make_unique<Impl>()), filter_(filter) {
  if (filter_.every == 0) filter_.every = 1;
  impl_->final_path = std::move(final_path);
  impl_->tmp_path = impl_->final_path.parent_path() / ("." + impl_->final_path.filename().string() + ".tmp");
  // gzip_params: no file name, no comment, mtime 0 -> a reproducible header.
  io::gzip_params params(io::gzip::best_speed);  // level 1: the trace is written at run speed
  params.file_name.clear();
  params.comment.clear();
  params.mtime = 0;
  impl_->out.push(io::gzip_compressor(params, 1 << 16));
  io::file_sink sink(impl_->tmp_path.string(), std::ios::binary | std::ios::trunc);
  if (!sink.is_open()) throw std::runtime_error("cannot write '" + impl_->tmp_path.string() + "'");
  impl_->out.push(sink);
  impl_->out << header();
  impl_->open = true;
}

TransactionWriter::~TransactionWriter() {
  try {
    close();
  } catch (...) {
  }
}

void TransactionWriter::add(const DramTransactionRecord& r) {
  ++seen_;
  if (!impl_->open || r.arrival_ps < filter_.from_ps || r.arrival_ps >= filter_.until_ps) return;
  if (in_window_++ % filter_.every != 0) return;
  ++written_;
  auto& b = impl_->line;
  b.clear();
  fmt::format_to(std::back_inserter(b), "{},{},{},{},{},{:#x},{},{},{:.3f}\n", r.arrival_ps,
                 r.tag && r.tag->initiator && *r.tag->initiator ? r.tag->initiator : "untagged",
                 to_string(r.tag ? r.tag->operand : TraceOperand::unknown), r.dram, r.write ? "write" : "read",
                 r.addr, r.bytes, r.done_ps - r.arrival_ps, r.energy_pj);
  impl_->out.write(b.data(), static_cast<std::streamsize>(b.size()));
}

void TransactionWriter::close() {
  if (!impl_->open) return;
  impl_->open = false;
  impl_->out.reset();  // flushes and closes the chain: gzip trailer, then the file
  std::filesystem::rename(impl_->tmp_path, impl_->final_path);
}

}  // namespace sushi::traces
