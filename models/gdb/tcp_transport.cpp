#include "gdb/tcp_transport.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

namespace sushi::gdb {
namespace {

// poll() on one descriptor, restarted after a signal; returns poll's result.
int poll_one(int fd, short events, int timeout_ms, short& revents) {
  pollfd p{fd, events, 0};
  int r;
  do {
    r = ::poll(&p, 1, timeout_ms);
  } while (r < 0 && errno == EINTR);
  revents = p.revents;
  return r;
}

void set_nonblocking(int fd) { ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK); }

}  // namespace

TcpConnection::TcpConnection(int fd, int send_timeout_ms) : fd_(fd), send_timeout_ms_(send_timeout_ms) {
  set_nonblocking(fd_);
  const int one = 1;  // small packets go at once: gdb waits for each reply
  ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

TcpConnection::~TcpConnection() {
  if (fd_ >= 0) ::close(fd_);
}

Connection::ReadStatus TcpConnection::read(char* buf, std::size_t max, std::size_t& got, int timeout_ms) {
  got = 0;
  short revents = 0;
  const int r = poll_one(fd_, POLLIN, timeout_ms, revents);
  if (r < 0) return ReadStatus::closed;
  if (r == 0) return ReadStatus::timeout;
  const ssize_t n = ::recv(fd_, buf, max, MSG_DONTWAIT);
  if (n > 0) {
    got = static_cast<std::size_t>(n);
    return ReadStatus::data;
  }
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return ReadStatus::timeout;
  return ReadStatus::closed;  // 0: orderly shutdown; an error: reset
}

bool TcpConnection::write(std::string_view bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::send(fd_, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n > 0) {
      done += static_cast<std::size_t>(n);
      continue;
    }
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
      short revents = 0;
      if (poll_one(fd_, POLLOUT, send_timeout_ms_, revents) <= 0) return false;  // the peer stopped reading
      continue;
    }
    return false;
  }
  return true;
}

TcpListener::TcpListener(std::uint16_t port) {
  const std::string where = "127.0.0.1:" + std::to_string(port);
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) throw std::runtime_error("cannot open a socket for " + where + ": " + std::strerror(errno));
  const int one = 1;
  ::setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || ::listen(fd_, 1) != 0) {
    const std::string why = std::strerror(errno);
    ::close(fd_);
    fd_ = -1;
    throw std::runtime_error("cannot listen on " + where + ": " + why);
  }
  socklen_t len = sizeof a;
  ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
  port_ = ntohs(a.sin_port);
  set_nonblocking(fd_);
}

TcpListener::~TcpListener() {
  if (fd_ >= 0) ::close(fd_);
}

std::unique_ptr<TcpConnection> TcpListener::accept(int timeout_ms, int send_timeout_ms) {
  short revents = 0;
  if (poll_one(fd_, POLLIN, timeout_ms, revents) <= 0) return nullptr;
  const int c = ::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
  if (c < 0) return nullptr;
  return std::make_unique<TcpConnection>(c, send_timeout_ms);
}

ReadinessWatcher::ReadinessWatcher(std::function<void()> ready) : ready_(std::move(ready)) {
  if (::pipe2(wake_, O_CLOEXEC | O_NONBLOCK) != 0) {
    throw std::runtime_error(std::string("cannot create the debugger's wake-up pipe: ") + std::strerror(errno));
  }
  thread_ = std::thread([this] { loop(); });
}

ReadinessWatcher::~ReadinessWatcher() {
  {
    std::lock_guard<std::mutex> lk(m_);
    quit_ = true;
    armed_fd_ = -1;
  }
  const char b = 1;
  (void)!::write(wake_[1], &b, 1);
  cv_.notify_all();
  thread_.join();
  ::close(wake_[0]);
  ::close(wake_[1]);
}

void ReadinessWatcher::arm(int fd) {
  std::lock_guard<std::mutex> lk(m_);
  armed_fd_ = fd;
  fired_.store(false, std::memory_order_relaxed);
  cv_.notify_all();
}

void ReadinessWatcher::disarm() {
  std::unique_lock<std::mutex> lk(m_);
  armed_fd_ = -1;
  if (busy_) {
    const char b = 1;
    (void)!::write(wake_[1], &b, 1);
  }
  cv_.wait(lk, [this] { return !busy_; });
  fired_.store(false, std::memory_order_relaxed);
}

void ReadinessWatcher::loop() {
  std::unique_lock<std::mutex> lk(m_);
  for (;;) {
    cv_.wait(lk, [this] { return quit_ || armed_fd_ >= 0; });
    if (quit_) return;
    const int fd = armed_fd_;
    busy_ = true;
    lk.unlock();
    pollfd p[2] = {{fd, POLLIN, 0}, {wake_[0], POLLIN, 0}};
    int r;
    do {
      r = ::poll(p, 2, -1);
    } while (r < 0 && errno == EINTR);
    if (p[1].revents != 0) {
      char drain[64];
      while (::read(wake_[0], drain, sizeof drain) > 0) {
      }
    }
    const bool input = r > 0 && (p[0].revents & (POLLIN | POLLHUP | POLLERR | POLLNVAL)) != 0;
    lk.lock();
    if (input && armed_fd_ == fd && !quit_) {
      armed_fd_ = -1;  // once: the simulation re-arms after looking
      fired_.store(true, std::memory_order_relaxed);
      lk.unlock();
      ready_();
      lk.lock();
    }
    busy_ = false;
    cv_.notify_all();
  }
}

}  // namespace sushi::gdb
