#include "sram_energy_table.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>



#include "sram_params.h"
#include "common/yaml_table.h"

namespace sushi::sram {

namespace {

std::string fmt_size(std::uint64_t b) {
  if (b % (1024 * 1024) == 0) return std::to_string(b / (1024 * 1024)) + " MiB";
  if (b % 1024 == 0) return std::to_string(b / 1024) + " KiB";
  return std::to_string(b) + " B";
}

std::string fmt_num(double v) {
  std::ostringstream os;
  os.precision(6);
  os << v;
  return os.str();
}

// One value as a function of size, from rows sorted by size. `proportional_below` selects the
// rule below the smallest row (true: scale with size; false: clamp).
struct Interp {
  double value = 0.0;
  std::string how;     // human-readable rule applied
  std::string source;  // sources of the rows used
};

template <typename Row, typename Get>
Interp by_size(const std::vector<const Row*>& rows, std::uint64_t size, Get get,
               bool proportional_below, const std::string& table, const std::string& what) {
  if (rows.empty()) throw SramError("energy table '" + table + "' has no " + what + " rows");
  const Row* lo = rows.front();
  const Row* hi = rows.back();
  if (size > hi->size_bytes) {
    throw SramError("energy table '" + table + "': bank size " + fmt_size(size) +
                    " is above the largest " + what + " row (" + fmt_size(hi->size_bytes) +
                    "); use more banks so that capacity / banks <= " + fmt_size(hi->size_bytes));
  }
  if (size <= lo->size_bytes) {
    if (size == lo->size_bytes) return {get(*lo), "row " + fmt_size(lo->size_bytes), lo->source};
    if (proportional_below) {
      double v = get(*lo) * static_cast<double>(size) / static_cast<double>(lo->size_bytes);
      return {v, "row " + fmt_size(lo->size_bytes) + " x " + fmt_size(size) + "/" +
                     fmt_size(lo->size_bytes) + " (scaled with size below the table)",
              lo->source};
    }
    return {get(*lo), "clamped to smallest row " + fmt_size(lo->size_bytes), lo->source};
  }
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const Row* a = rows[i - 1];
    const Row* b = rows[i];
    if (size > b->size_bytes) continue;
    if (size == b->size_bytes) return {get(*b), "row " + fmt_size(b->size_bytes), b->source};
    // Power law between the neighbouring rows: log(v) linear in log2(size).
    double t = (std::log2(static_cast<double>(size)) - std::log2(static_cast<double>(a->size_bytes))) /
               (std::log2(static_cast<double>(b->size_bytes)) - std::log2(static_cast<double>(a->size_bytes)));
    double va = get(*a), vb = get(*b);
    double v = (va > 0.0 && vb > 0.0) ? std::exp(std::log(va) + t * (std::log(vb) - std::log(va)))
                                      : va + t * (vb - va);
    std::string src = a->source == b->source ? a->source : a->source + "; " + b->source;
    return {v, "log-log between rows " + fmt_size(a->size_bytes) + " and " + fmt_size(b->size_bytes),
            src};
  }
  return {get(*hi), "row " + fmt_size(hi->size_bytes), hi->source};
}

}  // namespace

SramEnergy SramEnergyTable::lookup_blocks(std::uint64_t bank_bytes, std::uint32_t word_bits, std::uint32_t banks,
                                         const std::string& array) const {
  const SramBlockRule* rule = nullptr;
  for (const auto& r : rules) {
    const bool suffix = array.size() > r.array.size() && array.compare(array.size() - r.array.size(), r.array.size(), r.array) == 0 &&
                        array[array.size() - r.array.size() - 1] == '.';
    if (r.array == "*" || r.array == array || suffix) {
      rule = &r;
      break;
    }
  }
  if (rule == nullptr) {
    throw SramError("energy table '" + name + "' assigns no memory primitive to array '" + array +
                    "' (add a rule to 'arrays', or one for \"*\")");
  }
  const SramBlock* b = nullptr;
  for (const auto& x : blocks) {
    if (x.name == rule->block) b = &x;
  }
  if (b == nullptr) throw SramError(rule->origin + ": no block named '" + rule->block + "' in 'blocks'");
  const std::uint64_t cols = (word_bits + b->width_bits - 1) / b->width_bits;
  const std::uint64_t words = static_cast<std::uint64_t>(banks) * (bank_bytes * 8 / word_bits);
  const std::uint64_t rows = std::max<std::uint64_t>(1, (words + b->depth - 1) / b->depth);
  const std::uint64_t count = rows * cols;
  auto entry = [&](double pj_per_block, const char* what) {
    EnergyEntry e;
    e.unit = CountUnit::event;
    e.pj_per_unit = static_cast<double>(cols) * pj_per_block;
    e.given = std::to_string(cols) + " x " + fmt_num(pj_per_block) + " pJ (" + b->name + " " + what + ") per " +
              std::to_string(word_bits) + "-bit word";
    e.source = b->source + " [table " + name + "]";
    return e;
  };
  SramEnergy out;
  out.read = entry(b->read_pj, "read");
  out.write = entry(b->write_pj, "write");
  out.leakage.pj_per_unit = static_cast<double>(count) * b->static_w;  // W = pJ/ps
  out.leakage.unit = CountUnit::ps;
  out.leakage.given = std::to_string(count) + " x " + b->name + " (" + std::to_string(rows) + " rows x " +
                      std::to_string(cols) + " columns) x " + fmt_num(b->static_w * 1e3) + " mW static";
  out.leakage.source = b->source + " [table " + name + "]";
  return out;
}

