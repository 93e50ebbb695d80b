// The fake itself, as other suites (the whole server's integration tests) rely on it
// behaving like WeChat: credentials checked, old tokens retired, waits that time out.
#include "tests/support/FakeWeChatApi.hpp"

#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

namespace civicdesk::testing {
namespace {

using nlohmann::json;

json getJson(httplib::Client& client, const std::string& path) {
  auto result = client.Get(path);
  EXPECT_TRUE(result);
  return result ? json::parse(result->body) : json();
}

json postJson(httplib::Client& client, const std::string& path, const json& body) {
  auto result = client.Post(path, body.dump(), "application/json");
  EXPECT_TRUE(result);
  return result ? json::parse(result->body) : json();
}

std::string tokenPath(const FakeWeChatApi& api, const std::string& secret) {
  return "/cgi-bin/token?grant_type=client_credential&appid=" + api.appId() + "&secret=" + secret;
}

const json kText = {{"touser", "oCitizen"}, {"msgtype", "text"}, {"text", {{"content", "hi"}}}};

TEST(FakeWeChatApi, ChecksTheAppSecret) {
  FakeWeChatApi api;
  httplib::Client client(api.baseUrl());
  EXPECT_EQ(getJson(client, tokenPath(api, "wrong"))["errcode"], 40125);
  EXPECT_EQ(api.tokenFetches(), 0);
  json token = getJson(client, tokenPath(api, api.appSecret()));
  EXPECT_EQ(token["access_token"], "TOKEN1");
  EXPECT_EQ(token["expires_in"], 7200);
  EXPECT_EQ(api.tokenFetches(), 1);
}

TEST(FakeWeChatApi, OnlyTheLatestTokenIsValid) {
  FakeWeChatApi api;
  httplib::Client client(api.baseUrl());
  getJson(client, tokenPath(api, api.appSecret()));
  getJson(client, tokenPath(api, api.appSecret()));
  const std::string send = "/cgi-bin/message/custom/send?access_token=";
  EXPECT_EQ(postJson(client, send + "TOKEN1", kText)["errcode"], 40001);
  EXPECT_EQ(postJson(client, send + "TOKEN2", kText)["errcode"], 0);
  EXPECT_EQ(api.sent(), (std::vector<FakeWeChatApi::SentMessage>{{"oCitizen", "hi"}}));
  EXPECT_EQ(api.sendRequests(), 2);
}

TEST(FakeWeChatApi, RefusesABodyThatIsNotATextMessage) {
  FakeWeChatApi api;
  httplib::Client client(api.baseUrl());
  getJson(client, tokenPath(api, api.appSecret()));
  const json image = {{"touser", "o"}, {"msgtype", "image"}, {"image", {{"media_id", "m"}}}};
  EXPECT_EQ(postJson(client, "/cgi-bin/message/custom/send?access_token=TOKEN1", image)["errcode"],
            47001);
  EXPECT_TRUE(api.sent().empty());
}

TEST(FakeWeChatApi, WaitForSentTimesOutWhenNothingArrives) {
  FakeWeChatApi api;
  const auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(api.waitForSent(1, std::chrono::milliseconds(50)));
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(50));
}

TEST(FakeWeChatApi, WaitForSentWakesWhenAMessageArrives) {
  FakeWeChatApi api;
  std::thread sender([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    httplib::Client client(api.baseUrl());
    getJson(client, tokenPath(api, api.appSecret()));
    postJson(client, "/cgi-bin/message/custom/send?access_token=TOKEN1", kText);
  });
  EXPECT_TRUE(api.waitForSent(1, std::chrono::seconds(5)));
  sender.join();
}

}  // namespace
}  // namespace civicdesk::testing
