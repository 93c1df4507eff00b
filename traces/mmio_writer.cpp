#include "traces/mmio_writer.h"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

namespace sushi::traces {

const char* MmioWriter::header() { return "time_ps,core,device,offset,register,command,bytes_B,value,status\n"; }

const char* MmioWriter::status_name(tlm::tlm_response_status s) {
  switch (s) {
    case tlm::TLM_OK_RESPONSE: return "ok";
    case tlm::TLM_ADDRESS_ERROR_RESPONSE: return "address_error";
    case tlm::TLM_COMMAND_ERROR_RESPONSE: return "command_error";
    case tlm::TLM_BURST_ERROR_RESPONSE: return "burst_error";
    case tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE: return "byte_enable_error";
    case tlm::TLM_INCOMPLETE_RESPONSE: return "incomplete";
    default: return "generic_error";
  }
}

MmioWriter::MmioWriter(std::filesystem::path final_path, std::vector<MmioRegion> map)
    : final_path_(std::move(final_path)) {
  for (MmioRegion& r : map) {
    const auto* regs = register_block(r.name);
    map_.push_back({std::move(r), regs});
  }
  std::sort(map_.begin(), map_.end(), [](const Region& a, const Region& b) { return a.r.base < b.r.base; });
  out_ = io::OutputFile(final_path_);
  out_ << header();
  open_ = true;
}

MmioWriter::~MmioWriter() {
  try {
    close();
  } catch (...) {
  }
}

MmioTarget MmioWriter::decode(std::uint64_t addr) const {
  // The last region starting at or below addr, if addr is inside it.
  auto it = std::upper_bound(map_.begin(), map_.end(), addr, [](std::uint64_t a, const Region& r) { return a < r.r.base; });
  MmioTarget t;
  t.offset = addr;
  if (it == map_.begin()) return t;
  --it;
  if (addr - it->r.base >= it->r.size) return t;
  t.device = it->r.name.c_str();
  t.offset = addr - it->r.base;
  if (it->regs && t.offset <= 0xffffffffull) t.reg = register_name(*it->regs, static_cast<std::uint32_t>(t.offset));
  return t;
}

MmioTarget MmioWriter::add(const BusAccessRecord& r) {
  const MmioTarget t = decode(r.addr);
  if (!open_) return t;
  line_.clear();
  fmt::format_to(std::back_inserter(line_), "{},{},{},{:#x},{},{},{},", r.time_ps, r.cpu, t.device, t.offset,
                 t.reg ? t.reg : "", r.write ? "write" : "read", r.bytes);
  if (r.bytes <= 4) fmt::format_to(std::back_inserter(line_), "{:#010x}", r.value);
  line_ += ',';
  line_ += status_name(r.response);
  line_ += '\n';
  out_.write(line_);
  ++rows_;
  return t;
}

void MmioWriter::close() {
  if (!open_) return;
  open_ = false;
  out_.close();
}

}  // namespace sushi::traces
