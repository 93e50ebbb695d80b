#include "bot/HttpServer.hpp"

// Boost 1.74's asio/awaitable.hpp uses std::exchange without including <utility> (g++ 12).
#include <utility>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <mutex>
#include <optional>
#include <random>
#include <regex>
#include <stdexcept>
#include <thread>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "bot/HttpTarget.hpp"
#include "util/AsciiText.hpp"
#include "util/ThreadName.hpp"

namespace civicdesk::bot {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

struct HttpRoute {
  bool post = false;
  std::regex pattern;
  std::string name;
  HttpServer::Handler handler;            // get()/post(): on a handler thread
  HttpServer::AsyncHandler asyncHandler;  // postAsync(): on the loop
};

namespace {

std::string jsonError(int status, const std::string& message) {
  return nlohmann::json{{"status", status}, {"error", message}}.dump();
}

channels::HttpResponse errorResponse(int status, const std::string& message) {
  return {status, "application/json", jsonError(status, message), {}};
}

std::string randomPrefix() {
  std::random_device rd;
  static constexpr char kAlphabet[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  std::string prefix;
  for (int i = 0; i < 6; ++i) prefix += kAlphabet[rd() % 36];
  return prefix;
}

// After a refusal the client may still be sending (the rest of an oversized request). Closing
// a socket with unread bytes makes the kernel send a reset, which can destroy our answer in the
// client's buffers; so we stop sending, read and drop what comes for a short while, then close.
constexpr auto kLingerTime = std::chrono::seconds(1);
constexpr std::size_t kLingerBytes = 256 * 1024;
// Requests served on one keep-alive connection before it is closed (as cpp-httplib did).
constexpr std::size_t kMaxRequestsPerConnection = 10000;

}  // namespace

struct HttpServer::Impl {
  Impl(HttpServerOptions o, Log& l, Metrics& m)
      : options(std::move(o)), log(l), metrics(m), requestPrefix(randomPrefix()) {}

  HttpServerOptions options;
  Log& log;
  Metrics& metrics;
  asio::io_context loop{1};
  tcp::acceptor acceptor{loop};
  asio::steady_timer acceptBackoff{loop};
  // The handler threads of get()/post() routes run their own context.
  asio::io_context handlerContext;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> handlersKept;
  std::vector<std::thread> handlerThreads;
  // Keeps run() going while connections are open, even with no I/O pending (a handler thread
  // or the store's writer is working on an answer).
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> loopKept;

  mutable std::mutex routesMutex;
  std::vector<std::shared_ptr<const HttpRoute>> routes;

  std::atomic<bool> running{false};
  std::atomic<std::size_t> open{0};
  std::atomic<std::uint64_t> nextRequest{1};
  const std::string requestPrefix;

  // On the loop only.
  bool stopping = false;
  bool acceptPaused = false;
  std::unordered_map<HttpConnection*, std::weak_ptr<HttpConnection>> connections;

  void add(bool post, const std::string& path, const std::string& name, Handler handler,
           AsyncHandler asyncHandler);
  // The route for a method and a decoded path; null when none. `matches` gets the groups.
  std::shared_ptr<const HttpRoute> match(bool post, const std::string& path,
                                         std::vector<std::string>& matches) const;
  std::string newRequestId() { return requestPrefix + "-" + std::to_string(nextRequest++); }

  void accept();
  void closed(HttpConnection* connection);
  void stopOnLoop();
  void releaseLoopIfDone();
};

// One accepted connection, on the loop: wait for a request, read it, hand it to its handler,
// write the answer, and again while the client keeps the connection alive.
class HttpConnection : public std::enable_shared_from_this<HttpConnection> {
 public:
  HttpConnection(HttpServer::Impl& server, tcp::socket socket)
      : server_(server), socket_(std::move(socket)), timer_(server.loop) {
    beast::error_code ec;
    const auto peer = socket_.remote_endpoint(ec);
    if (!ec) remoteAddress_ = peer.address().to_string();
  }

  void start() { waitForRequest(); }

  // The server stops: a connection waiting for a request (or lingering after its last answer)
  // closes now; one in a request closes after answering it.
  void stopIfIdle() {
    if (phase_ == Phase::Waiting || phase_ == Phase::Closing) {
      beast::error_code ignored;
      socket_.cancel(ignored);
    }
  }

  // From any thread: the answer to request number `exchange`.
  void respond(std::uint64_t exchange, channels::HttpResponse response) {
    whileAwaiting(exchange, [self = shared_from_this(), response = std::move(response)]() mutable {
      self->answer(std::move(response));
    });
  }

