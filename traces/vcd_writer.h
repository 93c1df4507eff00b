// signals.vcd: a Value Change Dump written by the platform itself (not SystemC's VCD tracer), so
// that every write is checked (a full disk is an error, never a short file) and interrupt pulses
// keep a visible width.
//
// Changes may be given out of time order up to a horizon: they are kept sorted and written when
// flush_before(t) says no change before t can come any more (the tracer flushes at the start of
// the open power window, so power values are drawn from the start of their window). A change
// before what was already written is drawn at the last written time.
//
// Interrupt lines (pulse()): an interrupt raised and cleared at the same simulated time, which a
// sampled trace would lose, is drawn as a pulse of at least kMinPulsePs, and every rising edge
// also counts up a "<line>_count" integer, so that pulses closer than that stay countable.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "io/output_file.h"

namespace sushi::traces {

class VcdWriter {
 public:
  static constexpr std::uint64_t kMinPulsePs = 100'000;  // 100 ns

  explicit VcdWriter(const std::filesystem::path& path);

  // Declarations, before the first change.
  int add_bool(const std::string& name);
  int add_real(const std::string& name);
  int add_count(const std::string& name);  // 32-bit integer
  // The names declared, in order (for the GTKWave save file).
  const std::vector<std::string>& names() const { return names_; }

  void set(int var, std::uint64_t t_ps, double value);
  // An interrupt line: level changes at t_ps; a rise also counts `count_var` up.
  void line(int var, int count_var, std::uint64_t t_ps, bool level);
  void flush_before(std::uint64_t t_ps);
  // Writes what is left and closes the file (io::OutputError if any write failed).
  void close();

 private:
  struct Var {
    std::string name, code;
    enum Kind { boolean, real, count } kind;
    double value = 0;
    std::uint64_t rise_ps = 0, clear_ps = 0;
    bool high = false, clear_pending = false;
  };
  int add(const std::string& name, Var::Kind kind);
  void header();
  std::string value_text(const Var& v, double value) const;

  io::OutputFile out_;
  std::vector<Var> vars_;
  std::vector<std::string> names_;
  std::multimap<std::uint64_t, std::pair<int, double>> pending_;
  std::uint64_t written_ps_ = 0;
  bool started_ = false, any_time_ = false;
};

// signals.gtkw: a GTKWave save file showing every signal of `vcd` (gtkwave signals.gtkw).
std::string gtkwave_save_file(const std::string& vcd_file_name, const std::vector<std::string>& names);

}  // namespace sushi::traces
