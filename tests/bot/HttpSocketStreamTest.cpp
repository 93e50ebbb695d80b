// The connection stream under cpp-httplib (bot/HttpConnection.hpp): what it sends and when,
// on a real socket pair.
#include "bot/HttpConnection.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <string>
#include <thread>

namespace civicdesk::bot::test {
namespace {

class HttpSocketStreamTest : public ::testing::Test {
 protected:
  HttpSocketStreamTest() {
    int fds[2];
    EXPECT_EQ(::socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
    server_ = fds[0];
    client_ = fds[1];
  }
  ~HttpSocketStreamTest() override {
    ::close(server_);
    ::close(client_);
  }
  // Everything the client can read right now, without waiting.
  std::string available() {
    std::string bytes;
    char buffer[65536];
    pollfd p{client_, POLLIN, 0};
    while (::poll(&p, 1, 0) > 0) {
      const auto n = ::recv(client_, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      bytes.append(buffer, static_cast<std::size_t>(n));
    }
    return bytes;
  }
  // Reads one recv() worth: what a single send() delivered, if nothing else was queued.
  std::string oneRead() {
    char buffer[65536];
    const auto n = ::recv(client_, buffer, sizeof buffer, 0);
    return n > 0 ? std::string(buffer, static_cast<std::size_t>(n)) : std::string();
  }

  int server_ = -1;
  int client_ = -1;
  HttpConnectionLimits limits_;
};

TEST_F(HttpSocketStreamTest, AResponseIsHeldUntilFlushedAndLeavesAsOnePiece) {
  HttpSocketStream stream(server_, limits_);
  const std::string head = "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\n";
  ASSERT_EQ(stream.write(head.data(), head.size()), static_cast<ssize_t>(head.size()));
  ASSERT_EQ(stream.write("pong", 4), 4);
  EXPECT_EQ(available(), "");  // cpp-httplib's two writes have not gone out yet
  ASSERT_TRUE(stream.flush());
  EXPECT_EQ(oneRead(), head + "pong");
  EXPECT_TRUE(stream.flush());  // nothing left: a no-op
  EXPECT_EQ(available(), "");
}

TEST_F(HttpSocketStreamTest, HeldBytesGoOutBeforeTheStreamWaitsForTheClient) {
  // cpp-httplib answers "Expect: 100-continue" and then reads the body: the client sends the
  // body only once it has the interim answer.
  HttpSocketStream stream(server_, limits_);
  const std::string interim = "HTTP/1.1 100 Continue\r\n\r\n";
  ASSERT_EQ(stream.write(interim.data(), interim.size()), static_cast<ssize_t>(interim.size()));
  ASSERT_EQ(::send(client_, "hello", 5, 0), 5);
  char body[16];
  ASSERT_EQ(stream.read(body, sizeof body), 5);
  EXPECT_EQ(std::string(body, 5), "hello");
  EXPECT_EQ(available(), interim);
}

TEST_F(HttpSocketStreamTest, AResponseLargerThanTheHoldGoesOutWhole) {
  HttpSocketStream stream(server_, limits_);
  const std::string head = "HTTP/1.1 200 OK\r\nContent-Length: 300000\r\n\r\n";
  const std::string body(300000, 'b');
  ASSERT_EQ(stream.write(head.data(), head.size()), static_cast<ssize_t>(head.size()));
  // The socket pair's buffer is smaller than the body: read it as it comes.
  std::string received;
  std::thread reader([&] {
    char buffer[65536];
    while (received.size() < head.size() + body.size()) {
      const auto n = ::recv(client_, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      received.append(buffer, static_cast<std::size_t>(n));
    }
  });
  EXPECT_EQ(stream.write(body.data(), body.size()), static_cast<ssize_t>(body.size()));
  EXPECT_TRUE(stream.flush());
  reader.join();
  EXPECT_EQ(received, head + body);
}

TEST_F(HttpSocketStreamTest, AWriteToAClosedPeerFailsWithoutASignal) {
  HttpSocketStream stream(server_, limits_);
  ::close(client_);
  client_ = ::dup(server_);  // keep the destructor's close harmless
  ::shutdown(server_, SHUT_WR);
  ASSERT_EQ(stream.write("HTTP/1.1 200 OK\r\n\r\n", 19), 19);  // held
  EXPECT_FALSE(stream.flush());  // EPIPE, not SIGPIPE: the test process lives on
}

}  // namespace
}  // namespace civicdesk::bot::test
