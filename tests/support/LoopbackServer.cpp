#include "tests/support/LoopbackServer.hpp"

#include <httplib.h>

#include <chrono>
#include <stdexcept>
#include <utility>

namespace civicdesk::testing {

LoopbackServer::LoopbackServer(std::string name)
    : name_(std::move(name)), server_(std::make_unique<httplib::Server>()) {}

LoopbackServer::~LoopbackServer() {
  server_->stop();
  if (thread_.joinable()) thread_.join();
}

void LoopbackServer::start() {
  if (thread_.joinable() || loopEnded_) throw std::logic_error(name_ + ": already started");
  port_ = server_->bind_to_any_port("127.0.0.1");
  if (port_ <= 0) throw std::runtime_error(name_ + ": cannot bind 127.0.0.1");
  // The socket already listens, so clients can connect at once; the accept loop starts here.
  thread_ = std::thread([this] {
    server_->listen_after_bind();
    loopEnded_ = true;
  });
  // stop() is a no-op until the loop runs: wait for it, or the destructor could hang.
  while (!server_->is_running() && !loopEnded_) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  if (loopEnded_) {
    thread_.join();
    throw std::runtime_error(name_ + ": the server loop did not start");
  }
}

std::string LoopbackServer::baseUrl() const {
  return "http://127.0.0.1:" + std::to_string(port_);
}

}  // namespace civicdesk::testing
