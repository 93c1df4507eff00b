#include "io/csv_reader.h"

#include <csv.h>

#include <deque>
#include <utility>

namespace sushi::io {

struct CsvReader::Parser {
  csv_parser parser{};
  std::vector<std::string> fields;
  std::deque<std::pair<int, std::vector<std::string>>> ready;  // complete records, with start line
  int start_line = 0;  // line of the record being parsed; 0 between records

  static void on_field(void* s, size_t n, void* self) {
    auto* p = static_cast<Parser*>(self);
    p->fields.emplace_back(static_cast<const char*>(s), n);
  }
  static void on_record(int, void* self) {
    auto* p = static_cast<Parser*>(self);
    p->ready.emplace_back(p->start_line, std::move(p->fields));
    p->fields.clear();
    p->start_line = 0;
  }
};

CsvReader::CsvReader(const std::string& path, const char* kind, std::uint64_t limit)
    : lines_(std::make_unique<LineReader>(path, kind, limit)) {
  start();
}

CsvReader::CsvReader(std::string text, const std::string& name) : lines_(LineReader::from_text(std::move(text), name)) {
  start();
}

void CsvReader::start() {
  p_ = std::make_unique<Parser>();
  if (csv_init(&p_->parser, CSV_STRICT | CSV_STRICT_FINI) != 0) throw InputError(path(), "cannot start the CSV parser");
}

CsvReader::~CsvReader() { csv_free(&p_->parser); }

std::string CsvReader::where() const { return path() + ":" + std::to_string(record_line_); }

bool CsvReader::next(std::vector<std::string>& fields) {
  std::string line;
  while (p_->ready.empty()) {
    if (!lines_->next(line)) {
      if (p_->start_line != 0) {
        if (csv_fini(&p_->parser, Parser::on_field, Parser::on_record, p_.get()) != 0) {
          throw InputError(path() + ":" + std::to_string(p_->start_line),
                           "a quoted field is not closed before the end of the file");
        }
      }
      if (p_->ready.empty()) return false;
      break;
    }
    const bool between = p_->start_line == 0;
    if (between) {
      const auto first = line.find_first_not_of(" \t");
      if (first == std::string::npos || line[first] == '#') continue;  // blank or comment line
      p_->start_line = lines_->line_number();
    }
    line += '\n';
    if (csv_parse(&p_->parser, line.data(), line.size(), Parser::on_field, Parser::on_record, p_.get()) !=
        line.size()) {
      throw InputError(path() + ":" + std::to_string(lines_->line_number()),
                       std::string("malformed CSV: ") + csv_strerror(csv_error(&p_->parser)) +
                           " (quote a field that holds commas or quotes: \"a, b\", \"say \"\"hi\"\"\")");
    }
  }
  record_line_ = p_->ready.front().first;
  fields = std::move(p_->ready.front().second);
  p_->ready.pop_front();
  return true;
}

}  // namespace sushi::io
