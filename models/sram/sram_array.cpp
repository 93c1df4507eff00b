#include "sram_array.h"

#include <algorithm>

namespace sushi::sram {

SramArray::SramArray(std::string name, const SramParams& params, const SramEnergy& energy,
                     EnergyLedger* ledger)
    : name_(std::move(name)), p_(params), e_(energy), ledger_(ledger) {
  p_.validate(name_);
  bank_free_ps_.assign(p_.banks, 0);
  port_free_ps_.assign(p_.ports, 0);
  first_round_.assign(p_.banks, 0);
  if (ledger_) {
    read_id_ = ledger_->declare(name_, "read", EnergyCategory::sram, e_.read);
    write_id_ = ledger_->declare(name_, "write", EnergyCategory::sram, e_.write);
    leak_id_ = ledger_->declare(name_, "leakage", EnergyCategory::sram, e_.leakage);
    ledger_->add_source(this);
  }
}

SramArray::~SramArray() {
  if (ledger_) ledger_->remove_source(this);
}

SramArray::SramArray(std::string name, const SramParams& params, const SramEnergyTable& table,
                     EnergyLedger* ledger)
    : SramArray(name, params,
                (params.validate(name), table.lookup(params.bank_bytes(), params.word_bytes * 8, params.banks, name)),
                ledger) {}

void SramArray::check_range(std::uint64_t offset, std::uint64_t bytes) const {
  if (bytes == 0) throw SramError(name_ + ": access of 0 bytes at offset " + std::to_string(offset));
  if (offset >= p_.capacity_bytes || bytes > p_.capacity_bytes - offset) {
    throw SramError(name_ + ": access [" + std::to_string(offset) + ", " +
                    std::to_string(offset + bytes) + ") overflows the capacity of " +
                    std::to_string(p_.capacity_bytes) + " B (valid offsets 0.." +
                    std::to_string(p_.capacity_bytes - 1) + ")");
  }
}

SramAccessResult SramArray::access(AccessKind kind, std::uint64_t offset, std::uint64_t bytes,
                                   std::uint64_t at_ps) {
  check_range(offset, bytes);
  const std::uint64_t T = p_.clock_period_ps;
  const std::uint64_t busy = std::uint64_t{p_.bank_busy_cycles} * T;
  const std::uint64_t first = offset / p_.word_bytes;
  const std::uint64_t n = words(offset, bytes);

  SramAccessResult r;
  r.words = n;
  r.port = static_cast<std::uint32_t>(
      std::min_element(port_free_ps_.begin(), port_free_ps_.end()) - port_free_ps_.begin());
  const std::uint64_t ready = std::max(at_ps, port_free_ps_[r.port]);
  c_.port_wait_ps += ready - at_ps;
  r.start_ps = (ready + T - 1) / T * T;  // next clock edge

  // Issue loop. With bank_busy_cycles <= banks, a word's bank was last used by this burst at
  // least `banks` cycles earlier, so only the first `banks` words can conflict (with other
  // ports' accesses); the rest issue back to back and are computed in closed form.
  const bool closed_form = p_.bank_busy_cycles <= p_.banks;
  const std::uint64_t loop_n = closed_form ? std::min<std::uint64_t>(n, p_.banks) : n;
  std::uint64_t c = 0;
  std::uint32_t b = static_cast<std::uint32_t>(first % p_.banks);  // bank of word first + k
  for (std::uint64_t k = 0; k < loop_n; ++k, b = b + 1 == p_.banks ? 0 : b + 1) {
    const std::uint64_t planned = k == 0 ? r.start_ps : c + T;
    c = std::max(planned, bank_free_ps_[b]);
    if (c > planned) {
      ++c_.bank_conflicts;
      r.conflict_cycles += (c - planned) / T;
    }
    bank_free_ps_[b] = c + busy;
    if (closed_form) first_round_[k] = c;
  }
  if (closed_form && n > loop_n) {
    // Words loop_n .. n-1 issue one per cycle after word loop_n - 1.
    const std::uint64_t c_last = c + (n - loop_n) * T;
    std::uint32_t bj = static_cast<std::uint32_t>((first + n - p_.banks) % p_.banks);  // bank of word j
    for (std::uint64_t j = n - p_.banks; j < n; ++j, bj = bj + 1 == p_.banks ? 0 : bj + 1) {
      const std::uint64_t cj = j < loop_n ? first_round_[j] : c_last - (n - 1 - j) * T;
      bank_free_ps_[bj] = cj + busy;
    }
    c = c_last;
  }
  c_.bank_conflict_cycles += r.conflict_cycles;
  port_free_ps_[r.port] = c + T;
  const bool rd = kind == AccessKind::read;
  r.done_ps = c + std::uint64_t{rd ? p_.read_latency_cycles : p_.write_latency_cycles} * T;
  charge(kind, offset, bytes, n);
  return r;
}

std::uint64_t SramArray::count(AccessKind kind, std::uint64_t offset, std::uint64_t bytes) {
  check_range(offset, bytes);
  const std::uint64_t n = words(offset, bytes);
  charge(kind, offset, bytes, n);
  return n;
}

void SramArray::charge(AccessKind kind, std::uint64_t offset, std::uint64_t bytes, std::uint64_t n) {
  if (kind == AccessKind::read) {
    ++c_.reads;
    c_.read_words += n;
    c_.read_bytes += bytes;
    if (ledger_) ledger_->add(read_id_, n);
  } else {
    ++c_.writes;
    c_.write_words += n;
    c_.write_bytes += bytes;
    c_.occupancy_hwm_bytes = std::max(c_.occupancy_hwm_bytes, offset + bytes);
    if (ledger_) ledger_->add(write_id_, n);
  }
}

void SramArray::note_occupancy(std::uint64_t bytes) {
  if (bytes > p_.capacity_bytes) {
    throw SramError(name_ + ": occupancy " + std::to_string(bytes) + " B exceeds the capacity of " +
                    std::to_string(p_.capacity_bytes) + " B");
  }
  c_.occupancy_hwm_bytes = std::max(c_.occupancy_hwm_bytes, bytes);
}

void SramArray::accrue(std::uint64_t t_ps) {
  if (t_ps <= c_.leakage_ps) return;
  if (ledger_) ledger_->add(leak_id_, t_ps - c_.leakage_ps);
  c_.leakage_ps = t_ps;
}

void SramArray::report_stats(Json& out) const {
  out["capacity_B"] = p_.capacity_bytes;
  out["word_B"] = p_.word_bytes;
  out["banks_count"] = p_.banks;
  out["ports_count"] = p_.ports;
  out["reads_count"] = c_.reads;
  out["writes_count"] = c_.writes;
  out["read_words_count"] = c_.read_words;
  out["write_words_count"] = c_.write_words;
  out["read_B"] = c_.read_bytes;
  out["written_B"] = c_.write_bytes;
  out["bank_conflicts_count"] = c_.bank_conflicts;
  out["bank_conflict_cycles_count"] = c_.bank_conflict_cycles;
  out["port_wait_ps"] = c_.port_wait_ps;
  out["occupancy_hwm_B"] = c_.occupancy_hwm_bytes;
  out["occupancy_hwm_pct"] =
      100.0 * static_cast<double>(c_.occupancy_hwm_bytes) / static_cast<double>(p_.capacity_bytes);
  out["read_energy_pJ"] = read_energy_pj();
  out["write_energy_pJ"] = write_energy_pj();
  out["leakage_energy_pJ"] = leakage_energy_pj();
  out["energy_pJ"] = total_energy_pj();
  out["leakage_time_ps"] = c_.leakage_ps;
}

}  // namespace sushi::sram
