// CSV records with RFC 4180 quoting ("a, b", "say ""hi""", fields across lines), parsed by libcsv
// over a LineReader, so a file of any size is read in bounded memory. Blank lines, and lines
// starting with '#' between records, are skipped; spaces around unquoted fields are trimmed.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "io/input_file.h"

namespace sushi::io {

class CsvReader {
 public:
  CsvReader(const std::string& path, const char* kind, std::uint64_t limit = kStreamFileLimit);
  // Over text already in memory (`name` for messages).
  CsvReader(std::string text, const std::string& name);
  ~CsvReader();
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  // The next record; false at the end. Malformed quoting throws InputError "FILE:LINE: ...".
  bool next(std::vector<std::string>& fields);
  // Line on which the last record returned started (1-based).
  int line() const { return record_line_; }
  const std::string& path() const { return lines_->path(); }
  // "FILE:LINE" of the last record, for messages.
  std::string where() const;

 private:
  struct Parser;
  void start();
  std::unique_ptr<LineReader> lines_;
  std::unique_ptr<Parser> p_;
  int record_line_ = 0;
};

}  // namespace sushi::io
