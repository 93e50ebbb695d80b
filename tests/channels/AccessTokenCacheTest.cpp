// AccessTokenCache on its own: a scripted fetch function and a hand-moved clock, no HTTP.
#include "channels/AccessTokenCache.hpp"
#include "tests/support/ManualClock.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace civicdesk::channels {
namespace {

using civicdesk::testing::ManualClock;

using Clock = AccessTokenCache::Clock;
using std::chrono::seconds;

// Hands out "t1", "t2"... each living `lifetime`, or `failure` while it is set.
struct FakeFetch {
  std::atomic<int> calls{0};
  seconds lifetime{100};
  std::optional<SendError> failure;
  AccessTokenCache::Fetch fn() {
    return [this]() -> Expected<AccessTokenCache::Fetched, SendError> {
      const int n = ++calls;
      if (failure) return unexpected(*failure);
      return AccessTokenCache::Fetched{"t" + std::to_string(n), lifetime};
    };
  }
};

TEST(AccessTokenCache, FetchesOnceAndCachesUntilTheRefreshTime) {
  FakeFetch fetch;
  ManualClock clock;
  AccessTokenCache cache(fetch.fn(), clock.fn());
  ASSERT_TRUE(cache.get());
  EXPECT_EQ(*cache.get(), "t1");
  clock.advance(seconds(99));
  EXPECT_EQ(*cache.get(), "t1");
  EXPECT_EQ(fetch.calls, 1);
  clock.advance(seconds(1));  // refresh time reached
  EXPECT_EQ(*cache.get(), "t2");
  EXPECT_EQ(fetch.calls, 2);
}

TEST(AccessTokenCache, ZeroLifetimeMeansFetchEveryTime) {
  FakeFetch fetch;
  fetch.lifetime = seconds(0);
  ManualClock clock;
  AccessTokenCache cache(fetch.fn(), clock.fn());
  EXPECT_EQ(*cache.get(), "t1");
  EXPECT_EQ(*cache.get(), "t2");
}

TEST(AccessTokenCache, ForgetDropsOnlyTheCurrentToken) {
  FakeFetch fetch;
  ManualClock clock;
  AccessTokenCache cache(fetch.fn(), clock.fn());
  EXPECT_EQ(*cache.get(), "t1");
  cache.forget("t0");  // an older token: the cached one stays
  cache.forget("");
  EXPECT_EQ(*cache.get(), "t1");
  EXPECT_EQ(fetch.calls, 1);
  cache.forget("t1");
  EXPECT_EQ(*cache.get(), "t2");
  cache.forget("t1");  // already replaced
  EXPECT_EQ(*cache.get(), "t2");
  EXPECT_EQ(fetch.calls, 2);
}

TEST(AccessTokenCache, FetchFailureIsReturnedAndNothingCached) {
  FakeFetch fetch;
  fetch.failure = SendError{true, "40013", "token refused"};
  ManualClock clock;
  AccessTokenCache cache(fetch.fn(), clock.fn());
  const auto first = cache.get();
  ASSERT_FALSE(first);
  EXPECT_EQ(first.error().code, "40013");
  EXPECT_EQ(first.error().message, "token refused");
  EXPECT_TRUE(first.error().retryable);

  fetch.failure.reset();
  EXPECT_EQ(*cache.get(), "t2");  // tried again, not a cached failure
}

TEST(AccessTokenCache, WithTokenPassesTheResultThrough) {
  FakeFetch fetch;
  ManualClock clock;
  AccessTokenCache cache(fetch.fn(), clock.fn());
  std::vector<std::string> seen;
  const auto ok = cache.withToken([&](const std::string& token, bool&) {
    seen.push_back(token);
    return Expected<std::string, SendError>("msg-1");
  });
  ASSERT_TRUE(ok);
  EXPECT_EQ(*ok, "msg-1");
  // An error that is not a token rejection: returned as is, no retry, token kept.
  const auto refused = cache.withToken([&](const std::string& token, bool&) {
    seen.push_back(token);
    return Expected<std::string, SendError>(unexpected(SendError{false, "45015", "window"}));
  });
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "45015");
  EXPECT_EQ(seen, (std::vector<std::string>{"t1", "t1"}));
  EXPECT_EQ(fetch.calls, 1);
}

TEST(AccessTokenCache, RejectedTokenIsForgottenAndTheSendTriedOnceMore) {
  FakeFetch fetch;
  ManualClock clock;
  AccessTokenCache cache(fetch.fn(), clock.fn());
  std::vector<std::string> seen;
  const auto sent = cache.withToken([&](const std::string& token, bool& rejected) {
    seen.push_back(token);
    if (token == "t1") {
      rejected = true;
      return Expected<std::string, SendError>(unexpected(SendError{true, "42001", "expired"}));
    }
    return Expected<std::string, SendError>("msg-" + token);
  });
  ASSERT_TRUE(sent);
  EXPECT_EQ(*sent, "msg-t2");
  EXPECT_EQ(seen, (std::vector<std::string>{"t1", "t2"}));
  EXPECT_EQ(*cache.get(), "t2");  // the new token is cached
  EXPECT_EQ(fetch.calls, 2);
}

