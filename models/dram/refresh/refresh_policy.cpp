#include "refresh_policy.h"

#include "dram/dram_params.h"

namespace sushi::dram {
namespace {

class AllBankRefresh final : public RefreshPolicyIF {
 public:
  AllBankRefresh(const DramTiming& t, std::uint32_t banks) : t_(t), banks_(banks) {}
  std::uint32_t interval() const override { return t_.tREFI; }
  std::uint32_t duration() const override { return t_.tRFC; }
  std::uint32_t precharge_time() const override { return t_.tRPab ? t_.tRPab : t_.tRP; }
  std::uint32_t first_bank(std::uint64_t) const override { return 0; }
  std::uint32_t bank_count() const override { return banks_; }

 private:
  DramTiming t_;
  std::uint32_t banks_;
};

class PerBankRefresh final : public RefreshPolicyIF {
 public:
  PerBankRefresh(const DramTiming& t, std::uint32_t banks) : t_(t), banks_(banks) {}
  std::uint32_t interval() const override { return t_.tREFIpb; }
  std::uint32_t duration() const override { return t_.tRFCpb; }
  std::uint32_t precharge_time() const override { return t_.tRP; }
  std::uint32_t first_bank(std::uint64_t k) const override { return std::uint32_t(k % banks_); }
  std::uint32_t bank_count() const override { return 1; }

 private:
  DramTiming t_;
  std::uint32_t banks_;
};

}  // namespace

std::unique_ptr<RefreshPolicyIF> make_refresh_policy(RefreshKind kind, const DramTiming& t,
                                                     std::uint32_t banks_per_rank, const std::string& key) {
  if (kind == RefreshKind::per_bank) {
    if (t.tRFCpb == 0 || t.tREFIpb == 0) {
      throw DramParamError(key, "per_bank needs the memspec timings tRFCpb and tREFIpb (LPDDR4 REFpb); "
                                      "this memspec has none: use all_bank");
    }
    if (t.tREFIpb <= t.tRFCpb) throw DramParamError("timing.tREFIpb", "must be > tRFCpb");
    return std::make_unique<PerBankRefresh>(t, banks_per_rank);
  }
  return std::make_unique<AllBankRefresh>(t, banks_per_rank);
}

}  // namespace sushi::dram
