#include "traces/transaction_writer.h"

#include <zlib.h>

#include <cstring>
#include <string>

#include <fmt/format.h>

#include "io/output_file.h"

namespace sushi::traces {

// gzip through zlib's deflate into a checked io::OutputFile: a failed write (a full disk) is an
// io::OutputError at once, and close() can never loop on a sink that takes nothing.
struct TransactionWriter::Impl {
  std::filesystem::path final_path, tmp_path;
  io::OutputFile file;
  z_stream z{};
  bool z_open = false;
  std::string in;  // rows not compressed yet
  fmt::memory_buffer line;
  bool open = false;

  void deflate_some(int flush) {
    unsigned char out[1 << 16];
    z.next_in = reinterpret_cast<Bytef*>(in.data());
    z.avail_in = static_cast<uInt>(in.size());
    int rc = Z_OK;
    do {
      z.next_out = out;
      z.avail_out = sizeof out;
      rc = ::deflate(&z, flush);
      if (rc == Z_STREAM_ERROR) throw io::OutputError(tmp_path, "gzip compression failed");
      file.write(std::string_view(reinterpret_cast<const char*>(out), sizeof out - z.avail_out));
    } while (z.avail_out == 0 || (flush == Z_FINISH && rc != Z_STREAM_END));
    in.clear();
  }
  ~Impl() {
    if (z_open) ::deflateEnd(&z);
  }
};

const char* TransactionWriter::header() {
  return "time_ps,initiator,operand,dram,command,address,bytes_B,latency_ps,energy_pJ\n";
}

TransactionWriter::TransactionWriter(std::filesystem::path final_path, TransactionFilter filter)
    : impl_(std::make_unique<Impl>()), filter_(filter) {
  if (filter_.every == 0) filter_.every = 1;
  impl_->final_path = std::move(final_path);
  impl_->tmp_path = impl_->final_path.parent_path() / ("." + impl_->final_path.filename().string() + ".tmp");
  impl_->file = io::OutputFile(impl_->tmp_path);
  // Level 1 (the trace is written at run speed); windowBits 15 + 16: a gzip wrapper whose header
  // carries no file name and a zero time stamp, so identical runs give identical bytes.
  if (::deflateInit2(&impl_->z, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw io::OutputError(impl_->tmp_path, "cannot start gzip compression");
  }
  impl_->z_open = true;
  impl_->in = header();
  impl_->open = true;
}

TransactionWriter::~TransactionWriter() = default;  // an unclosed trace is left as a temporary file

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
  impl_->in.append(b.data(), b.size());
  if (impl_->in.size() >= (1u << 16)) impl_->deflate_some(Z_NO_FLUSH);
}

void TransactionWriter::close() {
  if (!impl_->open) return;
  impl_->open = false;
  impl_->deflate_some(Z_FINISH);
  impl_->file.close();
  std::error_code ec;
  std::filesystem::rename(impl_->tmp_path, impl_->final_path, ec);
  if (ec) throw io::OutputError(impl_->final_path, ec.message());
}

}  // namespace sushi::traces
