#include "traces/vcd_writer.h"

#include <fmt/format.h>

namespace sushi::traces {

VcdWriter::VcdWriter(const std::filesystem::path& path) : out_(path) {}

int VcdWriter::add(const std::string& name, Var::Kind kind) {
  Var v;
  v.name = name;
  v.kind = kind;
  // Identifier codes: printable ASCII '!'..'~' in base 94, as VCD allows.
  for (std::size_t n = vars_.size();; n = n / 94 - 1) {
    v.code += static_cast<char>('!' + n % 94);
    if (n < 94) break;
  }
  vars_.push_back(v);
  names_.push_back(name);
  return static_cast<int>(vars_.size() - 1);
}

int VcdWriter::add_bool(const std::string& name) { return add(name, Var::boolean); }
int VcdWriter::add_real(const std::string& name) { return add(name, Var::real); }
int VcdWriter::add_count(const std::string& name) { return add(name, Var::count); }

std::string VcdWriter::value_text(const Var& v, double value) const {
  switch (v.kind) {
    case Var::boolean: return fmt::format("{}{}\n", value != 0 ? '1' : '0', v.code);
    case Var::real: return fmt::format("r{:.16g} {}\n", value, v.code);
    case Var::count: {
      auto n = static_cast<std::uint32_t>(value);
      std::string bits;
      do {
        bits.insert(bits.begin(), static_cast<char>('0' + (n & 1u)));
        n >>= 1;
      } while (n != 0);
      return "b" + bits + " " + v.code + "\n";
    }
  }
  return "";
}

void VcdWriter::header() {
  started_ = true;
  out_ << "$date\n     (omitted: identical runs give identical files)\n$end\n"
       << "$version\n     sushi-vp (docs/traces.md)\n$end\n"
       << "$timescale\n     1 ps\n$end\n"
       << "$scope module soc $end\n";
  for (const Var& v : vars_) {
    const char* type = v.kind == Var::boolean ? "wire 1" : v.kind == Var::real ? "real 64" : "integer 32";
    out_ << "$var " << type << " " << v.code << " " << v.name << " $end\n";
  }
  out_ << "$upscope $end\n$enddefinitions $end\n$dumpvars\n";
  for (const Var& v : vars_) out_ << value_text(v, 0.0);
  out_ << "$end\n";
}

void VcdWriter::set(int var, std::uint64_t t_ps, double value) {
  pending_.emplace(t_ps, std::make_pair(var, value));
}

void VcdWriter::line(int var, int count_var, std::uint64_t t_ps, bool level) {
  Var& v = vars_[static_cast<std::size_t>(var)];
  if (level == v.high) return;
  v.high = level;
  if (level) {
    // A rise inside a stretched pulse continues it: its pending clear goes.
    if (v.clear_pending && v.clear_ps > t_ps) {
      auto [b, e] = pending_.equal_range(v.clear_ps);
      for (auto it = b; it != e; ++it) {
        if (it->second.first == var && it->second.second == 0.0) {
          pending_.erase(it);
          break;
        }
      }
    }
    v.clear_pending = false;
    v.rise_ps = t_ps;
    set(var, t_ps, 1.0);
    Var& c = vars_[static_cast<std::size_t>(count_var)];
    c.value += 1.0;
    set(count_var, t_ps, c.value);
  } else {
    // Cleared: drawn at least kMinPulsePs after the rise.
    v.clear_ps = std::max(t_ps, v.rise_ps + kMinPulsePs);
    v.clear_pending = true;
    set(var, v.clear_ps, 0.0);
  }
}

void VcdWriter::flush_before(std::uint64_t t_ps) {
  if (!started_) header();
  while (!pending_.empty() && pending_.begin()->first < t_ps) {
    const std::uint64_t t = std::max(pending_.begin()->first, written_ps_);
    if (!any_time_ || t != written_ps_) out_ << "#" << std::to_string(t) << "\n";
    any_time_ = true;
    written_ps_ = t;
    const auto [var, value] = pending_.begin()->second;
    pending_.erase(pending_.begin());
    out_ << value_text(vars_[static_cast<std::size_t>(var)], value);
  }
}

void VcdWriter::close() {
  flush_before(UINT64_MAX);
  out_.close();
}

std::string gtkwave_save_file(const std::string& vcd_file_name, const std::vector<std::string>& names) {
  // Flags: 28 = binary, right-justified (1-bit lines); 24 = decimal (counts); 8420 = analog step
  // of a signed value (power and bandwidth).
  std::string s = "[*] GTKWave save file written by sushi-vp: every signal of " + vcd_file_name +
                  " (docs/traces.md)\n";
  s += "[dumpfile] \"" + vcd_file_name + "\"\n";
  s += "[timestart] 0\n[size] 1400 800\n[pos] -1 -1\n[treeopen] soc.\n[sst_width] 220\n[signals_width] 260\n";
  for (const std::string& n : names) {
    const bool count = n.size() > 6 && n.compare(n.size() - 6, 6, "_count") == 0;
    const bool analog = n.rfind("power_", 0) == 0 || n.find("GBps") != std::string::npos;
    s += count ? "@24\n" : analog ? "@8420\n" : "@28\n";
    s += "soc." + n + "\n";
    if (analog) s += "@20000\n-\n";  // an empty row under an analog trace gives it height
  }
  s += "[pattern_trace] 1\n[pattern_trace] 0\n";
  return s;
}

}  // namespace sushi::traces
