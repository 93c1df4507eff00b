// The error a params struct's validate() throws (models/common/params.h): it names the declared
// config key, so the config layer locates it at the file, line and column that set the key.
// key() is that key, what() is "<key>: <message>", message() the rest.
#pragma once

#include <string>
#include <utility>

namespace sushi::params {

// `Base` is the model's own error class (constructible from a message), so callers that catch
// every error of the model still catch this one.
template <class Base>
class KeyedError : public Base {
 public:
  KeyedError(std::string key, const std::string& message)
      : Base(key + ": " + message), key_(std::move(key)), message_(message) {}
  const std::string& key() const { return key_; }
  const std::string& message() const { return message_; }

 private:
  std::string key_;
  std::string message_;
};

}  // namespace sushi::params
