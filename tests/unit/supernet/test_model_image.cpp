// Model image: round trip, precise rejection of corrupted/truncated images, brief fuzzing.
#include <gtest/gtest.h>

#include <cstring>

#include "supernet/catalog_search.h"
#include "supernet/model_image_io.h"
#include "supernet/supernet.h"

using namespace sushi::supernet;

namespace {
Catalog small_catalog(Arch a) {
  SearchParams p;
  p.samples = 300;
  p.generations = 2;
  p.target = 12;
  std::vector<SubNetConfig> s;
  for (const auto& x : search_catalog(a, p)) s.push_back(x.subnet);
  return make_catalog(a, s);
}
std::string error_of(const std::vector<uint8_t>& img) {
  try {
    read_model_image(img.data(), img.size());
  } catch (const ImageError& e) {
    return e.what();
  }
  return "";
}
void fix_crc(std::vector<uint8_t>& img) {
  sushi_img_header h;
  std::memcpy(&h, img.data(), sizeof h);
  h.crc32 = 0;
  std::memcpy(img.data(), &h, sizeof h);
  h.crc32 = crc32(img.data(), img.size());
  std::memcpy(img.data(), &h, sizeof h);
}
template <class T>
T get(const std::vector<uint8_t>& img, size_t off) {
  T v;
  std::memcpy(&v, img.data() + off, sizeof v);
  return v;
}
template <class T>
void set(std::vector<uint8_t>& img, size_t off, const T& v) {
  std::memcpy(img.data() + off, &v, sizeof v);
}
sushi_img_section section(const std::vector<uint8_t>& img, uint32_t type) {
  const auto h = get<sushi_img_header>(img, 0);
  for (uint32_t i = 0; i < h.section_count; ++i) {
    const auto s = get<sushi_img_section>(img, h.section_table_offset + i * sizeof(sushi_img_section));
    if (s.type == type) return s;
  }
  return {};
}
}  // namespace

TEST(SnModelImage, RoundTrip) {
  for (Arch a : all_archs()) {
    const Catalog c = small_catalog(a);
    const SuperNet& net = SuperNet::get(a);
    ImageOptions o;
    const auto img = write_model_image(c, o);
    const ModelImage m = read_model_image(img.data(), img.size());
    EXPECT_EQ(m.header.magic, SUSHI_IMG_MAGIC);
    EXPECT_EQ(m.header.total_size, img.size());
    EXPECT_EQ(m.header.k_par, 16u);
    EXPECT_EQ(m.header.c_par, 9u);
    ASSERT_EQ(m.layers.size(), net.size());
    ASSERT_EQ(m.subnets.size(), c.entries.size());
    const WeightLayout lay(net, o.layout);
    for (size_t i = 0; i < net.size(); ++i) {
      EXPECT_EQ(m.layers[i].k_max, net.layers()[i].k_max);
      EXPECT_EQ(m.layers[i].weight_offset, lay.layer(i).offset);
    }
    for (size_t n = 0; n < c.entries.size(); ++n) {
      const sushi_img_subnet& s = m.subnets[n];
      const SubGraph g = net.region_of(c.entries[n].subnet);
      EXPECT_EQ(s.macs, c.entries[n].macs);
      EXPECT_EQ(s.weight_params, c.entries[n].weight_params);
      EXPECT_EQ(s.weight_bytes, lay.region_bytes(g));
      EXPECT_EQ(s.flags & SUSHI_IMG_ACC_PROXY, SUSHI_IMG_ACC_PROXY);
      EXPECT_EQ(s.desc_count, totals(net, g).layers);
      for (size_t i = 0; i < net.size(); ++i) {
        const sushi_img_region& r = m.regions[n * net.size() + i];
        EXPECT_EQ(r.included != 0, g.regions[i].included);
        EXPECT_EQ(r.k, g.regions[i].k);
      }
      const sushi_layer_desc& d0 = m.descriptors[s.desc_offset / sizeof(sushi_layer_desc)];
      EXPECT_EQ(d0.layer_index, 0u);
      EXPECT_EQ(d0.weight_addr, o.weights_base);
      EXPECT_EQ(d0.in_addr, o.act_base);
    }
    EXPECT_EQ(m.latency[0].flags, SUSHI_IMG_LAT_ANALYTIC);
    // same catalog -> byte-identical image
    EXPECT_EQ(write_model_image(c, o), img);
  }
}