SramEnergy SramEnergyTable::lookup(std::uint64_t bank_bytes, std::uint32_t word_bits,
                                   std::uint32_t banks, const std::string& array) const {
  if (!blocks.empty()) return lookup_blocks(bank_bytes, word_bits, banks, array);
  std::map<std::uint32_t, std::vector<const SramAccessRow*>> by_width;
  for (const auto& r : access) by_width[r.word_bits].push_back(&r);
  if (by_width.empty()) throw SramError("energy table '" + name + "' has no access rows");
  for (auto& [w, rows] : by_width) {
    std::sort(rows.begin(), rows.end(),
              [](const SramAccessRow* a, const SramAccessRow* b) { return a->size_bytes < b->size_bytes; });
  }

  // Access energy at the requested size for one table width.
  auto at_width = [&](std::uint32_t w, bool read) {
    return by_size(by_width.at(w), bank_bytes,
                   [read](const SramAccessRow& r) { return read ? r.read_pj : r.write_pj; },
                   /*proportional_below=*/false, name, std::to_string(w) + "-bit access");
  };
  auto access_energy = [&](bool read) {
    EnergyEntry e;
    e.unit = CountUnit::event;
    auto hi_it = by_width.lower_bound(word_bits);
    Interp r;
    std::string width_rule;
    if (hi_it != by_width.end() && hi_it->first == word_bits) {
      r = at_width(word_bits, read);
    } else if (hi_it == by_width.begin() || hi_it == by_width.end()) {
      // Outside the table's widths: per-bit scaling from the nearest width.
      std::uint32_t w = hi_it == by_width.end() ? by_width.rbegin()->first : hi_it->first;
      r = at_width(w, read);
      r.value *= static_cast<double>(word_bits) / w;
      width_rule = ", x " + std::to_string(word_bits) + "/" + std::to_string(w) + " bit (per-bit scaling)";
    } else {
      auto lo_it = std::prev(hi_it);
      Interp a = at_width(lo_it->first, read), b = at_width(hi_it->first, read);
      double t = static_cast<double>(word_bits - lo_it->first) / (hi_it->first - lo_it->first);
      r.value = a.value + t * (b.value - a.value);
      r.how = a.how;
      r.source = a.source == b.source ? a.source : a.source + "; " + b.source;
      width_rule = ", linear in width between " + std::to_string(lo_it->first) + " and " +
                   std::to_string(hi_it->first) + " bit";
    }
    e.pj_per_unit = r.value;
    e.given = fmt_num(r.value) + " pJ per " + std::to_string(word_bits) + "-bit " +
              (read ? "read" : "write") + " of a " + fmt_size(bank_bytes) + " bank (" + r.how +
              width_rule + ")";
    e.source = r.source + " [table " + name + "]";
    return e;
  };

  SramEnergy out;
  out.read = access_energy(true);
  out.write = access_energy(false);

  std::vector<const SramLeakageRow*> lrows;
  for (const auto& r : leakage) lrows.push_back(&r);
  std::sort(lrows.begin(), lrows.end(),
            [](const SramLeakageRow* a, const SramLeakageRow* b) { return a->size_bytes < b->size_bytes; });
  Interp l = by_size(lrows, bank_bytes, [](const SramLeakageRow& r) { return r.watts; },
                     /*proportional_below=*/true, name, "leakage");
  // 1 W = 1 J/s = 1e12 pJ / 1e12 ps: the pJ-per-ps figure equals the power in watts.
  out.leakage.pj_per_unit = l.value * banks;
  out.leakage.unit = CountUnit::ps;
  out.leakage.given = fmt_num(l.value * 1e3) + " mW per " + fmt_size(bank_bytes) + " bank x " +
                      std::to_string(banks) + " banks (" + l.how + ")";
  out.leakage.source = l.source + " [table " + name + "]";
  return out;
}

