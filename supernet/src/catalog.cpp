#include "supernet/catalog.h"

#include <cmath>
#include <iomanip>
#include <ostream>
#include <sstream>
#include <stdexcept>

#include "io/csv_reader.h"
#include "io/input_file.h"
#include "io/output_file.h"
#include "io/yaml_document.h"
#include "util/number_text.h"
#include "supernet/supernet.h"

namespace sushi::supernet {

namespace {

CatalogEntry make_entry(uint32_t id, const SubNetConfig& s, uint32_t bpw) {
  CatalogEntry e;
  e.id = id;
  e.subnet = canonical(s);
  const Totals t = totals(e.subnet);
  e.macs = t.macs;
  e.weight_params = t.weight_params;
  e.weight_bytes = t.weight_params * bpw;
  return e;
}

std::string fmt_acc(double v) {
  std::ostringstream os;
  os << std::fixed << std::setprecision(3) << v;
  return os.str();
}

uint64_t parse_u64(const std::string& s, const std::string& what) {
  if (s.empty() || s.find_first_not_of("0123456789") != std::string::npos)
    throw std::runtime_error(what + " '" + s + "' is not a non-negative integer");
  return std::stoull(s);
}

double parse_acc(const std::string& s) {
  size_t used = 0;
  double v = 0;
  try {
    v = std::stod(s, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != s.size() || !(v >= 0 && v <= 100))
    throw std::runtime_error("accuracy '" + s + "' is not a percentage in [0, 100]");
  return v;
}

// Recomputes the derived columns and checks them against the file.
void check_entry(const CatalogEntry& e, const CatalogEntry& fromfile, uint32_t expected_id) {
  if (fromfile.id != expected_id)
    throw std::runtime_error("id " + std::to_string(fromfile.id) + " out of order (expected " +
                             std::to_string(expected_id) + ": ids are the row order 0..n-1)");
  auto mismatch = [](const char* what, uint64_t file, uint64_t computed) {
    if (file != computed)
      throw std::runtime_error(std::string(what) + " " + std::to_string(file) + " does not match the SubNet (" +
                               std::to_string(computed) + ")");
  };
  mismatch("macs", fromfile.macs, e.macs);
  mismatch("weight_params", fromfile.weight_params, e.weight_params);
  mismatch("weight_bytes", fromfile.weight_bytes, e.weight_bytes);
}

}  // namespace

Catalog make_catalog(Arch a, const std::vector<SubNetConfig>& subnets, const MeasuredAccuracy* measured,
                     uint32_t bytes_per_weight) {
  Catalog c;
  c.arch = a;
  c.bytes_per_weight = bytes_per_weight;
  const AccuracyProxy proxy = fit_proxy(a);
  for (const SubNetConfig& s : subnets) {
    if (s.arch != a) throw std::invalid_argument("make_catalog: SubNet of another SuperNet");
    CatalogEntry e = make_entry(static_cast<uint32_t>(c.entries.size()), s, bytes_per_weight);
    const auto m = measured ? measured->lookup(e.subnet) : std::nullopt;
    e.accuracy = m ? *m : proxy.predict(e.macs);
    e.accuracy_source = m ? AccuracySource::Measured : AccuracySource::Proxy;
    c.entries.push_back(e);
  }
  return c;
}

void write_catalog_csv(const Catalog& c, std::ostream& out) {
  out << "id,arch,subnet,accuracy,accuracy_source,macs,weight_params,weight_bytes\n";
  for (const CatalogEntry& e : c.entries)
    out << e.id << ',' << arch_name(c.arch) << ',' << csv_quote(format_subnet(e.subnet)) << ',' << fmt_acc(e.accuracy)
        << ',' << source_name(e.accuracy_source) << ',' << e.macs << ',' << e.weight_params << ',' << e.weight_bytes
        << '\n';
}

void write_catalog_yaml(const Catalog& c, std::ostream& out) {
  out << "# SubNet catalog (sushi-vp). accuracy_source: proxy = fitted to published OFA figures.\n";
  out << "arch: " << arch_name(c.arch) << "\n";
  out << "bytes_per_weight: " << c.bytes_per_weight << "\n";
  out << "subnets:\n";
  for (const CatalogEntry& e : c.entries) {
    out << "  - id: " << e.id << "\n";
    out << "    subnet: \"" << format_subnet(e.subnet) << "\"\n";
    out << "    accuracy: " << fmt_acc(e.accuracy) << "\n";
    out << "    accuracy_source: " << source_name(e.accuracy_source) << "\n";
    out << "    macs: " << e.macs << "\n";
    out << "    weight_params: " << e.weight_params << "\n";
    out << "    weight_bytes: " << e.weight_bytes << "\n";
  }
}

Catalog read_catalog_csv(std::istream& in, const std::string& name) {
  Catalog c;
  bool header = false, have_arch = false;
  const std::vector<std::string> cols = {"id", "arch", "subnet", "accuracy", "accuracy_source",
                                         "macs", "weight_params", "weight_bytes"};
  std::ostringstream text;
  text << in.rdbuf();
  io::CsvReader csv(text.str(), name);
  std::vector<std::string> f;
  while (csv.next(f)) {  // io::InputError (a std::runtime_error) names file and line
    try {
      if (!header) {
        if (f != cols) {
          std::string want;
          for (const auto& s : cols) want += (want.empty() ? "" : ",") + s;
          throw std::runtime_error("header must be " + want);
        }
        header = true;
        continue;
      }
      if (f.size() != cols.size())
        throw std::runtime_error("row has " + std::to_string(f.size()) + " fields, expected " +
                                 std::to_string(cols.size()));
      const Arch a = parse_arch(f[1]);
      if (!have_arch) {
        c.arch = a;
        have_arch = true;
      } else if (a != c.arch) {
        throw std::runtime_error("SuperNet " + f[1] + " differs from the first row's " +
                                 std::string(arch_name(c.arch)));
      }
      CatalogEntry file;
      file.id = static_cast<uint32_t>(parse_u64(f[0], "id"));
      file.macs = parse_u64(f[5], "macs");
      file.weight_params = parse_u64(f[6], "weight_params");
      file.weight_bytes = parse_u64(f[7], "weight_bytes");
      if (c.entries.empty() && file.weight_params) c.bytes_per_weight = static_cast<uint32_t>(file.weight_bytes / file.weight_params);
      if (c.bytes_per_weight == 0) c.bytes_per_weight = 1;
      CatalogEntry e = make_entry(file.id, parse_subnet(a, f[2]), c.bytes_per_weight);
      check_entry(e, file, static_cast<uint32_t>(c.entries.size()));
      e.accuracy = parse_acc(f[3]);
      e.accuracy_source = parse_source(f[4]);
      c.entries.push_back(e);
    } catch (const std::exception& ex) {
      throw std::runtime_error(csv.where() + ": " + ex.what());
    }
  }
  if (!header) throw std::runtime_error(name + ": empty catalog (no header)");
  if (c.entries.empty()) throw std::runtime_error(name + ": catalog has no SubNets");
  return c;
}

Catalog read_catalog_yaml(std::istream& in, const std::string& name) {
  // Read by the platform's one YAML reader (io/yaml_document.h): errors are "FILE:LINE:COL: key
  // 'K': message", as in every other input file.
  std::ostringstream text;
  text << in.rdbuf();
  const io::YamlNode root = io::parse_yaml(text.str(), name);
  // The scalar `key` of map `m` (at key path `path`); a missing or non-scalar value is an error.
  auto scalar = [](const io::YamlNode& m, const std::string& path, const char* key) -> const io::YamlNode& {
    const io::YamlNode* n = m.find(key);
    if (!n) throw io::LocatedError(m.loc, path, std::string("entry misses key '") + key + "'");
    if (n->kind != io::YamlNode::Kind::scalar) throw io::LocatedError(n->loc, path + "." + key, "must be a single value");
    return *n;
  };
  auto whole = [](const io::YamlNode& n, const std::string& key) {
    long long v = 0;
    if (!util::parse_integer(n.scalar, v) || v < 0) {
      throw io::LocatedError(n.loc, key, "'" + n.scalar + "' is not a whole number >= 0");
    }
    return static_cast<std::uint64_t>(v);
  };
  const io::YamlNode* subnets = root.find("subnets");
  if (root.kind != io::YamlNode::Kind::map || !root.find("arch") || !subnets ||
      subnets->kind != io::YamlNode::Kind::sequence) {
    throw io::LocatedError(root.loc, "", "expected keys arch, subnets (a list) and optionally bytes_per_weight");
  }
  Catalog c;
  try {
    c.arch = parse_arch(scalar(root, "", "arch").scalar);
  } catch (const io::LocatedError&) {
    throw;
  } catch (const std::exception& e) {
    throw io::LocatedError(root.find("arch")->loc, "arch", e.what());
  }
  if (const io::YamlNode* b = root.find("bytes_per_weight")) {
    const std::uint64_t v = whole(scalar(root, "", "bytes_per_weight"), "bytes_per_weight");
    if (v == 0 || v > 8) throw io::LocatedError(b->loc, "bytes_per_weight", "must be 1..8");
    c.bytes_per_weight = static_cast<std::uint32_t>(v);
  }
  for (const io::YamlNode& n : subnets->items) {
    const std::string path = "subnets[" + std::to_string(c.entries.size()) + "]";
    for (const char* k : {"id", "subnet", "accuracy", "accuracy_source", "macs", "weight_params", "weight_bytes"}) {
      (void)scalar(n, path, k);
    }
    try {
      CatalogEntry file;
      file.id = static_cast<std::uint32_t>(whole(scalar(n, path, "id"), path + ".id"));
      file.macs = whole(scalar(n, path, "macs"), path + ".macs");
      file.weight_params = whole(scalar(n, path, "weight_params"), path + ".weight_params");
      file.weight_bytes = whole(scalar(n, path, "weight_bytes"), path + ".weight_bytes");
      CatalogEntry e = make_entry(file.id, parse_subnet(c.arch, scalar(n, path, "subnet").scalar), c.bytes_per_weight);
      check_entry(e, file, static_cast<uint32_t>(c.entries.size()));
      e.accuracy = parse_acc(scalar(n, path, "accuracy").scalar);
      e.accuracy_source = parse_source(scalar(n, path, "accuracy_source").scalar);
      c.entries.push_back(e);
    } catch (const io::LocatedError&) {
      throw;
    } catch (const std::exception& ex) {
      throw io::LocatedError(n.loc, path, ex.what());
    }
  }
  if (c.entries.empty()) throw std::runtime_error(name + ": catalog has no SubNets");
  return c;
}

namespace {
bool ends_with(const std::string& s, const std::string& suf) {
  return s.size() >= suf.size() && s.compare(s.size() - suf.size(), suf.size(), suf) == 0;
}
}  // namespace

Catalog load_catalog(const std::string& path) {
  const bool csv = ends_with(path, ".csv"), yaml = ends_with(path, ".yaml") || ends_with(path, ".yml");
  if (!csv && !yaml) throw std::runtime_error(path + ": unknown catalog extension (allowed: .csv, .yaml, .yml)");
  std::istringstream in(io::read_input_file(path, "catalog", io::kDataFileLimit));
  return csv ? read_catalog_csv(in, path) : read_catalog_yaml(in, path);
}

void save_catalog(const Catalog& c, const std::string& path) {
  std::ostringstream out;
  if (ends_with(path, ".csv"))
    write_catalog_csv(c, out);
  else if (ends_with(path, ".yaml") || ends_with(path, ".yml"))
    write_catalog_yaml(c, out);
  else
    throw std::runtime_error("catalog " + path + ": unknown extension (allowed: .csv, .yaml, .yml)");
  io::write_file_atomic(path, out.str());
}

}  // namespace sushi::supernet
