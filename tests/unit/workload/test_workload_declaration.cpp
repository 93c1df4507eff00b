// workload.* is declared once (workload/workload_params.h): each key's schema entry, its row in
// the generated reference, the defaults of a struct built in code, the mapping from a config
// file, the file:line:key of a bad value and the range check of a struct built in code all come
// from that declaration. Also the two additions to the declaration mechanism (util/params.h) the
// workload needs: lists of numbers (with or without units) and lists of named instances.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "config/config.h"
#include "config/params_visitors.h"
#include "config/platform_schema.h"
#include "config/reference_doc.h"
#include "config/workload_config.h"
#include "expect_config_error.h"
#include "workload/workload.h"
#include "workload/workload_error.h"

using namespace sushi::config;
namespace wl = sushi::workload;
namespace params = sushi::params;
using sushi::test::expect_config_error;

namespace {

// Every key WorkloadParams::describe declares, with its description (the schema's wildcard form).
struct KeyLister {
  std::map<std::string, std::string> doc;
  std::vector<std::string> order;
  void add(const std::string& k, const std::string& d) {
    order.push_back(k);
    doc[k] = d;
  }
  void section(const std::string&, const std::string&) {}
  template <class... A>
  void quantity(const std::string& k, params::Kind, A&&... a) { add(k, last(a...)); }
  template <class F, class... A>
  void integer(const std::string& k, F&&, A&&... a) { add(k, last(a...)); }
  template <class F, class... A>
  void real(const std::string& k, F&&, A&&... a) { add(k, last(a...)); }
  template <class F, class... A>
  void choice(const std::string& k, F&&, A&&... a) { add(k, last(a...)); }
  template <class F, class... A>
  void path(const std::string& k, F&&, A&&... a) { add(k, last(a...)); }
  template <class... A>
  void quantity_list(const std::string& k, params::Kind, A&&... a) { add(k, last(a...)); }
  template <class F, class... A>
  void real_list(const std::string& k, F&&, A&&... a) { add(k, last(a...)); }
  template <class L>
  void instances(const std::string& section, const std::string&, L&) {
    typename L::value_type e;
    decltype(e)::describe(*this, e, section + ".*");
  }
  template <class... A>
  static std::string last(A&&... a) {
    std::string s;
    ((s = to_s(a)), ...);
    return s;
  }
  template <class T>
  static std::string to_s(const T& t) {
    if constexpr (std::is_convertible_v<T, std::string>) return std::string(t);
    return "";
  }
};

KeyLister declared() {
  KeyLister l;
  wl::WorkloadParams p;
  wl::WorkloadParams::describe(l, p);
  return l;
}

Config from_text(const std::string& yaml) {
  return Config::from_tree(parse_config_text(yaml, "w.yaml"), build_platform_schema());
}

TEST(WorkloadDeclaration, EveryDeclaredKeyIsInTheSchemaAndTheReferenceInOrder) {
  const KeyLister l = declared();
  // 5 top-level + 5 onoff + 2 mmpp + 5 bursts + 2 trace + 2 x 8 demand + phase_by
  // + 2 per phase + 2 x 8 demand per phase.
  ASSERT_EQ(l.order.size(), 54u);
  const Schema s = build_platform_schema();
  const std::string md = reference_markdown(s);
  std::size_t at = 0;
  for (const auto& k : l.order) {
    SCOPED_TRACE(k);
    const KeySpec* spec = s.match(k);
    ASSERT_NE(spec, nullptr);
    EXPECT_EQ(spec->path, k);
    EXPECT_EQ(spec->doc, l.doc.at(k));
    const auto row = md.find("| `" + k + "` |");
    ASSERT_NE(row, std::string::npos);
    EXPECT_GT(row, at);  // the reference lists them in declaration order
    at = row;
  }
}

TEST(WorkloadDeclaration, SchemaEntriesCarryTheDeclaredUnitDefaultAndRange) {
  const Schema s = build_platform_schema();
  const KeySpec* alpha = s.match("workload.bursts.gap_alpha");
  ASSERT_NE(alpha, nullptr);
  EXPECT_EQ(alpha->type, KeyType::real);
  EXPECT_EQ(alpha->default_text.value_or(""), "1.5");
  EXPECT_EQ(alpha->range_text(), "0.1 .. 10");
  const KeySpec* slo = s.match("workload.phases.rush.slo.value");  // an instance's key
  ASSERT_NE(slo, nullptr);
  EXPECT_EQ(slo->type, KeyType::time);
  EXPECT_EQ(slo->default_text.value_or(""), "100 ms");
  EXPECT_EQ(slo->range_text(), "1 ns .. 1000 s");
  const KeySpec* periods = s.match("workload.onoff.periods");
  ASSERT_NE(periods, nullptr);
  EXPECT_EQ(periods->range_text(), "one of: exponential, fixed");  // kOnOffPeriodNames
  EXPECT_EQ(periods->default_text.value_or(""), "exponential");
  const KeySpec* dwell = s.match("workload.mmpp.states.low.mean_dwell");
  ASSERT_NE(dwell, nullptr);
  EXPECT_FALSE(dwell->default_text.has_value());  // required
  EXPECT_EQ(reference_markdown(s).find("| `workload.bursts.gap_alpha` | number | `1.5` | 0.1 .. 10 | bursts: Pareto "),
            reference_markdown(s).find("| `workload.bursts.gap_alpha` |"));
}

// A struct built in code and a config that sets nothing agree: both are the declared defaults.
TEST(WorkloadDeclaration, DefaultsOfACodeBuiltStructAreTheDeclaredOnes) {
  const wl::WorkloadParams code;
  const wl::WorkloadParams cfg = workload_params_from_config(from_text("sim: {seed: 1}\n"));
  EXPECT_EQ(code.arrival, wl::ArrivalKind::poisson);
  EXPECT_EQ(code.rate_qps, 100.0);
  EXPECT_EQ(code.max_queries, 1000u);
  EXPECT_EQ(code.onoff.on_ps, 10'000'000'000u);  // 10 ms
  EXPECT_TRUE(code.onoff.exponential_periods);
  EXPECT_EQ(code.bursts.gap_min_ps, 20'000'000'000u);  // 20 ms
  EXPECT_EQ(code.slo_ps.value, 100e9);                 // 100 ms
  EXPECT_EQ(code.slo_ps.stddev, 20e9);                 // 20 ms
  EXPECT_EQ(code.min_accuracy_pct.max, 100.0);
  EXPECT_EQ(code.min_accuracy_pct.mean, 75.0);
  EXPECT_EQ(code.trace.time_scale, 1.0);
  EXPECT_EQ(cfg.rate_qps, code.rate_qps);
  EXPECT_EQ(cfg.onoff.off_ps, code.onoff.off_ps);
  EXPECT_EQ(cfg.bursts.size_median, code.bursts.size_median);
  EXPECT_EQ(cfg.slo_ps.min, code.slo_ps.min);
  EXPECT_EQ(cfg.min_accuracy_pct.stddev, code.min_accuracy_pct.stddev);
  EXPECT_EQ(cfg.phase_by, code.phase_by);
  const wl::Phase ph;
  EXPECT_EQ(ph.slo_ps.max, 1e12);  // 1 s
  EXPECT_EQ(ph.start_query, 0u);
}

TEST(WorkloadDeclaration, BadValuesAreLocatedAtFileLineAndKey) {
  auto e = expect_config_error([] { from_text("workload:\n  arrival: bursts\n  bursts:\n    size_sigma: 6\n"); });
  EXPECT_EQ(e.loc().file, "w.yaml");
  EXPECT_EQ(e.loc().line, 4);
  EXPECT_EQ(e.key(), "workload.bursts.size_sigma");
  EXPECT_NE(e.message().find("0 .. 5"), std::string::npos) << e.message();
  // An instance's key names the instance.
  e = expect_config_error(
      [] { from_text("workload:\n  phases:\n    rush:\n      start: 1 s\n      slo: {value: 0.5 ns}\n"); });
  EXPECT_EQ(e.key(), "workload.phases.rush.slo.value");
  EXPECT_EQ(e.loc().line, 5);
  // A list entry outside the declared range of its entries.
  e = expect_config_error([] {
    workload_params_from_config(from_text("workload:\n  slo:\n    dist: choice\n    choices: [5 ms, 2000 s]\n"));
  });
  EXPECT_EQ(e.key(), "workload.slo.choices");
  EXPECT_EQ(e.loc().line, 4);
  EXPECT_EQ(e.message(), "list entry '2000 s' is out of range (allowed: 1 ns .. 1000 s)");
  e = expect_config_error([] {
    workload_params_from_config(
        from_text("workload:\n  min_accuracy: {dist: choice, choices: [70, 80], weights: [1, -2]}\n"));
  });
  EXPECT_EQ(e.key(), "workload.min_accuracy.weights");
  EXPECT_EQ(e.message(), "list entry '-2' is out of range (allowed: 0 .. +inf)");
  e = expect_config_error([] {
    workload_params_from_config(from_text("workload:\n  min_accuracy: {dist: choice, choices: [70, high]}\n"));
  });
  EXPECT_EQ(e.message(), "list entry 'high' is not a number");
}

// validate() checks a struct built in code against the same declared ranges, naming the key
// (an instance's own key for phases and mmpp states).
TEST(WorkloadDeclaration, CodeBuiltStructIsCheckedAgainstTheDeclaredRanges) {
  auto key_of = [](const wl::WorkloadParams& p) -> std::string {
    try {
      p.validate();
    } catch (const wl::WorkloadParamError& e) {
      return e.what();
    }
    return "";
  };
  wl::WorkloadParams p;
  EXPECT_EQ(key_of(p), "");
  p.bursts.size_sigma = 6;
  EXPECT_EQ(key_of(p), "workload.bursts.size_sigma: 6 is outside 0 .. 5");
  p = wl::WorkloadParams{};
  p.onoff.on_ps = 10;  // 10 ps
  EXPECT_EQ(key_of(p), "workload.onoff.on_time: 10 ps is outside 1 ns .. 100000 s");
  p = wl::WorkloadParams{};
  p.min_accuracy_pct.choices = {70, 101};
  EXPECT_EQ(key_of(p), "workload.min_accuracy.choices: list entry 101 is outside 0 .. 100");
  p = wl::WorkloadParams{};
  wl::Phase rush;
  rush.name = "rush";
  rush.start_query = 200000000;
  p.phases = {rush};
  EXPECT_EQ(key_of(p), "workload.phases.rush.start_query: 200000000 is outside 0 .. 100000000");
  p = wl::WorkloadParams{};
  p.arrival = wl::ArrivalKind::mmpp;
  p.mmpp_states = {{"low", 10, 1'000'000'000}, {"high", 2e9, 1'000'000'000}};
  EXPECT_EQ(key_of(p), "workload.mmpp.states.high.rate_qps: 2e+09 is outside 0 .. 1e+09");
}

// The mechanism's lists: a default written as text, entries with units, the range per entry.
struct ListToy {
  ListToy() { params::apply_defaults(*this); }
  std::vector<double> delays_ps;
  std::vector<double> gains;
  template <class V, class P>
  static void describe(V& v, P& p) {
    v.quantity_list("toy.delays", params::Kind::time, p.delays_ps, "[1 ns, 2.5 ns]", "0 ps", "1 us", "Delays");
    v.real_list("toy.gains", p.gains, "[0.5, 2]", 0.0, 4.0, "Gains");
  }
};

TEST(ParamsLists, DefaultsEntriesAndRanges) {
  const ListToy t;
  EXPECT_EQ(t.delays_ps, (std::vector<double>{1000, 2500}));
  EXPECT_EQ(t.gains, (std::vector<double>{0.5, 2}));
  EXPECT_EQ(params::split_list(" [] "), std::vector<std::string>{});
  EXPECT_EQ(params::split_list("[a,b ]"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(params::split_list("5 ms"), std::vector<std::string>{"5 ms"});  // one entry, as in YAML
  Schema s;
  declare_keys<ListToy>(s);
  ASSERT_NE(s.match("toy.delays"), nullptr);
  EXPECT_EQ(s.match("toy.delays")->type, KeyType::string_list);
  EXPECT_EQ(s.match("toy.delays")->default_text.value_or(""), "[1 ns, 2.5 ns]");
  const Config c = Config::from_tree(parse_config_text("toy:\n  delays: [3 ns]\n", "t.yaml"), s);
  ListToy r;
  read_keys(c, r);
  EXPECT_EQ(r.delays_ps, (std::vector<double>{3000}));
  EXPECT_EQ(r.gains, (std::vector<double>{0.5, 2}));  // the default, read from the config's default
  ListToy o;
  o.gains = {1};
  read_set_keys(c, o);  // only what the file sets
  EXPECT_EQ(o.gains, (std::vector<double>{1}));
  EXPECT_EQ(o.delays_ps, (std::vector<double>{3000}));
  ListToy bad;
  bad.gains = {5};
  try {
    params::check_ranges<wl::WorkloadParamError>(bad);
    FAIL() << "no error";
  } catch (const wl::WorkloadParamError& e) {
    EXPECT_STREQ(e.what(), "toy.gains: list entry 5 is outside 0 .. 4");
  }
}

}  // namespace
