// Reading a run's CSV outputs in tests: rows of cells, columns by name, gzip-compressed files.
// (Header only; a test that calls gunzip links Boost::iostreams.)
#pragma once

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <boost/iostreams/copy.hpp>
#include <boost/iostreams/filter/gzip.hpp>
#include <boost/iostreams/filtering_stream.hpp>
#include <gtest/gtest.h>

namespace sushi::test {

using CsvRows = std::vector<std::vector<std::string>>;

// One row per line, cells split at every comma (empty cells kept, a trailing one included).
inline CsvRows csv(const std::string& text) {
  CsvRows rows;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> cells;
    std::size_t start = 0;
    for (std::size_t p; (p = line.find(',', start)) != std::string::npos; start = p + 1) {
      cells.push_back(line.substr(start, p - start));
    }
    cells.push_back(line.substr(start));
    rows.push_back(std::move(cells));
  }
  return rows;
}

// The index of column `name` in `header` (a test failure if there is none).
inline std::size_t col(const std::vector<std::string>& header, const std::string& name) {
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return i;
  }
  ADD_FAILURE() << "no column " << name;
  return 0;
}

inline std::string gunzip(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  boost::iostreams::filtering_istream z;
  z.push(boost::iostreams::gzip_decompressor());
  z.push(in);
  std::stringstream ss;
  boost::iostreams::copy(z, ss);
  return ss.str();
}

}  // namespace sushi::test
