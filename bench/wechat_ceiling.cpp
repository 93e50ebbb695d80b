// The ceiling of the WeChat load comparison (bench/run-wechat-load): the least an HTTP server
// built on the same cpp-httplib can do per request. It answers every POST /wechat with the
// 7 bytes `success` and checks nothing, stores nothing. Set up like CivicDesk's HttpServer so
// the comparison is about the work, not the knobs: TCP_NODELAY on (Debian's 0.11.4 has it off,
// PERF-NOTES §1), a pool of `threads` workers (one per keep-alive connection), listen backlog
// raised to 1024.
//
//   build-bench/bench/wechat_ceiling [port=18081] [threads=64]
//
// GET /healthz answers 200 `ok`, for the runner's readiness check.
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <httplib.h>

namespace {
httplib::Server* gServer = nullptr;
void onSignal(int) {
  if (gServer) gServer->stop();
}
}  // namespace

int main(int argc, char** argv) {
  const int port = argc > 1 ? std::atoi(argv[1]) : 18081;
  const std::size_t threads = argc > 2 ? static_cast<std::size_t>(std::atoi(argv[2])) : 64;

  httplib::Server server;
  gServer = &server;
  server.set_tcp_nodelay(true);
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server.set_keep_alive_max_count(10000);
  int listenFd = -1;
  server.set_socket_options([&listenFd](int fd) {
    int yes = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
    listenFd = fd;
  });
  server.Post("/wechat", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("success", "text/plain");
  });
  server.Get("/healthz", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("ok", "text/plain");
  });

  if (!server.bind_to_port("127.0.0.1", port)) {
    std::fprintf(stderr, "wechat_ceiling: cannot listen on 127.0.0.1:%d\n", port);
    return 1;
  }
  if (listenFd >= 0) ::listen(listenFd, 1024);
  std::signal(SIGTERM, onSignal);
  std::signal(SIGINT, onSignal);
  std::fprintf(stderr, "wechat_ceiling on 127.0.0.1:%d, %zu threads\n", port, threads);
  server.listen_after_bind();
  return 0;
}
