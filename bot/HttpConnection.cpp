#include "bot/HttpConnection.hpp"

#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>

namespace civicdesk::bot {

namespace {

// poll() for `events`, retried when a signal interrupts it. > 0: ready.
int pollFor(int fd, short events, int milliseconds) {
  pollfd p{fd, events, 0};
  int ready = 0;
  do {
    ready = ::poll(&p, 1, milliseconds);
  } while (ready < 0 && errno == EINTR);
  return ready;
}

void setTimeout(int fd, int option, int seconds) {
  timeval tv{};
  tv.tv_sec = seconds;
  ::setsockopt(fd, SOL_SOCKET, option, &tv, sizeof tv);
}

// The numeric address and port of a socket name, as cpp-httplib reports them.
void describe(const sockaddr_storage& address, socklen_t length, std::string& ip, int& port) {
  char host[NI_MAXHOST] = {};
  if (::getnameinfo(reinterpret_cast<const sockaddr*>(&address), length, host, sizeof host, nullptr,
                    0, NI_NUMERICHOST) == 0) {
    ip = host;
  }
  if (address.ss_family == AF_INET) {
    port = ntohs(reinterpret_cast<const sockaddr_in&>(address).sin_port);
  } else if (address.ss_family == AF_INET6) {
    port = ntohs(reinterpret_cast<const sockaddr_in6&>(address).sin6_port);
  } else {
    port = 0;
  }
}

}  // namespace

HttpSocketStream::HttpSocketStream(int fd, const HttpConnectionLimits& limits)
    : fd_(fd),
      maxHeaderBytes_(limits.maxHeaderBytes),
      writeTimeoutMs_(limits.writeTimeoutSeconds * 1000) {}

void HttpSocketStream::beginRequest() {
  inHeaders_ = true;
  headerBytes_ = 0;
  lineLength_ = 0;
  firstLine_ = true;
}

bool HttpSocketStream::waitForRequest(int milliseconds) {
  if (begin_ < end_) return true;  // a pipelined request is already here
  return pollFor(fd_, POLLIN, milliseconds) > 0;
}

bool HttpSocketStream::accountHeaders(const char* bytes, std::size_t size) {
  std::size_t i = 0;
  while (inHeaders_ && i < size) {
    const char c = bytes[i++];
    if (c == '\n') {
      // An empty line after the request line ends the headers (CRLF or a bare LF).
      if (lineLength_ == 0 && !firstLine_) inHeaders_ = false;
      firstLine_ = false;
      lineLength_ = 0;
    } else if (c != '\r') {
      ++lineLength_;
    }
  }
  headerBytes_ += i;
  if (headerBytes_ > maxHeaderBytes_) {
    overCap_ = true;
    return false;
  }
  return true;
}

bool HttpSocketStream::is_readable() const {
  return begin_ < end_ || pollFor(fd_, POLLIN, 0) > 0;
}

bool HttpSocketStream::is_writable() const {
  return pollFor(fd_, POLLOUT, writeTimeoutMs_) > 0;
}

ssize_t HttpSocketStream::read(char* ptr, size_t size) {
  if (overCap_) return -1;
  if (size == 0) return 0;
  // What is held goes out before we wait for the client, who may be waiting for it (an
  // interim "100 Continue" before the body it asked permission to send).
  if (begin_ == end_ && !flush()) return -1;
  if (begin_ == end_) {
    // A large body read goes straight into the caller's buffer.
    char* target = !inHeaders_ && size >= sizeof buffer_ ? ptr : buffer_;
    const std::size_t capacity = target == ptr ? size : sizeof buffer_;
    ssize_t received = 0;
    do {
      // Blocks for at most SO_RCVTIMEO: a stalled client gets -1 (EAGAIN) after the timeout.
      received = ::recv(fd_, target, capacity, 0);
    } while (received < 0 && errno == EINTR);
    if (received <= 0 || target == ptr) return received;
    begin_ = 0;
    end_ = static_cast<std::size_t>(received);
  }
  const std::size_t n = std::min(size, end_ - begin_);
  if (inHeaders_ && !accountHeaders(buffer_ + begin_, n)) return -1;
  std::memcpy(ptr, buffer_ + begin_, n);
  begin_ += n;
  return static_cast<ssize_t>(n);
}

ssize_t HttpSocketStream::write(const char* ptr, size_t size) {
  if (held_.size() + size <= kMaxHeldBytes) {
    held_.append(ptr, size);
    return static_cast<ssize_t>(size);
  }
  if (!flush()) return -1;
  if (size <= kMaxHeldBytes) {
    held_.assign(ptr, size);
    return static_cast<ssize_t>(size);
  }
  return sendAll(ptr, size) ? static_cast<ssize_t>(size) : -1;
}

bool HttpSocketStream::flush() {
  if (held_.empty()) return true;
  const bool sent = sendAll(held_.data(), held_.size());
  held_.clear();
  return sent;
}

bool HttpSocketStream::sendAll(const char* bytes, std::size_t size) {
  while (size > 0) {
    ssize_t sent = 0;
    do {
      // Blocks for at most SO_SNDTIMEO; MSG_NOSIGNAL: a closed peer is an error, not SIGPIPE.
      sent = ::send(fd_, bytes, size, MSG_NOSIGNAL);
    } while (sent < 0 && errno == EINTR);
    if (sent <= 0) return false;
    bytes += sent;
    size -= static_cast<std::size_t>(sent);
  }
  return true;
}

const HttpSocketStream::Endpoint& HttpSocketStream::endpoint(Endpoint& cache, bool peer) const {
  if (cache.port < 0) {
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    auto* name = reinterpret_cast<sockaddr*>(&address);
    cache.port = 0;
    if ((peer ? ::getpeername(fd_, name, &length) : ::getsockname(fd_, name, &length)) == 0) {
      describe(address, length, cache.ip, cache.port);
    }
  }
  return cache;
}

void HttpSocketStream::get_remote_ip_and_port(std::string& ip, int& port) const {
  const Endpoint& remote = endpoint(remote_, true);
  ip = remote.ip;
  port = remote.port;
}

void HttpSocketStream::get_local_ip_and_port(std::string& ip, int& port) const {
  const Endpoint& local = endpoint(local_, false);
  ip = local.ip;
  port = local.port;
}

bool serveHttpConnection(int fd, const HttpConnectionLimits& limits,
                         const std::function<bool()>& stopping,
                         const ProcessRequest& processRequest) {
  setTimeout(fd, SO_RCVTIMEO, limits.readTimeoutSeconds);
  setTimeout(fd, SO_SNDTIMEO, limits.writeTimeoutSeconds);
  HttpSocketStream stream(fd, limits);
  // The keep-alive wait is cut into slices so that an idle connection sees the server stop.
  constexpr long long kSliceMs = 250;
  bool ok = false;
  for (std::size_t served = 0; served < limits.maxRequests && !stopping(); ++served) {
    const auto idleUntil =
        std::chrono::steady_clock::now() + std::chrono::seconds(limits.keepAliveSeconds);
    // At least one wait of 10 ms, as cpp-httplib's own loop: a keep-alive of 0 still serves
    // the request a client sends right after connecting.
    bool ready = false;
    do {
      if (stream.refused() || stopping()) break;
      const long long left = std::chrono::duration_cast<std::chrono::milliseconds>(
                                 idleUntil - std::chrono::steady_clock::now())
                                 .count();
      ready = stream.waitForRequest(static_cast<int>(std::clamp(left, 10LL, kSliceMs)));
    } while (!ready && std::chrono::steady_clock::now() < idleUntil);
    if (!ready) break;
    stream.beginRequest();
    bool closed = false;
    ok = processRequest(stream, served + 1 == limits.maxRequests, closed);
    // The answer leaves in one piece once cpp-httplib has written all of it.
    if (!stream.flush()) ok = false;
    if (!ok || closed) break;
  }
  ::shutdown(fd, SHUT_RDWR);
  ::close(fd);
  return ok;
}

}  // namespace civicdesk::bot
