// Streams Chrome / Perfetto trace events (the JSON "Trace Event Format": an object holding a
// "traceEvents" array) to a file, one event per line, so memory stays bounded however long the
// run. Times are given in ps and written in microseconds (the format's unit) as whole
// nanoseconds (3 decimals): a time is rounded to the nearest ns, and a complete event's dur is
// round(end) - round(start). That is what Perfetto's importer keeps (it converts ts and dur to
// integer ns separately), so events that nest in ps still nest after its rounding, instead of
// overlapping by 1 ns and being dropped. Every event has a "cat" (metadata events "__metadata",
// as Chrome writes them; counters the category given). The file is written under a temporary
// name with checked writes and renamed into place by close().
//
// Event phases used: M (metadata: process / thread names), X (complete: ts + dur),
// C (counter: args are the series), b / e (async begin / end, matched by cat + id), i (instant).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "io/output_file.h"

namespace sushi::traces {

class TraceEventWriter {
 public:
  explicit TraceEventWriter(std::filesystem::path final_path);
  ~TraceEventWriter();  // closes if still open
  TraceEventWriter(const TraceEventWriter&) = delete;
  TraceEventWriter& operator=(const TraceEventWriter&) = delete;

  void process_name(int pid, const std::string& name, int sort_index);
  void thread_name(int pid, int tid, const std::string& name);
  void complete(const std::string& name, const char* cat, int pid, int tid, std::uint64_t start_ps,
                std::uint64_t end_ps, const nlohmann::ordered_json& args = nullptr);
  void instant(const std::string& name, const char* cat, int pid, int tid, std::uint64_t ts_ps,
               const nlohmann::ordered_json& args = nullptr);
  void counter(const std::string& name, int pid, std::uint64_t ts_ps,
               const std::vector<std::pair<std::string, double>>& series, const char* cat = "counter");
  void async_begin(const std::string& name, const char* cat, int pid, std::uint64_t id, std::uint64_t ts_ps,
                   const nlohmann::ordered_json& args = nullptr);
  void async_end(const std::string& name, const char* cat, int pid, std::uint64_t id, std::uint64_t ts_ps);

  // Writes the closing bracket and renames the file into place. Idempotent.
  void close();
  std::uint64_t events() const { return events_; }

  // "12.346": ps rounded to the nearest ns, as microseconds.
  static std::string us(std::uint64_t ps);
  static std::uint64_t round_ns(std::uint64_t ps) { return ps / 1000 + (ps % 1000 >= 500 ? 1 : 0); }

 private:
  void begin_event(const std::string& name, const char* ph, const char* cat, int pid, int tid, std::uint64_t ts_ps);
  void end_event(const nlohmann::ordered_json& args);

  std::filesystem::path final_path_, tmp_path_;
  io::OutputFile out_;
  std::uint64_t events_ = 0;
  bool open_ = false;
};

}  // namespace sushi::traces
