#pragma once
// The HTTP front door: one event loop (Boost.Asio, HTTP/1.1 parsed by Boost.Beast) serves every
// connection, with TCP_NODELAY on, a listen backlog of 1024 and no SO_REUSEPORT (a second
// server on a taken port fails instead of silently sharing it). Handlers see channel-neutral
// HttpRequest/HttpResponse values.
//
// Two kinds of handler:
// - get()/post(): may block (a read under the store's mutex, a wait for a commit). They run on
//   a pool of `threads` handler threads, never on the loop.
// - postAsync(): must not block. It runs on the loop and answers through a PendingAnswer, from
//   any thread, when its work is done: the channel routes hand their messages to the store's
//   writer and answer from its commit, so a request costs no thread of its own and no
//   context switch while it waits (bench/RESULTS.md, "An event-loop front").
//
// Limits (PERF-NOTES.md; issue 7): request line and headers together at most maxHeaderBytes
// (over: 400, connection closed); a body over maxBodyBytes: 413; a request that stalls for
// readTimeoutSeconds once begun: 400; an idle keep-alive connection closes after
// keepAliveSeconds; an answer the client does not take within writeTimeoutSeconds closes the
// connection; at most maxConnections open at once (beyond, new ones wait in the kernel's
// backlog, which costs us nothing).
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "bot/Log.hpp"
#include "bot/Metrics.hpp"
#include "channels/Http.hpp"

namespace civicdesk::bot {

struct HttpServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;   // 0: any free port
  int threads = 64;  // handler threads for get()/post() routes
  std::size_t maxConnections = 1024;
  std::size_t maxBodyBytes = 1024 * 1024;  // channels enforce their own, smaller limits
  std::size_t maxHeaderBytes = 32 * 1024;  // request line and headers, CRLFs included
  int readTimeoutSeconds = 10;             // a slow client cannot hold a connection forever
  int keepAliveSeconds = 5;                // an idle keep-alive connection is closed
  int writeTimeoutSeconds = 10;
};

class HttpConnection;

// The answer to one request, given later by a postAsync() handler. Copies share one answer.
// Made by the server for each request.
class PendingAnswer {
 public:
  PendingAnswer(std::shared_ptr<HttpConnection> connection, std::uint64_t exchange);
  // Answers the request; from any thread. Only the first call counts.
  void respond(channels::HttpResponse response) const;
  // The same, with the answer built on the event loop: the caller (the store's writer) only
  // hands over, and the loop renders. If `build` throws, the answer is a 500.
  void respondWith(std::function<channels::HttpResponse()> build) const;
  // Runs `action` on the event loop after `delay` (a reply budget), unless the request has been
  // answered by then. `action` must not block.
  void after(std::chrono::milliseconds delay, std::function<void()> action) const;

 private:
  std::shared_ptr<HttpConnection> connection_;
  std::uint64_t exchange_;
};

class HttpServer {
 public:
  using Handler =
      std::function<channels::HttpResponse(const channels::HttpRequest&, const std::string&)>;
  using AsyncHandler =
      std::function<void(const channels::HttpRequest&, const std::string&, PendingAnswer)>;

  HttpServer(HttpServerOptions options, Log& log, Metrics& metrics);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // `path` is matched whole, as a regular expression whose groups become
  // HttpRequest::pathParams. `route` names the handler in metrics and logs. The handler's second
  // argument is the request id (also sent back as X-Request-Id). Routes may be added while
  // the server runs.
  void get(const std::string& path, const std::string& route, Handler handler);
  void post(const std::string& path, const std::string& route, Handler handler);
  void postAsync(const std::string& path, const std::string& route, AsyncHandler handler);

  // Binds the socket; returns the port. Throws std::runtime_error when the address is taken.
  int bind();
  // Serves on the calling thread until stop(); requests in progress are answered before it
  // returns.
  void run();
  // From any thread: stops accepting, closes idle connections, lets the others finish their
  // request. Safe to call twice, and before run().
  void stop();
  bool running() const;
  // Connections open now (at most maxConnections).
  std::size_t openConnections() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace civicdesk::bot
