// Human-readable and JSON reports of SubNets and catalogs (used by `sushi-vp supernet`).
#pragma once
#include <iosfwd>
#include <string>

#include "supernet/catalog.h"
#include "supernet/subnet.h"

namespace sushi::supernet {

// Layer table (included layers: shapes, stride, groups, params, MACs) and totals; accuracy with
// its source. JSON keys: arch, subnet, layers[], totals{weight_params, macs, weight_bytes,
// block_bytes, transform_params, transform_macs, layers}, accuracy, accuracy_source.
void print_subnet_report(std::ostream& out, const SubNetConfig& s, bool json);

// Catalog table with sizes, then pairwise overlap statistics over all SubNet pairs
// (overlap bytes, and overlap as a fraction of the smaller SubNet).
void print_catalog_report(std::ostream& out, const Catalog& c, bool json);

}  // namespace sushi::supernet
