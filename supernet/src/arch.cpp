#include "supernet/arch.h"

#include <stdexcept>
#include <string>

namespace sushi::supernet {

std::string_view arch_name(Arch a) {
  switch (a) {
    case Arch::OfaResNet50: return "ofa-resnet50";
    case Arch::OfaMbv3W10: return "ofa-mbv3-w1.0";
    case Arch::OfaMbv3W12: return "ofa-mbv3-w1.2";
  }
  return "?";
}

std::vector<Arch> all_archs() { return {Arch::OfaResNet50, Arch::OfaMbv3W10, Arch::OfaMbv3W12}; }

Arch parse_arch(std::string_view name) {
  for (Arch a : all_archs())
    if (arch_name(a) == name) return a;
  throw std::invalid_argument("unknown SuperNet '" + std::string(name) +
                              "' (allowed: ofa-resnet50, ofa-mbv3-w1.0, ofa-mbv3-w1.2)");
}

bool resolution_allowed(int r) {
  return r >= kMinResolution && r <= kMaxResolution && (r - kMinResolution) % kResolutionStep == 0;
}

void check_resolution(int r, const std::string& context) {
  if (!resolution_allowed(r))
    throw std::invalid_argument(context + ": resolution " + std::to_string(r) + " is not allowed (allowed: " +
                                std::to_string(kMinResolution) + ".." + std::to_string(kMaxResolution) +
                                " in steps of " + std::to_string(kResolutionStep) + " pixels)");
}

bool is_mbv3(Arch a) { return a == Arch::OfaMbv3W10 || a == Arch::OfaMbv3W12; }

namespace {
ArchSpec make_resnet() {
  ArchSpec s;
  s.e_choices = {20, 25, 35};
  s.d_choices = {0, 1, 2};
  s.d0_choices = {0, 2};  // stem: the middle conv runs only at d = max (2)
  s.w_choices = {0, 1, 2};
  s.width_mult_pct = {65, 80, 100};
  s.blocks_per_stage = {4, 4, 6, 4};  // base depths [2,2,4,2] + max extra depth 2
  s.n_e = 18;
  s.n_d = 5;
  s.n_w = 6;
  return s;
}
ArchSpec make_mbv3(int width_pct) {
  ArchSpec s;
  s.ks_choices = {3, 5, 7};
  s.e_choices = {300, 400, 600};
  s.d_choices = {2, 3, 4};
  s.width_mult_pct = {width_pct};
  s.blocks_per_stage = {4, 4, 4, 4, 4};
  s.n_ks = 20;
  s.n_e = 20;
  s.n_d = 5;
  return s;
}
}  // namespace

const ArchSpec& arch_spec(Arch a) {
  static const ArchSpec resnet = make_resnet();
  static const ArchSpec mb10 = make_mbv3(100);
  static const ArchSpec mb12 = make_mbv3(120);
  switch (a) {
    case Arch::OfaResNet50: return resnet;
    case Arch::OfaMbv3W10: return mb10;
    case Arch::OfaMbv3W12: return mb12;
  }
  throw std::logic_error("arch_spec: bad arch");
}

}  // namespace sushi::supernet
