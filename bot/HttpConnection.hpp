#pragma once
// One accepted connection of the HTTP front door, served the way cpp-httplib would serve it,
// with two things its 0.11.4 (Debian's) does not do:
//
// - A cap on the bytes of a request's line and headers together. cpp-httplib caps each header
//   line (8 KiB) but not their number, so a client could stream small headers for as long as
//   it keeps sending, each kept in memory (a 5-byte "a:b" line costs ~100 bytes of heap). Over
//   the cap the request is refused (400) and the connection closed.
// - Fewer system calls per request: a blocking recv()/send() bounded by SO_RCVTIMEO /
//   SO_SNDTIMEO instead of a poll() before each one, one poll() for the keep-alive wait
//   (in 250 ms slices, to see a stop) instead of one every 10 ms, and the peer's address
//   looked up once per connection rather than per request. (On the WeChat load this did not
//   move req/s beyond noise: the store's writer is the bottleneck, bench/RESULTS.md.)
// - One send() per response: cpp-httplib writes a response's headers and its body
//   separately, which with TCP_NODELAY is two system calls and two TCP segments for the
//   client to take in. The stream holds what is written (up to 64 KiB) until the request has
//   been answered (flush()) or until the stream next waits for the client (an interim
//   "100 Continue" before the body); a larger response goes out in pieces of that size.
#include <sys/types.h>

#include <cstddef>
#include <functional>
#include <string>

#include <httplib.h>

namespace civicdesk::bot {

struct HttpConnectionLimits {
  std::size_t maxHeaderBytes = 32 * 1024;  // request line and headers, CRLFs included
  int readTimeoutSeconds = 10;             // a stalled request is refused (400) after this
  int writeTimeoutSeconds = 10;
  int keepAliveSeconds = 5;         // an idle connection is closed after this
  std::size_t maxRequests = 10000;  // per connection
};

// httplib::Stream over a connected socket, read through a 4 KiB buffer (cpp-httplib reads
// request lines byte by byte).
class HttpSocketStream final : public httplib::Stream {
 public:
  HttpSocketStream(int fd, const HttpConnectionLimits& limits);

  // A new request starts: its header bytes are counted from here.
  void beginRequest();
  // Waits up to `milliseconds` for the next request's first byte (or the client's close).
  bool waitForRequest(int milliseconds);
  // A request went over the header cap: the connection is refused from here on.
  bool refused() const { return overCap_; }
  // Sends what write() has held back; false when the connection can take no more.
  bool flush();

  bool is_readable() const override;
  bool is_writable() const override;
  ssize_t read(char* ptr, size_t size) override;
  ssize_t write(const char* ptr, size_t size) override;
  void get_remote_ip_and_port(std::string& ip, int& port) const override;
  void get_local_ip_and_port(std::string& ip, int& port) const override;
  socket_t socket() const override { return fd_; }

 private:
  // Counts header bytes among `size` bytes handed out; false when over the cap.
  bool accountHeaders(const char* bytes, std::size_t size);
  // send() until all of it is gone; false on an error or the write timeout.
  bool sendAll(const char* bytes, std::size_t size);

  int fd_;
  std::size_t maxHeaderBytes_;
  int writeTimeoutMs_;
  char buffer_[4096];
  std::size_t begin_ = 0;  // unread bytes are buffer_[begin_, end_)
  std::size_t end_ = 0;
  // Where the request is: in its line and headers (counted) or past them (its body).
  bool inHeaders_ = true;
  std::size_t headerBytes_ = 0;
  int lineLength_ = 0;     // bytes of the current header line so far, CR excluded
  bool firstLine_ = true;  // the request line: an empty one does not end the headers
  bool overCap_ = false;   // sticky: every later read fails
  static constexpr std::size_t kMaxHeldBytes = 64 * 1024;
  std::string held_;  // written, not yet sent
  // The connection's two ends, looked up on first use (cpp-httplib asks for every request).
  struct Endpoint {
    std::string ip;
    int port = -1;  // -1: not looked up yet
  };
  const Endpoint& endpoint(Endpoint& cache, bool peer) const;
  mutable Endpoint remote_;
  mutable Endpoint local_;
};

// Serves `fd` until the client closes, the keep-alive wait ends, `maxRequests` were served,
// a request fails, or `stopping()` says so; then shuts the socket down and closes it.
// `processRequest` is cpp-httplib's Server::process_request for one request.
using ProcessRequest =
    std::function<bool(httplib::Stream&, bool closeConnection, bool& connectionClosed)>;
bool serveHttpConnection(int fd, const HttpConnectionLimits& limits,
                         const std::function<bool()>& stopping,
                         const ProcessRequest& processRequest);

}  // namespace civicdesk::bot
