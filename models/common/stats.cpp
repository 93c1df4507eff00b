#include "stats.h"

#include <systemc>

namespace sushi {
namespace {

// Returns true if `obj` or any descendant reported something into `node`.
bool collect_into(const sc_core::sc_object* obj, Json& node) {
  bool any = false;
  if (const auto* p = dynamic_cast<const StatsProvider*>(obj)) {
    p->report_stats(node);
    any = true;
  }
  for (const sc_core::sc_object* child : obj->get_child_objects()) {
    Json sub = Json::object();
    if (collect_into(child, sub)) {
      node[child->basename()] = std::move(sub);
      any = true;
    }
  }
  return any;
}

}  // namespace

Json collect_stats() {
  Json root = Json::object();
  for (const sc_core::sc_object* top : sc_core::sc_get_top_level_objects()) {
    Json sub = Json::object();
    if (collect_into(top, sub)) root[top->basename()] = std::move(sub);
  }
  return root;
}

}  // namespace sushi
