// A byte stream to one debugger (TcpConnection over a socket; tests use a scripted one). Every
// call is bounded: reads by their timeout, writes by the connection's own.
#pragma once

#include <cstddef>
#include <string_view>

namespace sushi::gdb {

class Connection {
 public:
  enum class ReadStatus { data, timeout, closed };
  virtual ~Connection() = default;
  // Reads what is available (up to `max` bytes, at least one) within `timeout_ms` (0: do not
  // wait; negative: wait as long as the connection lives).
  virtual ReadStatus read(char* buf, std::size_t max, std::size_t& got, int timeout_ms) = 0;
  // Sends all of `bytes`; false when the connection is lost or the peer stopped reading.
  virtual bool write(std::string_view bytes) = 0;
};

}  // namespace sushi::gdb
