#pragma once
// The HTTP front door, over cpp-httplib, with its traps handled (PERF-NOTES.md): TCP_NODELAY on,
// a thread pool sized for the connections we accept, a listen backlog of 1024, no
// SO_REUSEPORT, so a second server on a taken port fails instead of silently sharing it, and
// our own connection loop (bot/HttpConnection.hpp), which caps header bytes.
// Handlers see channel-neutral HttpRequest/HttpResponse values.
#include <atomic>
#include <functional>
#include <memory>
#include <string>

#include "bot/Log.hpp"
#include "bot/Metrics.hpp"
#include "channels/Http.hpp"

namespace httplib {
class Server;
}

namespace civicdesk::bot {

class ConnectionPool;

struct HttpServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port
  int threads = 64;
  // Accepted connections waiting for a worker; beyond this the accept loop waits and new
  // connections stay in the kernel's backlog (ConnectionPool.hpp). 0: as many as threads.
  int maxWaitingConnections = 0;
  std::size_t maxBodyBytes = 1024 * 1024;  // channels enforce their own, smaller limits
  // Request line and headers together; over it: 400 and the connection closed
  // (bot/HttpConnection.hpp). Each header line is also capped at 8 KiB by cpp-httplib.
  std::size_t maxHeaderBytes = 32 * 1024;
  int readTimeoutSeconds = 10;  // a slow client cannot hold a worker forever
  int keepAliveSeconds = 5;     // an idle keep-alive connection frees its worker
  int writeTimeoutSeconds = 10;
};

class HttpServer {
 public:
  using Handler =
      std::function<channels::HttpResponse(const channels::HttpRequest&, const std::string&)>;

  HttpServer(HttpServerOptions options, Log& log, Metrics& metrics);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // `route` names the handler in metrics and logs. The handler's second argument is the
  // request id (also sent back as X-Request-Id).
  void get(const std::string& path, const std::string& route, Handler handler);
  void post(const std::string& path, const std::string& route, Handler handler);

  // Binds the socket; returns the port. Throws std::runtime_error when the address is taken.
  int bind();
  // Serves until stop(); in-flight requests complete before it returns.
  void run();
  void stop();
  bool running() const;
  // Accepted connections waiting for a worker (bounded by maxWaitingConnections).
  std::size_t waitingConnections() const;

 private:
  void add(bool post, const std::string& path, const std::string& route, Handler handler);

  HttpServerOptions options_;
  Log& log_;
  Metrics& metrics_;
  std::unique_ptr<ConnectionPool> pool_;  // outlives every httplib listen loop
  std::unique_ptr<httplib::Server> server_;
  std::atomic<int> listenFd_{-1};
  std::atomic<std::uint64_t> nextRequest_{1};
  std::string requestPrefix_;
};

}  // namespace civicdesk::bot