  void respondWith(std::uint64_t exchange, std::function<channels::HttpResponse()> build) {
    whileAwaiting(exchange, [self = shared_from_this(), build = std::move(build)] {
      channels::HttpResponse response;
      try {
        response = build();
      } catch (const std::exception& e) {
        response = self->internalError(self->path_, e.what());
      }
      self->answer(std::move(response));
    });
  }

  void after(std::uint64_t exchange, std::chrono::milliseconds delay,
             std::function<void()> action) {
    whileAwaiting(exchange, [self = shared_from_this(), exchange, delay,
                             action = std::move(action)]() mutable {
      auto timer = std::make_shared<asio::steady_timer>(self->server_.loop, delay);
      // Cancelled when the request is answered: a pending timer would keep the loop, and a
      // stopping server, waiting for nothing.
      self->timers_.push_back(timer);
      timer->async_wait([self, exchange, action = std::move(action)](const beast::error_code& ec) {
        if (!ec && self->awaiting(exchange)) action();
      });
    });
  }

 private:
  enum class Phase { Waiting, Reading, Handling, Writing, Closing };

  // Whether request number `exchange` is still waiting for its answer: a late answer, or one
  // for an earlier request of the connection, changes nothing.
  bool awaiting(std::uint64_t exchange) const {
    return exchange == exchange_ && phase_ == Phase::Handling;
  }
  // Runs `action` on the loop if request `exchange` is still waiting then.
  template <class Action>
  void whileAwaiting(std::uint64_t exchange, Action action) {
    asio::post(server_.loop,
               [self = shared_from_this(), exchange, action = std::move(action)]() mutable {
                 if (self->awaiting(exchange)) action();
               });
  }

  // Every read and write runs against a deadline. When it passes, the pending operation is
  // cancelled but the socket stays open, so that a stalled request can still be answered 400.
  void arm(std::chrono::steady_clock::duration limit) {
    timedOut_ = false;
    timer_.expires_after(limit);
    timer_.async_wait([self = shared_from_this()](const beast::error_code& ec) {
      if (ec) return;  // disarmed or re-armed
      self->timedOut_ = true;
      beast::error_code ignored;
      self->socket_.cancel(ignored);
    });
  }
  void disarm() { timer_.cancel(); }

  // Until the first byte of the next request, or the client closes, or the idle time ends.
  void waitForRequest() {
    phase_ = Phase::Waiting;
    if (server_.stopping) return finish();
    if (buffer_.size() > 0) return readHeader();  // pipelined: already here
    // A new connection gets the read timeout to begin its request; an idle keep-alive one the
    // keep-alive time.
    const int seconds =
        served_ == 0 ? server_.options.readTimeoutSeconds : server_.options.keepAliveSeconds;
    arm(std::chrono::seconds(std::max(seconds, 0)) + std::chrono::milliseconds(10));
    socket_.async_read_some(buffer_.prepare(4096), [self = shared_from_this()](
                                                       const beast::error_code& ec, std::size_t n) {
      self->disarm();
      if (ec || n == 0) return self->finish();  // closed, idle too long, or stopping
      self->buffer_.commit(n);
      self->readHeader();
    });
  }

  void readHeader() {
    phase_ = Phase::Reading;
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(
        std::min<std::size_t>(server_.options.maxHeaderBytes, UINT32_MAX)));
    parser_->body_limit(server_.options.maxBodyBytes);
    arm(std::chrono::seconds(server_.options.readTimeoutSeconds));
    http::async_read_header(socket_, buffer_, *parser_,
                            [self = shared_from_this()](const beast::error_code& ec, std::size_t) {
                              self->disarm();
                              self->onHeader(ec);
                            });
  }

  void onHeader(const beast::error_code& ec) {
    if (ec) return refuseRead(ec);
    const auto& request = parser_->get();
    if (parser_->is_done()) return handle();
    // A client that asks before sending its body gets the go-ahead first.
    const auto expect = request[http::field::expect];
    if (ascii::equalsIgnoringCase(std::string_view(expect.data(), expect.size()), "100-continue")) {
      interim_ = "HTTP/1.1 100 Continue\r\n\r\n";
      arm(std::chrono::seconds(server_.options.writeTimeoutSeconds));
      asio::async_write(socket_, asio::buffer(interim_),
                        [self = shared_from_this()](const beast::error_code& error, std::size_t) {
                          self->disarm();
                          if (error) return self->finish();
                          self->readBody();
                        });
      return;
    }
    readBody();
  }

