// What an event-loop HTTP front costs per request on this machine, for the decision recorded
// in bench/RESULTS.md ("An event-loop front"). Not part of the service.
//
// One thread runs a Boost.Asio event loop (Boost.Beast for HTTP/1.1, keep-alive, TCP_NODELAY,
// listen backlog 1024) and answers every POST /wechat with the 7 bytes `success`, as the
// cpp-httplib ceiling (wechat_ceiling.cpp) does with a thread per connection.
//
//   build-bench/bench/http_floor_asio [port=18082] [mode=inline|batched]
//
// mode=batched adds the skeleton of CivicDesk's group commit: the loop hands each request to
// one worker thread through a queue, the worker takes everything queued as one batch (no
// store, no fsync) and hands the answers back to the loop in one post. That is the cost of the
// two hand-offs per batch that would replace the two context switches per request of today's
// thread-per-connection front (bot/HttpServer.hpp).
//
// GET /healthz answers 200 `ok`, for readiness checks.
// Boost 1.74's asio/awaitable.hpp uses std::exchange without including <utility> (g++ 12).
#include <utility>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

// The worker of mode=batched: takes whatever is queued, "commits" it, answers all at once.
class BatchWorker {
 public:
  explicit BatchWorker(asio::io_context& loop) : loop_(loop), thread_([this] { run(); }) {}
  ~BatchWorker() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_one();
    thread_.join();
  }
  void submit(std::function<void()> answer) {
    {
      std::lock_guard lock(mutex_);
      queue_.push_back(std::move(answer));
    }
    wake_.notify_one();
  }

 private:
  void run() {
    for (;;) {
      std::vector<std::function<void()>> batch;
      {
        std::unique_lock lock(mutex_);
        wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
        if (stopping_) return;
        batch.assign(std::make_move_iterator(queue_.begin()),
                     std::make_move_iterator(queue_.end()));
        queue_.clear();
      }
      asio::post(loop_, [batch = std::move(batch)] {
        for (const auto& answer : batch) answer();
      });
    }
  }
  asio::io_context& loop_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> queue_;
  bool stopping_ = false;
  std::thread thread_;
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, BatchWorker* worker) : stream_(std::move(socket)), worker_(worker) {}
  void start() { read(); }

 private:
  void read() {
    request_ = {};
    http::async_read(stream_, buffer_, request_,
                     [self = shared_from_this()](beast::error_code ec, std::size_t) {
                       if (ec) return self->close();
                       self->handle();
                     });
  }
  void handle() {
    const bool healthz = request_.method() == http::verb::get && request_.target() == "/healthz";
    auto answer = [self = shared_from_this(), healthz] { self->write(healthz ? "ok" : "success"); };
    if (worker_ != nullptr && !healthz) {
      worker_->submit(std::move(answer));
    } else {
      answer();
    }
  }
  void write(const char* body) {
    response_ = {};
    response_.result(http::status::ok);
    response_.version(request_.version());
    response_.keep_alive(request_.keep_alive());
    response_.set(http::field::content_type, "text/plain");
    response_.body() = body;
    response_.prepare_payload();
    http::async_write(stream_, response_,
                      [self = shared_from_this()](beast::error_code ec, std::size_t) {
                        if (ec || !self->response_.keep_alive()) return self->close();
                        self->read();
                      });
  }
  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

  beast::tcp_stream stream_;
  BatchWorker* worker_;
  beast::flat_buffer buffer_;
  http::request<http::string_body> request_;
  http::response<http::string_body> response_;
};

void accept(tcp::acceptor& acceptor, BatchWorker* worker) {
  acceptor.async_accept([&acceptor, worker](beast::error_code ec, tcp::socket socket) {
    if (!ec) {
      socket.set_option(tcp::no_delay(true));
      std::make_shared<Session>(std::move(socket), worker)->start();
    }
    accept(acceptor, worker);
  });
}

}  // namespace

int main(int argc, char** argv) {
  const auto port = static_cast<unsigned short>(argc > 1 ? std::atoi(argv[1]) : 18082);
  const std::string mode = argc > 2 ? argv[2] : "inline";
  if (mode != "inline" && mode != "batched") {
    std::fprintf(stderr, "usage: http_floor_asio [port] [inline|batched]\n");
    return 2;
  }
  asio::io_context loop(1);
  tcp::acceptor acceptor(loop);
  const tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), port);
  acceptor.open(endpoint.protocol());
  acceptor.set_option(asio::socket_base::reuse_address(true));
  acceptor.bind(endpoint);
  acceptor.listen(1024);
  std::unique_ptr<BatchWorker> worker;
  if (mode == "batched") worker = std::make_unique<BatchWorker>(loop);
  accept(acceptor, worker.get());
  asio::signal_set signals(loop, SIGINT, SIGTERM);
  signals.async_wait([&loop](beast::error_code, int) { loop.stop(); });
  std::fprintf(stderr, "http_floor_asio on 127.0.0.1:%u, %s\n", port, mode.c_str());
  loop.run();
  return 0;
}
