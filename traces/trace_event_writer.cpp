#include "traces/trace_event_writer.h"

#include <stdexcept>

namespace sushi::traces {

TraceEventWriter::TraceEventWriter(std::filesystem::path final_path)
    : final_path_(std::move(final_path)),
      tmp_path_(final_path_.parent_path() / ("." + final_path_.filename().string() + ".tmp")) {
  out_.open(tmp_path_, std::ios::binary | std::ios::trunc);
  if (!out_) throw std::runtime_error("cannot write '" + tmp_path_.string() + "'");
  out_ << "{\"displayTimeUnit\":\"ns\",\"traceEvents\":[\n";
  open_ = true;
}

TraceEventWriter::~TraceEventWriter() {
  try {
    close();
  } catch (...) {
  }
}

std::string TraceEventWriter::us(std::uint64_t ps) {
  std::string frac = std::to_string(ps % 1000000);
  return std::to_string(ps / 1000000) + "." + std::string(6 - frac.size(), '0') + frac;
}

void TraceEventWriter::begin_event(const std::string& name, const char* ph, int pid, int tid, std::uint64_t ts_ps) {
  if (events_ > 0) out_ << ",\n";
  ++events_;
  out_ << "{\"name\":" << nlohmann::json(name).dump() << ",\"ph\":\"" << ph << "\",\"ts\":" << us(ts_ps)
       << ",\"pid\":" << pid << ",\"tid\":" << tid;
}

void TraceEventWriter::end_event(const nlohmann::ordered_json& args) {
  if (!args.is_null()) out_ << ",\"args\":" << args.dump();
  out_ << "}";
}

void TraceEventWriter::process_name(int pid, const std::string& name, int sort_index) {
  begin_event("process_name", "M", pid, 0, 0);
  end_event({{"name", name}});
  begin_event("process_sort_index", "M", pid, 0, 0);
  end_event({{"sort_index", sort_index}});
}

void TraceEventWriter::thread_name(int pid, int tid, const std::string& name) {
  begin_event("thread_name", "M", pid, tid, 0);
  end_event({{"name", name}});
}

void TraceEventWriter::complete(const std::string& name, const char* cat, int pid, int tid, std::uint64_t start_ps,
                                std::uint64_t end_ps, const nlohmann::ordered_json& args) {
  begin_event(name, "X", pid, tid, start_ps);
  out_ << ",\"dur\":" << us(end_ps > start_ps ? end_ps - start_ps : 0) << ",\"cat\":\"" << cat << "\"";
  end_event(args);
}

void TraceEventWriter::instant(const std::string& name, const char* cat, int pid, int tid, std::uint64_t ts_ps,
                               const nlohmann::ordered_json& args) {
  begin_event(name, "i", pid, tid, ts_ps);
  out_ << ",\"s\":\"t\",\"cat\":\"" << cat << "\"";
  end_event(args);
}

void TraceEventWriter::counter(const std::string& name, int pid, std::uint64_t ts_ps,
                               const std::vector<std::pair<std::string, double>>& series) {
  nlohmann::ordered_json args = nlohmann::ordered_json::object();
  for (const auto& [k, v] : series) args[k] = v;
  begin_event(name, "C", pid, 0, ts_ps);
  end_event(args);
}

void TraceEventWriter::async_begin(const std::string& name, const char* cat, int pid, std::uint64_t id,
                                   std::uint64_t ts_ps, const nlohmann::ordered_json& args) {
  begin_event(name, "b", pid, 0, ts_ps);
  out_ << ",\"cat\":\"" << cat << "\",\"id\":" << id;
  end_event(args);
}

void TraceEventWriter::async_end(const std::string& name, const char* cat, int pid, std::uint64_t id,
                                 std::uint64_t ts_ps) {
  begin_event(name, "e", pid, 0, ts_ps);
  out_ << ",\"cat\":\"" << cat << "\",\"id\":" << id;
  end_event(nullptr);
}

void TraceEventWriter::close() {
  if (!open_) return;
  open_ = false;
  out_ << "\n]}\n";
  out_.close();
  if (!out_) throw std::runtime_error("error while writing '" + tmp_path_.string() + "'");
  std::filesystem::rename(tmp_path_, final_path_);
}

}  // namespace sushi::traces
