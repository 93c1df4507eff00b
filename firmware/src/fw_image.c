/* Model image validation and loading (format: sushi/model_image.h, docs/supernet.md).
 * Every offset and count is checked against the image size before use; nothing is read outside
 * [addr, addr + size). */
#include "fw_image.h"

#include <stddef.h>
#include "sushi/fw_faults.h"
#include "sushi/hal.h"

static uint32_t crc_update(uint32_t crc, const uint8_t* p, uint32_t n) {
  uint32_t i, k;
  for (i = 0; i < n; ++i) {
    crc ^= p[i];
    for (k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return crc;
}

/* CRC-32 of the whole image with the header's crc32 field taken as zero, read in chunks. */
static uint32_t image_crc(uint64_t addr, uint32_t total) {
  static uint8_t chunk[4096];
  uint32_t crc = 0xFFFFFFFFu, done = 0;
  const uint32_t crc_field = (uint32_t)offsetof(sushi_img_header, crc32);
  while (done < total) {
    uint32_t n = total - done < sizeof chunk ? total - done : (uint32_t)sizeof chunk;
    uint32_t i;
    hal_read(addr + done, chunk, n);
    for (i = 0; i < n; ++i) {
      const uint32_t at = done + i;
      if (at >= crc_field && at < crc_field + 4u) chunk[i] = 0;
    }
    crc = crc_update(crc, chunk, n);
    done += n;
  }
  return crc ^ 0xFFFFFFFFu;
}

static const sushi_img_section* find_section(const sushi_img_section* t, uint32_t n, uint32_t type) {
  uint32_t i;
  for (i = 0; i < n; ++i) {
    if (t[i].type == type) return &t[i];
  }
  return 0;
}

/* Reads and checks the header and the section table of the image at [addr, addr + size). */
static uint32_t load_header(fw_image* img, uint64_t addr, uint64_t size, sushi_img_section* sections) {
  uint32_t i, nsec;
  sushi_img_header* h = &img->header;

  img->base = addr;
  if (size < sizeof(sushi_img_header)) hal_fault(SUSHI_FAULT_IMAGE_SIZE, "model image: region smaller than the header");
  hal_read(addr, h, sizeof *h);
  hal_charge(SUSHI_COST_BOOT, 1);
  if (h->magic != SUSHI_IMG_MAGIC) hal_fault(SUSHI_FAULT_IMAGE_MAGIC, "model image: bad magic (expected 'SIMG')");
  if (h->version_major != SUSHI_IMG_VERSION_MAJOR) {
    hal_fault(SUSHI_FAULT_IMAGE_VERSION, "model image: unsupported major version");
  }
  if (h->header_size != sizeof *h || h->total_size < sizeof *h || h->total_size > size) {
    hal_fault(SUSHI_FAULT_IMAGE_SIZE, "model image: header_size/total_size disagree with the image region");
  }
  if (image_crc(addr, h->total_size) != h->crc32) hal_fault(SUSHI_FAULT_IMAGE_CRC, "model image: CRC-32 mismatch");

  nsec = h->section_count;
  if (nsec == 0 || nsec > 16u || h->section_table_offset > h->total_size ||
      (uint64_t)nsec * sizeof(sushi_img_section) > h->total_size - h->section_table_offset) {
    hal_fault(SUSHI_FAULT_IMAGE_SECTION, "model image: section table outside the image");
  }
  hal_read(addr + h->section_table_offset, sections, nsec * (uint32_t)sizeof(sushi_img_section));
  for (i = 0; i < nsec; ++i) {
    if (sections[i].offset > h->total_size || sections[i].size > h->total_size - sections[i].offset) {
      hal_fault(SUSHI_FAULT_IMAGE_SECTION, "model image: a section lies outside the image");
    }
  }
  return nsec;
}

/* n entries of a pool table, or a fault when the pool is full. */
static uint32_t take(uint32_t* used, uint32_t capacity, uint32_t n) {
  const uint32_t at = *used;
  if (n > capacity - at) hal_fault(SUSHI_FAULT_IMAGE_LIMITS, "model images: more SubNets or layers than the firmware holds");
  *used = at + n;
  return at;
}

void fw_image_pool_reset(fw_image_pool* pool) {
  pool->subnets_used = 0;
  pool->layers_used = 0;
  pool->regions_used = 0;
  pool->descs_used = 0;
}

void fw_image_load(fw_image* img, fw_image_pool* pool, uint64_t addr, uint64_t size) {
  static sushi_img_section sections[16];
  static sushi_img_subnet entry;
  static sushi_img_latency_coef coef;
  const sushi_img_section *cat, *lat, *llat, *desc, *reg, *lay;
  uint32_t i, nsec, s0, l0, r0, d0;
  const sushi_img_header* h = &img->header;
  uint32_t* accuracy_milli;
  uint64_t *macs, *weight_bytes, *fixed_cycles, *desc_addr;
  uint32_t* desc_count;
  sushi_sched_layer* layers;

  nsec = load_header(img, addr, size, sections);
  lay = find_section(sections, nsec, SUSHI_IMG_SEC_LAYERS);
  cat = find_section(sections, nsec, SUSHI_IMG_SEC_CATALOG);
  reg = find_section(sections, nsec, SUSHI_IMG_SEC_REGIONS);
  desc = find_section(sections, nsec, SUSHI_IMG_SEC_DESCRIPTORS);
  lat = find_section(sections, nsec, SUSHI_IMG_SEC_LATENCY);
  llat = find_section(sections, nsec, SUSHI_IMG_SEC_LAYER_LATENCY);
  if (!lay || !cat || !reg || !desc || !lat || !llat) hal_fault(SUSHI_FAULT_IMAGE_SECTION, "model image: a required section is missing");
  if (h->subnet_count > FW_MAX_SUBNETS || h->layer_count > FW_MAX_LAYERS || h->subnet_count == 0 ||
      (uint64_t)h->subnet_count * h->layer_count > FW_MAX_REGIONS) {
    hal_fault(SUSHI_FAULT_IMAGE_LIMITS, "model image: SubNet or layer count outside the firmware's limits");
  }
  if (cat->count != h->subnet_count || cat->size != h->subnet_count * (uint32_t)sizeof(sushi_img_subnet) ||
      lat->count != h->subnet_count || lat->size != h->subnet_count * (uint32_t)sizeof(sushi_img_latency_coef) ||
      lay->count != h->layer_count || lay->size != h->layer_count * (uint32_t)sizeof(sushi_img_layer) ||
      reg->size != h->subnet_count * h->layer_count * (uint32_t)sizeof(sushi_img_region) ||
      llat->size != h->subnet_count * h->layer_count * (uint32_t)sizeof(sushi_img_layer_latency)) {
    hal_fault(SUSHI_FAULT_IMAGE_SECTION, "model image: section sizes disagree with the header counts");
  }
  img->subnet_count = h->subnet_count;
  img->layer_count = h->layer_count;
  img->desc_section_addr = addr + desc->offset;
  img->regions_section_addr = addr + reg->offset;
  s0 = take(&pool->subnets_used, FW_POOL_SUBNETS, h->subnet_count);
  d0 = take(&pool->descs_used, FW_POOL_DESCS, h->subnet_count);
  l0 = take(&pool->layers_used, FW_POOL_LAYERS, h->layer_count);
  r0 = take(&pool->regions_used, FW_POOL_REGIONS, h->subnet_count * h->layer_count);
  img->accuracy_milli = accuracy_milli = &pool->accuracy_milli[s0];
  img->macs = macs = &pool->macs[s0];
  img->weight_bytes = weight_bytes = &pool->weight_bytes[s0];
  img->fixed_cycles = fixed_cycles = &pool->fixed_cycles[s0];
  img->desc_addr = desc_addr = &pool->desc_addr[d0];
  img->desc_count = desc_count = &pool->desc_count[d0];
  img->layers = layers = &pool->layers[l0];
  img->regions = &pool->regions[r0];
  img->layer_latency = &pool->layer_latency[r0];

  for (i = 0; i < h->subnet_count; ++i) {
    hal_read(addr + cat->offset + i * (uint32_t)sizeof entry, &entry, sizeof entry);
    hal_read(addr + lat->offset + i * (uint32_t)sizeof coef, &coef, sizeof coef);
    hal_charge(SUSHI_COST_CANDIDATE, 1);
    if (entry.desc_count == 0 || entry.desc_offset > desc->size ||
        (uint64_t)entry.desc_count * sizeof(sushi_layer_desc) > desc->size - entry.desc_offset ||
        entry.region_offset > reg->size ||
        (uint64_t)h->layer_count * sizeof(sushi_img_region) > reg->size - entry.region_offset) {
      hal_fault(SUSHI_FAULT_IMAGE_CATALOG, "model image: a catalog entry points outside its sections");
    }
    accuracy_milli[i] = entry.accuracy_milli;
    macs[i] = entry.macs;
    weight_bytes[i] = entry.weight_bytes;
    desc_addr[i] = img->desc_section_addr + entry.desc_offset;
    desc_count[i] = entry.desc_count;
    fixed_cycles[i] = coef.fixed_cycles;
  }
  /* Regions and per-layer latency coefficients in one transfer each; the layer geometry. */
  hal_read(addr + reg->offset, &pool->regions[r0], reg->size);
  hal_read(addr + llat->offset, &pool->layer_latency[r0], llat->size);
  for (i = 0; i < h->layer_count; ++i) {
    sushi_img_layer l;
    hal_read(addr + lay->offset + i * (uint32_t)sizeof l, &l, sizeof l);
    hal_charge(SUSHI_COST_LAYER, 1);
    if (l.k_tiles == 0 || l.c_tiles == 0 || l.tap_bytes == 0 || l.unit_bytes == 0) {
      hal_fault(SUSHI_FAULT_IMAGE_SECTION, "model image: a layer has an empty weight geometry");
    }
    layers[i].weight_offset = l.weight_offset;
    layers[i].tap_bytes = l.tap_bytes;
    layers[i].unit_bytes = l.unit_bytes;
    layers[i].k_par = h->k_par;
    layers[i].c_par = (l.flags & SUSHI_IMG_LAYER_DEPTHWISE) ? 0u : h->c_par;
    layers[i].c_tiles = l.c_tiles;
    layers[i].reserved0 = 0;
  }
}

void fw_image_load_alike(fw_image* img, fw_image_pool* pool, uint64_t addr, uint64_t size, const fw_image* like) {
  static sushi_img_section sections[16], like_sections[16];
  const sushi_img_header* h = &img->header;
  const sushi_img_header* k = &like->header;
  uint32_t i, nsec, d0;
  uint64_t* desc_addr;
  uint32_t* desc_count;

  nsec = load_header(img, addr, size, sections);
  if (h->total_size != k->total_size || h->arch != k->arch || nsec != k->section_count ||
      h->section_table_offset != k->section_table_offset || h->k_par != k->k_par || h->c_par != k->c_par ||
      h->bytes_per_weight != k->bytes_per_weight || h->layer_count != k->layer_count ||
      h->subnet_count != k->subnet_count || h->weights_base != k->weights_base) {
    hal_fault(SUSHI_FAULT_IMAGE_SECTION, "model image: not built like the image it shares tables with");
  }
  hal_read(like->base + k->section_table_offset, like_sections, nsec * (uint32_t)sizeof(sushi_img_section));
  for (i = 0; i < nsec; ++i) {
    if (sections[i].type != like_sections[i].type || sections[i].offset != like_sections[i].offset ||
        sections[i].size != like_sections[i].size || sections[i].count != like_sections[i].count) {
      hal_fault(SUSHI_FAULT_IMAGE_SECTION, "model image: its sections differ from the image it shares tables with");
    }
  }
  {
    const sushi_img_header own = *h; /* its own CRC and activation arena */
    const uint64_t delta = addr - like->base;
    *img = *like;
    img->base = addr;
    img->header = own;
    img->desc_section_addr = like->desc_section_addr + delta;
    img->regions_section_addr = like->regions_section_addr + delta;
    d0 = take(&pool->descs_used, FW_POOL_DESCS, h->subnet_count);
    img->desc_addr = desc_addr = &pool->desc_addr[d0];
    img->desc_count = desc_count = &pool->desc_count[d0];
    /* The same catalog at the same offsets: its descriptors sit where `like`'s do in its image. */
    for (i = 0; i < own.subnet_count; ++i) {
      desc_addr[i] = like->desc_addr[i] + delta;
      desc_count[i] = like->desc_count[i];
    }
  }
}

void fw_image_sched_model(const fw_image* img, sushi_sched_model* out) {
  out->layer_count = img->layer_count;
  out->subnet_count = img->subnet_count;
  out->layers = img->layers;
  out->regions = img->regions;
  out->accuracy_milli = img->accuracy_milli;
  out->fixed_cycles = img->fixed_cycles;
  out->latency = img->layer_latency;
}
