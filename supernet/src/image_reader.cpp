#include <cstring>
#include <optional>
#include <sstream>
#include <string>

#include "supernet/model_image_io.h"

#include "supernet/arch.h"

namespace sushi::supernet {

namespace {

[[noreturn]] void fail(const std::string& msg) { throw ImageError("model image: " + msg); }

std::string hex(uint64_t v) {
  std::ostringstream os;
  os << "0x" << std::hex << v;
  return os.str();
}

const char* section_name(uint32_t t) {
  switch (t) {
    case SUSHI_IMG_SEC_LAYERS: return "LAYERS";
    case SUSHI_IMG_SEC_CATALOG: return "CATALOG";
    case SUSHI_IMG_SEC_REGIONS: return "REGIONS";
    case SUSHI_IMG_SEC_DESCRIPTORS: return "DESCRIPTORS";
    case SUSHI_IMG_SEC_LATENCY: return "LATENCY";
    case SUSHI_IMG_SEC_LAYER_LATENCY: return "LAYER_LATENCY";
  }
  return nullptr;
}

size_t entry_size(uint32_t t) {
  switch (t) {
    case SUSHI_IMG_SEC_LAYERS: return sizeof(sushi_img_layer);
    case SUSHI_IMG_SEC_CATALOG: return sizeof(sushi_img_subnet);
    case SUSHI_IMG_SEC_REGIONS: return sizeof(sushi_img_region);
    case SUSHI_IMG_SEC_DESCRIPTORS: return sizeof(sushi_layer_desc);
    case SUSHI_IMG_SEC_LATENCY: return sizeof(sushi_img_latency_coef);
    case SUSHI_IMG_SEC_LAYER_LATENCY: return sizeof(sushi_img_layer_latency);
  }
  return 0;
}

template <class T>
std::vector<T> copy_array(const uint8_t* data, const sushi_img_section& s) {
  std::vector<T> v(s.count);
  if (s.count) std::memcpy(v.data(), data + s.offset, static_cast<size_t>(s.count) * sizeof(T));
  return v;
}

bool valid_op(uint8_t op) { return op >= SUSHI_OP_CONV && op <= SUSHI_OP_SE_EXPAND; }
bool valid_act(uint8_t a) { return a <= SUSHI_ACT_HSIGMOID; }

}  // namespace

ModelImage read_model_image(const uint8_t* data, size_t size) {
  ModelImage m;
  if (data == nullptr && size) fail("null buffer");
  if (size < sizeof(sushi_img_header))
    fail("truncated: " + std::to_string(size) + " bytes, the header needs " + std::to_string(sizeof(sushi_img_header)));
  sushi_img_header& h = m.header;
  std::memcpy(&h, data, sizeof h);
  if (h.magic != SUSHI_IMG_MAGIC) fail("bad magic " + hex(h.magic) + " (expected " + hex(SUSHI_IMG_MAGIC) + ", \"SIMG\")");
  if (h.version_major != SUSHI_IMG_VERSION_MAJOR)
    fail("unsupported version " + std::to_string(h.version_major) + "." + std::to_string(h.version_minor) +
         " (this reader reads " + std::to_string(SUSHI_IMG_VERSION_MAJOR) + ".x)");
  if (h.header_size != sizeof(sushi_img_header))
    fail("header_size " + std::to_string(h.header_size) + " (expected " + std::to_string(sizeof(sushi_img_header)) + ")");
  if (h.total_size > size)
    fail("truncated: header says total_size " + std::to_string(h.total_size) + " bytes, only " + std::to_string(size) +
         " available");
  if (h.total_size != size)
    fail("size mismatch: buffer has " + std::to_string(size) + " bytes, header says total_size " + std::to_string(h.total_size));
  {
    sushi_img_header z = h;
    z.crc32 = 0;
    uint32_t crc = crc32(reinterpret_cast<const uint8_t*>(&z), sizeof z);
    crc = crc32(data + sizeof z, size - sizeof z, crc);
    if (crc != h.crc32) fail("checksum mismatch: stored " + hex(h.crc32) + ", computed " + hex(crc));
  }
  const std::optional<Arch> arch = arch_of_image_code(h.arch);
  if (!arch) {
    std::string known;
    for (Arch a : all_archs()) known += (known.empty() ? "" : ", ") + std::to_string(image_code(a)) + " " + std::string(arch_name(a));
    fail("unknown arch code " + std::to_string(h.arch) + " (known: " + known + ")");
  }
  if (h.k_par == 0 || h.c_par == 0) fail("k_par and c_par must be non-zero");
  if (h.bytes_per_weight == 0 || h.bytes_per_weight > 8) fail("bytes_per_weight " + std::to_string(h.bytes_per_weight) + " (allowed 1..8)");
  if (h.layer_count == 0 || h.layer_count > 4096) fail("layer_count " + std::to_string(h.layer_count) + " (allowed 1..4096)");
  if (h.subnet_count == 0 || h.subnet_count > 65536) fail("subnet_count " + std::to_string(h.subnet_count) + " (allowed 1..65536)");

  // Section table.
  if (h.section_count == 0 || h.section_count > 16) fail("section_count " + std::to_string(h.section_count) + " (allowed 1..16)");
  const uint64_t tab_end = static_cast<uint64_t>(h.section_table_offset) + uint64_t{h.section_count} * sizeof(sushi_img_section);
  if (h.section_table_offset % 8 || h.section_table_offset < sizeof(sushi_img_header) || tab_end > size)
    fail("section table [" + std::to_string(h.section_table_offset) + ", " + std::to_string(tab_end) +
         ") misaligned or outside the image (" + std::to_string(size) + " bytes)");
  sushi_img_section sec[7] = {};
  bool have[7] = {};
  std::vector<std::pair<uint64_t, uint64_t>> spans = {{0, sizeof(sushi_img_header)}, {h.section_table_offset, tab_end}};
  for (uint32_t i = 0; i < h.section_count; ++i) {
    sushi_img_section s;
    std::memcpy(&s, data + h.section_table_offset + i * sizeof(sushi_img_section), sizeof s);
    const char* nm = section_name(s.type);
    if (!nm) fail("section " + std::to_string(i) + ": unknown type " + std::to_string(s.type));
    if (have[s.type]) fail(std::string("section ") + nm + " appears twice");
    const uint64_t end = uint64_t{s.offset} + s.size;
    if (s.offset % 8) fail(std::string("section ") + nm + ": offset " + std::to_string(s.offset) + " is not 8-byte aligned");
    if (end > size)
      fail(std::string("section ") + nm + " [" + std::to_string(s.offset) + ", " + std::to_string(end) +
           ") extends beyond the image end " + std::to_string(size));
    if (uint64_t{s.count} * entry_size(s.type) != s.size)
      fail(std::string("section ") + nm + ": size " + std::to_string(s.size) + " != count " + std::to_string(s.count) +
           " x " + std::to_string(entry_size(s.type)) + " bytes");
    for (const auto& sp : spans)
      if (s.size && s.offset < sp.second && sp.first < end)
        fail(std::string("section ") + nm + " [" + std::to_string(s.offset) + ", " + std::to_string(end) +
             ") overlaps another part of the image [" + std::to_string(sp.first) + ", " + std::to_string(sp.second) + ")");
    spans.emplace_back(s.offset, end);
    have[s.type] = true;
    sec[s.type] = s;
  }
  for (uint32_t t = SUSHI_IMG_SEC_LAYERS; t <= SUSHI_IMG_SEC_LAYER_LATENCY; ++t)
    if (!have[t]) fail(std::string("missing section ") + section_name(t));
  const uint64_t L = h.layer_count, N = h.subnet_count;
  auto expect_count = [&](uint32_t t, uint64_t n) {
    if (sec[t].count != n)
      fail(std::string("section ") + section_name(t) + " has " + std::to_string(sec[t].count) + " entries, expected " + std::to_string(n));
  };
  expect_count(SUSHI_IMG_SEC_LAYERS, L);
  expect_count(SUSHI_IMG_SEC_CATALOG, N);
  expect_count(SUSHI_IMG_SEC_REGIONS, N * L);
  expect_count(SUSHI_IMG_SEC_LATENCY, N);
  expect_count(SUSHI_IMG_SEC_LAYER_LATENCY, N * L);

  m.layers = copy_array<sushi_img_layer>(data, sec[SUSHI_IMG_SEC_LAYERS]);
  m.subnets = copy_array<sushi_img_subnet>(data, sec[SUSHI_IMG_SEC_CATALOG]);
  m.regions = copy_array<sushi_img_region>(data, sec[SUSHI_IMG_SEC_REGIONS]);
  m.descriptors = copy_array<sushi_layer_desc>(data, sec[SUSHI_IMG_SEC_DESCRIPTORS]);
  m.latency = copy_array<sushi_img_latency_coef>(data, sec[SUSHI_IMG_SEC_LATENCY]);
  m.layer_latency = copy_array<sushi_img_layer_latency>(data, sec[SUSHI_IMG_SEC_LAYER_LATENCY]);

  for (uint64_t i = 0; i < L; ++i) {
    const sushi_img_layer& l = m.layers[i];
    const std::string at = "layer " + std::to_string(i) + ": ";
    if (!valid_op(l.op)) fail(at + "unknown op " + std::to_string(l.op));
    if (!valid_act(l.act)) fail(at + "unknown activation " + std::to_string(l.act));
    if (l.kernel_max % 2 == 0 || l.kernel_min % 2 == 0 || l.kernel_min > l.kernel_max)
      fail(at + "kernels " + std::to_string(l.kernel_min) + ".." + std::to_string(l.kernel_max) + " must be odd and ordered");
    if (l.k_max == 0 || l.c_max == 0 || l.stride == 0) fail(at + "zero channels or stride");
    const bool dw = l.op == SUSHI_OP_DWCONV;
    if (l.k_tiles != (l.k_max + h.k_par - 1u) / h.k_par || l.c_tiles != (dw ? 1u : (l.c_max + h.c_par - 1u) / h.c_par))
      fail(at + "block counts disagree with k_par/c_par");
    const uint64_t tap = uint64_t{h.k_par} * (dw ? 1u : h.c_par) * h.bytes_per_weight;
    if (l.tap_bytes != tap || l.unit_bytes != tap * l.kernel_max * l.kernel_max ||
        l.weight_bytes != uint64_t{l.unit_bytes} * l.k_tiles * l.c_tiles)
      fail(at + "block sizes disagree with the layer geometry");
    if (l.weight_offset > (uint64_t{1} << 40) || l.transform_offset > (uint64_t{1} << 40))
      fail(at + "weight offset beyond 1 TiB");
    if (l.shortcut_layer < -1 || l.shortcut_layer >= static_cast<int64_t>(i)) fail(at + "shortcut_layer out of range");
  }

  const uint64_t desc_total = m.descriptors.size();
  for (uint64_t n = 0; n < N; ++n) {
    const sushi_img_subnet& s = m.subnets[n];
    const std::string at = "catalog entry " + std::to_string(n) + ": ";
    if (s.id != n) fail(at + "id " + std::to_string(s.id) + " (ids are the entry index)");
    if (s.accuracy_milli > 100000) fail(at + "accuracy " + std::to_string(s.accuracy_milli) + " milli-percent above 100 %");
    if (h.version_minor >= 2 && !resolution_allowed(*arch, static_cast<int>(s.resolution)))
      fail(at + "resolution " + std::to_string(s.resolution) + " (allowed: " + resolution_range_text(*arch) + ")");
    if (s.region_offset % sizeof(sushi_img_region) ||
        uint64_t{s.region_offset} + L * sizeof(sushi_img_region) > sec[SUSHI_IMG_SEC_REGIONS].size)
      fail(at + "region_offset " + std::to_string(s.region_offset) + " outside the REGIONS section");
    if (s.desc_offset % sizeof(sushi_layer_desc) ||
        uint64_t{s.desc_offset} / sizeof(sushi_layer_desc) + s.desc_count > desc_total)
      fail(at + "descriptors [" + std::to_string(s.desc_offset) + ", +" + std::to_string(s.desc_count) +
           ") outside the DESCRIPTORS section");
    const sushi_img_region* R = m.regions.data() + s.region_offset / sizeof(sushi_img_region);
    uint64_t included = 0;
    for (uint64_t i = 0; i < L; ++i) {
      const sushi_img_region& r = R[i];
      const sushi_img_layer& l = m.layers[i];
      if (r.included > 1) fail(at + "layer " + std::to_string(i) + ": included flag " + std::to_string(r.included));
      if (!r.included) {
        if (r.k || r.c || r.kernel) fail(at + "layer " + std::to_string(i) + ": excluded region is not zero");
        continue;
      }
      ++included;
      if (r.k == 0 || r.k > l.k_max || r.c == 0 || r.c > l.c_max || r.kernel < l.kernel_min || r.kernel > l.kernel_max ||
          r.kernel % 2 == 0)
        fail(at + "layer " + std::to_string(i) + ": region (" + std::to_string(r.k) + ", " + std::to_string(r.c) + ", " +
             std::to_string(r.kernel) + ") larger than the layer (" + std::to_string(l.k_max) + ", " +
             std::to_string(l.c_max) + ", " + std::to_string(l.kernel_max) + ")");
    }
    if (s.desc_count != included)
      fail(at + std::to_string(s.desc_count) + " descriptors for " + std::to_string(included) + " included layers");
    const sushi_layer_desc* D = m.descriptors.data() + s.desc_offset / sizeof(sushi_layer_desc);
    int64_t prev = -1;
    for (uint64_t k = 0; k < s.desc_count; ++k) {
      const sushi_layer_desc& d = D[k];
      const std::string dat = at + "descriptor " + std::to_string(k) + ": ";
      if (!valid_op(d.op) || !valid_act(d.act)) fail(dat + "unknown op or activation");
      if (d.layer_index >= L || static_cast<int64_t>(d.layer_index) <= prev)
        fail(dat + "layer_index " + std::to_string(d.layer_index) + " out of range or out of order");
      prev = d.layer_index;
      const sushi_img_region& r = R[d.layer_index];
      const sushi_img_layer& l = m.layers[d.layer_index];
      if (!r.included || d.k_out != r.k || d.c_in != r.c || d.kernel != r.kernel || d.op != l.op ||
          d.k_max != l.k_max || d.c_max != l.c_max || d.kernel_max != l.kernel_max || d.in_h > l.in_h ||
          d.in_w > l.in_w || d.out_h > l.out_h || d.out_w > l.out_w)  // a SubNet's resolution is at most the table's
        fail(dat + "disagrees with the region/layer table of layer " + std::to_string(d.layer_index));
      if (((d.flags & SUSHI_DESC_LAST) != 0) != (k + 1 == s.desc_count)) fail(dat + "LAST flag misplaced");
    }
  }
  return m;
}

}  // namespace sushi::supernet