  void readBody() {
    arm(std::chrono::seconds(server_.options.readTimeoutSeconds));
    http::async_read(socket_, buffer_, *parser_,
                     [self = shared_from_this()](const beast::error_code& ec, std::size_t) {
                       self->disarm();
                       if (ec) return self->refuseRead(ec);
                       self->handle();
                     });
  }

  // A request that could not be read whole.
  void refuseRead(const beast::error_code& ec) {
    if (timedOut_) return refuse(400, "request not received in time");
    if (ec == http::error::end_of_stream || ec == asio::error::eof ||
        ec == asio::error::connection_reset || ec == asio::error::operation_aborted ||
        ec == asio::error::broken_pipe) {
      return finish();  // the client went away
    }
    if (ec == http::error::header_limit) return refuse(400, "request headers too large");
    if (ec == http::error::body_limit) return refuse(413, "request body too large");
    refuse(400, "malformed request: " + ec.message());
  }

  void refuse(int status, const std::string& message) {
    phase_ = Phase::Handling;
    ++exchange_;
    keepAlive_ = false;
    head_ = false;
    requestId_ = server_.newRequestId();
    route_.clear();
    server_.log.info(
        "http.refused",
        {{"request_id", requestId_}, {"status", std::to_string(status)}, {"reason", message}});
    answer(errorResponse(status, message));
  }

  // A whole request: find its route and hand it over.
  void handle() {
    phase_ = Phase::Handling;
    ++exchange_;
    ++served_;
    started_ = Clock::now();
    requestId_ = server_.newRequestId();
    auto& message = parser_->get();
    keepAlive_ = message.keep_alive() && !server_.stopping && served_ < kMaxRequestsPerConnection &&
                 server_.options.keepAliveSeconds > 0;

    channels::HttpRequest request;
    const auto verb = message.method();
    head_ = verb == http::verb::head;
    request.method = std::string(message.method_string());
    request.target = std::string(message.target());
    HttpTarget target = splitTarget(request.target);
    request.path = std::move(target.path);
    request.query = std::move(target.query);
    for (const auto& field : message) {
      request.headers.emplace(
          ascii::lower(std::string_view(field.name_string().data(), field.name_string().size())),
          std::string(field.value()));  // keeps the first
    }
    request.body = std::move(message.body());
    request.remoteAddress = remoteAddress_;
    method_ = request.method;
    path_ = request.path;

    if (verb != http::verb::get && verb != http::verb::head && verb != http::verb::post) {
      route_.clear();
      return answer(errorResponse(405, "method not allowed"));
    }
    auto route = server_.match(verb == http::verb::post, request.path, request.pathParams);
    if (!route) {
      route_.clear();
      return answer(errorResponse(404, "no such route: " + request.path));
    }
    route_ = route->name;
    if (route->asyncHandler) {
      try {
        route->asyncHandler(request, requestId_, PendingAnswer(shared_from_this(), exchange_));
      } catch (const std::exception& e) {
        failed(request.path, e.what());
      }
      return;
    }
    asio::post(server_.handlerContext, [self = shared_from_this(), exchange = exchange_, route,
                                        request = std::move(request), id = requestId_]() mutable {
      channels::HttpResponse response;
      try {
        response = route->handler(request, id);
      } catch (const std::exception& e) {
        response = self->internalError(request.path, e.what());
      } catch (...) {
        response = self->internalError(request.path, "unknown");
      }
      self->respond(exchange, std::move(response));
    });
  }

  channels::HttpResponse internalError(const std::string& path, const std::string& what) {
    server_.metrics.error("http_500");
    server_.log.error("http.exception", {{"path", path}, {"error", what}});
    return errorResponse(500, "internal error; the request was not processed");
  }

  void failed(const std::string& path, const std::string& what) {
    if (phase_ == Phase::Handling) answer(internalError(path, what));
  }

  void cancelTimers() {
    for (const auto& timer : timers_) timer->cancel();
    timers_.clear();
  }

