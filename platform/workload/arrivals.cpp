#include "arrivals.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "workload_error.h"

namespace sushi::workload {

namespace {

constexpr double kPsPerSecond = 1e12;
constexpr std::uint64_t kNever = std::numeric_limits<std::uint64_t>::max();

std::uint64_t round_ps(double ps) {
  if (!(ps < 1.8e19)) return kNever;
  return static_cast<std::uint64_t>(std::llround(ps));
}

[[noreturn]] void throw_past_end(std::uint64_t index) {
  throw WorkloadError("query " + std::to_string(index) +
                      " would arrive past the end of simulated time (2^64 ps, about 213 days); lower "
                      "workload.queries or raise the arrival rate");
}

// Saturating add: a gap past the end of representable time means "never".
std::uint64_t add_sat(std::uint64_t a, std::uint64_t b) { return b > kNever - a ? kNever : a + b; }

// Query `index` arrives at `at` (kNever: past the end of simulated time, an error): sets `t`,
// counts the query.
bool arrive(std::uint64_t at, std::uint64_t& index, std::uint64_t& t) {
  if (at == kNever) throw_past_end(index);
  ++index;
  t = at;
  return true;
}

// t_i = start + i * period, period = 1 / rate rounded to 1 ps: exact, no accumulated error.
class ConstantProcess : public ArrivalProcess {
 public:
  ConstantProcess(std::uint64_t start, double rate) : start_(start), period_(round_ps(kPsPerSecond / rate)) {}
  bool next(std::uint64_t& t) override {
    // t_i must fit in 64 bits of ps: past that the times would wrap round and decrease.
    if (period_ != 0 && i_ > (kNever - start_) / period_) throw_past_end(i_);
    t = start_ + i_++ * period_;
    return true;
  }

 private:
  std::uint64_t start_, period_, i_ = 0;
};

// Independent exponential gaps: t_i = t_{i-1} + round(-ln(1 - u) / rate), t_{-1} = start.
class PoissonProcess : public ArrivalProcess {
 public:
  PoissonProcess(std::uint64_t start, double rate, Rng& rng) : t_(start), rate_(rate), rng_(rng) {}
  bool next(std::uint64_t& t) override {
    t_ = add_sat(t_, exponential_gap_ps(rng_, rate_));
    return arrive(t_, i_, t);
  }

 private:
  std::uint64_t t_;
  double rate_;
  Rng& rng_;
  std::uint64_t i_ = 0;
};

// Poisson whose rate depends on a state that changes at state boundaries. By memorylessness, a
// candidate arrival that falls past the state's end is discarded and drawing restarts from the
// boundary at the new state's rate: this is the exact modulated process, not an approximation.
class ModulatedProcess : public ArrivalProcess {
 public:
  ModulatedProcess(std::uint64_t start, Rng& rng) : t_(start), rng_(rng) {}
  bool next(std::uint64_t& t) override {
    if (!started_) {
      started_ = true;
      state_end_ = add_sat(t_, dwell_ps(state_));
    }
    for (int guard = 0; guard < 100000000; ++guard) {
      const double rate = rate_qps(state_);
      const std::uint64_t cand = rate > 0 ? add_sat(t_, exponential_gap_ps(rng_, rate)) : kNever;
      if (cand < state_end_) {
        t_ = cand;
        t = t_;
        return true;
      }
      if (state_end_ == kNever) return false;  // rate 0 forever
      t_ = state_end_;
      state_ = next_state(state_);
      state_end_ = add_sat(t_, dwell_ps(state_));
    }
    return false;  // unreachable for valid parameters (every state lasts >= 1 ps)
  }

 protected:
  virtual double rate_qps(std::size_t state) const = 0;
  virtual std::uint64_t dwell_ps(std::size_t state) = 0;
  virtual std::size_t next_state(std::size_t state) = 0;
  Rng& rng() { return rng_; }