TEST(SnModelImage, RejectsTruncationWithPreciseErrors) {
  const auto img = write_model_image(small_catalog(parse_arch("ofa-mbv3-w1.0")));
  EXPECT_NE(error_of(std::vector<uint8_t>(img.begin(), img.begin() + 10)).find("truncated: 10 bytes, the header needs 64"),
            std::string::npos);
  for (size_t len : {size_t{64}, size_t{100}, img.size() / 2, img.size() - 1}) {
    const std::string e = error_of(std::vector<uint8_t>(img.begin(), img.begin() + static_cast<long>(len)));
    EXPECT_NE(e.find("truncated: header says total_size " + std::to_string(img.size())), std::string::npos) << e;
  }
  EXPECT_EQ(error_of({}), "model image: truncated: 0 bytes, the header needs 64");
}

TEST(SnModelImage, RejectsCorruptionWithPreciseErrors) {
  const auto good = write_model_image(small_catalog(parse_arch("ofa-resnet50")));
  auto img = good;
  img[0] ^= 0xFF;
  EXPECT_NE(error_of(img).find("bad magic"), std::string::npos);
  img = good;
  img[good.size() - 3] ^= 0x01;
  EXPECT_NE(error_of(img).find("checksum mismatch"), std::string::npos);
  img = good;
  set<uint16_t>(img, 4, 2);  // version_major
  fix_crc(img);
  EXPECT_NE(error_of(img).find("unsupported version 2.2"), std::string::npos);

  const sushi_img_section layers = section(good, SUSHI_IMG_SEC_LAYERS);
  const sushi_img_section cat = section(good, SUSHI_IMG_SEC_CATALOG);
  const sushi_img_section regs = section(good, SUSHI_IMG_SEC_REGIONS);
  // a section pointing past the end
  img = good;
  const auto h = get<sushi_img_header>(good, 0);
  auto s0 = get<sushi_img_section>(good, h.section_table_offset);
  s0.offset = static_cast<uint32_t>(good.size() - 8);
  set(img, h.section_table_offset, s0);
  fix_crc(img);
  EXPECT_NE(error_of(img).find("extends beyond the image end"), std::string::npos);
  // a region larger than its layer
  img = good;
  auto r = get<sushi_img_region>(good, regs.offset);
  r.k = static_cast<uint16_t>(get<sushi_img_layer>(good, layers.offset).k_max + 1);
  set(img, regs.offset, r);
  fix_crc(img);
  EXPECT_NE(error_of(img).find("catalog entry 0: layer 0: region"), std::string::npos);
  // a catalog entry whose descriptors run past the section
  img = good;
  auto e = get<sushi_img_subnet>(good, cat.offset);
  e.desc_count = 0xFFFFFFF0u;
  set(img, cat.offset, e);
  fix_crc(img);
  EXPECT_NE(error_of(img).find("outside the DESCRIPTORS section"), std::string::npos);
  // an unknown op in the layer table
  img = good;
  auto l = get<sushi_img_layer>(good, layers.offset);
  l.op = 99;
  set(img, layers.offset, l);
  fix_crc(img);
  EXPECT_NE(error_of(img).find("layer 0: unknown op 99"), std::string::npos);
}

TEST(SnModelImage, FuzzRandomMutations) {
  const auto good = write_model_image(small_catalog(parse_arch("ofa-mbv3-w1.2")));
  Rng rng(4242);
  size_t rejected = 0, accepted = 0;
  for (int it = 0; it < 3000; ++it) {
    auto img = good;
    const uint32_t nmut = 1 + rng.below(8);
    for (uint32_t k = 0; k < nmut; ++k) img[rng.below(static_cast<uint32_t>(img.size()))] = static_cast<uint8_t>(rng.next());
    if (it % 4 == 3) img.resize(rng.below(static_cast<uint32_t>(img.size())));
    if (it % 2 == 1 && img.size() >= sizeof(sushi_img_header)) fix_crc(img);  // reach the structural checks
    try {
      const ModelImage m = read_model_image(img.data(), img.size());
      (void)m;
      ++accepted;
    } catch (const ImageError&) {
      ++rejected;
    }
  }
  EXPECT_GT(rejected, 1000u);
  EXPECT_EQ(rejected + accepted, 3000u);
}
