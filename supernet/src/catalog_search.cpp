#include "supernet/catalog_search.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>

#include "supernet/supernet.h"

namespace sushi::supernet {

namespace {

SearchPoint evaluate(const SubNetConfig& s, const LatencyParams& lp, const AccuracyProxy& proxy,
                     const MeasuredAccuracy* measured) {
  const SuperNet& net = SuperNet::of(s);  // latency and MACs at the SubNet's resolution
  const SubGraph g = net.region_of(s);
  SearchPoint p;
  p.subnet = s;
  p.latency_ms = estimate_latency(net, g, lp).ms(lp.freq_mhz);
  const auto m = measured ? measured->lookup(s) : std::nullopt;
  p.accuracy = m ? *m : proxy.predict(totals(net, g).macs);
  return p;
}

// Indices of the non-dominated points (lower latency, higher accuracy), by latency.
std::vector<size_t> front(const std::vector<SearchPoint>& pts, const std::vector<size_t>& idx) {
  std::vector<size_t> order = idx;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (pts[a].latency_ms != pts[b].latency_ms) return pts[a].latency_ms < pts[b].latency_ms;
    if (pts[a].accuracy != pts[b].accuracy) return pts[a].accuracy > pts[b].accuracy;
    return pts[a].subnet < pts[b].subnet;
  });
  std::vector<size_t> f;
  double best = -1e300;
  for (size_t i : order)
    if (pts[i].accuracy > best) {
      f.push_back(i);
      best = pts[i].accuracy;
    }
  return f;
}

SubNetConfig mutate(const SubNetConfig& s, Rng& rng, double prob, const std::vector<int>& resolutions) {
  const ArchSpec& sp = arch_spec(s.arch);
  SubNetConfig m = s;
  auto mut = [&](std::vector<int>& v, const std::vector<int>& ch, size_t i) {
    if (rng.uniform01() < prob) v[i] = ch[rng.below(static_cast<uint32_t>(ch.size()))];
  };
  for (size_t i = 0; i < m.ks.size(); ++i) mut(m.ks, sp.ks_choices, i);
  for (size_t i = 0; i < m.e.size(); ++i) mut(m.e, sp.e_choices, i);
  for (size_t i = 0; i < m.d.size(); ++i) mut(m.d, sp.d_draw_choices(i), i);
  for (size_t i = 0; i < m.w.size(); ++i) mut(m.w, sp.w_choices, i);
  if (resolutions.size() > 1 && rng.uniform01() < prob)  // one draw: a 224-only search keeps its sequence
    m.r = resolutions[rng.below(static_cast<uint32_t>(resolutions.size()))];
  return canonical(m);
}

}  // namespace

std::vector<SearchPoint> search_catalog(Arch a, const SearchParams& p, const MeasuredAccuracy* measured) {
  if (p.resolutions.empty()) throw std::invalid_argument("catalog search: no resolutions");
  for (int r : p.resolutions) check_resolution(a, r, "catalog search");
  Rng rng(p.seed);
  const AccuracyProxy proxy = fit_proxy(a);
  std::vector<SearchPoint> pts;
  std::set<SubNetConfig> seen;
  auto add = [&](const SubNetConfig& s) {
    if (seen.insert(s).second) pts.push_back(evaluate(s, p.latency, proxy, measured));
  };
  // The extremes at the largest and the smallest resolution searched.
  const int r_hi = *std::max_element(p.resolutions.begin(), p.resolutions.end());
  const int r_lo = *std::min_element(p.resolutions.begin(), p.resolutions.end());
  SubNetConfig hi = max_subnet(a), lo = min_subnet(a);
  hi.r = r_hi;
  lo.r = r_lo;
  add(hi);
  add(lo);
  for (size_t i = 0; i < p.samples; ++i) add(random_subnet(a, rng, p.resolutions));

  std::vector<size_t> all(pts.size());
  for (size_t g = 0; g < p.generations; ++g) {
    all.resize(pts.size());
    for (size_t i = 0; i < all.size(); ++i) all[i] = i;
    const std::vector<size_t> f = front(pts, all);
    for (size_t i : f)
      for (size_t c = 0; c < p.children_per_parent; ++c) add(mutate(pts[i].subnet, rng, p.mutate_prob, p.resolutions));
  }

  // Peel fronts until there are enough candidates.
  std::vector<size_t> rest(pts.size());
  for (size_t i = 0; i < rest.size(); ++i) rest[i] = i;
  std::vector<size_t> cand;
  while (cand.size() < p.target && !rest.empty()) {
    const std::vector<size_t> f = front(pts, rest);
    cand.insert(cand.end(), f.begin(), f.end());
    std::set<size_t> fs(f.begin(), f.end());
    std::vector<size_t> next;
    for (size_t i : rest)
      if (!fs.count(i)) next.push_back(i);
    rest.swap(next);
  }
  std::sort(cand.begin(), cand.end(), [&](size_t x, size_t y) {
    if (pts[x].latency_ms != pts[y].latency_ms) return pts[x].latency_ms < pts[y].latency_ms;
    return pts[x].subnet < pts[y].subnet;
  });

  // Thin to `target` points evenly spaced in log-latency (first and last always kept).
  std::vector<size_t> chosen;
  if (cand.size() <= p.target) {
    chosen = cand;
  } else if (p.target > 0) {
    const double log_lo = std::log(pts[cand.front()].latency_ms), log_hi = std::log(pts[cand.back()].latency_ms);
    std::vector<bool> used(cand.size(), false);
    for (size_t k = 0; k < p.target; ++k) {
      const double goal =
          p.target == 1 ? log_hi : log_lo + (log_hi - log_lo) * static_cast<double>(k) / static_cast<double>(p.target - 1);
      size_t best = cand.size();
      double bestd = 1e300;
      for (size_t j = 0; j < cand.size(); ++j) {
        if (used[j]) continue;
        const double d = std::fabs(std::log(pts[cand[j]].latency_ms) - goal);
        if (d < bestd) {
          bestd = d;
          best = j;
        }
      }
      used[best] = true;
    }
    for (size_t j = 0; j < cand.size(); ++j)
      if (used[j]) chosen.push_back(cand[j]);
  }
  std::vector<SearchPoint> out;
  for (size_t i : chosen) out.push_back(pts[i]);
  return out;
}

}  // namespace sushi::supernet
