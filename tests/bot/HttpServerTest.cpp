// The event-loop front door's behaviour towards well-behaved clients: routing, answers given
// later from another thread, the reply-budget timer, and stopping with requests in flight.
// Real sockets on loopback against the real HttpServer (the hostile cases are in
// HttpServerLimitsTest).
#include "bot/HttpServer.hpp"

#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <future>
#include <sstream>
#include <string>
#include <thread>

#include "bot/Log.hpp"
#include "bot/Metrics.hpp"

namespace civicdesk::bot::test {
namespace {

using namespace std::chrono_literals;

class HttpServerTest : public ::testing::Test {
 protected:
  HttpServerTest() {
    HttpServerOptions options;
    options.port = 0;
    options.threads = 2;
    server_ = std::make_unique<HttpServer>(options, log_, metrics_);
  }
  void start() {
    port_ = server_->bind();
    serving_ = std::thread([this] {
      server_->run();
      ran_ = true;
    });
    while (!server_->running()) std::this_thread::sleep_for(1ms);
  }
  void TearDown() override {
    server_->stop();
    if (serving_.joinable()) serving_.join();
  }
  httplib::Client client() {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(5, 0);
    return c;
  }

  std::ostringstream logText_;
  Log log_{logText_};
  Metrics metrics_;
  std::unique_ptr<HttpServer> server_;
  std::thread serving_;
  std::atomic<bool> ran_{false};
  int port_ = 0;
};

TEST_F(HttpServerTest, PathGroupsQueryAndHeadersReachTheHandler) {
  server_->get(
      "/cases/([A-Z]+)-(\\d+)", "case", [](const channels::HttpRequest& r, const std::string& id) {
        return channels::HttpResponse{200,
                                      "text/plain",
                                      r.pathParams.at(0) + "|" + r.pathParams.at(1) + "|" +
                                          r.param("q").value_or("-") + "|" +
                                          r.header("x-unit").value_or("-") + "|" + r.remoteAddress +
                                          "|" + (id.empty() ? "no id" : "id"),
                                      {}};
      });
  start();
  auto c = client();
  c.set_url_encode(false);  // the target exactly as written here
  auto answer = c.Get("/cases/TS-42?q=%E6%8A%95+%E8%AF%89", {{"X-Unit", "office"}});
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 200);
  EXPECT_EQ(answer->body, "TS|42|投 诉|office|127.0.0.1|id");
  EXPECT_FALSE(answer->get_header_value("X-Request-Id").empty());
}

TEST_F(HttpServerTest, UnknownRoutesAre404AndOtherMethods405AsJson) {
  server_->get("/ping", "ping", [](const channels::HttpRequest&, const std::string&) {
    return channels::HttpResponse{200, "text/plain", "pong", {}};
  });
  start();
  auto c = client();
  auto missing = c.Get("/nowhere");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_NE(missing->body.find("no such route: /nowhere"), std::string::npos) << missing->body;
  auto wrongMethod = c.Post("/ping", "x", "text/plain");
  ASSERT_TRUE(wrongMethod);
  EXPECT_EQ(wrongMethod->status, 404);  // no POST route of that path
  auto put = c.Put("/ping", "x", "text/plain");
  ASSERT_TRUE(put);
  EXPECT_EQ(put->status, 405);
  EXPECT_EQ(put->get_header_value("Content-Type"), "application/json");
}

TEST_F(HttpServerTest, HeadAnswersTheHeadersOfGetWithoutTheBody) {
  server_->get("/ping", "ping", [](const channels::HttpRequest&, const std::string&) {
    return channels::HttpResponse{200, "text/plain", "pong", {}};
  });
  start();
  auto c = client();
  c.set_keep_alive(true);
  auto head = c.Head("/ping");
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  EXPECT_EQ(head->get_header_value("Content-Length"), "4");
  EXPECT_TRUE(head->body.empty());
  // The connection is still in step: the next answer is read whole.
  auto get = c.Get("/ping");
  ASSERT_TRUE(get);
  EXPECT_EQ(get->body, "pong");
}

TEST_F(HttpServerTest, AHandlerThatThrowsIsAnswered500AndCounted) {
  server_->post("/boom", "boom",
                [](const channels::HttpRequest&, const std::string&) -> channels::HttpResponse {
                  throw std::runtime_error("disk on fire");
                });
  start();
  auto c = client();
  auto answer = c.Post("/boom", "x", "text/plain");
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 500);
  EXPECT_NE(metrics_.render().find("civicdesk_errors_total{kind=\"http_500\"} 1"),
            std::string::npos);
  EXPECT_NE(logText_.str().find("disk on fire"), std::string::npos);
}

