// The stub's loopback TCP transport (models/gdb/tcp_transport.h) with real sockets: every wait
// is bounded (accept and read time out, a peer that stops reading fails the write, the
// watcher's poll is woken by disarm), so these tests cannot hang.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <string>

#include "gdb/tcp_transport.h"

using namespace sushi::gdb;
using Clock = std::chrono::steady_clock;

namespace {

// A client socket connected to 127.0.0.1:port, with a 2 s receive timeout.
int connect_to(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  timeval tv{2, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

}  // namespace

TEST(TcpTransport, ListensOnLoopbackAndExchangesBytes) {
  TcpListener l(0);
  ASSERT_GT(l.port(), 0);
  const int client = connect_to(l.port());
  ASSERT_GE(client, 0);
  auto conn = l.accept(2000);
  ASSERT_TRUE(conn);
  ASSERT_EQ(::send(client, "$g#67", 5, 0), 5);
  char buf[16];
  std::size_t got = 0;
  ASSERT_EQ(conn->read(buf, sizeof buf, got, 2000), Connection::ReadStatus::data);
  EXPECT_EQ(std::string(buf, got), "$g#67");
  ASSERT_TRUE(conn->write("+$OK#9a"));
  char back[16] = {};
  EXPECT_EQ(::recv(client, back, sizeof back, 0), 7);
  EXPECT_EQ(std::string(back, 7), "+$OK#9a");
  // Nothing more: the read times out (bounded), then the peer closes.
  EXPECT_EQ(conn->read(buf, sizeof buf, got, 50), Connection::ReadStatus::timeout);
  ::close(client);
  EXPECT_EQ(conn->read(buf, sizeof buf, got, 2000), Connection::ReadStatus::closed);
}

TEST(TcpTransport, AcceptTimesOutWhenNobodyConnects) {
  TcpListener l(0);
  const auto t = Clock::now();
  EXPECT_FALSE(l.accept(100));
  EXPECT_LT(ms_since(t), 2000.0);
}

TEST(TcpTransport, APortInUseIsAClearError) {
  TcpListener l(0);
  try {
    TcpListener again(l.port());
    FAIL() << "listened twice on one port";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("cannot listen on 127.0.0.1:" + std::to_string(l.port())), std::string::npos)
        << e.what();
  }
}

TEST(TcpTransport, AWriteToAPeerThatStopsReadingGivesUp) {
  TcpListener l(0);
  const int client = connect_to(l.port());
  auto conn = l.accept(2000, 200);  // 200 ms send timeout
  ASSERT_TRUE(conn);
  const std::string chunk(1 << 20, 'x');
  const auto t = Clock::now();
  bool ok = true;
  for (int i = 0; i < 256 && ok; ++i) ok = conn->write(chunk);  // the socket buffers fill up
  EXPECT_FALSE(ok);
  EXPECT_LT(ms_since(t), 10000.0);
  ::close(client);
}

TEST(TcpTransport, TheWatcherSignalsInputAndDisarmsPromptly) {
  TcpListener l(0);
  const int client = connect_to(l.port());
  auto conn = l.accept(2000);
  ASSERT_TRUE(conn);
  std::mutex m;
  std::condition_variable cv;
  int calls = 0;
  ReadinessWatcher w([&] {
    std::lock_guard<std::mutex> lk(m);
    ++calls;
    cv.notify_all();
  });
  // Armed with nothing to read: disarm wakes its poll at once.
  w.arm(conn->fd());
  auto t = Clock::now();
  w.disarm();
  EXPECT_LT(ms_since(t), 1000.0);
  EXPECT_FALSE(w.fired());
  // Ctrl-C arrives: the callback runs once and the flag is up.
  w.arm(conn->fd());
  ASSERT_EQ(::send(client, "\x03", 1, 0), 1);
  {
    std::unique_lock<std::mutex> lk(m);
    EXPECT_TRUE(cv.wait_for(lk, std::chrono::seconds(5), [&] { return calls == 1; }));
  }
  EXPECT_TRUE(w.fired());
  // A connecting debugger on the listener fires it too.
  w.arm(l.fd());
  const int second = connect_to(l.port());
  {
    std::unique_lock<std::mutex> lk(m);
    EXPECT_TRUE(cv.wait_for(lk, std::chrono::seconds(5), [&] { return calls == 2; }));
  }
  w.disarm();
  ::close(second);
  ::close(client);
}