 private:
  std::uint64_t t_;
  Rng& rng_;
  bool started_ = false;
  std::size_t state_ = 0;
  std::uint64_t state_end_ = 0;
};

class OnOffProcess : public ModulatedProcess {
 public:
  OnOffProcess(std::uint64_t start, const OnOffParams& p, Rng& rng) : ModulatedProcess(start, rng), p_(p) {}

 protected:
  double rate_qps(std::size_t s) const override { return s == 0 ? p_.on_rate_qps : p_.off_rate_qps; }
  std::uint64_t dwell_ps(std::size_t s) override {
    const std::uint64_t mean = s == 0 ? p_.on_ps : p_.off_ps;
    if (!p_.exponential_periods) return mean;
    return std::max<std::uint64_t>(1, round_ps(rng().exponential(static_cast<double>(mean))));
  }
  std::size_t next_state(std::size_t s) override { return 1 - s; }

 private:
  OnOffParams p_;
};

class MmppProcess : public ModulatedProcess {
 public:
  MmppProcess(std::uint64_t start, const std::vector<MmppState>& states, Rng& rng)
      : ModulatedProcess(start, rng), states_(states) {}

 protected:
  double rate_qps(std::size_t s) const override { return states_[s].rate_qps; }
  std::uint64_t dwell_ps(std::size_t s) override {
    return std::max<std::uint64_t>(1, round_ps(rng().exponential(static_cast<double>(states_[s].mean_dwell_ps))));
  }
  // Uniform over the other states.
  std::size_t next_state(std::size_t s) override {
    const std::size_t others = states_.size() - 1;
    auto k = static_cast<std::size_t>(rng().uniform() * static_cast<double>(others));
    if (k >= others) k = others - 1;
    return k >= s ? k + 1 : k;
  }

 private:
  std::vector<MmppState> states_;
};

// Lognormal burst sizes, exponential spacing inside a burst, Pareto idle gaps between bursts.
class BurstProcess : public ArrivalProcess {
 public:
  BurstProcess(std::uint64_t start, const BurstParams& p, Rng& rng) : t_(start), p_(p), rng_(rng) {}
  bool next(std::uint64_t& t) override {
    if (left_ == 0) {
      // A new burst: its first query comes one Pareto idle gap after the previous burst's last
      // query (the first burst starts one gap after the start, like the other processes).
      t_ = add_sat(t_, round_ps(rng_.pareto(static_cast<double>(p_.gap_min_ps), p_.gap_alpha)));
      const double size = p_.size_median * std::exp(p_.size_sigma * rng_.normal());
      left_ = size < 1.5 ? 1 : static_cast<std::uint64_t>(std::min(std::llround(size), 1LL << 40));
    } else {
      t_ = add_sat(t_, exponential_gap_ps(rng_, p_.rate_qps));
    }
    --left_;
    return arrive(t_, i_, t);
  }

 private:
  std::uint64_t t_;
  BurstParams p_;
  Rng& rng_;
  std::uint64_t left_ = 0, i_ = 0;
};

}  // namespace

std::uint64_t exponential_gap_ps(Rng& rng, double rate_qps) {
  return round_ps(rng.exponential(kPsPerSecond / rate_qps));
}

std::unique_ptr<ArrivalProcess> make_arrival_process(const WorkloadParams& p, Rng& rng) {
  switch (p.arrival) {
    case ArrivalKind::constant: return std::make_unique<ConstantProcess>(p.start_ps, p.rate_qps);
    case ArrivalKind::poisson: return std::make_unique<PoissonProcess>(p.start_ps, p.rate_qps, rng);
    case ArrivalKind::onoff: return std::make_unique<OnOffProcess>(p.start_ps, p.onoff, rng);
    case ArrivalKind::mmpp: return std::make_unique<MmppProcess>(p.start_ps, p.mmpp_states, rng);
    case ArrivalKind::bursts: return std::make_unique<BurstProcess>(p.start_ps, p.bursts, rng);
    case ArrivalKind::trace: break;
  }
  return nullptr;
}

}  // namespace sushi::workload
