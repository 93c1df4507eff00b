// Fuzz test (issue 23): mutated configs, workload traces, latency profiles, catalogs and model
// images, each given to `sushi-vp check` (every 8th case of the first four classes to `run`,
// with a few queries) or `sushi-vp supernet --check-image`. Every case must end in exit 0 or in
// exit 2 with a located message ("error: FILE..."); never a crash, a signal, a hang (each case
// has a time limit), an "internal error" or a sanitizer report.
//
// Deterministic: mutations come from a fixed-seed generator. The number of cases is
// SUSHI_FUZZ_CASES (fewer in the sanitizer build, where each process is slower). For a longer
// hunt by hand, the environment variables SUSHI_FUZZ_CASES and SUSHI_FUZZ_SEED override both.
#include <gtest/gtest.h>

#include <zlib.h>

#include <cstdlib>
#include <cstring>
#include <random>

#include "robust_util.h"
#include "sushi/model_image.h"

namespace fs = std::filesystem;
using namespace sushi::test;

#ifndef SUSHI_FUZZ_CASES
#define SUSHI_FUZZ_CASES 120
#endif

namespace {

// Values that have broken parsers elsewhere: limits, signs, units, YAML and CSV syntax.
const std::vector<std::string> kTokens = {
    "0", "-1", "1", "4294967296", "9223372036854775807", "9223372036854775808", "18446744073709551616",
    "99999999999999999999999999", "1e309", "-1e309", "nan", "inf", "0.0000001", "1.5", "", "~", "[]", "{}",
    "\"\"", "'", "\"", ",", ",,", "\"a,b\"", "\"say \"\"hi\"\"\"", "---", "- x", "{a: 1}", "&a", "*a", "!!binary x",
    "/dev/zero", "/tmp", "/", "..", "1 ms", "0 s", "1e6 s", "100000 s", "1 TiB", "-5 MiB", "1 parsec", "true", "yes",
    "\t", std::string(300, 'x'), std::string("a\0b", 3), "\xEF\xBB\xBF", "\xff\xfe", "d=9;e=9;w=9", "ks=7"};

std::string pick(std::mt19937_64& g, const std::vector<std::string>& v) { return v[g() % v.size()]; }

// One to three edits of a text: a token replaced, a line dropped, doubled or moved, a byte
// changed, the text cut short, a token or line inserted.
std::string mutate_text(std::string s, std::mt19937_64& g) {
  const int n = 1 + static_cast<int>(g() % 3);
  for (int k = 0; k < n && !s.empty(); ++k) {
    const std::size_t at = g() % s.size();
    switch (g() % 8) {
      case 0: case 1: case 2: {  // replace a token (a run of value characters)
        std::size_t b = at, e = at;
        auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_'; };
        while (b > 0 && word(s[b - 1])) --b;
        while (e < s.size() && word(s[e])) ++e;
        s.replace(b, e - b, pick(g, kTokens));
        break;
      }
      case 3: {  // drop the line
        const std::size_t b = s.rfind('\n', at), e = s.find('\n', at);
        s.erase(b == std::string::npos ? 0 : b, e == std::string::npos ? std::string::npos : e - (b == std::string::npos ? 0 : b));
        break;
      }
      case 4: {  // double the line
        const std::size_t b = s.rfind('\n', at) == std::string::npos ? 0 : s.rfind('\n', at) + 1;
        const std::size_t e = s.find('\n', at);
        const std::string line = s.substr(b, e == std::string::npos ? std::string::npos : e - b + 1);
        s.insert(b, line + (e == std::string::npos ? "\n" : ""));
        break;
      }
      case 5: s[at] = static_cast<char>(g() % 256); break;  // any byte
      case 6: s.resize(at); break;                             // cut short
      default: s.insert(at, pick(g, kTokens)); break;           // insert
    }
  }
  return s;
}

std::uint32_t image_crc(std::vector<std::uint8_t>& img) {
  sushi_img_header h;
  std::memcpy(&h, img.data(), sizeof h);
  h.crc32 = 0;
  std::memcpy(img.data(), &h, sizeof h);
  return static_cast<std::uint32_t>(::crc32(0, img.data(), static_cast<uInt>(img.size())));
}

// Model image edits: bytes flipped, 32-bit fields set to limits, the file cut short; half the
// time the CRC is fixed afterwards, so that the structural checks behind it are reached.
std::vector<std::uint8_t> mutate_image(std::vector<std::uint8_t> img, std::mt19937_64& g) {
  const int n = 1 + static_cast<int>(g() % 3);
  for (int k = 0; k < n && img.size() > 4; ++k) {
    const std::size_t at = g() % (img.size() - 4);
    switch (g() % 4) {
      case 0: img[at] ^= static_cast<std::uint8_t>(1u << (g() % 8)); break;
      case 1: {
        static const std::uint32_t lim[] = {0, 1, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 512, 513, 128, 16384};
        const std::uint32_t v = lim[g() % std::size(lim)];
        std::memcpy(img.data() + (at & ~std::size_t{3}), &v, 4);
        break;
      }
      case 2: img.resize(at); break;
      default: img[at] = static_cast<std::uint8_t>(g()); break;
    }
  }
  if (img.size() >= sizeof(sushi_img_header) && g() % 2 == 0) {
    const std::uint32_t crc = image_crc(img);
    std::memcpy(img.data() + offsetof(sushi_img_header, crc32), &crc, 4);
  }
  return img;
}

}  // namespace

