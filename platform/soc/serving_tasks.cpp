// Several tasks on one SoC, and one task on several accelerators (docs/serving.md "Several
// tasks"): every task's model image per accelerator it runs on, its weights once per weight layout
// among them, an activation arena per accelerator (jobs on two accelerators run at once), the task
// table the firmware boots from, the merged query streams, and the per-task figures.
#include <algorithm>
#include <filesystem>
#include <optional>
#include <tuple>

#include <fmt/format.h>

#include "config/params_visitors.h"
#include "config/platform_schema.h"
#include "config/sim_params.h"
#include "config/workload_config.h"
#include "fw_image.h"
#include "serving.h"
#include "supernet/latency_profile.h"
#include "supernet/layout.h"
#include "supernet/subgraph.h"
#include "supernet/supernet.h"

namespace sushi {

namespace {

constexpr std::uint64_t kPage = 4096;  // images and weight copies start on 4 KiB boundaries
std::uint64_t page_up(std::uint64_t b) { return (b + kPage - 1) / kPage * kPage; }

// What one task is made of before its images are built: from tasks.<name>, or model.* for the
// one task "main".
struct TaskSpec {
  std::string name;
  std::string catalog, catalog_key;
  std::vector<std::string> profiles;
  std::string profiles_key;
  std::vector<std::string> processors;
  std::string processors_key;
  std::string subnet, subnet_key;
};

// Whether two accelerator shapes lay the weights out alike (the DPE array's blocks, the data width).
bool same_weight_layout(const supernet::ProfiledOn& a, const supernet::ProfiledOn& b) {
  return a.k_par == b.k_par && a.c_par == b.c_par && a.bytes_per_weight == b.bytes_per_weight;
}

void check_profile_shapes(const config::Config& cfg, const TaskSpec& s,
                          const std::vector<supernet::LatencyProfile>& profiles,
                          const std::vector<std::string>& processor_names, const supernet::ProfiledOn& accel_shape,
                          const std::vector<supernet::ProfiledOn>& shape) {
  // Each profile applies to the task's accelerators of the shape it records (none recorded:
  // accel's). One whose shape no accelerator of the SoC has, or a second one for a shape, would
  // be ignored: an error instead, naming it. (One for an accelerator the task is not pinned to
  // is fine: a task's file serves several pinnings.)
  for (std::size_t i = 0; i < profiles.size(); ++i) {
    const supernet::ProfiledOn on = profiles[i].profiled_on.value_or(accel_shape);
    for (std::size_t j = 0; j < i; ++j) {
      if (profiles[j].profiled_on.value_or(accel_shape) == on) {
        cfg.fail(s.profiles_key, fmt::format("{} and {} are for the same accelerator shape ({}): give one per shape",
                                             s.profiles[j], s.profiles[i], supernet::describe(on)));
      }
    }
    if (std::find(shape.begin(), shape.end(), on) == shape.end()) {
      std::string names;
      for (const std::string& n : processor_names) names += (names.empty() ? "" : ", ") + n;
      cfg.fail(s.profiles_key, fmt::format("{} was measured on an accelerator ({}) of the shape of none in "
                                           "sched.processors ({}); profile one of those (docs/sched.md)",
                                           s.profiles[i], supernet::describe(on), names));
    }
  }
}

// The catalog index a task always serves (subnet: largest or an index), or -1 (choose).
long long fixed_subnet(const config::Config& cfg, const TaskSpec& s, const supernet::Catalog& c) {
  if (s.subnet == "choose") return -1;
  if (s.subnet == "largest") {
    std::size_t best = 0;
    for (std::size_t i = 1; i < c.entries.size(); ++i) {
      if (c.entries[i].weight_bytes > c.entries[best].weight_bytes) best = i;
    }
    return static_cast<long long>(best);
  }
  std::size_t used = 0;
  long long v = -1;
  try {
    v = std::stoll(s.subnet, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != s.subnet.size() || v < 0 || static_cast<std::size_t>(v) >= c.entries.size()) {
    cfg.fail(s.subnet_key, fmt::format("'{}' is neither choose, largest nor a catalog index (allowed: 0 .. {})", s.subnet,
                                       c.entries.size() - 1));
  }
  return v;
}

}  // namespace

void Serving::account_weights(Task& t, const supernet::LayoutParams& layout) {
  const supernet::SuperNet& net = supernet::SuperNet::get(t.catalog.arch);
  // Nested regions: the union of the SubNets' regions is their element-wise bound.
  supernet::SubGraph reach = supernet::empty_subgraph(net);
  for (const auto& e : t.catalog.entries) reach = supernet::union_bound(reach, net.region_of(e.subnet));
  t.weights_dram_B += supernet::WeightLayout(net, layout).region_bytes(reach);
  ++t.weight_copies;
  if (t.weight_copies == 1) {
    for (const auto& e : t.catalog.entries) t.separate_models_B += e.weight_bytes;
  }
}

std::uint64_t Serving::load_task_images(const config::Config& cfg, const std::vector<config::TaskParams>& tp,
                                        dram::DramController& dram, std::uint64_t dram_base) {
  // The task list: the tasks section, or model.* as the one task "main" (on several accelerators).
  std::vector<TaskSpec> specs;
  const std::string table_key = tp.empty() ? "sched.processors" : "tasks";
  if (tp.empty()) {
    std::vector<std::string> profiles;
    if (!model_.profile.empty()) profiles.push_back(model_.profile);
    specs.push_back({"main", model_.catalog, config::key_of(model_, model_.catalog), profiles,
                     config::key_of(model_, model_.profile), {}, "", "choose", ""});
  } else {
    // model.catalog and model.profile are not used (a platform preset sets them); a workload
    // section would be a stream nobody serves.
    const std::string w = cfg.first_set_under("workload");
    if (!w.empty()) cfg.fail(w, "the query stream is per task with a tasks section: set tasks.<name>.workload instead");
    if (tp.size() > SUSHI_BOOT_MAX_TASKS) {
      cfg.fail("tasks", fmt::format("{} tasks: the firmware serves at most {}", tp.size(), SUSHI_BOOT_MAX_TASKS));
    }
    for (const auto& t : tp) {
      const std::string k = "tasks." + t.name;
      specs.push_back({t.name, t.catalog, k + ".catalog", t.profiles, k + ".profiles", t.processors, k + ".processors",
                       t.subnet, k + ".subnet"});
    }
  }

  // Each task's catalog as served, its accelerators, its profiles.
  std::vector<std::vector<supernet::LatencyProfile>> profiles(specs.size());
  for (std::size_t ti = 0; ti < specs.size(); ++ti) {
    const TaskSpec& s = specs[ti];
    Task t;
    t.name = s.name;
    supernet::Catalog full;
    try {
      full = supernet::load_catalog(s.catalog);
    } catch (const std::exception& e) {
      cfg.fail(s.catalog_key, e.what());
    }
    for (const std::string& path : s.profiles) {
      try {
        profiles[ti].push_back(supernet::read_latency_profile(path, full));
      } catch (const supernet::ProfileError& e) {
        cfg.fail(s.profiles_key, e.what());
      }
    }
    const long long fixed = fixed_subnet(cfg, s, full);
    t.catalog = full;
    if (fixed >= 0) {
      t.catalog.entries = {full.entries[static_cast<std::size_t>(fixed)]};
      t.catalog_index = {static_cast<std::uint32_t>(fixed)};
      for (auto& pr : profiles[ti]) pr.subnets = {pr.subnets[static_cast<std::size_t>(fixed)]};
    } else {
      for (std::uint32_t i = 0; i < full.entries.size(); ++i) t.catalog_index.push_back(i);
    }
    check_image_limits(cfg, t.catalog, s.catalog_key);
    t.on.assign(processors_.size(), s.processors.empty());
    for (const std::string& name : s.processors) {
      std::size_t p = 0;
      while (p < processors_.size() && processors_[p].name != name) ++p;
      if (p == processors_.size()) {
        std::string known;
        for (const Processor& q : processors_) known += (known.empty() ? "" : ", ") + q.name;
        cfg.fail(s.processors_key, fmt::format("'{}' is not in sched.processors (allowed: {})", name, known));
      }
      t.on[p] = true;
    }
    tasks_.push_back(std::move(t));
  }

  // An activation arena per accelerator, large enough for any of its tasks' SuperNets.
  std::uint64_t arena = 0;
  for (const Task& t : tasks_) {
    const supernet::SuperNet& net = supernet::SuperNet::get(t.catalog.arch);
    arena = std::max(arena, page_up(supernet::kActSlots * supernet::act_slot_bytes(net) + 2 * supernet::kSeSlotBytes));
  }

  // Images: per task, per accelerator it runs on; weights per task and weight layout. An image
  // depends on its accelerator's shape (supernet::profiled_on of its options): two accelerators of
  // one shape get the same image but for its activation arena.
  const supernet::ProfiledOn accel_shape =
      supernet::profiled_on(image_options(dynamic_cast<const accel::SushiAccel*>(accel_)->params()));
  std::vector<supernet::ProfiledOn> shape;
  for (const accel::AccelParams& ap : processor_params_) shape.push_back(supernet::profiled_on(image_options(ap)));
  std::vector<std::string> processor_names;
  for (const auto& pr : processors_) processor_names.push_back(pr.name);
  std::vector<sushi_boot_task> table(tasks_.size());
  std::uint64_t weights_end = model_.weights_offset, image_end = model_.image_offset;
  std::uint64_t pool_subnets = 0, pool_layers = 0, pool_regions = 0, pool_descs = 0;
  for (std::size_t ti = 0; ti < tasks_.size(); ++ti) {
    Task& t = tasks_[ti];
    const supernet::SuperNet& net = supernet::SuperNet::get(t.catalog.arch);
    std::vector<std::optional<std::uint64_t>> weights_base(processors_.size());
    check_profile_shapes(cfg, specs[ti], profiles[ti], processor_names, accel_shape, shape);
    for (std::size_t p = 0; p < processors_.size(); ++p) {
      if (!t.on[p]) continue;
      supernet::ImageOptions o = image_options(processor_params_[p]);
      // Its weights: a copy laid out for this accelerator's array, shared with an earlier one's.
      for (std::size_t q = 0; q < p && !weights_base[p]; ++q) {
        if (t.on[q] && same_weight_layout(shape[q], shape[p])) weights_base[p] = weights_base[q];
      }
      if (!weights_base[p]) {
        weights_base[p] = dram_base + weights_end;
        weights_end += page_up(supernet::WeightLayout(net, o.layout).total_bytes());
        account_weights(t, o.layout);
      }
      o.weights_base = *weights_base[p];
      o.act_base = dram_base + model_.act_offset + p * arena;
      // The first profile measured on this accelerator's shape (one that records none: accel's).
      for (const auto& pr : profiles[ti]) {
        if (o.profile == nullptr && pr.profiled_on.value_or(accel_shape) == shape[p]) o.profile = &pr;
      }
      sushi_boot_task& e = table[ti];
      e.alike[p] = static_cast<std::uint32_t>(p);
      for (std::size_t q = 0; q < p; ++q) {
        if (t.on[q] && shape[q] == shape[p]) {
          e.alike[p] = static_cast<std::uint32_t>(q);
          break;
        }
      }
      if (dram_base + image_end == 0) {
        // The task table's image address 0 means "not served there".
        cfg.fail(config::key_of(model_, model_.image_offset), "an image at DRAM address 0: move the images up");
      }
      const std::vector<std::uint8_t> image = supernet::write_model_image(t.catalog, o);
      if (image_end + image.size() <= dram.capacity()) dram.memory().write(image_end, image.data(), image.size());
      e.image_addr[p] = dram_base + image_end;
      e.image_size[p] = image.size();
      image_end += page_up(image.size());
      t.images_B += image.size();
      const std::uint64_t n = t.catalog.entries.size();
      pool_descs += n;
      if (e.alike[p] == p) {
        pool_subnets += n;
        pool_layers += net.size();
        pool_regions += n * net.size();
      }
    }
    bool any = false;
    for (bool on : t.on) any = any || on;
    if (!any) cfg.fail(specs[ti].processors_key, "names no accelerator");
  }
  if (pool_subnets > FW_POOL_SUBNETS || pool_layers > FW_POOL_LAYERS || pool_regions > FW_POOL_REGIONS ||
      pool_descs > FW_POOL_DESCS) {
    cfg.fail(table_key, fmt::format("the images' tables ({} SubNets, {} layers, {} SubNet-layers, {} descriptor lists) "
                                    "exceed the firmware's pool ({}, {}, {}, {}): fewer tasks, SubNets or weight layouts",
                                    pool_subnets, pool_layers, pool_regions, pool_descs, FW_POOL_SUBNETS, FW_POOL_LAYERS,
                                    FW_POOL_REGIONS, FW_POOL_DESCS));
  }
  // The task table after the images.
  const std::uint64_t table_offset = image_end;
  const std::uint64_t table_B = table.size() * sizeof(sushi_boot_task);
  image_end += table_B;
  check_model_regions(cfg, model_, dram.capacity(), image_end - model_.image_offset, weights_end - model_.weights_offset,
                      arena * processors_.size());
  dram.memory().write(table_offset, reinterpret_cast<const std::uint8_t*>(table.data()), table_B);
  boot_.task_table = dram_base + table_offset;
  boot_.task_count = static_cast<std::uint32_t>(table.size());
  // image_addr: the first task's first image (the firmware reads the task table instead).
  for (std::size_t p = 0; p < processors_.size() && boot_.image_addr == 0; ++p) {
    boot_.image_addr = table[0].image_addr[p];
    boot_.image_size = table[0].image_size[p];
  }
  boot_.scratch_addr = dram_base + model_.scratch_offset;
  boot_.scratch_size = model_.scratch_size;
  return image_end;
}

void Serving::add_task_queries(const config::Config& cfg, const std::vector<config::TaskParams>& tp, QueryPortParams& qp) {
  struct Arrival {
    workload::Query q;
    std::uint32_t task;
  };
  std::vector<Arrival> all;
  if (tp.empty()) {
    for (const workload::Query& q : config::workload_from_config(cfg)) all.push_back({q, 0});
  } else {
    const config::Schema schema = config::build_platform_schema();
    config::SimParams sim;
    config::read_keys(cfg, sim);
    for (std::size_t ti = 0; ti < tp.size(); ++ti) {
      const std::string key = "tasks." + tp[ti].name + ".workload";
      std::optional<config::Config> w;
      if (!std::filesystem::is_regular_file(tp[ti].workload)) cfg.fail(key, "no such file '" + tp[ti].workload + "'");
      try {
        w = config::Config::load(tp[ti].workload, {}, schema);
      } catch (const config::ConfigError&) {
        throw;
      } catch (const std::exception& e) {
        cfg.fail(key, e.what());
      }
      if (w->first_set_under("workload").empty()) cfg.fail(key, "'" + tp[ti].workload + "' sets no workload section");
      // Only its stream is read: another key there would be silently ignored.
      for (const std::string& k : w->set_keys()) {
        if (k.rfind("workload.", 0) != 0 && k != "sim.seed") {
          w->fail(k, "a task's workload file (" + key + ") is read for its workload section and sim.seed only");
        }
      }
      const std::uint64_t seed =
          w->is_set("sim.seed") ? static_cast<std::uint64_t>(w->integer("sim.seed")) : sim.seed + ti;
      for (const workload::Query& q : config::workload_from_config(*w, seed)) all.push_back({q, static_cast<std::uint32_t>(ti)});
    }
    // One stream: by arrival, then task, then the task's own order; ids 0, 1, ... in that order.
    std::stable_sort(all.begin(), all.end(), [](const Arrival& a, const Arrival& b) {
      return std::tie(a.q.arrival_ps, a.task) < std::tie(b.q.arrival_ps, b.task);
    });
    for (std::size_t i = 0; i < all.size(); ++i) all[i].q.id = i;
  }
  qp.queues = static_cast<std::uint32_t>(tasks_.size());
  for (const Arrival& a : all) {
    const workload::Query& q = a.q;
    qp.queries.push_back({q.id, q.arrival_ps, q.slo_ps, q.min_accuracy_milli(), a.task});
    QueryRow& row = log_->add(q.id);
    row.arrival_ps = q.arrival_ps;
    row.slo_ps = q.slo_ps;
    row.min_accuracy_pct = static_cast<double>(q.min_accuracy_milli()) / 1000.0;
    row.task = tasks_[a.task].name;
  }
}

Json Serving::tasks_summary(std::uint64_t sim_end_ps) const {
  // A processor's PB is split evenly among the tasks it serves (64 B aligned), as the firmware does.
  std::vector<std::uint64_t> share(processors_.size(), 0);
  for (std::size_t p = 0; p < processors_.size(); ++p) {
    std::uint64_t n = 0;
    for (const Task& t : tasks_) n += t.on[p] ? 1 : 0;
    // The firmware reads the PB size in KiB (CAPS0).
    const std::uint64_t pb = policy_ == "none" ? 0 : processor_params_[p].pb.bytes / 1024 * 1024;
    share[p] = n > 1 ? pb / n / 64 * 64 : pb;
  }
  Json out = Json::object();
  for (const Task& t : tasks_) {
    Json j = log_->summary(sim_end_ps, &t.name);
    Json on = Json::array();
    std::uint64_t pb = 0;
    for (std::size_t p = 0; p < processors_.size(); ++p) {
      if (!t.on[p]) continue;
      on.push_back(processors_[p].name);
      pb += share[p];
    }
    j["processors"] = on;
    j["subnets_count"] = t.catalog.entries.size();
    Json& m = j["memory"];
    m["weights_dram_B"] = t.weights_dram_B;
    m["weight_copies_count"] = t.weight_copies;
    m["images_B"] = t.images_B;
    m["pb_share_B"] = pb;
    m["total_B"] = t.weights_dram_B + t.images_B + pb;
    m["separate_models_B"] = t.separate_models_B;
    out[t.name] = j;
  }
  return out;
}

Json Serving::memory_summary(const Json& tasks) {
  Json m = Json::object();
  for (const char* k : {"weights_dram_B", "images_B", "pb_share_B", "total_B", "separate_models_B"}) {
    std::uint64_t sum = 0;
    for (const auto& [name, t] : tasks.items()) sum += t["memory"][k].get<std::uint64_t>();
    m[k] = sum;
  }
  return m;
}

}  // namespace sushi