  // On the loop: the answer leaves in one write.
  void answer(channels::HttpResponse response) {
    phase_ = Phase::Writing;
    cancelTimers();
    if (!route_.empty()) {
      const double seconds = std::chrono::duration<double>(Clock::now() - started_).count();
      server_.metrics.observeRequest(route_, seconds);
      server_.log.info("http.request", {{"request_id", requestId_},
                                        {"method", method_},
                                        {"route", route_},
                                        {"status", std::to_string(response.status)},
                                        {"ms", std::to_string(static_cast<int>(seconds * 1000))}});
    }
    const auto reason = http::obsolete_reason(static_cast<http::status>(response.status));
    out_.clear();
    out_.reserve(256 + response.body.size());
    out_ += "HTTP/1.1 " + std::to_string(response.status) + " ";
    out_.append(reason.data(), reason.size());
    out_ += "\r\nContent-Type: " + response.contentType;
    out_ += "\r\nContent-Length: " + std::to_string(response.body.size());
    out_ += "\r\nX-Request-Id: " + requestId_;
    for (const auto& [name, value] : response.headers) out_ += "\r\n" + name + ": " + value;
    out_ += keepAlive_ ? "\r\nConnection: keep-alive\r\n\r\n" : "\r\nConnection: close\r\n\r\n";
    if (!head_) out_ += response.body;
    arm(std::chrono::seconds(server_.options.writeTimeoutSeconds));
    asio::async_write(socket_, asio::buffer(out_),
                      [self = shared_from_this()](const beast::error_code& ec, std::size_t) {
                        self->disarm();
                        if (ec) return self->finish();
                        if (!self->keepAlive_) return self->closeGracefully();
                        self->waitForRequest();
                      });
  }

  void closeGracefully() {
    if (server_.stopping) return finish();  // a stop does not wait for the client's close
    phase_ = Phase::Closing;
    beast::error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_send, ignored);
    arm(kLingerTime);
    drain();
  }

  void drain() {
    socket_.async_read_some(
        asio::buffer(discard_),
        [self = shared_from_this()](const beast::error_code& ec, std::size_t n) {
          self->lingered_ += n;
          if (ec || self->lingered_ > kLingerBytes) return self->finish();
          self->drain();
        });
  }

  void finish() {
    if (finished_) return;
    finished_ = true;
    phase_ = Phase::Closing;
    beast::error_code ignored;
    timer_.cancel();
    cancelTimers();
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
    server_.closed(this);
  }

  HttpServer::Impl& server_;
  tcp::socket socket_;
  asio::steady_timer timer_;
  bool timedOut_ = false;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::string remoteAddress_;
  Phase phase_ = Phase::Waiting;
  std::size_t served_ = 0;
  // Counts the requests of this connection; an answer meant for an earlier one is dropped.
  std::uint64_t exchange_ = 0;
  bool keepAlive_ = true;
  bool head_ = false;
  bool finished_ = false;
  std::string requestId_;
  std::string route_;  // empty: a refusal, not counted per route
  std::string method_;
  std::string path_;
  Clock::time_point started_;
  std::vector<std::shared_ptr<asio::steady_timer>> timers_;  // after(), for this request
  std::string interim_;
  std::string out_;
  std::array<char, 4096> discard_{};
  std::size_t lingered_ = 0;
};

PendingAnswer::PendingAnswer(std::shared_ptr<HttpConnection> connection, std::uint64_t exchange)
    : connection_(std::move(connection)), exchange_(exchange) {}

void PendingAnswer::respond(channels::HttpResponse response) const {
  connection_->respond(exchange_, std::move(response));
}

void PendingAnswer::respondWith(std::function<channels::HttpResponse()> build) const {
  connection_->respondWith(exchange_, std::move(build));
}

void PendingAnswer::after(std::chrono::milliseconds delay, std::function<void()> action) const {
  connection_->after(exchange_, delay, std::move(action));
}

void HttpServer::Impl::add(bool post, const std::string& path, const std::string& name,
                           Handler handler, AsyncHandler asyncHandler) {
  auto route = std::make_shared<HttpRoute>();
  route->post = post;
  route->pattern = std::regex(path);
  route->name = name;
  route->handler = std::move(handler);
  route->asyncHandler = std::move(asyncHandler);
  std::lock_guard lock(routesMutex);
  routes.push_back(std::move(route));
}

std::shared_ptr<const HttpRoute> HttpServer::Impl::match(bool post, const std::string& path,
                                                         std::vector<std::string>& matches) const {
  std::lock_guard lock(routesMutex);
  for (const auto& route : routes) {
    if (route->post != post) continue;
    std::smatch found;
    if (!std::regex_match(path, found, route->pattern)) continue;
    for (std::size_t i = 1; i < found.size(); ++i) matches.push_back(found[i].str());
    return route;
  }
  return nullptr;
}