TEST(Fuzz, MutatedInputsAreAcceptedOrLocatedErrors) {
  const fs::path d = scratch_dir();
  const fs::path src = source_dir();
  const std::string catalog = slurp(src / "vp_configs/catalogs/ofa-resnet50.csv");
  const std::string profile = slurp(src / "vp_configs/profiles/ofa-resnet50-zcu104.json");
  const std::string trace = "# arrivals\narrival_us,slo_ms,min_accuracy_pct\n0,80,0\n1000,60,70\n\"2500\",\"90\",75.5\n4000,40,0\n";
  const std::string config = "include: " + (src / "vp_configs/platforms/zcu104.yaml").string() +
                             "\nmodel:\n  catalog: catalog.csv\n  profile: profile.json\n"
                             "sched:\n  cache:\n    policy: sgs\n    window: 4\n"
                             "sim:\n  seed: 7\n  stop_time: 2 s\n"
                             "workload:\n  arrival: trace\n  queries: 3\n  trace:\n    file: trace.csv\n"
                             "  min_accuracy:\n    dist: uniform\n    min: 60\n    max: 78\n";
  const CliResult made = run_vp("supernet --catalog vp_configs/catalogs/ofa-resnet50.csv --image " + q(d / "good.bin"));
  ASSERT_EQ(made.status, 0) << made.output;
  const std::string image_text = slurp(d / "good.bin");
  const std::vector<std::uint8_t> image(image_text.begin(), image_text.end());

  const char* const kClasses[] = {"config", "trace", "profile", "catalog", "image"};
  std::map<std::string, std::map<int, int>> outcomes;  // class -> exit status -> count
  const char* env_cases = std::getenv("SUSHI_FUZZ_CASES");
  const char* env_seed = std::getenv("SUSHI_FUZZ_SEED");
  const int cases = env_cases ? std::atoi(env_cases) : SUSHI_FUZZ_CASES;
  std::mt19937_64 g(env_seed ? std::strtoull(env_seed, nullptr, 10) : 20230523);
  for (int i = 0; i < cases; ++i) {
    const int cls = i % 5;
    // The catalog class runs without the profile, which any change of the catalog invalidates,
    // so that the catalog's own checks are reached.
    std::string base = config;
    if (cls == 3) base.replace(base.find("  profile: profile.json\n"), 24, "  profile: ''\n");
    write_text(d / "config.yaml", cls == 0 ? mutate_text(config, g) : base);
    write_text(d / "trace.csv", cls == 1 ? mutate_text(trace, g) : trace);
    write_text(d / "profile.json", cls == 2 ? mutate_text(profile, g) : profile);
    write_text(d / "catalog.csv", cls == 3 ? mutate_text(catalog, g) : catalog);
    std::string cmd;
    if (cls == 4) {
      const auto img = mutate_image(image, g);
      write_text(d / "image.bin", std::string(img.begin(), img.end()));
      cmd = "supernet --check-image " + q(d / "image.bin");
    } else if (i % 8 == 7) {
      cmd = "run -q " + q(d / "config.yaml") + " --out " + q(d / "out");
    } else {
      cmd = "check -q " + q(d / "config.yaml");
    }
    const CliResult r = run_vp(cmd, 60);
    ++outcomes[kClasses[cls]][r.status];
    const std::string where = std::string("case ") + std::to_string(i) + " (" + kClasses[cls] + "): sushi-vp " + cmd;
    // Keep the failing input for the report.
    const auto keep = [&] {
      for (const char* f : {"config.yaml", "trace.csv", "profile.json", "catalog.csv", "image.bin"}) {
        std::error_code ec;
        fs::copy_file(d / f, d / ("failed-" + std::to_string(i) + "-" + f), fs::copy_options::overwrite_existing, ec);
      }
    };
    if (r.status != 0 && r.status != 2) {
      keep();
      ADD_FAILURE() << where << "\nexit " << r.status << " (124/137: hang; -1 or >128: signal)\n" << r.output;
      continue;
    }
    for (const char* bad : {"internal error", "AddressSanitizer", "runtime error:", "LeakSanitizer"}) {
      if (r.output.find(bad) != std::string::npos) {
        keep();
        ADD_FAILURE() << where << "\n" << r.output;
      }
    }
    if (r.status == 2) {
      // Located: the message starts with the file (and line) it is about, or the key's location.
      const auto e = r.output.find("error: ");
      const bool located = e != std::string::npos && (r.output.compare(e + 7, d.string().size(), d.string()) == 0 ||
                                                      r.output.compare(e + 7, src.string().size(), src.string()) == 0);
      if (!located) {
        keep();
        ADD_FAILURE() << where << "\nrejection without a location:\n" << r.output;
      }
    }
  }
  std::string summary;
  for (const auto& [cls, by] : outcomes) {
    summary += cls + ":";
    for (const auto& [st, n] : by) summary += " exit " + std::to_string(st) + " x" + std::to_string(n);
    summary += "\n";
  }
  std::cout << cases << " cases in 5 classes\n" << summary;
}
