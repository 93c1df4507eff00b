// The SuperNets the library knows and their elastic choice lists.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace sushi::supernet {

enum class Arch { OfaResNet50, OfaMbv3W10, OfaMbv3W12 };

// Input resolution (pixels, square). OFA trains every SuperNet with elastic resolution
// (train_ofa_net.py: image_size "128,160,192,224", continuous_size=True, MyRandomResizedCrop
// IMAGE_SIZE_SEG = 4), so a SubNet may run at any multiple of 4 from 128 to 224.
constexpr int kDefaultResolution = 224;
constexpr int kMinResolution = 128;
constexpr int kMaxResolution = 224;
constexpr int kResolutionStep = 4;
bool resolution_allowed(int r);
// Throws std::invalid_argument naming the allowed range unless resolution_allowed(r).
void check_resolution(int r, const std::string& context);

// Canonical CLI names: "ofa-resnet50", "ofa-mbv3-w1.0", "ofa-mbv3-w1.2".
std::string_view arch_name(Arch a);
// Throws std::invalid_argument naming the allowed values.
Arch parse_arch(std::string_view name);
std::vector<Arch> all_archs();
bool is_mbv3(Arch a);

// Elastic dimensions of a SuperNet, as OFA defines them (see docs/supernet.md).
// Expand ratios are stored in hundredths (0.35 -> 35, 6 -> 600) so all arithmetic is exact.
struct ArchSpec {
  std::vector<int> ks_choices;      // kernel sizes (empty: fixed kernels)
  std::vector<int> e_choices;       // expand ratios x100
  std::vector<int> d_choices;       // depth choices per stage
  std::vector<int> d0_choices;      // ResNet stem depth choices (empty for MBv3)
  std::vector<int> w_choices;       // width-multiplier indices (empty: fixed width)
  std::vector<int> width_mult_pct;  // width multipliers x100, indexed by w
  size_t n_ks = 0;                  // length of the ks list
  size_t n_e = 0;                   // length of the e list
  size_t n_d = 0;                   // length of the d list
  size_t n_w = 0;                   // length of the w list
  std::vector<int> blocks_per_stage;  // maximum blocks in each elastic stage
};

const ArchSpec& arch_spec(Arch a);

}  // namespace sushi::supernet