TEST(AccessTokenCache, RejectedTwiceGivesTheSecondError) {
  FakeFetch fetch;
  ManualClock clock;
  AccessTokenCache cache(fetch.fn(), clock.fn());
  int attempts = 0;
  const auto sent = cache.withToken([&](const std::string& token, bool& rejected) {
    ++attempts;
    rejected = true;
    return Expected<std::string, SendError>(unexpected(SendError{true, "40014", "bad " + token}));
  });
  ASSERT_FALSE(sent);
  EXPECT_EQ(attempts, 2);
  EXPECT_EQ(sent.error().code, "40014");
  EXPECT_EQ(sent.error().message, "bad t2");
  EXPECT_EQ(fetch.calls, 2);
}

TEST(AccessTokenCache, WithTokenReturnsAFetchFailureWithoutSending) {
  FakeFetch fetch;
  fetch.failure = SendError{true, "network", "down"};
  ManualClock clock;
  AccessTokenCache cache(fetch.fn(), clock.fn());
  int attempts = 0;
  const auto sent = cache.withToken([&](const std::string&, bool&) {
    ++attempts;
    return Expected<std::string, SendError>("never");
  });
  ASSERT_FALSE(sent);
  EXPECT_EQ(sent.error().code, "network");
  EXPECT_EQ(attempts, 0);
}

TEST(AccessTokenCache, RefetchFailureAfterARejectionIsReturned) {
  FakeFetch fetch;
  ManualClock clock;
  AccessTokenCache cache(fetch.fn(), clock.fn());
  int attempts = 0;
  const auto sent = cache.withToken([&](const std::string&, bool& rejected) {
    ++attempts;
    rejected = true;
    fetch.failure = SendError{true, "-1", "busy"};
    return Expected<std::string, SendError>(unexpected(SendError{true, "42001", "expired"}));
  });
  ASSERT_FALSE(sent);
  EXPECT_EQ(sent.error().code, "-1");
  EXPECT_EQ(attempts, 1);
}

TEST(AccessTokenCache, LifetimeKeepsAMarginBeforeExpiry) {
  EXPECT_EQ(AccessTokenCache::lifetimeFor(seconds(7200), seconds(300)), seconds(6900));
  EXPECT_EQ(AccessTokenCache::lifetimeFor(seconds(601), seconds(300)), seconds(301));
  EXPECT_EQ(AccessTokenCache::lifetimeFor(seconds(600), seconds(300)), seconds(300));
  EXPECT_EQ(AccessTokenCache::lifetimeFor(seconds(10), seconds(300)), seconds(5));
  EXPECT_EQ(AccessTokenCache::lifetimeFor(seconds(-5), seconds(300)), seconds(0));
}

TEST(AccessTokenCache, RefusesAnEmptyFetchOrClock) {
  FakeFetch fetch;
  EXPECT_THROW(AccessTokenCache(AccessTokenCache::Fetch{}), std::invalid_argument);
  EXPECT_THROW(AccessTokenCache(fetch.fn(), {}), std::invalid_argument);
}

TEST(AccessTokenCache, ConcurrentCallersShareOneFetch) {
  std::atomic<int> calls{0};
  std::atomic<int> fetching{0};
  std::atomic<bool> overlapped{false};
  AccessTokenCache cache([&]() -> Expected<AccessTokenCache::Fetched, SendError> {
    if (++fetching > 1) overlapped = true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // a slow token server
    const int n = ++calls;
    --fetching;
    return AccessTokenCache::Fetched{"t" + std::to_string(n), seconds(3600)};
  });
  constexpr int kThreads = 8;
  std::mutex seenMutex;
  std::vector<std::string> seen;
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&] {
      for (int j = 0; j < 20; ++j) {
        const auto sent = cache.withToken([](const std::string& token, bool&) {
          return Expected<std::string, SendError>(token);
        });
        std::lock_guard<std::mutex> lock(seenMutex);
        seen.push_back(sent ? *sent : "error");
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(calls, 1);
  EXPECT_FALSE(overlapped);
  ASSERT_EQ(seen.size(), std::size_t{kThreads * 20});
  for (const std::string& token : seen) EXPECT_EQ(token, "t1");
}

TEST(AccessTokenCache, ConcurrentRejectionsRefetchWithoutLosingAGoodToken) {
  // Every thread's first send finds "t1" rejected; each forgets only "t1", so however the
  // threads interleave, the fetches stay few and everyone ends up on a later token.
  std::atomic<int> calls{0};
  AccessTokenCache cache([&]() -> Expected<AccessTokenCache::Fetched, SendError> {
    return AccessTokenCache::Fetched{"t" + std::to_string(++calls), seconds(3600)};
  });
  constexpr int kThreads = 6;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&] {
      const auto sent = cache.withToken([](const std::string& token, bool& rejected) {
        if (token == "t1") {
          rejected = true;
          return Expected<std::string, SendError>(unexpected(SendError{true, "42001", "x"}));
        }
        return Expected<std::string, SendError>(token);
      });
      if (!sent || *sent != "t2") ++failures;
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(calls, 2);
}

}  // namespace
}  // namespace civicdesk::channels
