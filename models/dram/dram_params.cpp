#include "dram_params.h"

#include <cmath>
#include <sstream>

#include "standard/timing_rules.h"

namespace sushi::dram {
namespace {

bool is_pow2(std::uint64_t v) { return v != 0 && (v & (v - 1)) == 0; }
std::uint32_t log2u(std::uint64_t v) {
  std::uint32_t n = 0;
  while (v > 1) { v >>= 1; ++n; }
  return n;
}

void require_positive(std::uint64_t v, const char* key) {
  if (v == 0) throw DramParamError(key, "must be > 0");
}
void require_pow2(std::uint64_t v, const char* key) {
  if (!is_pow2(v)) {
    throw DramParamError(key, "must be a power of two >= 1 (the address mapping uses bit fields), got " +
                                  std::to_string(v));
  }
}

const char* field_name(AddrField f) {
  switch (f) {
    case AddrField::channel: return "ch";
    case AddrField::rank: return "ra";
    case AddrField::bank_group: return "bg";
    case AddrField::bank: return "ba";
    case AddrField::row: return "ro";
    case AddrField::column: return "co";
  }
  return "?";
}

std::uint64_t field_count(const DramSpec& s, AddrField f) {
  switch (f) {
    case AddrField::channel: return s.org.channels;
    case AddrField::rank: return s.org.ranks;
    case AddrField::bank_group: return s.org.bank_groups;
    case AddrField::bank: return s.org.banks_per_group;
    case AddrField::row: return s.org.rows;
    case AddrField::column: return s.org.bursts_per_row();
  }
  return 0;
}

}  // namespace

const char* to_string(PagePolicy p) { return name_of(kPagePolicyNames, p); }

PagePolicy page_policy_from_string(const std::string& s) { return parse_name(kPagePolicyNames, s, "page_policy"); }

AddressMappingSpec parse_address_mapping(const std::string& text, const std::string& key) {
  AddressMappingSpec m;
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, ',')) {
    while (!item.empty() && item.front() == ' ') item.erase(item.begin());
    while (!item.empty() && item.back() == ' ') item.pop_back();
    auto colon = item.find(':');
    const std::string help = "expected a comma-separated list of FIELD:BITS, least significant first, "
                             "FIELD one of ch, ra, bg, ba, ro, co (e.g. \"bg:2,co:7,ba:2,ro:15\")";
    if (colon == std::string::npos) throw DramParamError(key, "bad segment '" + item + "': " + help);
    std::string f = item.substr(0, colon);
    std::string b = item.substr(colon + 1);
    AddrSegment seg{AddrField::column, 0};
    if (f == "ch") seg.field = AddrField::channel;
    else if (f == "ra") seg.field = AddrField::rank;
    else if (f == "bg") seg.field = AddrField::bank_group;
    else if (f == "ba") seg.field = AddrField::bank;
    else if (f == "ro") seg.field = AddrField::row;
    else if (f == "co") seg.field = AddrField::column;
    else throw DramParamError(key, "unknown field '" + f + "': " + help);
    char* end = nullptr;
    long v = std::strtol(b.c_str(), &end, 10);
    if (b.empty() || *end != '\0' || v < 0 || v > 40) {
      throw DramParamError(key, "bad bit count '" + b + "' in '" + item + "' (0..40)");
    }
    seg.bits = static_cast<std::uint32_t>(v);
    if (seg.bits > 0) m.segments.push_back(seg);
  }
  return m;
}

std::string to_string(const AddressMappingSpec& m) {
  std::string s;
  for (const auto& seg : m.segments) {
    if (!s.empty()) s += ",";
    s += std::string(field_name(seg.field)) + ":" + std::to_string(seg.bits);
  }
  return s;
}

