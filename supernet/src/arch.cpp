// Arch values and the registry-derived lookups: names, image codes and resolution ranges all come
// from the registered Family descriptions (src/families/registry.cpp).
#include "supernet/arch.h"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "supernet/family.h"

namespace sushi::supernet {

const Family& first_registered_family() { return *registered_families().front(); }

bool operator<(Arch a, Arch b) {
  const auto& fams = registered_families();
  return std::find(fams.begin(), fams.end(), a.f_) < std::find(fams.begin(), fams.end(), b.f_);
}

const std::vector<Arch>& all_archs() {
  static const std::vector<Arch> archs = [] {
    std::vector<Arch> v;
    for (const Family* f : registered_families()) v.emplace_back(*f);
    return v;
  }();
  return archs;
}

std::string_view arch_name(Arch a) { return a->name(); }

std::string arch_names(std::string_view sep) {
  std::string s;
  for (Arch a : all_archs()) s += (s.empty() ? "" : std::string(sep)) + std::string(a->name());
  return s;
}

Arch parse_arch(std::string_view name) {
  for (Arch a : all_archs())
    if (a->name() == name) return a;
  throw std::invalid_argument("unknown SuperNet '" + std::string(name) + "' (allowed: " + arch_names() + ")");
}

uint32_t image_code(Arch a) { return a->image_code(); }

std::optional<Arch> arch_of_image_code(uint32_t code) {
  for (Arch a : all_archs())
    if (a->image_code() == code) return a;
  return std::nullopt;
}

const ArchSpec& arch_spec(Arch a) { return a->spec(); }

bool resolution_allowed(Arch a, int r) {
  const ArchSpec& sp = a->spec();
  return r >= sp.min_resolution && r <= sp.max_resolution && (r - sp.min_resolution) % sp.resolution_step == 0;
}

std::string resolution_range_text(Arch a) {
  const ArchSpec& sp = a->spec();
  return std::to_string(sp.min_resolution) + ".." + std::to_string(sp.max_resolution) + " in steps of " +
         std::to_string(sp.resolution_step);
}

void check_resolution(Arch a, int r, const std::string& context) {
  if (!resolution_allowed(a, r))
    throw std::invalid_argument(context + ": resolution " + std::to_string(r) + " is not allowed (allowed: " +
                                resolution_range_text(a) + " pixels)");
}

}  // namespace sushi::supernet
