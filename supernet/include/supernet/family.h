// A SuperNet family's description: every fact and rule that differs between SuperNets (names, image
// code, search space, resolution range, layer list, SubNet -> region mapping, depth semantics and
// the accuracy proxy's reference points), behind one interface. The rest of the library calls into
// it and never tests which family it has. One file per family under supernet/src/families/, listed
// once in supernet/src/families/registry.cpp (docs/supernet.md, "Adding a SuperNet family").
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include "supernet/accuracy.h"
#include "supernet/arch.h"
#include "supernet/layer.h"
#include "supernet/subnet.h"

namespace sushi::supernet {

class Family {
 public:
  virtual ~Family() = default;

  // Name as written in configs, catalogs, accuracy CSVs, outputs and the CLI, e.g. ofa-resnet50.
  virtual std::string_view name() const = 0;
  // The model image's arch code (hw/include/sushi/model_image.h, enum sushi_img_arch).
  virtual uint32_t image_code() const = 0;
  // Elastic dimensions, SubNet field order and resolution range.
  virtual const ArchSpec& spec() const = 0;

  // The layers at maximum shape for an input of resolution x resolution pixels (already checked
  // against spec()'s range).
  virtual std::vector<SuperLayer> layers(uint32_t resolution) const = 0;
  // One region per layer of layers() for a validated SubNet of this family.
  virtual std::vector<Region> regions(const SubNetConfig& s) const = 0;
  // How many blocks of elastic stage `stage` (index into spec().blocks_per_stage) s runs.
  virtual int active_blocks(const SubNetConfig& s, size_t stage) const = 0;
  // The family's own part of the canonical form, after excluded blocks are reset (default: none).
  virtual void canonicalize(SubNetConfig& s) const { (void)s; }

  // The published (MACs, top-1) points the accuracy proxy is fitted to.
  virtual const std::vector<PublishedPoint>& published_points() const = 0;
};

// The registered families, in registry order (the order all_archs() lists them in).
const std::vector<const Family*>& registered_families();

}  // namespace sushi::supernet