AddressMappingSpec default_mapping(const DramSpec& spec) {
  // Least significant first, above the burst offset. Reasons (docs/dram.md):
  //  - bank groups lowest (DDR4): consecutive bursts alternate bank groups, so a stream is spaced
  //    by tCCD_S (= BL/2, full bus rate) instead of tCCD_L;
  //  - without bank groups, the low column bits keep one 64-byte line in one channel and row;
  //  - channel next: lines spread over channels;
  //  - rest of the column: a sequential stream stays in the open rows;
  //  - bank, rank: when a stream leaves a row it moves to another bank, whose ACT overlaps the
  //    current row's bursts;
  //  - row on top.
  const auto& o = spec.org;
  AddressMappingSpec m;
  auto add = [&](AddrField f, std::uint32_t bits) {
    if (bits > 0) m.segments.push_back({f, bits});
  };
  std::uint32_t col_bits = log2u(o.bursts_per_row());
  std::uint32_t col_low = 0;
  if (o.bank_groups > 1) {
    add(AddrField::bank_group, log2u(o.bank_groups));
  } else if (o.burst_bytes() < 64) {
    col_low = std::min(col_bits, log2u(64 / o.burst_bytes()));
    add(AddrField::column, col_low);
  }
  add(AddrField::channel, log2u(o.channels));
  add(AddrField::column, col_bits - col_low);
  add(AddrField::bank, log2u(o.banks_per_group));
  add(AddrField::rank, log2u(o.ranks));
  add(AddrField::row, log2u(o.rows));
  return m;
}

void validate(const DramSpec& s) {
  if (s.clock_hz == 0) throw DramParamError("clock", "must be > 0 Hz");
  const auto& o = s.org;
  require_pow2(o.channels, "organisation.channels");
  require_pow2(o.ranks, "organisation.ranks");
  require_pow2(o.bank_groups, "organisation.bank_groups");
  require_pow2(o.banks_per_group, "organisation.banks_per_group");
  require_pow2(o.rows, "organisation.rows");
  require_pow2(o.columns, "organisation.columns");
  require_pow2(o.device_width, "organisation.device_width");
  require_positive(o.devices_per_rank, "organisation.devices_per_rank");
  if (o.burst_length < 2 || o.burst_length % 2 != 0 || !is_pow2(o.burst_length)) {
    throw DramParamError("organisation.burst_length", "must be an even power of two >= 2 (DDR: BL/2 cycles per burst)");
  }
  if (o.columns % o.burst_length != 0 || o.columns < o.burst_length) {
    throw DramParamError("organisation.columns", "must be a multiple of burst_length");
  }
  if (o.bus_width_bits() % 8 != 0 || !is_pow2(o.burst_bytes())) {
    throw DramParamError("organisation.devices_per_rank",
                         "device_width x devices_per_rank must give a power-of-two burst size in whole bytes");
  }
  const auto& t = s.t;
  struct { std::uint32_t v; const char* key; } req[] = {
      {t.RL, "timing.RL"},         {t.WL, "timing.WL"},         {t.tRCD, "timing.tRCD"},
      {t.tRP, "timing.tRP"},       {t.tRAS, "timing.tRAS"},     {t.tRC, "timing.tRC"},
      {t.tCCD_S, "timing.tCCD_S"}, {t.tCCD_L, "timing.tCCD_L"}, {t.tRRD_S, "timing.tRRD_S"},
      {t.tRRD_L, "timing.tRRD_L"}, {t.tFAW, "timing.tFAW"},     {t.tWR, "timing.tWR"},
      {t.tWTR_S, "timing.tWTR_S"}, {t.tWTR_L, "timing.tWTR_L"}, {t.tRTP, "timing.tRTP"},
      {t.tRFC, "timing.tRFC"},     {t.tREFI, "timing.tREFI"}};
  for (const auto& r : req) require_positive(r.v, r.key);
  if (t.tRAS < t.tRCD) {
    throw DramParamError("timing.tRAS", "must be >= tRCD (" + std::to_string(t.tRCD) +
                                            " nCK): a row must stay open at least until its first column access; got " +
                                            std::to_string(t.tRAS) + " nCK");
  }
  if (t.tRC < t.tRAS) throw DramParamError("timing.tRC", "must be >= tRAS (" + std::to_string(t.tRAS) + " nCK)");
  if (t.tCCD_L < t.tCCD_S) throw DramParamError("timing.tCCD_L", "must be >= tCCD_S");
  if (t.tRRD_L < t.tRRD_S) throw DramParamError("timing.tRRD_L", "must be >= tRRD_S");
  if (t.tWTR_L < t.tWTR_S) throw DramParamError("timing.tWTR_L", "must be >= tWTR_S");
  (void)standard_of(s);  // memory_type names a standard with timing rules (standard/)
  if (t.tRPab != 0 && t.tRPab < t.tRP) throw DramParamError("timing.tRPab", "must be >= tRP (" + std::to_string(t.tRP) + " nCK)");
  if (t.tREFI <= t.tRFC) throw DramParamError("timing.tREFI", "must be > tRFC (" + std::to_string(t.tRFC) + " nCK)");
  if (s.power.rails.empty()) throw DramParamError("power.rails", "at least one core supply rail (e.g. VDD) is required");
  for (const auto& r : s.power.rails) {
    const std::string k = "power." + r.name;
    if (!(r.voltage_v > 0)) throw DramParamError(k + ".voltage", "must be > 0 V");
    if (r.idd0_a < 0 || r.idd2n_a < 0 || r.idd3n_a < 0 || r.idd4r_a < 0 || r.idd4w_a < 0 || r.idd5_a < 0) {
      throw DramParamError(k, "currents must be >= 0 A");
    }
    // Each command energy is a current above a standby current; below it would be negative.
    if (r.idd0_a < r.idd3n_a || r.idd0_a < r.idd2n_a) throw DramParamError(k + ".IDD0", "must be >= IDD3N and IDD2N");
    if (r.idd4r_a < r.idd3n_a) throw DramParamError(k + ".IDD4R", "must be >= IDD3N");
    if (r.idd4w_a < r.idd3n_a) throw DramParamError(k + ".IDD4W", "must be >= IDD3N");
    if (r.idd5_a < r.idd3n_a) throw DramParamError(k + ".IDD5", "must be >= IDD3N");
  }
  if (s.power.io_read_pj_per_bit < 0) throw DramParamError("power.io.read_energy", "must be >= 0 pJ/bit");
  if (s.power.io_write_pj_per_bit < 0) throw DramParamError("power.io.write_energy", "must be >= 0 pJ/bit");
}

