#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <set>

#include <zlib.h>

#include "supernet/model_image_io.h"
#include "supernet/supernet.h"

#if !defined(__BYTE_ORDER__) || __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the model image writer assumes a little-endian host"
#endif

namespace sushi::supernet {

namespace {

uint8_t op_of(LayerKind k) {
  switch (k) {
    case LayerKind::Conv: return SUSHI_OP_CONV;
    case LayerKind::DwConv: return SUSHI_OP_DWCONV;
    case LayerKind::Pointwise: return SUSHI_OP_CONV1X1;
    case LayerKind::SeReduce: return SUSHI_OP_SE_REDUCE;
    case LayerKind::SeExpand: return SUSHI_OP_SE_EXPAND;
    case LayerKind::Linear: return SUSHI_OP_FC;
  }
  return 0;
}

uint8_t act_of(Act a) {
  switch (a) {
    case Act::None: return SUSHI_ACT_NONE;
    case Act::Relu: return SUSHI_ACT_RELU;
    case Act::HSwish: return SUSHI_ACT_HSWISH;
    case Act::HSigmoid: return SUSHI_ACT_HSIGMOID;
  }
  return 0;
}

uint64_t align8(uint64_t v) { return (v + 7) / 8 * 8; }

template <class T>
void put(std::vector<uint8_t>& img, uint64_t off, const T& v) {
  std::memcpy(img.data() + off, &v, sizeof(T));
}

// Transform-matrix area after the weights: one entry per depthwise layer with kernel_min < kernel_max.
struct TransformArea {
  std::vector<uint64_t> offset, bytes;
};
TransformArea transform_area(const SuperNet& net, const WeightLayout& lay) {
  TransformArea t;
  uint64_t off = lay.total_bytes();
  for (const SuperLayer& l : net.layers()) {
    const uint64_t b = l.kind == LayerKind::DwConv ? transform_entries(l.kernel_max, l.kernel_min) * lay.params().bytes_per_weight : 0;
    t.offset.push_back(b ? off : 0);
    t.bytes.push_back(b);
    off += (b + 63) / 64 * 64;
  }
  return t;
}

std::vector<sushi_layer_desc> descriptors_for(const SuperNet& net, const WeightLayout& lay, const TransformArea& ta,
                                              const SubGraph& g, const ImageOptions& o) {
  const uint64_t slot = act_slot_bytes(SuperNet::get(net.arch()));  // the arena is sized at 224, every resolution fits
  const uint64_t se_base = o.act_base + kActSlots * slot;
  auto addr = [&](int s) { return o.act_base + static_cast<uint64_t>(s) * slot; };
  std::vector<sushi_layer_desc> out;
  int cur = 0;          // slot holding the current activation (the input image starts in slot 0)
  int block_in = -1;    // slot holding the current block's input (identity shortcut)
  int prev_group = -2;
  std::map<int, int> layer_slot;  // output slot of side-path layers (downsample)
  for (size_t i = 0; i < net.size(); ++i) {
    const SuperLayer& l = net.layers()[i];
    const Region& r = g.regions[i];
    if (!r.included) continue;
    if (l.group != prev_group) {
      block_in = l.group >= 0 ? cur : -1;  // entering a residual group: keep its input alive
      prev_group = l.group;
    }
    std::set<int> live = {cur, block_in};
    for (const auto& kv : layer_slot) live.insert(kv.second);
    int free_slot = 0;
    while (live.count(free_slot)) ++free_slot;
    sushi_layer_desc d{};
    d.op = op_of(l.kind);
    d.act = act_of(l.act);
    d.kernel = static_cast<uint8_t>(r.kernel);
    d.kernel_max = static_cast<uint8_t>(l.kernel_max);
    d.stride = static_cast<uint8_t>(l.stride);
    d.layer_index = static_cast<uint16_t>(i);
    d.k_out = static_cast<uint16_t>(r.k);
    d.c_in = static_cast<uint16_t>(r.c);
    d.k_max = static_cast<uint16_t>(l.k_max);
    d.c_max = static_cast<uint16_t>(l.c_max);
    d.in_h = static_cast<uint16_t>(l.in_h);
    d.in_w = static_cast<uint16_t>(l.in_w);
    d.out_h = static_cast<uint16_t>(l.out_h);
    d.out_w = static_cast<uint16_t>(l.out_w);
    d.groups = static_cast<uint16_t>(l.kind == LayerKind::DwConv ? r.k : 1);
    d.weight_bytes = static_cast<uint32_t>(lay.region_bytes(i, r));
    d.weight_addr = o.weights_base + lay.layer(i).offset;
    uint8_t flags = 0;
    if (l.pre_pool == Pool::Avg) flags |= SUSHI_DESC_PRE_AVGPOOL;
    if (l.pre_pool == Pool::GlobalAvg) flags |= SUSHI_DESC_PRE_GLOBALPOOL;
    if (l.post_pool == Pool::Max3x3s2) flags |= SUSHI_DESC_POST_MAXPOOL;
    if (l.kind == LayerKind::SeReduce) {
      d.in_addr = addr(cur);
      d.out_addr = se_base;  // SE hidden vector
    } else if (l.kind == LayerKind::SeExpand) {
      d.in_addr = se_base;
      d.out_addr = se_base + kSeSlotBytes;  // SE scale vector, consumed by the project conv
    } else {
      d.in_addr = addr(cur);
      d.out_addr = addr(free_slot);
      if (l.kind == LayerKind::DwConv && r.kernel < l.kernel_max) {
        flags |= SUSHI_DESC_KERNEL_TRANSFORM;
        d.aux_addr = o.weights_base + ta.offset[i];
      }
      if (l.se_scaled_input) {
        flags |= SUSHI_DESC_SE_SCALE_INPUT;
        d.aux_addr = se_base + kSeSlotBytes;
      }
      if (l.residual_add) {
        flags |= SUSHI_DESC_RESIDUAL_ADD;
        if (l.act_before_add) flags |= SUSHI_DESC_ACT_BEFORE_ADD;
        const auto it = layer_slot.find(l.shortcut_layer);
        d.aux_addr = addr(l.shortcut_layer >= 0 && it != layer_slot.end() ? it->second : block_in);
        if (it != layer_slot.end()) layer_slot.erase(it);
      }
      bool side_path = false;
      for (size_t j = i + 1; j < net.size(); ++j)
        if (net.layers()[j].shortcut_layer == static_cast<int>(i)) side_path = true;
      if (side_path)
        layer_slot[static_cast<int>(i)] = free_slot;  // downsample output waits for the block's add
      else
        cur = free_slot;
    }
    d.flags = flags;
    out.push_back(d);
  }
  if (!out.empty()) out.back().flags |= SUSHI_DESC_LAST;
  return out;
}

}  // namespace

uint64_t act_slot_bytes(const SuperNet& net) {
  uint64_t m = 0;
  for (const SuperLayer& l : net.layers()) {
    m = std::max(m, static_cast<uint64_t>(l.c_max) * l.in_h * l.in_w);
    m = std::max(m, static_cast<uint64_t>(l.k_max) * l.out_h * l.out_w);
  }
  return (m + 4095) / 4096 * 4096;
}

std::vector<uint8_t> write_model_image(const Catalog& c, const ImageOptions& o) {
  const SuperNet& net = SuperNet::get(c.arch);
  ImageOptions opt = o;
  opt.layout.bytes_per_weight = c.bytes_per_weight;
  opt.latency.layout = opt.layout;
  const WeightLayout lay(net, opt.layout);
  const TransformArea ta = transform_area(net, lay);
  const size_t L = net.size(), N = c.entries.size();

  std::vector<std::vector<sushi_layer_desc>> descs;
  std::vector<SubGraph> graphs;
  for (const CatalogEntry& e : c.entries) {  // descriptors carry the spatial sizes at the SubNet's resolution
    graphs.push_back(net.region_of(e.subnet));
    descs.push_back(descriptors_for(SuperNet::of(e.subnet), lay, ta, graphs.back(), opt));
    plan_activation_residency(descs.back(), opt.activations, opt.act_store_bytes, opt.layout.bytes_per_weight);
  }
  size_t ndesc = 0;
  for (const auto& d : descs) ndesc += d.size();

  if (opt.profile != nullptr && opt.profile->subnets.size() != N)
    throw std::invalid_argument("latency profile has " + std::to_string(opt.profile->subnets.size()) +
                                " SubNets, the catalog " + std::to_string(N));
  if (opt.profile != nullptr)
    for (const SubnetProfile& sp : opt.profile->subnets)
      if (sp.layers.size() != L)
        throw std::invalid_argument("latency profile has " + std::to_string(sp.layers.size()) +
                                    " layers per SubNet, the SuperNet " + std::to_string(L));
  const uint32_t nsec = 6;
  const uint64_t table_off = sizeof(sushi_img_header);
  const uint64_t layers_off = align8(table_off + nsec * sizeof(sushi_img_section));
  const uint64_t cat_off = align8(layers_off + L * sizeof(sushi_img_layer));
  const uint64_t reg_off = align8(cat_off + N * sizeof(sushi_img_subnet));
  const uint64_t desc_off = align8(reg_off + N * L * sizeof(sushi_img_region));
  const uint64_t lat_off = align8(desc_off + ndesc * sizeof(sushi_layer_desc));
  const uint64_t llat_off = align8(lat_off + N * sizeof(sushi_img_latency_coef));
  const uint64_t total = align8(llat_off + N * L * sizeof(sushi_img_layer_latency));
  if (total > 0xFFFFFFFFull) throw std::length_error("model image larger than 4 GiB");
  std::vector<uint8_t> img(total, 0);

  sushi_img_header h{};
  h.magic = SUSHI_IMG_MAGIC;
  h.version_major = SUSHI_IMG_VERSION_MAJOR;
  h.version_minor = SUSHI_IMG_VERSION_MINOR;
  h.header_size = sizeof(sushi_img_header);
  h.total_size = static_cast<uint32_t>(total);
  h.arch = image_code(c.arch);
  h.section_count = nsec;
  h.section_table_offset = static_cast<uint32_t>(table_off);
  h.k_par = static_cast<uint16_t>(opt.layout.k_par);
  h.c_par = static_cast<uint16_t>(opt.layout.c_par);
  h.bytes_per_weight = static_cast<uint8_t>(opt.layout.bytes_per_weight);
  h.layer_count = static_cast<uint32_t>(L);
  h.subnet_count = static_cast<uint32_t>(N);
  h.weights_base = opt.weights_base;
  h.act_base = opt.act_base;

  const sushi_img_section secs[nsec] = {
      {SUSHI_IMG_SEC_LAYERS, static_cast<uint32_t>(layers_off), static_cast<uint32_t>(L * sizeof(sushi_img_layer)), static_cast<uint32_t>(L)},
      {SUSHI_IMG_SEC_CATALOG, static_cast<uint32_t>(cat_off), static_cast<uint32_t>(N * sizeof(sushi_img_subnet)), static_cast<uint32_t>(N)},
      {SUSHI_IMG_SEC_REGIONS, static_cast<uint32_t>(reg_off), static_cast<uint32_t>(N * L * sizeof(sushi_img_region)), static_cast<uint32_t>(N * L)},
      {SUSHI_IMG_SEC_DESCRIPTORS, static_cast<uint32_t>(desc_off), static_cast<uint32_t>(ndesc * sizeof(sushi_layer_desc)), static_cast<uint32_t>(ndesc)},
      {SUSHI_IMG_SEC_LATENCY, static_cast<uint32_t>(lat_off), static_cast<uint32_t>(N * sizeof(sushi_img_latency_coef)), static_cast<uint32_t>(N)},
      {SUSHI_IMG_SEC_LAYER_LATENCY, static_cast<uint32_t>(llat_off), static_cast<uint32_t>(N * L * sizeof(sushi_img_layer_latency)), static_cast<uint32_t>(N * L)},
  };
  for (uint32_t s = 0; s < nsec; ++s) put(img, table_off + s * sizeof(sushi_img_section), secs[s]);

  for (size_t i = 0; i < L; ++i) {
    const SuperLayer& l = net.layers()[i];
    const LayerLayout& ll = lay.layer(i);
    sushi_img_layer e{};
    e.op = op_of(l.kind);
    e.act = act_of(l.act);
    e.kernel_max = static_cast<uint8_t>(l.kernel_max);
    e.kernel_min = static_cast<uint8_t>(l.kernel_min);
    e.stride = static_cast<uint8_t>(l.stride);
    e.flags = static_cast<uint8_t>((l.optional ? SUSHI_IMG_LAYER_OPTIONAL : 0) | (l.residual_add ? SUSHI_IMG_LAYER_RESIDUAL : 0) |
                                   (l.kind == LayerKind::DwConv ? SUSHI_IMG_LAYER_DEPTHWISE : 0));
    e.k_max = static_cast<uint16_t>(l.k_max);
    e.c_max = static_cast<uint16_t>(l.c_max);
    e.in_h = static_cast<uint16_t>(l.in_h);
    e.in_w = static_cast<uint16_t>(l.in_w);
    e.out_h = static_cast<uint16_t>(l.out_h);
    e.out_w = static_cast<uint16_t>(l.out_w);
    e.k_tiles = static_cast<uint16_t>(ll.k_tiles);
    e.c_tiles = static_cast<uint16_t>(ll.c_tiles);
    e.tap_bytes = static_cast<uint32_t>(ll.tap_bytes);
    e.unit_bytes = static_cast<uint32_t>(ll.unit_bytes);
    e.weight_offset = ll.offset;
    e.weight_bytes = ll.bytes;
    e.transform_offset = ta.offset[i];
    e.transform_bytes = static_cast<uint32_t>(ta.bytes[i]);
    e.shortcut_layer = l.shortcut_layer;
    put(img, layers_off + i * sizeof(sushi_img_layer), e);
  }

  uint64_t doff = 0;
  for (size_t n = 0; n < N; ++n) {
    const CatalogEntry& ce = c.entries[n];
    const SuperNet& snet = SuperNet::of(ce.subnet);  // same layers as net, spatial sizes at its resolution
    const Totals t = totals(snet, graphs[n]);
    sushi_img_subnet s{};
    s.id = ce.id;
    s.flags = ce.accuracy_source == AccuracySource::Proxy ? SUSHI_IMG_ACC_PROXY : 0;
    s.accuracy_milli = static_cast<uint32_t>(std::lround(ce.accuracy * 1000.0));
    s.region_offset = static_cast<uint32_t>(n * L * sizeof(sushi_img_region));
    s.desc_offset = static_cast<uint32_t>(doff);
    s.desc_count = static_cast<uint32_t>(descs[n].size());
    s.macs = t.macs;
    s.weight_params = t.weight_params;
    s.weight_bytes = lay.region_bytes(graphs[n]);
    s.transform_bytes = t.transform_params * opt.layout.bytes_per_weight;
    s.resolution = static_cast<uint16_t>(ce.subnet.r);
    put(img, cat_off + n * sizeof(sushi_img_subnet), s);
    for (size_t i = 0; i < L; ++i) {
      const Region& r = graphs[n].regions[i];
      sushi_img_region rr{static_cast<uint16_t>(r.k), static_cast<uint16_t>(r.c), static_cast<uint8_t>(r.kernel),
                          static_cast<uint8_t>(r.included ? 1 : 0), 0};
      put(img, reg_off + s.region_offset + i * sizeof(sushi_img_region), rr);
    }
    for (const sushi_layer_desc& d : descs[n]) {
      put(img, desc_off + doff, d);
      doff += sizeof(sushi_layer_desc);
    }
    const LatencyEstimate le = estimate_latency(snet, graphs[n], opt.latency);
    const uint32_t analytic_q8 = static_cast<uint32_t>(std::lround(1024.0 / opt.latency.dram_bytes_per_cycle * 256.0));
    sushi_img_latency_coef lc{};
    lc.weight_cycles = le.weight_cycles;
    uint64_t q8_weighted = 0;  // per-layer slopes weighted by the layer's bytes, for the mean
    for (size_t i = 0; i < L; ++i) {
      const Region& r = graphs[n].regions[i];
      sushi_img_layer_latency ll{};
      if (r.included) {
        if (opt.profile != nullptr) {
          ll = opt.profile->subnets[n].layers[i];
        } else {
          ll.cached_cycles = static_cast<uint32_t>(std::min<uint64_t>(
              layer_compute_cycles(snet.layers()[i], r, opt.latency), 0xFFFFFFFFull));
          ll.cycles_per_kib_q8 = analytic_q8;
        }
        q8_weighted += ll.cycles_per_kib_q8 * lay.region_bytes(i, r);
      }
      put(img, llat_off + (n * L + i) * sizeof(sushi_img_layer_latency), ll);
    }
    lc.fixed_cycles = opt.profile != nullptr ? opt.profile->subnets[n].fixed_cycles : 0;
    lc.cycles_per_kib_q8 = s.weight_bytes ? static_cast<uint32_t>(q8_weighted / s.weight_bytes) : analytic_q8;
    lc.flags = opt.profile != nullptr ? SUSHI_IMG_LAT_PROFILED : SUSHI_IMG_LAT_ANALYTIC;
    put(img, lat_off + n * sizeof(sushi_img_latency_coef), lc);
  }
  put(img, 0, h);
  h.crc32 = crc32(img.data(), img.size());
  put(img, 0, h);
  return img;
}

// CRC-32/IEEE from zlib (the same polynomial, initial value and final xor as the firmware's).
uint32_t crc32(const uint8_t* data, size_t size, uint32_t crc) {
  uLong c = crc;
  while (size > 0) {  // zlib takes uInt lengths
    const uInt n = static_cast<uInt>(std::min<size_t>(size, 1u << 30));
    c = ::crc32(c, data, n);
    data += n;
    size -= n;
  }
  return static_cast<uint32_t>(c);
}

ProfiledOn profiled_on(const ImageOptions& o) {
  ProfiledOn p;
  p.k_par = o.layout.k_par;
  p.c_par = o.layout.c_par;
  p.bytes_per_weight = o.layout.bytes_per_weight;
  p.taps = o.latency.taps;
  p.freq_mhz = o.latency.freq_mhz;
  p.dram_bytes_per_cycle = o.latency.dram_bytes_per_cycle;
  p.act_on_chip = o.activations == ActResidency::OnChip;
  p.act_store_bytes = o.act_store_bytes;
  return p;
}

}  // namespace sushi::supernet
