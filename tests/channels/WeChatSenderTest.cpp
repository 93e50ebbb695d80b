// WeChatSender against a real HTTP server on loopback (FakeWeChatApi): token caching and
// refresh, and which failures the outbox should retry.
#include "channels/wechat/WeChatSender.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/FakeWeChatApi.hpp"
#include "tests/support/ManualClock.hpp"

namespace civicdesk::channels {
namespace {

using civicdesk::testing::ManualClock;

using civicdesk::testing::FakeWeChatApi;
using Sent = FakeWeChatApi::SentMessage;

constexpr const char* kOpenId = "oyORnuP8q7ou2gfYjqLzSIWZf0rs";

WeChatConfig configFor(const FakeWeChatApi& api) {
  WeChatConfig config;
  config.token = "callback-token";
  config.appId = api.appId();
  config.appSecret = api.appSecret();
  config.apiBase = api.baseUrl();
  return config;
}

// A clock the test moves by hand, for the token cache.
void expectNoCredentials(const SendError& error, const FakeWeChatApi& api) {
  EXPECT_EQ(error.message.find(api.appSecret()), std::string::npos) << error.message;
  EXPECT_EQ(error.message.find("TOKEN"), std::string::npos) << error.message;
}

TEST(WeChatSender, DeliversATextMessage) {
  FakeWeChatApi api;
  WeChatSender sender(configFor(api));
  EXPECT_EQ(sender.name(), "wechat");
  auto sent = sender.send(kOpenId, Reply{"您的投诉已受理，编号 A-17"});
  ASSERT_TRUE(sent.has_value()) << sent.error().message;
  EXPECT_EQ(*sent, "");  // the customer-service API gives no message id
  EXPECT_EQ(api.sent(), (std::vector<Sent>{{kOpenId, "您的投诉已受理，编号 A-17"}}));
}

TEST(WeChatSender, OneTokenServesManySends) {
  FakeWeChatApi api;
  WeChatSender sender(configFor(api));
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(sender.send(kOpenId, Reply{"m" + std::to_string(i)}));
  EXPECT_EQ(api.tokenFetches(), 1);
  EXPECT_EQ(api.sent().size(), 3u);
}

TEST(WeChatSender, TokenIsRefreshedFiveMinutesBeforeItExpires) {
  FakeWeChatApi api;  // tokens live 7200 s
  ManualClock clock;
  WeChatSender sender(configFor(api), clock.fn());
  ASSERT_TRUE(sender.send(kOpenId, Reply{"a"}));
  clock.advance(std::chrono::seconds(7200 - 300 - 1));
  ASSERT_TRUE(sender.send(kOpenId, Reply{"b"}));
  EXPECT_EQ(api.tokenFetches(), 1);
  clock.advance(std::chrono::seconds(2));
  ASSERT_TRUE(sender.send(kOpenId, Reply{"c"}));
  EXPECT_EQ(api.tokenFetches(), 2);
}

TEST(WeChatSender, ExpiredTokenIsRefetchedAndTheSendRetried) {
  FakeWeChatApi api;
  WeChatSender sender(configFor(api));
  ASSERT_TRUE(sender.send(kOpenId, Reply{"first"}));
  api.expireTokenOnce();
  auto sent = sender.send(kOpenId, Reply{"second"});
  ASSERT_TRUE(sent.has_value()) << sent.error().message;
  EXPECT_EQ(api.tokenFetches(), 2);
  EXPECT_EQ(api.sendRequests(), 3);  // first, second (42001), second again
  EXPECT_EQ(api.sent(), (std::vector<Sent>{{kOpenId, "first"}, {kOpenId, "second"}}));
}

TEST(WeChatSender, TokenRejectedTwiceGivesUpAfterOneRetry) {
  FakeWeChatApi api;
  WeChatSender sender(configFor(api));
  api.failNextSends(2, 40001);
  auto sent = sender.send(kOpenId, Reply{"x"});
  ASSERT_FALSE(sent.has_value());
  EXPECT_TRUE(sent.error().retryable);
  EXPECT_EQ(sent.error().code, "40001");
  EXPECT_EQ(api.sendRequests(), 2);
  EXPECT_EQ(api.tokenFetches(), 2);
  expectNoCredentials(sent.error(), api);
}

TEST(WeChatSender, OutsideThe48HourWindowIsNotRetryable) {
  FakeWeChatApi api;
  WeChatSender sender(configFor(api));
  api.failNextSends(1, 45015);
  auto sent = sender.send(kOpenId, Reply{"too late"});
  ASSERT_FALSE(sent.has_value());
  EXPECT_FALSE(sent.error().retryable);
  EXPECT_EQ(sent.error().code, "45015");
  EXPECT_EQ(api.sendRequests(), 1);  // no second attempt
  EXPECT_TRUE(api.sent().empty());
  expectNoCredentials(sent.error(), api);
}

TEST(WeChatSender, PlatformVerdictsAreNotRetryable) {
  for (int code : {45047, 40003, 47001}) {
    FakeWeChatApi api;
    WeChatSender sender(configFor(api));
    api.failNextSends(1, code);
    auto sent = sender.send(kOpenId, Reply{"x"});
    ASSERT_FALSE(sent.has_value()) << code;
    EXPECT_FALSE(sent.error().retryable) << code;
    EXPECT_EQ(sent.error().code, std::to_string(code));
  }
}

TEST(WeChatSender, SystemBusyAndQuotaAreRetryable) {
  for (int code : {-1, 45009, 45011}) {
    FakeWeChatApi api;
    WeChatSender sender(configFor(api));
    api.failNextSends(1, code);
    auto sent = sender.send(kOpenId, Reply{"x"});
    ASSERT_FALSE(sent.has_value()) << code;
    EXPECT_TRUE(sent.error().retryable) << code;
    EXPECT_EQ(sent.error().code, std::to_string(code));
    EXPECT_TRUE(sender.send(kOpenId, Reply{"again"})) << code;  // and it does pass later
  }
}

TEST(WeChatSender, ServerErrorIsRetryable) {
  FakeWeChatApi api;
  WeChatSender sender(configFor(api));
  api.failNextSendsWithHttpStatus(1, 503);
  auto sent = sender.send(kOpenId, Reply{"x"});
  ASSERT_FALSE(sent.has_value());
  EXPECT_TRUE(sent.error().retryable);
  EXPECT_EQ(sent.error().code, "http-503");
}

TEST(WeChatSender, ServerDownIsRetryable) {
  WeChatConfig config;
  {
    FakeWeChatApi api;
    config = configFor(api);
  }  // stopped: nothing listens on that port any more
  WeChatSender sender(config);
  auto sent = sender.send(kOpenId, Reply{"x"});
  ASSERT_FALSE(sent.has_value());
  EXPECT_TRUE(sent.error().retryable);
  EXPECT_EQ(sent.error().code, "network");
  EXPECT_EQ(sent.error().message.find(config.appSecret), std::string::npos);
}

TEST(WeChatSender, WrongSecretIsReportedWithoutTheSecret) {
  FakeWeChatApi api;
  WeChatConfig config = configFor(api);
  config.appSecret = "wrong-secret-value";
  WeChatSender sender(config);
  auto sent = sender.send(kOpenId, Reply{"x"});
  ASSERT_FALSE(sent.has_value());
  EXPECT_EQ(sent.error().code, "40125");
  EXPECT_TRUE(sent.error().retryable);  // an administrator fixes it; the message must wait
  EXPECT_EQ(sent.error().message.find("wrong-secret-value"), std::string::npos);
  EXPECT_TRUE(api.sent().empty());
}

TEST(WeChatSender, ConcurrentSendsShareOneToken) {
  FakeWeChatApi api;
  WeChatSender sender(configFor(api));
  constexpr int kThreads = 8;
  constexpr int kEach = 5;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        if (!sender.send(kOpenId, Reply{std::to_string(t) + "-" + std::to_string(i)})) ++failures;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_TRUE(api.waitForSent(kThreads * kEach, std::chrono::seconds(1)));
  EXPECT_EQ(api.tokenFetches(), 1);
}

TEST(WeChatSender, RefusesNothingToSendWithoutCallingWeChat) {
  FakeWeChatApi api;
  WeChatSender sender(configFor(api));
  auto noText = sender.send(kOpenId, Reply{""});
  ASSERT_FALSE(noText.has_value());
  EXPECT_FALSE(noText.error().retryable);
  auto noRecipient = sender.send("", Reply{"x"});
  ASSERT_FALSE(noRecipient.has_value());
  EXPECT_FALSE(noRecipient.error().retryable);
  EXPECT_EQ(api.sendRequests(), 0);
}

TEST(WeChatSender, AcceptsABaseUrlWithATrailingSlash) {
  FakeWeChatApi api;
  WeChatConfig config = configFor(api);
  config.apiBase += "/";
  EXPECT_TRUE(WeChatSender(config).send(kOpenId, Reply{"x"}));
}

TEST(WeChatSender, RefusesABadBaseUrlAtConstruction) {
  WeChatConfig config;
  config.appId = "wx";
  config.appSecret = "s";
  for (const char* base : {"api.weixin.qq.com", "ftp://api.weixin.qq.com", "https://",
                           "http://127.0.0.1:0", "http://127.0.0.1:99999", "http://h:8x",
                           "https://user@api.weixin.qq.com", "https://api.weixin.qq.com?x=1"}) {
    config.apiBase = base;
    EXPECT_THROW(WeChatSender{config}, std::invalid_argument) << base;
  }
  config.apiBase = "https://api.weixin.qq.com";
  EXPECT_NO_THROW(WeChatSender{config});
  config.appSecret.clear();
  EXPECT_THROW(WeChatSender{config}, std::invalid_argument);
}

}  // namespace
}  // namespace civicdesk::channels
