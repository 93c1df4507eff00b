// SushiAccel: the layer pipeline. One layer's tile loops (tile_model.h, chunk_plan.h): weight chunks
// streamed through the DMA, activation and partial-sum streams, DPE compute timing, buffer
// traffic, functional compute, and the layer's record and counters.
#include "accel/sushi/sushi_accel.h"

#include <algorithm>
#include <cstring>

#include "accel/sushi/functional.h"
#include "accel/sushi/sushi_accel_time.h"

namespace sushi::accel {

std::uint64_t SushiAccel::dma_read(std::uint64_t addr, std::uint64_t bytes, std::uint8_t* into, std::uint64_t t,
                                   std::uint32_t idx, const PortGroup& group, const DmaEngine::IssueGate& gate) {
  const std::uint64_t done = dma_engine_->transfer(false, addr, bytes, into, t, group, gate);
  if (dma_engine_->failed()) {
    dma_engine_->clear_failure();
    sync(t, true);
    throw JobError{SUSHI_ERR_ADDR_RANGE, idx};
  }
  return done;
}

std::uint64_t SushiAccel::dma_write(std::uint64_t addr, std::uint64_t bytes, std::uint8_t* from, std::uint64_t t,
                                    std::uint64_t window_ps, std::uint32_t idx) {
  const std::uint64_t done = dma_engine_->transfer_paced(true, addr, bytes, from, t, window_ps, all_ports_);
  if (dma_engine_->failed()) {
    dma_engine_->clear_failure();
    sync(t, true);
    throw JobError{SUSHI_ERR_ADDR_RANGE, idx};
  }
  return done;
}

void SushiAccel::touch(sram::SramArray& a, sram::AccessKind k, std::uint64_t bytes) {
  // Counting and energy only: the tile model times the buffers (docs/accel.md), so the array's
  // own port timing is not asked (whole layers' traffic issued at one time would queue there
  // without meaning: port waits of ~40 s per access, near the 64-bit limit over 1,000 queries).
  // Split into capacity-sized accesses so streams larger than the buffer (streamed through it)
  // count too.
  const std::uint64_t cap = a.params().capacity_bytes;
  while (bytes > 0) {
    const std::uint64_t n = std::min(bytes, cap);
    a.count(k, 0, n);
    bytes -= n;
  }
}

std::uint64_t SushiAccel::execute_layer(std::uint32_t idx, const sushi_layer_desc& d, const sushi_pb_map_entry* e,
                                        std::uint64_t t0) {
  const LayerPlan L = plan_layer(d, p_);
  const PbCoverage cov = pb_coverage(e, d, p_);
  const std::uint64_t T = p_.clock_period_ps;
  const std::uint64_t passes = std::uint64_t{L.groups} * L.kernel_passes;
  const std::uint64_t psum_tile = std::uint64_t{p_.k_par} * L.out_pixels * p_.psum_bytes;
  const std::uint64_t psum_spill = sub_sat(psum_tile, p_.out_act.bytes) * (passes - 1);
  const bool in_on = (d.act_flags & SUSHI_ACT_IN_ONCHIP) != 0, out_on = (d.act_flags & SUSHI_ACT_OUT_ONCHIP) != 0;
  const bool aux_on = (d.act_flags & SUSHI_ACT_AUX_ONCHIP) != 0;
  // Layers whose partial sums spill use their output area as scratch: timed only. Layers with
  // resident maps are timed only too (the store's contents are not modelled byte by byte).
  const bool func = p_.functional && functional_supported(d) && L.macs_issued <= p_.functional_max_macs && psum_spill == 0 &&
                    d.act_flags == 0;
  const WeightGeometry& g = L.geo;
  const std::uint64_t out_tile_px = L.out_pixels_written;
  if (func) {
    wstage_.assign(g.layer_bytes(), 0);
    istage_.assign(L.in_bytes, 0);
    ostage_.assign(std::uint64_t{d.k_out} * out_tile_px, 0);
    astage_.assign((d.flags & SUSHI_DESC_RESIDUAL_ADD) ? std::uint64_t{d.k_out} * out_tile_px : 0, 0);
  }
  LayerRecord rec;
  rec.index = idx;
  rec.layer_index = d.layer_index;
  rec.mapping = L.mapping;
  rec.start_ps = t0;
  rec.functional = func;

  // Layer-level side inputs gate the first pass: kernel-transform matrices, SE scale vector.
  std::uint64_t ready = t0;
  if (L.transform_bytes) {
    operand_ = TraceOperand::transform;
    ready = std::max(ready, dma_read(d.aux_addr, L.transform_bytes, nullptr, t0, idx));
    rec.dram_transform_B += L.transform_bytes;
  }
  if (d.flags & SUSHI_DESC_SE_SCALE_INPUT) {
    const std::uint64_t n = std::uint64_t{d.c_in} * p_.data_bytes;
    if (aux_on) {
      touch(*in_buf_, sram::AccessKind::read, n);  // the scale vector is in the store
    } else {
      operand_ = TraceOperand::input;
      ready = std::max(ready, dma_read(d.aux_addr, n, nullptr, t0, idx));
      rec.dram_input_B += n;
      c_.dram_aux_rd_B += n;
    }
  }

  // Input re-reads: the first K-tile streams the whole map in; later K-tiles re-read what the
  // input buffer could not keep. Partial sums of one K-tile live in the output buffer; the part
  // that does not fit is written out and read back between passes.
  // With resident maps in the store (act_flags pinned KiB), a DRAM input is staged in what is left.
  const std::uint64_t pinned = static_cast<std::uint64_t>(d.act_flags >> SUSHI_ACT_PINNED_SHIFT) * 1024u;
  const std::uint64_t in_reread = in_on ? 0 : sub_sat(L.in_bytes, sub_sat(p_.in_act.bytes, pinned));
  const std::uint64_t half = p_.weight_half_bytes();

  // 1) Chunks: per K-tile, runs of weight groups whose DRAM-streamed bytes fit one half of the
  //    streaming buffer (at least one group). PB-resident units feed the DPE array directly
  //    (chunk_plan.h; planned once per layer geometry and PB coverage).
  const ChunkPlan& plan = chunk_plans_.get(d, L, cov, half);
  for (const PbRead& r : plan.pb_reads) pb_->access(sram::AccessKind::read, r.pb_offset, r.bytes, ready);
  if (func) {
    for (const PbUnitCopy& c : plan.copies) {
      std::memcpy(wstage_.data() + c.weight_offset, pb_data_.data() + c.pb_offset, c.bytes);
    }
  }
  const std::vector<WeightChunk>& chunks = plan.chunks;

  // 2) Pipeline. Weight loads stream one chunk after another through the DMA. Serial: chunk n's
  //    load starts when chunk n-1's compute (and its K-tile's streams) ended. Double-buffered: it
  //    starts when the DMA finished chunk n-1's load and the half it fills is free (chunk n-2's
  //    compute ended); it is issued as soon as that time is known, ahead of later traffic.
  std::vector<std::uint64_t> load_done(chunks.size(), ready);
  auto load = [&](std::size_t n, std::uint64_t start) {
    const WeightChunk& ch = chunks[n];
    std::uint64_t ld = start;
    operand_ = TraceOperand::weights;
    for (const WeightRange& r : ch.ranges) {
      ld = std::max(ld, dma_read(d.weight_addr + r.offset, r.bytes, func ? wstage_.data() + r.offset : nullptr, start, idx,
                                 weight_ports_));
    }
    if (ch.dram_b) {
      touch(*wbuf_, sram::AccessKind::write, ch.dram_b);
      touch(*wbuf_, sram::AccessKind::read, ch.dram_b);
    }
    rec.dram_weight_B += ch.dram_b;
    rec.pb_weight_B += ch.pb_b;
    load_done[n] = ld;
  };
  const bool db = p_.overlap == Overlap::double_buffered;
  // MACs are booked chunk by chunk, in proportion to each chunk's compute cycles, so that their
  // energy is counted while the array computes (power windows), not at the layer's end.
  const std::uint64_t layer_cycles = L.compute_cycles();
  std::uint64_t cycles_done = 0, macs_booked = 0;
  __extension__ typedef unsigned __int128 u128;
  auto book_macs = [&](std::uint64_t cycles) {
    cycles_done += cycles;
    if (layer_cycles == 0 || cycles_done > layer_cycles) return;
    const auto due = static_cast<std::uint64_t>(static_cast<u128>(L.macs_issued) * cycles_done / layer_cycles);
    ledger_.add(mac_id_, due - macs_booked);
    macs_booked = due;
  };
  std::uint64_t compute_end = ready;  // the DPE array finished the previous chunk
  std::uint64_t outputs_done = ready, dpe_end = ready, act_done = ready;
  if (!chunks.empty()) load(0, ready);
  for (std::size_t n = 0; n < chunks.size(); ++n) {
    const WeightChunk& ch = chunks[n];
    const std::uint32_t i = ch.ktile;
    const std::uint32_t lanes = L.lanes(i, d.k_out, p_.k_par);
    if (n > 0 && !db) load(n, std::max(load_done[n - 1], compute_end));
    const std::uint64_t cstart = std::max(load_done[n], compute_end);
    if (db && n + 1 < chunks.size()) load(n + 1, std::max(load_done[n], compute_end));
    if (ch.first) {
      // Activation streams of this K-tile run alongside its compute.
      act_done = cstart;
      const std::uint64_t in_b = in_on ? 0 : (i == 0 ? L.in_bytes : in_reread);
      const std::uint64_t in_off = i == 0 ? 0 : L.in_bytes - in_reread;
      if (in_b) {
        operand_ = TraceOperand::input;
        act_done = std::max(act_done, dma_read(d.in_addr + in_off, in_b, func ? istage_.data() + in_off : nullptr, cstart, idx));
        touch(*in_buf_, sram::AccessKind::write, in_b);
        rec.dram_input_B += in_b;
      }
      if ((d.flags & SUSHI_DESC_RESIDUAL_ADD) && aux_on) {
        touch(*in_buf_, sram::AccessKind::read, std::uint64_t{lanes} * out_tile_px * p_.data_bytes);
      } else if (d.flags & SUSHI_DESC_RESIDUAL_ADD) {
        const std::uint64_t off = std::uint64_t{i} * p_.k_par * out_tile_px * p_.data_bytes;
        const std::uint64_t nb = std::uint64_t{lanes} * out_tile_px * p_.data_bytes;
        operand_ = TraceOperand::input;
        act_done = std::max(act_done, dma_read(d.aux_addr + off, nb, func ? astage_.data() + off : nullptr, cstart, idx));
        rec.dram_input_B += nb;
        c_.dram_aux_rd_B += nb;
      }
      if (psum_spill) {
        // Spilled partial sums go to and come back from the layer's output area, used as scratch
        // in pieces of at most its size (the descriptor names no other area).
        const std::uint64_t area = std::max<std::uint64_t>(1, std::uint64_t{d.k_out} * out_tile_px * p_.data_bytes);
        operand_ = TraceOperand::psum;
        for (std::uint64_t done_b = 0; done_b < psum_spill;) {
          const std::uint64_t nb = std::min(area, psum_spill - done_b);
          act_done = std::max(act_done, dma_write(d.out_addr, nb, nullptr, cstart, 0, idx));
          act_done = std::max(act_done, dma_read(d.out_addr, nb, nullptr, cstart, idx));
          done_b += nb;
        }
        rec.dram_output_B += psum_spill;
        rec.dram_psum_rd_B += psum_spill;
      }
    }
    const std::uint64_t chunk_cycles = L.group_cycles(ch.groups);
    compute_end = cstart + chunk_cycles * T;
    book_macs(chunk_cycles);
    dpe_end = compute_end;
    if (!ch.last) continue;
    // The K-tile ends when its compute and its activation streams are both done.
    compute_end = std::max(compute_end, act_done);
    // Per K-tile buffer traffic: the input map is read once per kernel pass; the K-tile's
    // partial sums are written and read once per pass.
    touch(*in_buf_, sram::AccessKind::read, L.in_bytes * L.kernel_passes);
    touch(*out_buf_, sram::AccessKind::write, psum_tile * passes);
    touch(*out_buf_, sram::AccessKind::read, psum_tile * passes);
    const std::uint64_t o_off = std::uint64_t{i} * p_.k_par * out_tile_px * p_.data_bytes;
    const std::uint64_t o_n = std::uint64_t{lanes} * out_tile_px * p_.data_bytes;
    if (func) {
      FunctionalOperands ops{wstage_.data(), istage_.data(), astage_.empty() ? nullptr : astage_.data(), ostage_.data()};
      compute_ktile(d, L, p_, i, ops);
    }
    if (out_on) {  // the K-tile's outputs stay in the activation store for the next layers
      touch(*in_buf_, sram::AccessKind::write, o_n);
      sync(compute_end, false);
      continue;
    }
    operand_ = TraceOperand::output;
    // Outputs leave the array during the K-tile's last pass (one beat per output pixel as it is
    // finished), so they stream out over that pass and only the tail drains after it.
    const std::uint64_t last_pass_ps = std::min(L.pass_cycles * T, compute_end - ready);
    outputs_done = std::max(outputs_done, dma_write(d.out_addr + o_off, o_n, func ? ostage_.data() + o_off : nullptr,
                                                    compute_end - last_pass_ps, last_pass_ps, idx));
    rec.dram_output_B += o_n;
    sync(compute_end, false);
  }
  const std::uint64_t end = std::max(compute_end, outputs_done);
  ledger_.add(mac_id_, L.macs_issued - macs_booked);  // all of them, whatever the chunks covered

  rec.compute_end_ps = dpe_end;
  rec.end_ps = end;
  rec.compute_cycles = L.compute_cycles();
  rec.stall_cycles = sub_sat((end - t0) / T, rec.compute_cycles);
  rec.macs_useful = L.macs_useful;
  rec.macs_issued = L.macs_issued;
  rec.utilisation = L.utilisation(p_);
  layers_.push_back(rec);

  ++c_.layers;
  c_.compute_cycles += rec.compute_cycles;
  c_.stall_cycles += rec.stall_cycles;
  c_.macs_useful += rec.macs_useful;
  c_.macs_issued += rec.macs_issued;
  c_.dram_weight_rd_B += rec.dram_weight_B;
  c_.pb_rd_B += rec.pb_weight_B;
  c_.dram_input_rd_B += rec.dram_input_B;
  c_.dram_output_wr_B += rec.dram_output_B - rec.dram_psum_rd_B;
  c_.dram_psum_wr_B += rec.dram_psum_rd_B;
  c_.dram_psum_rd_B += rec.dram_psum_rd_B;
  c_.dram_transform_rd_B += rec.dram_transform_B;
  if (func) ++c_.functional_layers;
  return end;
}

}  // namespace sushi::accel
