#include "util/number_text.h"

#include <cerrno>
#include <climits>
#include <cmath>
#include <cstdlib>
#include <string>

namespace sushi::util {

bool parse_integer(std::string_view text, long long& out, bool* too_large) {
  if (too_large) *too_large = false;
  std::string t;
  for (char c : text) {
    if (c != '_') t += c;
  }
  if (t.empty()) return false;
  const bool neg = t[0] == '-';
  const char* digits = neg ? t.c_str() + 1 : t.c_str();
  if (*digits == '-' || *digits == '+' || *digits == ' ') return false;
  errno = 0;
  char* end = nullptr;
  const unsigned long long u = std::strtoull(digits, &end, 0);
  if (*end != '\0' || end == digits) return false;
  if (errno == ERANGE || u > static_cast<unsigned long long>(LLONG_MAX)) {
    if (too_large) *too_large = true;
    return false;
  }
  if (errno != 0) return false;
  out = neg ? -static_cast<long long>(u) : static_cast<long long>(u);
  return true;
}

bool parse_real(std::string_view text, double& out) {
  const std::string t(text);
  errno = 0;
  char* end = nullptr;
  out = std::strtod(t.c_str(), &end);
  return errno == 0 && end != t.c_str() && *end == '\0' && std::isfinite(out);
}

}  // namespace sushi::util
