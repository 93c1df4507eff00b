// The stub's TCP side, POSIX sockets on the loopback interface only (127.0.0.1: a debugger on
// this machine; nothing is reachable from the network). Every wait is bounded or can be woken:
// accept and read take a timeout, writes give up when the peer stops reading for
// `send_timeout_ms`, and the watcher's poll is woken through a pipe.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "gdb/connection.h"

namespace sushi::gdb {

class TcpConnection : public Connection {
 public:
  explicit TcpConnection(int fd, int send_timeout_ms = 10000);
  ~TcpConnection() override;
  TcpConnection(const TcpConnection&) = delete;
  TcpConnection& operator=(const TcpConnection&) = delete;

  ReadStatus read(char* buf, std::size_t max, std::size_t& got, int timeout_ms) override;
  bool write(std::string_view bytes) override;
  int fd() const { return fd_; }

 private:
  int fd_;
  int send_timeout_ms_;
};

class TcpListener {
 public:
  // Listens on 127.0.0.1:`port` (0: a free port the system picks). Throws std::runtime_error
  // naming the address and the reason (e.g. the port is in use).
  explicit TcpListener(std::uint16_t port);
  ~TcpListener();
  TcpListener(const TcpListener&) = delete;
  TcpListener& operator=(const TcpListener&) = delete;

  std::uint16_t port() const { return port_; }
  int fd() const { return fd_; }
  // Waits up to `timeout_ms` (negative: no limit) for a debugger to connect; null on timeout.
  std::unique_ptr<TcpConnection> accept(int timeout_ms, int send_timeout_ms = 10000);

 private:
  int fd_ = -1;
  std::uint16_t port_ = 0;
};

// Watches one file descriptor from a background thread while the simulation runs, and calls
// `ready` (from that thread) once it has input or was closed: the simulation thread, woken by
// it, then reads the descriptor itself (the watcher never reads). Used for Ctrl-C from a
// debugger while the core sleeps, and for a debugger connecting to a running core.
class ReadinessWatcher {
 public:
  explicit ReadinessWatcher(std::function<void()> ready);
  ~ReadinessWatcher();
  ReadinessWatcher(const ReadinessWatcher&) = delete;
  ReadinessWatcher& operator=(const ReadinessWatcher&) = delete;

  void arm(int fd);  // watch `fd` (once: until it fires or disarm())
  // Stops watching; on return the thread neither looks at the descriptor nor calls `ready`.
  void disarm();
  // Input arrived since the last arm() (a relaxed flag, cheap enough to test often).
  bool fired() const { return fired_.load(std::memory_order_relaxed); }

 private:
  void loop();

  std::function<void()> ready_;
  std::mutex m_;
  std::condition_variable cv_;
  int armed_fd_ = -1;
  bool busy_ = false;  // the thread is polling or calling ready_
  bool quit_ = false;
  std::atomic<bool> fired_{false};
  int wake_[2] = {-1, -1};  // pipe: write a byte to wake the thread's poll
  std::thread thread_;
};

}  // namespace sushi::gdb
