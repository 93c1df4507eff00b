// A SubNet of a SuperNet in OFA's own terms (ks/e/d for MobileNetV3, d/e/w for ResNet50) and its
// compact text encoding. See docs/supernet.md, "SubNet encoding".
#pragma once
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "supernet/arch.h"
#include "util/xoshiro.h"

namespace sushi::supernet {

// Thrown for any malformed or out-of-range SubNet encoding; what() names the field and the
// allowed values.
class SubNetError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

struct SubNetConfig {
  Arch arch;
  std::vector<int> ks;  // MBv3: kernel size per elastic block (20); ResNet: empty
  std::vector<int> e;   // expand ratio x100 per elastic block (MBv3 20, ResNet 18)
  std::vector<int> d;   // MBv3: depth per stage (5); ResNet: stem + 4 stages (5)
  std::vector<int> w;   // ResNet: width index for stem-mid, stem-out, 4 stages (6); MBv3: empty
  int r = kDefaultResolution;  // input resolution r x r in pixels (OFA's `r` / `image_size`)

  bool operator==(const SubNetConfig& o) const {
    return arch == o.arch && ks == o.ks && e == o.e && d == o.d && w == o.w && r == o.r;
  }
  bool operator!=(const SubNetConfig& o) const { return !(*this == o); }
  bool operator<(const SubNetConfig& o) const;
};

SubNetConfig max_subnet(Arch a);
SubNetConfig min_subnet(Arch a);

// Checks lengths and values against arch_spec(); throws SubNetError.
void validate(const SubNetConfig& s);

// Canonical form: entries of blocks that depth excludes are set to the smallest choice, and the
// ResNet stem depth 1 (which OFA treats like 0) becomes 0. Two configs that build the same
// network have the same canonical form.
SubNetConfig canonical(const SubNetConfig& s);

// Parses "max", "min" (optionally followed by ";r=R"), the key=value text form ("ks=7,5,...;e=6,4,...;d=4,3,4,2,2",
// "d=2,0,1,2,1;e=0.35,...;w=2,1,...", ';' '/' or spaces between fields, a single value broadcasts
// to the whole list) or an OFA arch-config JSON object ({"ks":[...],"e":[...],"d":[...]}).
// Returns the canonical form. Throws SubNetError.
SubNetConfig parse_subnet(Arch a, std::string_view text);

// Canonical text form (full lists, fields in OFA order, then ";r=R" unless R is 224), parseable by
// parse_subnet.
std::string format_subnet(const SubNetConfig& s);

// Expand ratio x100 as text: 35 -> "0.35", 600 -> "6".
std::string format_ratio(int e_pct);

// Deterministic pseudo-random generator used by sampling and the catalog search: the project's
// xoshiro256** (util/xoshiro.h; identical sequences on every platform). next(), below(n) (uniform
// in [0, n)) and uniform01().
using Rng = util::Xoshiro256ss;

// Uniformly random choice per field (OFA sample_active_subnet; ResNet stem depth from {0, 2}).
// The resolution is drawn uniformly from `resolutions` when it holds more than one value (one value
// is used as it is and draws nothing, so a 224-only search keeps its random sequence).
SubNetConfig random_subnet(Arch a, Rng& rng, const std::vector<int>& resolutions = {kDefaultResolution});

}  // namespace sushi::supernet