void HttpServer::Impl::accept() {
  acceptor.async_accept([this](const beast::error_code& ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted || stopping) return;
    if (ec) {
      // Out of file descriptors or memory: accepting again at once would spin. Wait, and
      // let the connections we serve finish.
      log.warn("http.accept_failed", {{"error", ec.message()}});
      acceptBackoff.expires_after(std::chrono::milliseconds(100));
      acceptBackoff.async_wait([this](const beast::error_code& error) {
        if (!error && !stopping) accept();
      });
      return;
    }
    beast::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    auto connection = std::make_shared<HttpConnection>(*this, std::move(socket));
    connections.emplace(connection.get(), connection);
    ++open;
    connection->start();
    // At the cap, further connections wait in the kernel's backlog until one closes.
    if (open >= options.maxConnections) {
      acceptPaused = true;
      return;
    }
    accept();
  });
}

void HttpServer::Impl::closed(HttpConnection* connection) {
  connections.erase(connection);
  --open;
  if (stopping) return releaseLoopIfDone();
  if (acceptPaused && open < options.maxConnections) {
    acceptPaused = false;
    accept();
  }
}

void HttpServer::Impl::stopOnLoop() {
  if (stopping) return;
  stopping = true;
  beast::error_code ignored;
  acceptor.close(ignored);
  acceptBackoff.cancel();
  // Copied: a connection that closes now leaves the map.
  std::vector<std::shared_ptr<HttpConnection>> live;
  for (const auto& [raw, weak] : connections) {
    if (auto connection = weak.lock()) live.push_back(std::move(connection));
  }
  for (const auto& connection : live) connection->stopIfIdle();
  releaseLoopIfDone();
}

void HttpServer::Impl::releaseLoopIfDone() {
  if (connections.empty()) loopKept.reset();
}

HttpServer::HttpServer(HttpServerOptions options, Log& log, Metrics& metrics)
    : impl_(std::make_unique<Impl>(std::move(options), log, metrics)) {
  impl_->handlersKept.emplace(impl_->handlerContext.get_executor());
  const int threads = std::max(impl_->options.threads, 1);
  for (int i = 0; i < threads; ++i) {
    impl_->handlerThreads.emplace_back([this] {
      util::nameThisThread("desk-http");
      impl_->handlerContext.run();
    });
  }
}

HttpServer::~HttpServer() {
  stop();
  impl_->handlersKept.reset();  // the handler threads finish what is queued, then return
  for (auto& thread : impl_->handlerThreads) thread.join();
}

void HttpServer::get(const std::string& path, const std::string& route, Handler handler) {
  impl_->add(false, path, route, std::move(handler), nullptr);
}

void HttpServer::post(const std::string& path, const std::string& route, Handler handler) {
  impl_->add(true, path, route, std::move(handler), nullptr);
}

void HttpServer::postAsync(const std::string& path, const std::string& route,
                           AsyncHandler handler) {
  impl_->add(true, path, route, nullptr, std::move(handler));
}

int HttpServer::bind() {
  auto& acceptor = impl_->acceptor;
  const auto& options = impl_->options;
  beast::error_code ec;
  const auto address = asio::ip::make_address(options.host, ec);
  if (ec) throw std::runtime_error("cannot listen on " + options.host + ": not an IP address");
  const tcp::endpoint endpoint(address, static_cast<unsigned short>(options.port));
  acceptor.open(endpoint.protocol(), ec);
  // SO_REUSEADDR: a restart binds again while the old connections sit in TIME_WAIT. Not
  // SO_REUSEPORT: a second server on a taken port must fail.
  if (!ec) acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(1024, ec);
  if (ec) {
    beast::error_code ignored;
    acceptor.close(ignored);
    throw std::runtime_error("cannot listen on " + options.host + ":" +
                             std::to_string(options.port) + " (is another service using it?)");
  }
  return acceptor.local_endpoint().port();
}

void HttpServer::run() {
  impl_->loopKept.emplace(impl_->loop.get_executor());
  asio::post(impl_->loop, [impl = impl_.get()] {
    if (!impl->stopping) impl->accept();
  });
  impl_->running = true;
  impl_->loop.run();
  impl_->running = false;
}

void HttpServer::stop() {
  asio::post(impl_->loop, [impl = impl_.get()] { impl->stopOnLoop(); });
}

bool HttpServer::running() const {
  return impl_->running;
}

std::size_t HttpServer::openConnections() const {
  return impl_->open;
}

}  // namespace civicdesk::bot
