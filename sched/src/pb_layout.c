/* PB contents and change lists (see sushi/pb_layout.h). */
#include "sched/pb_layout.h"

static uint32_t ceil_div32(uint32_t a, uint32_t b) { return (a + b - 1u) / b; }

static uint32_t rows_of(const sushi_sched_layer* l, const sushi_img_region* r) {
  return r->included ? ceil_div32(r->k, l->k_par) : 0u;
}
static uint32_t cts_of(const sushi_sched_layer* l, const sushi_img_region* r) {
  return l->c_par == 0u ? 1u : ceil_div32(r->c, l->c_par);
}
static int same_shape(const sushi_sched_layer* l, const sushi_img_region* a, const sushi_img_region* b) {
  return a->included && b->included && a->kernel == b->kernel && cts_of(l, a) == cts_of(l, b);
}

void sushi_pb_layout_init(sushi_pb_layout* pb, uint64_t capacity) { sushi_pb_layout_init_at(pb, 0, capacity); }

void sushi_pb_layout_init_at(sushi_pb_layout* pb, uint64_t base, uint64_t capacity) {
  uint32_t i;
  pb->base = base;
  pb->capacity = capacity;
  pb->repacks = 0;
  for (i = 0; i < SUSHI_SCHED_MAX_LAYERS; ++i) {
    pb->cached[i].k = 0;
    pb->cached[i].c = 0;
    pb->cached[i].kernel = 0;
    pb->cached[i].included = 0;
    pb->cached[i].reserved0 = 0;
    pb->offset[i] = 0;
    pb->bytes[i] = 0;
    pb->load_from_row[i] = 0;
    pb->load_rows[i] = 0;
  }
}

/* 1 when [off, off + bytes) is inside the PB and overlaps no placed layer other than `self`. */
static int range_free(const sushi_pb_layout* pb, uint32_t layers, const uint8_t* placed, uint32_t self,
                      uint64_t off, uint64_t bytes) {
  uint32_t i;
  if (off + bytes > pb->capacity) return 0;
  for (i = 0; i < layers; ++i) {
    if (i == self || !placed[i] || pb->bytes[i] == 0) continue;
    if (off < pb->offset[i] + pb->bytes[i] && pb->offset[i] < off + bytes) return 0;
  }
  return 1;
}

/* First fit: the lowest offset among 0 and the ends of placed layers where `bytes` fit. */
static uint64_t first_fit(const sushi_pb_layout* pb, uint32_t layers, const uint8_t* placed, uint32_t self,
                          uint64_t bytes) {
  uint64_t best = UINT64_MAX;
  uint32_t i;
  if (range_free(pb, layers, placed, self, 0, bytes)) return 0;
  for (i = 0; i < layers; ++i) {
    uint64_t off;
    if (!placed[i] || pb->bytes[i] == 0) continue;
    off = pb->offset[i] + pb->bytes[i];
    if (off < best && range_free(pb, layers, placed, self, off, bytes)) best = off;
  }
  return best;
}

uint64_t sushi_pb_layout_change(sushi_pb_layout* pb, const sushi_sched_model* m, const sushi_img_region* target) {
  uint8_t placed[SUSHI_SCHED_MAX_LAYERS];
  uint8_t needs_place[SUSHI_SCHED_MAX_LAYERS];
  uint64_t load = 0;
  uint32_t i;
  const uint32_t n = m->layer_count;
  if (sushi_subgraph_bytes(m, target) > pb->capacity) return UINT64_MAX;

  /* 1. Free, shrink in place, keep: these stay where they are. */
  for (i = 0; i < n; ++i) {
    const sushi_sched_layer* l = &m->layers[i];
    const uint32_t old_rows = rows_of(l, &pb->cached[i]);
    const uint32_t new_rows = rows_of(l, &target[i]);
    placed[i] = 0;
    needs_place[i] = 0;
    pb->load_from_row[i] = 0;
    pb->load_rows[i] = 0;
    if (!target[i].included) {
      pb->bytes[i] = 0;
      pb->cached[i] = target[i];
    } else if (same_shape(l, &pb->cached[i], &target[i]) && new_rows <= old_rows) {
      pb->bytes[i] = sushi_region_bytes(l, &target[i]);
      pb->cached[i] = target[i];
      placed[i] = 1;
    } else {
      needs_place[i] = 1;
    }
  }
  /* 2. Grow in place where the space after the kept rows is free. */
  for (i = 0; i < n; ++i) {
    const sushi_sched_layer* l = &m->layers[i];
    const uint64_t bytes = sushi_region_bytes(l, &target[i]);
    if (!needs_place[i] || !same_shape(l, &pb->cached[i], &target[i])) continue;
    if (range_free(pb, n, placed, i, pb->offset[i], bytes)) {
      pb->load_from_row[i] = rows_of(l, &pb->cached[i]);
      pb->load_rows[i] = rows_of(l, &target[i]);
      pb->bytes[i] = bytes;
      pb->cached[i] = target[i];
      placed[i] = 1;
      needs_place[i] = 0;
    }
  }
  /* 3. The rest (new shapes, moves) first-fit, whole region loaded. */
  for (i = 0; i < n; ++i) {
    const sushi_sched_layer* l = &m->layers[i];
    const uint64_t bytes = sushi_region_bytes(l, &target[i]);
    uint64_t off;
    if (!needs_place[i]) continue;
    off = first_fit(pb, n, placed, i, bytes);
    if (off == UINT64_MAX) break;
    pb->offset[i] = off;
    pb->bytes[i] = bytes;
    pb->cached[i] = target[i];
    pb->load_from_row[i] = 0;
    pb->load_rows[i] = rows_of(l, &target[i]);
    placed[i] = 1;
    needs_place[i] = 0;
  }
  if (i < n) {
    /* Too fragmented: repack everything from offset 0, in layer order, and reload it all. */
    uint64_t off = 0;
    ++pb->repacks;
    for (i = 0; i < n; ++i) {
      const sushi_sched_layer* l = &m->layers[i];
      pb->cached[i] = target[i];
      pb->bytes[i] = sushi_region_bytes(l, &target[i]);
      pb->offset[i] = off;
      off += pb->bytes[i];
      pb->load_from_row[i] = 0;
      pb->load_rows[i] = rows_of(l, &target[i]);
    }
  }
  for (i = 0; i < n; ++i) {
    const sushi_sched_layer* l = &m->layers[i];
    const uint32_t rows = pb->load_rows[i] - pb->load_from_row[i];
    load += (uint64_t)rows * cts_of(l, &pb->cached[i]) * pb->cached[i].kernel * pb->cached[i].kernel * l->tap_bytes;
  }
  return load;
}

