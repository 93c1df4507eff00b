// A catalog: the SubNets a deployment serves, with accuracy (and its source), MACs, weight size,
// and a stable numeric id (row order). Written/read as CSV or YAML.
#pragma once
#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include "supernet/accuracy.h"
#include "supernet/subnet.h"

namespace sushi::supernet {

struct CatalogEntry {
  uint32_t id = 0;
  SubNetConfig subnet;
  double accuracy = 0;  // ImageNet top-1, percent
  AccuracySource accuracy_source = AccuracySource::Proxy;
  uint64_t macs = 0;
  uint64_t weight_params = 0;
  uint64_t weight_bytes = 0;  // exact, at the catalog's bytes_per_weight
};

struct Catalog {
  Arch arch;
  uint32_t bytes_per_weight = 1;
  std::vector<CatalogEntry> entries;
};

// Builds entries (ids in the given order); accuracy from `measured` when it has the SubNet,
// otherwise from the proxy fitted to published OFA figures.
Catalog make_catalog(Arch a, const std::vector<SubNetConfig>& subnets, const MeasuredAccuracy* measured = nullptr,
                     uint32_t bytes_per_weight = 1);

// CSV: header "id,arch,subnet,accuracy,accuracy_source,macs,weight_params,weight_bytes".
void write_catalog_csv(const Catalog& c, std::ostream& out);
// YAML: {arch, bytes_per_weight, subnets: [{id, subnet, accuracy, accuracy_source, macs, ...}]}.
void write_catalog_yaml(const Catalog& c, std::ostream& out);
// Reads either format; recomputes MACs/params/bytes from the encodings and rejects files whose
// numbers disagree, whose ids are not 0..n-1 in order, or which mix SuperNets. Throws
// std::runtime_error with the file name, line (CSV) and the problem.
Catalog read_catalog_csv(std::istream& in, const std::string& name);
Catalog read_catalog_yaml(std::istream& in, const std::string& name);
// By extension: .csv, .yaml/.yml.
Catalog load_catalog(const std::string& path);
void save_catalog(const Catalog& c, const std::string& path);

}  // namespace sushi::supernet
