// Checks a parsed timeline.json against the Chrome / Perfetto trace-event format as sushi-vp
// writes it (docs/traces.md): an object with a "traceEvents" array; every event has name, cat,
// ph, ts, pid, tid (a missing cat crashes some readers, e.g. @tracerbench/trace-model); ph is one
// of the phases used; X has a non-negative dur; C has numeric args; B/E balance per (pid, tid);
// b/e balance per (cat, id) and end after they begin; X events on one track nest (none overlaps
// another partially), which Perfetto needs to draw them. Nesting is checked as Perfetto's JSON
// importer sees it: ts and dur are each converted to integer nanoseconds separately (rounded to
// the nearest), and a slice that overlaps its predecessor by even 1 ns is dropped; so the check
// applies that rounding and allows no overlap at all.
#pragma once

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

namespace sushi::test {

inline std::vector<std::string> check_trace_events(const nlohmann::json& doc) {
  std::vector<std::string> errs;
  if (!doc.is_object() || !doc.contains("traceEvents") || !doc["traceEvents"].is_array()) {
    return {"not an object with a traceEvents array"};
  }
  static const std::set<std::string> phases = {"M", "X", "C", "b", "e", "i", "B", "E"};
  std::map<std::pair<long long, long long>, int> be_depth;
  std::map<std::pair<std::string, long long>, double> async_open;
  std::map<std::pair<long long, long long>, std::vector<std::pair<double, double>>> spans;
  std::size_t i = 0;
  for (const auto& e : doc["traceEvents"]) {
    const std::string at = "event " + std::to_string(i++) + ": ";
    for (const char* k : {"name", "cat", "ph", "ts", "pid", "tid"}) {
      if (!e.contains(k)) errs.push_back(at + "missing " + k);
    }
    if (!errs.empty()) return errs;
    if (!e["name"].is_string() || !e["cat"].is_string() || !e["ph"].is_string() || !e["ts"].is_number() ||
        !e["pid"].is_number_integer() || !e["tid"].is_number_integer()) {
      errs.push_back(at + "wrong field type");
      continue;
    }
    const std::string ph = e["ph"];
    // Perfetto: integer ns, ts and dur rounded separately.
    auto to_ns = [](double us) { return static_cast<double>(std::llround(us * 1000.0)); };
    const double ts = to_ns(e["ts"].get<double>());
    const auto track = std::make_pair(e["pid"].get<long long>(), e["tid"].get<long long>());
    if (!phases.count(ph)) errs.push_back(at + "unknown ph " + ph);
    if (ts < 0) errs.push_back(at + "negative ts");
    if (ph == "X") {
      if (!e.contains("dur") || !e["dur"].is_number() || e["dur"].get<double>() < 0) errs.push_back(at + "X without dur >= 0");
      else spans[track].emplace_back(ts, ts + to_ns(e["dur"].get<double>()));
    } else if (ph == "C") {
      if (!e.contains("args") || !e["args"].is_object() || e["args"].empty()) errs.push_back(at + "C without args");
      else
        for (const auto& [k, v] : e["args"].items())
          if (!v.is_number()) errs.push_back(at + "C arg " + k + " not a number");
    } else if (ph == "M") {
      if (!e.contains("args") || !e["args"].is_object()) errs.push_back(at + "M without args");
    } else if (ph == "B") {
      ++be_depth[track];
    } else if (ph == "E") {
      if (--be_depth[track] < 0) errs.push_back(at + "E without B");
    } else if (ph == "b" || ph == "e") {
      if (!e.contains("id") || !e.contains("cat")) {
        errs.push_back(at + "async event without id and cat");
        continue;
      }
      const auto key = std::make_pair(e["cat"].get<std::string>(), e["id"].get<long long>());
      if (ph == "b") {
        if (async_open.count(key)) errs.push_back(at + "b opened twice");
        async_open[key] = ts;
      } else {
        auto it = async_open.find(key);
        if (it == async_open.end()) errs.push_back(at + "e without b");
        else {
          if (ts < it->second) errs.push_back(at + "e before its b");
          async_open.erase(it);
        }
      }
    }
  }
  for (const auto& [t, d] : be_depth)
    if (d != 0) errs.push_back("unbalanced B/E on a track");
  if (!async_open.empty()) errs.push_back(std::to_string(async_open.size()) + " async events never ended");
  // X nesting per track: sort by start (longest first on ties) and keep a stack of open ends.
  for (auto& [t, v] : spans) {
    std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first < b.first : a.second > b.second;
    });
    std::vector<double> stack;
    for (const auto& [s, e] : v) {
      while (!stack.empty() && stack.back() <= s) stack.pop_back();
      if (!stack.empty() && e > stack.back()) {
        errs.push_back("X events overlap partially on track pid " + std::to_string(t.first) + " tid " +
                       std::to_string(t.second) + " at " + std::to_string(s) + " ns (after Perfetto's ns rounding)");
        break;
      }
      stack.push_back(e);
    }
  }
  return errs;
}

}  // namespace sushi::test
