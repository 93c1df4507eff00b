// mmio.csv, the register-access trace: one row per bus access of a CPU (host-compiled or RV32),
// decoded against the SoC's address map into the device, the offset in it and, for register
// blocks, the register's name from the hardware-interface headers (traces/register_names.h).
// Streamed while the run goes on with checked writes (io::OutputFile; the run directory itself is
// committed only when the run succeeds). Columns: docs/traces.md.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "common/trace_hooks.h"
#include "io/output_file.h"
#include "traces/register_names.h"

namespace sushi::traces {

// A target of the SoC's address map.
struct MmioRegion {
  std::string name;  // the SoC component (accel, query_port, timer, a DRAM or SRAM instance...)
  std::uint64_t base = 0, size = 0;
};

// Where an access went.
struct MmioTarget {
  const char* device = "unmapped";
  std::uint64_t offset = 0;     // from the device's base (the bus address when unmapped)
  const char* reg = nullptr;    // register name, for register blocks
};

class MmioWriter {
 public:
  MmioWriter(std::filesystem::path final_path, std::vector<MmioRegion> map);
  ~MmioWriter();
  MmioWriter(const MmioWriter&) = delete;
  MmioWriter& operator=(const MmioWriter&) = delete;

  MmioTarget decode(std::uint64_t addr) const;
  // Writes the access's row; returns where it went (for the timeline).
  MmioTarget add(const BusAccessRecord& r);
  // Closes the file; throws io::OutputError if anything failed to write. Idempotent.
  void close();
  std::uint64_t rows() const { return rows_; }

  static const char* header();
  static const char* status_name(tlm::tlm_response_status s);  // ok, address_error, ...

 private:
  struct Region {
    MmioRegion r;
    const std::vector<RegisterName>* regs;
  };
  std::vector<Region> map_;  // sorted by base
  std::filesystem::path final_path_;
  io::OutputFile out_;
  std::string line_;
  std::uint64_t rows_ = 0;
  bool open_ = false;
};

}  // namespace sushi::traces
