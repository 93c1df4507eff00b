// Streams Chrome / Perfetto trace events (the JSON "Trace Event Format": an object holding a
// "traceEvents" array) to a file, one event per line, so memory stays bounded however long the
// run. Times are given in ps and written in microseconds (the format's unit) with 6 decimals,
// i.e. exactly. The file is written under a temporary name and renamed into place by close().
//
// Event phases used: M (metadata: process / thread names), X (complete: ts + dur),
// C (counter: args are the series), b / e (async begin / end, matched by cat + id), i (instant).
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

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
               const std::vector<std::pair<std::string, double>>& series);
  void async_begin(const std::string& name, const char* cat, int pid, std::uint64_t id, std::uint64_t ts_ps,
                   const nlohmann::ordered_json& args = nullptr);
  void async_end(const std::string& name, const char* cat, int pid, std::uint64_t id, std::uint64_t ts_ps);

  // Writes the closing bracket and renames the file into place. Idempotent.
  void close();
  std::uint64_t events() const { return events_; }

  // "12.345678": ps as microseconds, exact.
  static std::string us(std::uint64_t ps);

 private:
  void begin_event(const std::string& name, const char* ph, int pid, int tid, std::uint64_t ts_ps);
  void end_event(const nlohmann::ordered_json& args);

  std::filesystem::path final_path_, tmp_path_;
  std::ofstream out_;
  std::uint64_t events_ = 0;
  bool open_ = false;
};

}  // namespace sushi::traces
