// The SuperNet families the library knows, as values (Arch), and their elastic choice lists.
// Every family is one description (supernet/family.h) in its own file under src/families/, listed
// once in src/families/registry.cpp; nothing outside those files tests which family it has.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sushi::supernet {

class Family;
// The first registered family (src/families/registry.cpp): what a default-made Arch names.
const Family& first_registered_family();

// A SuperNet family as a small value: a handle to its registered description. Compares by
// identity and orders by registry position. Default-made: the first registered family.
class Arch {
 public:
  Arch() : f_(&first_registered_family()) {}
  explicit Arch(const Family& f) : f_(&f) {}
  const Family& family() const { return *f_; }
  const Family* operator->() const { return f_; }
  friend bool operator==(Arch a, Arch b) { return a.f_ == b.f_; }
  friend bool operator!=(Arch a, Arch b) { return a.f_ != b.f_; }
  friend bool operator<(Arch a, Arch b);

 private:
  const Family* f_;
};

// Input resolution (pixels, square) every SubNet runs at unless it says otherwise: OFA's training
// size, and the resolution a SubNet's text form leaves implicit.
constexpr int kDefaultResolution = 224;

// The registered families in registry order (src/families/registry.cpp).
const std::vector<Arch>& all_archs();
// Name as written in configs, catalogs, accuracy CSVs, outputs and the CLI, e.g. ofa-resnet50.
std::string_view arch_name(Arch a);
// The registered names joined by sep, in registry order (help texts and error messages).
std::string arch_names(std::string_view sep = ", ");
// Throws std::invalid_argument naming the allowed values.
Arch parse_arch(std::string_view name);
// The model image's arch code (hw/include/sushi/model_image.h, enum sushi_img_arch) and back.
uint32_t image_code(Arch a);
std::optional<Arch> arch_of_image_code(uint32_t code);

// Input resolutions a family's SubNets may run at: min..max in steps of step pixels.
bool resolution_allowed(Arch a, int r);
// "128..224 in steps of 4" for a's range.
std::string resolution_range_text(Arch a);
// Throws std::invalid_argument naming the allowed range unless resolution_allowed(a, r).
void check_resolution(Arch a, int r, const std::string& context);

// Elastic dimensions of a SuperNet, as OFA defines them (see docs/supernet.md).
// Expand ratios are stored in hundredths (0.35 -> 35, 6 -> 600) so all arithmetic is exact.
struct ArchSpec {
  std::vector<std::string> fields;  // SubNet fields in OFA's order, as keys ("ks", "e", "d", "w")
  std::vector<int> ks_choices;      // kernel sizes (empty: fixed kernels)
  std::vector<int> e_choices;       // expand ratios x100
  std::vector<int> d_choices;       // depth choices per stage
  std::vector<int> d0_choices;      // choices random draws use for d[0] (empty: d_choices)
  std::vector<int> w_choices;       // width-multiplier indices (empty: fixed width)
  std::vector<int> width_mult_pct;  // width multipliers x100, indexed by w
  size_t n_ks = 0;                  // length of the ks list
  size_t n_e = 0;                   // length of the e list
  size_t n_d = 0;                   // length of the d list
  size_t n_w = 0;                   // length of the w list
  std::vector<int> blocks_per_stage;  // maximum blocks in each elastic stage
  int min_resolution = 0;           // input resolutions allowed, pixels: min..max in steps of step
  int max_resolution = 0;
  int resolution_step = 1;

  // The choices a random draw or a mutation uses for d[i].
  const std::vector<int>& d_draw_choices(size_t i) const {
    return i == 0 && !d0_choices.empty() ? d0_choices : d_choices;
  }
};

const ArchSpec& arch_spec(Arch a);

}  // namespace sushi::supernet
