#include "run/provenance.h"

#include <openssl/evp.h>

#include <fmt/format.h>

#include "run/version.h"

namespace sushi {
namespace {

std::string& stored_command_line() {
  static std::string s;
  return s;
}

std::string shell_word(const std::string& w) {
  if (!w.empty() && w.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./=:,+@%") ==
                        std::string::npos) {
    return w;
  }
  std::string q = "'";
  for (char c : w) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

}  // namespace

void set_command_line(int argc, char* argv[]) {
  std::string s;
  for (int i = 0; i < argc; ++i) s += (i ? " " : "") + shell_word(argv[i]);
  stored_command_line() = s;
}

const std::string& command_line() { return stored_command_line(); }

std::string sha256_hex(const std::string& text) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  if (EVP_Digest(text.data(), text.size(), md, &n, EVP_sha256(), nullptr) != 1) return "";
  std::string hex;
  for (unsigned int i = 0; i < n; ++i) hex += fmt::format("{:02x}", md[i]);
  return hex;
}

Json provenance_json(const std::string& config_file, const std::string& resolved_yaml) {
  Json p;
  p["tool"] = "sushi-vp";
  p["version"] = version_info().version;
  p["commit"] = version_info().commit;
  p["command_line"] = command_line();
  p["config_file"] = config_file;
  p["config_sha256"] = sha256_hex(resolved_yaml);
  return p;
}

}  // namespace sushi