namespace {
SramEnergyTable load_sram_energy_table_impl(const std::string& path) {
  const io::YamlNode root = yaml_load_table(path, "SRAM energy table", "an SRAM energy table");
  SramEnergyTable t;
  t.file = path;
  t.name = yaml_string(root, "sram_energy", "name");
  if (root.find("blocks")) {  // an FPGA table: primitives and their assignment
    const io::YamlNode& blk = yaml_list(root, "blocks");
    for (std::size_t i = 0; i < blk.items.size(); ++i) {
      const io::YamlNode& r = blk.items[i];
      const std::string kp = "blocks[" + std::to_string(i) + "]";
      if (r.kind != io::YamlNode::Kind::map) throw SramError(r.loc.str() + ": key '" + kp + "' must be a map");
      SramBlock b;
      b.name = yaml_string(r, kp, "name");
      const double width = yaml_quantity(r, kp, "width", Quantity::bits);
      const std::string depth = yaml_string(r, kp, "depth");
      if (width < 1.0 || std::floor(width) != width || depth.empty() ||
          depth.find_first_not_of("0123456789") != std::string::npos || std::stoull(depth) == 0) {
        throw SramError(r.loc.str() + ": key '" + kp + "': width (bits) and depth (words) must be whole and > 0");
      }
      b.width_bits = static_cast<std::uint32_t>(width);
      b.depth = std::stoull(depth);
      b.read_pj = yaml_quantity(r, kp, "read", Quantity::energy);
      b.write_pj = yaml_quantity(r, kp, "write", Quantity::energy);
      b.static_w = yaml_quantity(r, kp, "static", Quantity::power);
      b.source = yaml_string(r, kp, "source");
      b.origin = r.loc.str();
      t.blocks.push_back(b);
    }
    const io::YamlNode* arr = root.find("arrays");
    if (!arr || arr->kind != io::YamlNode::Kind::sequence || arr->items.empty()) {
      throw SramError((arr ? arr : &root)->loc.str() + ": a table with 'blocks' needs a non-empty list 'arrays'");
    }
    for (std::size_t i = 0; i < arr->items.size(); ++i) {
      const std::string kp = "arrays[" + std::to_string(i) + "]";
      SramBlockRule rule{yaml_string(arr->items[i], kp, "array"), yaml_string(arr->items[i], kp, "block"),
                         arr->items[i].loc.str()};
      bool known = false;
      for (const auto& b : t.blocks) known = known || b.name == rule.block;
      if (!known) throw SramError(rule.origin + ": key '" + kp + ".block': no block named '" + rule.block + "'");
      t.rules.push_back(rule);
    }
    yaml_check_keys(root, {"name", "description", "blocks", "arrays"}, "a block table allows");
    return t;
  }
  const io::YamlNode& acc = yaml_list(root, "access");
  for (std::size_t i = 0; i < acc.items.size(); ++i) {
    const io::YamlNode& r = acc.items[i];
    const std::string kp = "access[" + std::to_string(i) + "]";
    if (r.kind != io::YamlNode::Kind::map) throw SramError(r.loc.str() + ": key '" + kp + "' must be a map");
    SramAccessRow row;
    double size = yaml_quantity(r, kp, "size", Quantity::size);
    double bits = yaml_quantity(r, kp, "word", Quantity::bits);
    if (size < 1.0 || bits < 1.0 || std::floor(bits) != bits || std::floor(size) != size) {
      throw SramError(r.loc.str() + ": key '" + kp + "': size and word must be whole and > 0");
    }
    row.size_bytes = static_cast<std::uint64_t>(size);
    row.word_bits = static_cast<std::uint32_t>(bits);
    row.read_pj = yaml_quantity(r, kp, "read", Quantity::energy);
    row.write_pj = yaml_quantity(r, kp, "write", Quantity::energy);
    row.source = yaml_string(r, kp, "source");
    row.origin = r.loc.str();
    for (const auto& o : t.access) {
      if (o.size_bytes == row.size_bytes && o.word_bits == row.word_bits) {
        throw SramError(row.origin + ": key '" + kp + "' repeats the row of " + o.origin);
      }
    }
    t.access.push_back(row);
  }
  const io::YamlNode& leak = yaml_list(root, "leakage");
  for (std::size_t i = 0; i < leak.items.size(); ++i) {
    const io::YamlNode& r = leak.items[i];
    const std::string kp = "leakage[" + std::to_string(i) + "]";
    if (r.kind != io::YamlNode::Kind::map) throw SramError(r.loc.str() + ": key '" + kp + "' must be a map");
    SramLeakageRow row;
    row.size_bytes = static_cast<std::uint64_t>(yaml_quantity(r, kp, "size", Quantity::size));
    row.watts = yaml_quantity(r, kp, "power", Quantity::power);
    row.source = yaml_string(r, kp, "source");
    row.origin = r.loc.str();
    if (row.size_bytes == 0) throw SramError(row.origin + ": key '" + kp + ".size' must be > 0");
    t.leakage.push_back(row);
  }
  yaml_check_keys(root, {"name", "description", "access", "leakage"});
  return t;
}

}  // namespace

SramEnergyTable load_sram_energy_table(const std::string& path) {
  try {
    return load_sram_energy_table_impl(path);
  } catch (const TableError& e) {
    throw SramError(e.what());
  }
}

}  // namespace sushi::sram
