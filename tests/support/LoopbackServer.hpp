#pragma once
// A real HTTP server on 127.0.0.1 at an ephemeral port, for loopback fakes of the platforms
// (FakeWeChatApi, FakeWeComRobot). Install the routes on server(), then start(): the socket
// listens before start() returns and the accept loop runs on a thread of its own. The
// destructor stops the server and joins that thread.
//
// A fake holding one should declare it as its last member: it is then destroyed first, so
// no request is still being answered while the state its routes touch is destroyed.
#include <atomic>
#include <memory>
#include <string>
#include <thread>

namespace httplib {
class Server;
}

namespace civicdesk::testing {

class LoopbackServer {
 public:
  // `name` goes into error messages ("FakeWeChatApi: cannot bind 127.0.0.1").
  explicit LoopbackServer(std::string name);
  ~LoopbackServer();
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;

  // Where routes are installed, before start().
  httplib::Server& server() { return *server_; }

  // Binds and starts serving; throws std::runtime_error when it cannot. Once only.
  void start();

  int port() const { return port_; }
  std::string baseUrl() const;  // "http://127.0.0.1:PORT"

 private:
  std::string name_;
  std::unique_ptr<httplib::Server> server_;
  int port_ = 0;
  std::atomic<bool> loopEnded_{false};
  std::thread thread_;
};

}  // namespace civicdesk::testing