TEST_F(HttpServerTest, AnAsyncHandlerAnswersFromAnotherThread) {
  std::thread worker;
  server_->postAsync(
      "/later", "later",
      [&worker](const channels::HttpRequest& r, const std::string&, PendingAnswer answer) {
        worker = std::thread([answer, body = r.body] {
          std::this_thread::sleep_for(50ms);
          answer.respondWith([body] {
            return channels::HttpResponse{200, "text/plain", "done:" + body, {}};
          });
          answer.respond({500, "text/plain", "second answer", {}});  // ignored
        });
      });
  start();
  auto c = client();
  c.set_keep_alive(true);
  auto answer = c.Post("/later", "abc", "text/plain");
  worker.join();
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 200);
  EXPECT_EQ(answer->body, "done:abc");
}

TEST_F(HttpServerTest, TheBudgetTimerFiresOnlyForARequestNotYetAnswered) {
  std::promise<PendingAnswer> held;
  std::atomic<int> fired{0};
  server_->postAsync("/slow", "slow",
                     [&](const channels::HttpRequest&, const std::string&, PendingAnswer answer) {
                       answer.after(50ms, [&fired, answer] {
                         ++fired;
                         answer.respond({202, "text/plain", "later", {}});
                       });
                     });
  server_->postAsync("/fast", "fast",
                     [&](const channels::HttpRequest&, const std::string&, PendingAnswer answer) {
                       answer.after(50ms, [&fired] { fired += 100; });
                       answer.respond({200, "text/plain", "now", {}});
                     });
  start();
  auto c = client();
  auto slow = c.Post("/slow", "", "text/plain");
  ASSERT_TRUE(slow);
  EXPECT_EQ(slow->status, 202);
  auto fast = c.Post("/fast", "", "text/plain");
  ASSERT_TRUE(fast);
  EXPECT_EQ(fast->status, 200);
  std::this_thread::sleep_for(150ms);
  EXPECT_EQ(fired.load(), 1);
}

TEST_F(HttpServerTest, StopAnswersTheRequestInFlightBeforeRunReturns) {
  std::promise<PendingAnswer> arrived;
  server_->postAsync("/held", "held",
                     [&arrived](const channels::HttpRequest&, const std::string&,
                                PendingAnswer answer) { arrived.set_value(answer); });
  start();
  auto request = std::async(std::launch::async, [this] {
    auto c = client();
    auto answer = c.Post("/held", "x", "text/plain");
    return answer ? answer->status : -1;
  });
  PendingAnswer answer = arrived.get_future().get();
  server_->stop();
  std::this_thread::sleep_for(100ms);
  EXPECT_FALSE(ran_) << "run() returned with a request unanswered";
  answer.respond({200, "text/plain", "stored", {}});
  EXPECT_EQ(request.get(), 200);
  serving_.join();
  EXPECT_TRUE(ran_);
  // No new connection is taken once stopped.
  auto c = client();
  EXPECT_FALSE(c.Get("/held"));
}

TEST_F(HttpServerTest, StopIsPromptWhenABudgetTimerIsStillPending) {
  server_->postAsync("/answered", "answered",
                     [](const channels::HttpRequest&, const std::string&, PendingAnswer answer) {
                       answer.after(10s, [] {});
                       answer.respond({200, "text/plain", "ok", {}});
                     });
  start();
  auto c = client();
  ASSERT_TRUE(c.Post("/answered", "", "text/plain"));
  const auto began = std::chrono::steady_clock::now();
  server_->stop();
  serving_.join();
  EXPECT_LT(std::chrono::steady_clock::now() - began, 2s);
}

}  // namespace
}  // namespace civicdesk::bot::test
