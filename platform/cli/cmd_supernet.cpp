#include "cmd_supernet.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <iostream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "io/input_file.h"
#include "io/output_file.h"
#include "supernet/catalog.h"
#include "supernet/catalog_search.h"
#include "supernet/model_image_io.h"
#include "supernet/report.h"
#include "supernet/subnet.h"

namespace sushi::cli {

namespace {

struct SupernetArgs {
  std::string arch;
  std::string subnet = "max";
  std::string catalog;
  std::string make_catalog;
  std::string accuracy;
  std::string image;
  std::string check_image;
  uint64_t seed = 1;
  size_t count = 100;
  std::vector<int> resolutions;
  bool json = false;
};

class BadInput : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

int run(const SupernetArgs& a, CLI::App* cmd) {
  namespace sn = sushi::supernet;
  try {
    if (!a.check_image.empty()) {
      // A model image file (e.g. from --image, for the board): the bounds-checked reader the
      // tests use, over a bounded read of the file.
      const std::string bytes = io::read_input_file(a.check_image, "model image", io::kDataFileLimit);
      sn::ModelImage img;
      try {
        img = sn::read_model_image(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
      } catch (const sn::ImageError& e) {
        throw BadInput(a.check_image + ": not a valid model image: " + e.what());
      }
      if (a.json) {
        std::cout << "{\"file\": " << nlohmann::json(a.check_image).dump() << ", \"bytes\": " << bytes.size()
                  << ", \"subnets\": " << img.subnets.size() << ", \"layers\": " << img.layers.size()
                  << ", \"descriptors\": " << img.descriptors.size() << "}\n";
      } else {
        std::cout << "ok: " << a.check_image << " is a valid model image (" << bytes.size() << " B, "
                  << img.subnets.size() << " SubNets, " << img.layers.size() << " layers, " << img.descriptors.size()
                  << " descriptors)\n";
      }
      return 0;
    }
    const bool subnet_given = cmd->count("--subnet") > 0;
    if (!a.catalog.empty() && !a.make_catalog.empty())
      throw BadInput("--catalog and --make-catalog are exclusive (read one catalog, or build one)");
    if (!a.image.empty() && a.catalog.empty() && a.make_catalog.empty())
      throw BadInput("--image needs a catalog (--catalog FILE or --make-catalog FILE)");
    if (!a.catalog.empty() && subnet_given)
      throw BadInput("--subnet and --catalog are exclusive (inspect one SubNet, or a catalog)");
    if (a.arch.empty() && a.catalog.empty()) throw BadInput("--arch is required (allowed: " + sn::arch_names() + ")");

    sn::Catalog cat;
    bool have_catalog = false;
    if (!a.catalog.empty()) {
      cat = sn::load_catalog(a.catalog);
      if (!a.arch.empty() && sn::parse_arch(a.arch) != cat.arch)
        throw BadInput("catalog " + a.catalog + " is for " + std::string(sn::arch_name(cat.arch)) + ", not " + a.arch);
      have_catalog = true;
    } else if (!a.make_catalog.empty()) {
      const sn::Arch arch = sn::parse_arch(a.arch);
      if (a.count == 0 || a.count > 1000) throw BadInput("--count must be 1..1000");
      std::unique_ptr<sn::MeasuredAccuracy> measured;
      if (!a.accuracy.empty()) measured = std::make_unique<sn::MeasuredAccuracy>(sn::MeasuredAccuracy::load_csv_file(a.accuracy, arch));
      sn::SearchParams sp;
      sp.seed = a.seed;
      sp.target = a.count;
      if (!a.resolutions.empty()) {
        for (int r : a.resolutions) sn::check_resolution(arch, r, "--resolutions");
        sp.resolutions = a.resolutions;
      }
      std::vector<sn::SubNetConfig> subnets;
      for (const auto& p : sn::search_catalog(arch, sp, measured.get())) subnets.push_back(p.subnet);
      cat = sn::make_catalog(arch, subnets, measured.get());
      sn::save_catalog(cat, a.make_catalog);
      have_catalog = true;
    } else if (!a.accuracy.empty()) {
      throw BadInput("--accuracy is used with --make-catalog");
    } else if (!a.resolutions.empty()) {
      throw BadInput("--resolutions is used with --make-catalog (a single SubNet takes r=R in --subnet)");
    }

    if (have_catalog) {
      if (!a.image.empty()) {
        const auto img = sn::write_model_image(cat);
        io::write_file_atomic(a.image, std::string_view(reinterpret_cast<const char*>(img.data()), img.size()));
        if (!a.json) std::cout << "wrote model image " << a.image << " (" << img.size() << " bytes)\n";
      }
      sn::print_catalog_report(std::cout, cat, a.json);
      return 0;
    }
    const sn::Arch arch = sn::parse_arch(a.arch);
    sn::print_subnet_report(std::cout, sn::parse_subnet(arch, a.subnet), a.json);
    return 0;
  } catch (const BadInput& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 2;
  } catch (const io::InputError& e) {  // an unreadable catalog, accuracy table or image
    std::cerr << "error: " << e.what() << "\n";
    return 2;
  } catch (const io::OutputError& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  } catch (const std::invalid_argument& e) {  // SubNetError, unknown arch
    std::cerr << "error: " << e.what() << "\n";
    return 2;
  } catch (const std::runtime_error& e) {  // unreadable or inconsistent catalog/accuracy files
    std::cerr << "error: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "internal error: " << e.what() << "\n";
    return 1;
  }
}

// Help texts derived from the SuperNet family registry: each family's SubNet fields (families with
// the same fields share one entry) and the input-resolution ranges.
std::string subnet_forms_help() {
  namespace sn = sushi::supernet;
  std::vector<std::pair<std::string, std::string>> forms;  // fields -> family names
  for (sn::Arch a : sn::all_archs()) {
    std::string form;
    for (const std::string& f : sn::arch_spec(a).fields) form += (form.empty() ? "" : ";") + f + "=..";
    auto it = std::find_if(forms.begin(), forms.end(), [&](const auto& x) { return x.first == form; });
    if (it == forms.end()) forms.emplace_back(form, std::string(sn::arch_name(a)));
    else it->second += ", " + std::string(sn::arch_name(a));
  }
  std::string out;
  for (const auto& [form, names] : forms) out += form + " (" + names + ") | ";
  return out;
}

std::string resolutions_help() {
  namespace sn = sushi::supernet;
  std::vector<std::string> ranges;
  for (sn::Arch a : sn::all_archs())
    if (std::find(ranges.begin(), ranges.end(), sn::resolution_range_text(a)) == ranges.end())
      ranges.push_back(sn::resolution_range_text(a));
  std::string out;
  for (const std::string& r : ranges) out += (out.empty() ? "" : " or ") + r;
  return out;
}

}  // namespace

void add_supernet_command(CLI::App& app, std::function<int()>& action) {
  auto args = std::make_shared<SupernetArgs>();
  CLI::App* cmd = app.add_subcommand("supernet", "Inspect SuperNets, SubNets and catalogs; build catalogs and model images");
  cmd->add_option("--arch", args->arch, "SuperNet: " + sushi::supernet::arch_names(" | "));
  cmd->add_option("--subnet", args->subnet,
                  "SubNet: max | min | " + subnet_forms_help() + "OFA JSON, each with optional r=R (input resolution, " +
                      resolutions_help() + ", default " + std::to_string(sushi::supernet::kDefaultResolution) +
                      ") (default max)");
  cmd->add_flag("--json", args->json, "Print JSON instead of a table");
  cmd->add_option("--catalog", args->catalog, "Print a catalog (.csv/.yaml) with sizes and pairwise overlap statistics");
  cmd->add_option("--make-catalog", args->make_catalog, "Search the SuperNet and write a catalog to this .csv/.yaml file");
  cmd->add_option("--count", args->count, "SubNets in a new catalog (default 100)");
  cmd->add_option("--seed", args->seed, "Search seed (default 1)");
  cmd->add_option("--resolutions", args->resolutions,
                  "Input resolutions (pixels, " + resolutions_help() +
                      ") the catalog search samples, e.g. 160,192,224 (default 224)")
      ->delimiter(',');
  cmd->add_option("--accuracy", args->accuracy, "CSV of measured accuracies (arch,subnet,top1) for --make-catalog");
  cmd->add_option("--image", args->image, "Write the catalog's model image to this file");
  cmd->add_option("--check-image", args->check_image,
                  "Validate a model image file (as --image writes it) and print its size and tables (exit 2 if invalid)");
  cmd->callback([args, cmd, &action] { action = [args, cmd] { return run(*args, cmd); }; });
}

}  // namespace sushi::cli
