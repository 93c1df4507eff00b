#include "traces/trace_event_writer.h"

#include <stdexcept>

namespace sushi::traces {
namespace {
std::string fmt_ns_frac(std::uint64_t ns) {
  const std::string frac = std::to_string(ns % 1000);
  return std::string(3 - frac.size(), '0') + frac;
}
}  // namespace

TraceEventWriter::TraceEventWriter(std::filesystem::path final_path)
    : final_path_(std::move(final_path)),
      tmp_path_(final_path_.parent_path() / ("." + final_path_.filename().string() + ".tmp")) {
  out_ = io::OutputFile(tmp_path_);
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
  const std::uint64_t ns = round_ns(ps);
  const std::string frac = std::to_string(ns % 1000);
  return std::to_string(ns / 1000) + "." + std::string(3 - frac.size(), '0') + frac;
}

void TraceEventWriter::begin_event(const std::string& name, const char* ph, const char* cat, int pid, int tid,
                                   std::uint64_t ts_ps) {
  if (events_ > 0) out_ << ",\n";
  ++events_;
  out_ << "{\"name\":" << nlohmann::json(name).dump() << ",\"cat\":\"" << cat << "\",\"ph\":\"" << ph
       << "\",\"ts\":" << us(ts_ps) << ",\"pid\":" << std::to_string(pid) << ",\"tid\":" << std::to_string(tid);
}

void TraceEventWriter::end_event(const nlohmann::ordered_json& args) {
  if (!args.is_null()) out_ << ",\"args\":" + args.dump();
  out_ << "}";
}

void TraceEventWriter::process_name(int pid, const std::string& name, int sort_index) {
  begin_event("process_name", "M", "__metadata", pid, 0, 0);
  end_event({{"name", name}});
  begin_event("process_sort_index", "M", "__metadata", pid, 0, 0);
  end_event({{"sort_index", sort_index}});
}

void TraceEventWriter::thread_name(int pid, int tid, const std::string& name) {
  begin_event("thread_name", "M", "__metadata", pid, tid, 0);
  end_event({{"name", name}});
}

void TraceEventWriter::complete(const std::string& name, const char* cat, int pid, int tid, std::uint64_t start_ps,
                                std::uint64_t end_ps, const nlohmann::ordered_json& args) {
  begin_event(name, "X", cat, pid, tid, start_ps);
  // dur = round(end) - round(start): the rounded event ends exactly where the rounded end is.
  const std::uint64_t dur_ns = end_ps > start_ps ? round_ns(end_ps) - round_ns(start_ps) : 0;
  out_ << ",\"dur\":" + std::to_string(dur_ns / 1000) + "." + fmt_ns_frac(dur_ns);
  end_event(args);
}

void TraceEventWriter::instant(const std::string& name, const char* cat, int pid, int tid, std::uint64_t ts_ps,
                               const nlohmann::ordered_json& args) {
  begin_event(name, "i", cat, pid, tid, ts_ps);
  out_ << ",\"s\":\"t\"";
  end_event(args);
}

void TraceEventWriter::counter(const std::string& name, int pid, std::uint64_t ts_ps,
                               const std::vector<std::pair<std::string, double>>& series, const char* cat) {
  nlohmann::ordered_json args = nlohmann::ordered_json::object();
  for (const auto& [k, v] : series) args[k] = v;
  begin_event(name, "C", cat, pid, 0, ts_ps);
  end_event(args);
}

void TraceEventWriter::async_begin(const std::string& name, const char* cat, int pid, std::uint64_t id,
                                   std::uint64_t ts_ps, const nlohmann::ordered_json& args) {
  begin_event(name, "b", cat, pid, 0, ts_ps);
  out_ << ",\"id\":" + std::to_string(id);
  end_event(args);
}

void TraceEventWriter::async_end(const std::string& name, const char* cat, int pid, std::uint64_t id,
                                 std::uint64_t ts_ps) {
  begin_event(name, "e", cat, pid, 0, ts_ps);
  out_ << ",\"id\":" + std::to_string(id);
  end_event(nullptr);
}

void TraceEventWriter::close() {
  if (!open_) return;
  open_ = false;
  out_ << "\n]}\n";
  out_.close();
  std::error_code ec;
  std::filesystem::rename(tmp_path_, final_path_, ec);
  if (ec) throw io::OutputError(final_path_, ec.message());
}

}  // namespace sushi::traces