void validate(const DramParams& p, const std::string& k) {
  validate(p.spec);
  params::check_ranges<DramParamError>(p, k);
  make_refresh_policy(p.refresh, p.spec.t, p.spec.org.banks_per_rank(), k + ".refresh");
  if (p.refresh == RefreshKind::per_bank) {
    for (const auto& r : p.spec.power.rails) {
      if (r.idd5pb_a < r.idd3n_a) {
        throw DramParamError("power.rails." + r.name + ".IDD5PB",
                             "refresh per_bank needs IDD5PB >= IDD3N on every rail (the REFpb energy subtracts it)");
      }
    }
  }
  const AddressMappingSpec m = p.mapping.segments.empty() ? default_mapping(p.spec) : p.mapping;
  for (AddrField f : {AddrField::channel, AddrField::rank, AddrField::bank_group, AddrField::bank,
                      AddrField::row, AddrField::column}) {
    std::uint32_t bits = 0;
    for (const auto& seg : m.segments) if (seg.field == f) bits += seg.bits;
    const std::uint64_t want = field_count(p.spec, f);
    if (bits != log2u(want)) {
      throw DramParamError(k + ".address_mapping", std::string("field '") + field_name(f) + "' has " +
                                                  std::to_string(bits) + " bits but the memspec needs " +
                                                  std::to_string(log2u(want)) + " (" + std::to_string(want) +
                                                  ") in mapping '" + to_string(m) + "'");
    }
  }
}

std::uint32_t time_to_nck_jedec(double t_ps, std::uint64_t clock_hz) {
  const double cycles = t_ps * double(clock_hz) / 1e12;
  return static_cast<std::uint32_t>(std::floor(cycles + 0.974));
}

std::uint32_t time_to_nck_floor(double t_ps, std::uint64_t clock_hz) {
  return static_cast<std::uint32_t>(std::floor(t_ps * double(clock_hz) / 1e12 + 1e-9));
}

}  // namespace sushi::dram
