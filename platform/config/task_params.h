// Several tasks on one SoC (tasks.<name>): each task is a query stream on one SuperNet, served by
// the one firmware on the accelerators it may use (docs/serving.md "Several tasks"). Declared
// once here; platform/soc/serving.cpp reads them, builds each task's model images and merges the
// streams into the query port's task queues. Without a tasks section, model.* and workload.*
// are the one task.
#pragma once

#include <string>
#include <vector>

#include "util/params.h"

namespace sushi::config {

struct TaskParams {
  std::string name;
  std::string catalog;                  // file
  std::vector<std::string> profiles;    // files; per accelerator the one measured on its shape
  std::string workload;                 // file with a workload section (and optionally sim.seed)
  std::vector<std::string> processors;  // empty: every accelerator of sched.processors
  std::string subnet;                   // choose | largest | a catalog index

  template <class V, class P>
  static void describe(V& v, P& p, const std::string& k = "tasks.*") {
    v.path(k + ".catalog", p.catalog, "<vp_configs>/catalogs/ofa-resnet50.csv",
           "Catalog of the task's SubNets (CSV or YAML; the SuperNet is read from the file)");
    v.path_list(k + ".profiles", p.profiles, "[]",
                "Latency profiles (`sushi-vp profile` JSON) of the catalog: each accelerator's image takes the "
                "one measured on its shape (a profile that records none: accel's); without one, the analytic "
                "estimate (docs/sched.md)");
    v.path(k + ".workload", p.workload, std::nullopt,
           "The task's query stream: a config file with a workload section (vp_configs/workloads/); its "
           "sim.seed if it sets one, else sim.seed + the task's index (0, 1, ...)");
    v.string_list(k + ".processors", p.processors, "[]",
                  "Accelerators the task may run on (names of sched.processors); empty: all of them");
    v.string(k + ".subnet", p.subnet, "choose",
             "choose: the firmware picks the SubNet per query; largest: always the catalog's SubNet with "
             "the most weight bytes; or a catalog index (0-based): always that SubNet (a fixed-model "
             "baseline: the task's image holds that SubNet alone)");
  }
};

struct TasksParams {
  TasksParams() { params::apply_defaults(*this); }
  std::vector<TaskParams> tasks;

  template <class V, class P>
  static void describe(V& v, P& p) {
    v.instances("tasks",
                "Tasks served together, one named instance each, in order (a task's index is its place "
                "here); each has its own catalog, query stream and accelerators. Replaces model.catalog, "
                "model.profile and workload.* (docs/serving.md \"Several tasks\")",
                p.tasks);
  }
};

}  // namespace sushi::config
