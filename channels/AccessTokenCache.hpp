#pragma once
// The access_token both Tencent APIs want on every call (WeChat official account §1.7, WeCom
// application §2.1): fetched once, cached until a little before it expires, forgotten when
// the platform rejects it, and refetched for one more try. Safe to use from several threads.
#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

#include "channels/ChannelSender.hpp"
#include "util/Expected.hpp"

namespace civicdesk::channels {

class AccessTokenCache {
 public:
  using Clock = std::chrono::steady_clock;

  struct Fetched {
    std::string token;
    std::chrono::seconds lifetime;  // how long to use it, counted from before the fetch
  };
  using Fetch = std::function<Expected<Fetched, SendError>()>;

  // Throws std::invalid_argument when `fetch` or `now` is empty. `now` is a fake clock in
  // tests.
  explicit AccessTokenCache(Fetch fetch, std::function<Clock::time_point()> now = &Clock::now);

  AccessTokenCache(const AccessTokenCache&) = delete;
  AccessTokenCache& operator=(const AccessTokenCache&) = delete;

  // The cached token while before its refresh time, else a freshly fetched one (cached on
  // success; a fetch failure is returned and nothing is cached).
  Expected<std::string, SendError> get();

  // Drops `token` if it is still the cached one: another thread may already have replaced a
  // rejected token with a good one, which must be kept.
  void forget(const std::string& token);

  // Calls send(token, rejected) → Expected<std::string, SendError>. When send sets
  // `rejected` (the platform refused the token rather than the message), the token is
  // forgotten, a new one fetched and send called once more; twice in a row means something
  // else is wrong, and the second error is returned (the outbox's own retry takes over).
  template <class Send>
  Expected<std::string, SendError> withToken(Send send);

  // How long to use a token the platform says expires in `expiresIn`: `margin` less, so a
  // token is never used in its last minutes (and a slow send never races the expiry); half
  // of it when it is too short for the margin. Negative counts as zero.
  static std::chrono::seconds lifetimeFor(std::chrono::seconds expiresIn,
                                          std::chrono::seconds margin);

 private:
  struct Cached {
    std::string token;
    Clock::time_point refreshAt;
  };

  Fetch fetch_;
  std::function<Clock::time_point()> now_;

  // Held across the fetch on purpose: fetching a new token starts the old one's expiry at
  // the platform, so concurrent callers must share one fetch rather than race.
  std::mutex mutex_;
  std::optional<Cached> cached_;
};

template <class Send>
Expected<std::string, SendError> AccessTokenCache::withToken(Send send) {
  std::optional<SendError> last;
  for (int attempt = 0; attempt < 2; ++attempt) {
    Expected<std::string, SendError> token = get();
    if (!token) return unexpected(token.error());
    bool rejected = false;
    Expected<std::string, SendError> sent = send(static_cast<const std::string&>(*token), rejected);
    if (!rejected || sent) return sent;
    forget(*token);
    last = sent.error();
  }
  return unexpected(*last);
}

}  // namespace civicdesk::channels