/* cursor = layer << 40 | row << 20 | unit: where emission resumes. */
uint32_t sushi_pb_layout_emit(const sushi_pb_layout* pb, const sushi_sched_model* m, uint64_t weights_base,
                              uint64_t* cursor, sushi_pb_load_entry* out, uint32_t max) {
  uint32_t count = 0;
  uint32_t li = (uint32_t)(*cursor >> 40);
  uint32_t row = (uint32_t)((*cursor >> 20) & 0xFFFFFu);
  uint32_t unit = (uint32_t)(*cursor & 0xFFFFFu);
  for (; li < m->layer_count; ++li, row = 0, unit = 0) {
    const sushi_sched_layer* l = &m->layers[li];
    const sushi_img_region* r = &pb->cached[li];
    const uint32_t ct = cts_of(l, r);
    const uint64_t unit_pb = (uint64_t)r->kernel * r->kernel * l->tap_bytes; /* taps prefix */
    if (row < pb->load_from_row[li]) row = pb->load_from_row[li];
    for (; row < pb->load_rows[li]; ++row, unit = 0) {
      for (; unit < ct; ++unit) {
        const uint64_t dram = weights_base + l->weight_offset + ((uint64_t)row * l->c_tiles + unit) * l->unit_bytes;
        const uint64_t pbo = pb->base + pb->offset[li] + ((uint64_t)row * ct + unit) * unit_pb;
        if (count > 0) {
          sushi_pb_load_entry* prev = &out[count - 1];
          if (prev->dram_addr + prev->bytes == dram && (uint64_t)prev->pb_offset + prev->bytes == pbo &&
              (uint64_t)prev->bytes + unit_pb <= 0xFFFF0000u) {
            prev->bytes += (uint32_t)unit_pb;
            continue;
          }
        }
        if (count == max) {
          *cursor = ((uint64_t)li << 40) | ((uint64_t)row << 20) | unit;
          return count;
        }
        out[count].dram_addr = dram;
        out[count].pb_offset = (uint32_t)pbo;
        out[count].bytes = (uint32_t)unit_pb;
        ++count;
      }
    }
  }
  *cursor = (uint64_t)m->layer_count << 40;
  return count;
}

void sushi_pb_layout_loaded(sushi_pb_layout* pb, const sushi_sched_model* m) {
  uint32_t i;
  for (i = 0; i < m->layer_count; ++i) {
    pb->load_from_row[i] = 0;
    pb->load_rows[i] = 0;
  }
}

void sushi_pb_layout_map(const sushi_pb_layout* pb, const sushi_sched_model* m, sushi_pb_map_entry* out) {
  uint32_t i;
  for (i = 0; i < m->layer_count; ++i) {
    const sushi_img_region* r = &pb->cached[i];
    const int valid = r->included && pb->bytes[i] > 0;
    out[i].pb_offset = valid ? (uint32_t)(pb->base + pb->offset[i]) : 0u;
    out[i].k_cached = valid ? r->k : 0u;
    out[i].c_cached = valid ? r->c : 0u;
    out[i].kernel_cached = valid ? r->kernel : 0u;
    out[i].flags = valid ? SUSHI_PB_VALID : 0u;
    out[i].reserved0 = 0;
    out[i].bytes = valid ? (uint32_t)pb->bytes[i] : 0u;
  }
}
