#include "tests/support/FakeWeComRobot.hpp"

#include <httplib.h>

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <utility>

namespace civicdesk::testing {

namespace {

using nlohmann::json;

void answer(httplib::Response& response, int errcode, const std::string& errmsg) {
  response.status = 200;  // WeCom reports API errors in errcode, with HTTP 200
  response.set_content(json{{"errcode", errcode}, {"errmsg", errmsg}}.dump(),
                       "application/json; charset=utf-8");
}

bool isJson(const std::string& contentType) {
  return contentType.rfind("application/json", 0) == 0;
}

}  // namespace

FakeWeComRobot::FakeWeComRobot(std::function<Clock::time_point()> now)
    : now_(std::move(now)), server_("FakeWeComRobot") {
  if (!now_) throw std::invalid_argument("FakeWeComRobot needs a clock");
  installRoutes();
  server_.start();
}

void FakeWeComRobot::installRoutes() {
  server_.server().Post("/cgi-bin/webhook/send", [this](const httplib::Request& request,
                                                        httplib::Response& response) {
    std::lock_guard<std::mutex> lock(mutex_);
    ++requests_;
    const std::string key = request.get_param_value("key");
    if (keys_.count(key) == 0) return answer(response, 93000, "invalid webhook url");
    if (httpFailCount_ > 0) {
      --httpFailCount_;
      response.status = httpFailStatus_;
      response.set_content("upstream failure", "text/plain");
      return;
    }
    if (failCount_ > 0) {
      --failCount_;
      return answer(response, failErrcode_, failErrmsg_);
    }
    std::deque<Clock::time_point>& times = deliveredAt_[key];
    const Clock::time_point now = now_();
    while (!times.empty() && now - times.front() >= std::chrono::minutes(1)) times.pop_front();
    if (times.size() >= kLimitPerMinute) {
      ++rateLimitHits_;
      return answer(response, 45009, "api freq out of limit");
    }

    const json body = json::parse(request.body, nullptr, false);
    if (!isJson(request.get_header_value("Content-Type")) || !body.is_object()) {
      return answer(response, 40058, "invalid Request Parameter");
    }
    const std::string msgtype = body.value("msgtype", "");
    if (msgtype != "text" && msgtype != "markdown") {
      return answer(response, 40008, "invalid message type");
    }
    const std::size_t limit = msgtype == "text" ? 2048 : 4096;
    const auto part = body.find(msgtype);
    if (part == body.end() || !part->is_object() || !part->contains("content") ||
        !(*part)["content"].is_string() ||
        (*part)["content"].get_ref<const std::string&>().size() > limit) {
      return answer(response, 40058, "invalid Request Parameter");
    }
    times.push_back(now);
    received_.push_back({key, msgtype, (*part)["content"].get<std::string>()});
    bodies_.push_back(request.body);
    receivedChanged_.notify_all();
    answer(response, 0, "ok");
  });
}

void FakeWeComRobot::addKey(const std::string& key) {
  std::lock_guard<std::mutex> lock(mutex_);
  keys_.insert(key);
}

void FakeWeComRobot::failNext(int count, int errcode, std::string errmsg) {
  std::lock_guard<std::mutex> lock(mutex_);
  failCount_ = count;
  failErrcode_ = errcode;
  failErrmsg_ = std::move(errmsg);
}

void FakeWeComRobot::failNextWithHttpStatus(int count, int status) {
  std::lock_guard<std::mutex> lock(mutex_);
  httpFailCount_ = count;
  httpFailStatus_ = status;
}

std::vector<FakeWeComRobot::Received> FakeWeComRobot::received() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return received_;
}

bool FakeWeComRobot::waitForReceived(std::size_t count, std::chrono::milliseconds timeout) const {
  std::unique_lock<std::mutex> lock(mutex_);
  return receivedChanged_.wait_for(lock, timeout, [&] { return received_.size() >= count; });
}

std::vector<std::string> FakeWeComRobot::bodies() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return bodies_;
}

int FakeWeComRobot::requests() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return requests_;
}

int FakeWeComRobot::rateLimitHits() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return rateLimitHits_;
}

}  // namespace civicdesk::testing
