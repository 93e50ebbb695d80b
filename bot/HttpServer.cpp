#include "bot/HttpServer.hpp"
#include "util/AsciiText.hpp"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <random>
#include <stdexcept>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "bot/ConnectionPool.hpp"
#include "bot/HttpConnection.hpp"

namespace civicdesk::bot {

namespace {

// httplib owns (and deletes) the TaskQueue it gets from new_task_queue at the end of its
// listen loop; the pool itself belongs to HttpServer, so stop() can reach it safely.
class PoolHandle final : public httplib::TaskQueue {
 public:
  explicit PoolHandle(ConnectionPool& pool) : pool_(pool) {}
  void enqueue(std::function<void()> fn) override { pool_.enqueue(std::move(fn)); }
  void shutdown() override { pool_.shutdown(); }

 private:
  ConnectionPool& pool_;
};

// cpp-httplib's server with our own connection loop (bot/HttpConnection.hpp: a cap on header
// bytes, fewer system calls). process_and_close_socket is the library's extension point for
// this: its SSLServer overrides it the same way.
class HttplibServer final : public httplib::Server {
 public:
  explicit HttplibServer(HttpConnectionLimits limits) : limits_(limits) {}

 private:
  bool process_and_close_socket(socket_t sock) override {
    return serveHttpConnection(
        sock, limits_, [this] { return svr_sock_ == INVALID_SOCKET; },
        [this](httplib::Stream& stream, bool closeConnection, bool& connectionClosed) {
          return process_request(stream, closeConnection, connectionClosed, nullptr);
        });
  }

  HttpConnectionLimits limits_;
};

HttpConnectionLimits connectionLimits(const HttpServerOptions& options) {
  HttpConnectionLimits limits;
  limits.maxHeaderBytes = options.maxHeaderBytes;
  limits.readTimeoutSeconds = options.readTimeoutSeconds;
  limits.writeTimeoutSeconds = options.writeTimeoutSeconds;
  limits.keepAliveSeconds = options.keepAliveSeconds;
  return limits;
}

channels::HttpRequest toChannelRequest(const httplib::Request& req) {
  channels::HttpRequest out;
  out.method = req.method;
  out.path = req.path;
  out.target = req.target;
  out.remoteAddress = req.remote_addr;
  for (const auto& [name, value] : req.params) out.query.emplace(name, value);  // keeps first
  for (const auto& [name, value] : req.headers) {
    out.headers.emplace(ascii::lower(name), value);
  }
  out.body = req.body;
  for (std::size_t i = 1; i < req.matches.size(); ++i) out.pathParams.push_back(req.matches[i]);
  return out;
}

std::string jsonError(int status, const std::string& message) {
  return nlohmann::json{{"status", status}, {"error", message}}.dump();
}

std::string randomPrefix() {
  std::random_device rd;
  static constexpr char kAlphabet[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  std::string prefix;
  for (int i = 0; i < 6; ++i) prefix += kAlphabet[rd() % 36];
  return prefix;
}

}  // namespace

HttpServer::HttpServer(HttpServerOptions options, Log& log, Metrics& metrics)
    : options_(std::move(options)),
      log_(log),
      metrics_(metrics),
      server_(std::make_unique<HttplibServer>(connectionLimits(options_))),
      requestPrefix_(randomPrefix()) {
  auto& s = *server_;
  s.set_tcp_nodelay(true);
  const auto threads = static_cast<std::size_t>(options_.threads);
  const auto waiting = options_.maxWaitingConnections > 0
                           ? static_cast<std::size_t>(options_.maxWaitingConnections)
                           : threads;
  pool_ = std::make_unique<ConnectionPool>(threads, waiting);
  s.new_task_queue = [this] { return new PoolHandle(*pool_); };
  s.set_payload_max_length(options_.maxBodyBytes);
  // Timeouts and keep-alive are not set on the library: our connection loop does the reading
  // and writing (connectionLimits above), so they have one home.
  s.set_socket_options([this](int fd) {
    int yes = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);  // restart after TIME_WAIT
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
    listenFd_ = fd;
  });
  s.set_exception_handler(
      [this](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "unknown";
        try {
          if (ep) std::rethrow_exception(ep);
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {
        }
        metrics_.error("http_500");
        log_.error("http.exception", {{"path", req.path}, {"error", what}});
        res.status = 500;
        res.set_content(jsonError(500, "internal error; the request was not processed"),
                        "application/json");
      });
  s.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    std::string message = res.status == 404   ? "no such route: " + req.path
                          : res.status == 413 ? "request body too large"
                          : res.status == 405 ? "method not allowed"
                                              : "request refused";
    res.set_content(jsonError(res.status, message), "application/json");
  });
}

HttpServer::~HttpServer() {
  stop();
}

void HttpServer::get(const std::string& path, const std::string& route, Handler handler) {
  add(false, path, route, std::move(handler));
}

void HttpServer::post(const std::string& path, const std::string& route, Handler handler) {
  add(true, path, route, std::move(handler));
}

void HttpServer::add(bool post, const std::string& path, const std::string& route,
                     Handler handler) {
  auto wrapped = [this, route, handler = std::move(handler)](const httplib::Request& req,
                                                             httplib::Response& res) {
    const auto started = std::chrono::steady_clock::now();
    const std::string requestId = requestPrefix_ + "-" + std::to_string(nextRequest_++);
    channels::HttpResponse out = handler(toChannelRequest(req), requestId);
    res.status = out.status;
    res.set_header("X-Request-Id", requestId);
    for (const auto& [name, value] : out.headers) res.set_header(name, value);
    res.set_content(out.body, out.contentType);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    metrics_.observeRequest(route, seconds);
    log_.info("http.request", {{"request_id", requestId},
                               {"method", req.method},
                               {"route", route},
                               {"status", std::to_string(out.status)},
                               {"ms", std::to_string(static_cast<int>(seconds * 1000))}});
  };
  if (post) {
    server_->Post(path, wrapped);
  } else {
    server_->Get(path, wrapped);
  }
}

int HttpServer::bind() {
  int port = options_.port;
  if (port == 0) {
    port = server_->bind_to_any_port(options_.host);
    if (port < 0) throw std::runtime_error("cannot listen on " + options_.host);
  } else if (!server_->bind_to_port(options_.host, port)) {
    throw std::runtime_error("cannot listen on " + options_.host + ":" + std::to_string(port) +
                             " (is another service using it?)");
  }
  // httplib listens with a backlog of 5; under connection churn the kernel then drops
  // connections. Listening again on the bound socket raises it.
  if (listenFd_ >= 0) ::listen(listenFd_, 1024);
  return port;
}

void HttpServer::run() {
  server_->listen_after_bind();
}

void HttpServer::stop() {
  // The accept loop may be waiting for room in the pool; it must see the stop.
  if (pool_) pool_->stopAccepting();
  if (server_ && server_->is_running()) server_->stop();
}

std::size_t HttpServer::waitingConnections() const {
  return pool_->waiting();
}

bool HttpServer::running() const {
  return server_->is_running();
}

}  // namespace civicdesk::bot
