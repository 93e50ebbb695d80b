#include "tests/support/FakeWeChatApi.hpp"
#include "tests/support/TencentApiAnswer.hpp"

#include <httplib.h>

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <utility>

namespace civicdesk::testing {

namespace {

using nlohmann::json;

}  // namespace

FakeWeChatApi::FakeWeChatApi(std::string appId, std::string appSecret)
    : appId_(std::move(appId)), appSecret_(std::move(appSecret)), server_("FakeWeChatApi") {
  installRoutes();
  server_.start();
}

void FakeWeChatApi::installRoutes() {
  server_.server().Get(
      "/cgi-bin/token", [this](const httplib::Request& request, httplib::Response& response) {
        if (request.get_param_value("grant_type") != "client_credential") {
          return answerJson(response, apiError(40002, "invalid grant_type"));
        }
        if (request.get_param_value("appid") != appId_) {
          return answerJson(response, apiError(40013, "invalid appid"));
        }
        if (request.get_param_value("secret") != appSecret_) {
          return answerJson(response, apiError(40125, "invalid appsecret"));
        }
        std::lock_guard<std::mutex> lock(mutex_);
        ++tokenFetches_;
        currentToken_ = "TOKEN" + std::to_string(tokenFetches_);
        answerJson(response, json{{"access_token", currentToken_}, {"expires_in", tokenLifetime_}});
      });

  server_.server().Post("/cgi-bin/message/custom/send", [this](const httplib::Request& request,
                                                               httplib::Response& response) {
    std::lock_guard<std::mutex> lock(mutex_);
    ++sendRequests_;
    if (answeredCommonFailure(request, response)) return;
    const json body = json::parse(request.body, nullptr, false);
    if (body.is_object() && body.contains("touser") && body["touser"].is_string() &&
        closedWindows_.count(body["touser"].get<std::string>()) > 0) {
      return answerJson(response,
                        apiError(45015, "response out of time limit or subscription is canceled"));
    }
    if (!body.is_object() || !body.contains("touser") || !body["touser"].is_string() ||
        body.value("msgtype", "") != "text" || !body.contains("text") ||
        !body["text"].is_object() || !body["text"].contains("content") ||
        !body["text"]["content"].is_string()) {
      return answerJson(response, apiError(47001, "data format error"));
    }
    if (isDuplicate(request)) return answerJson(response, apiError(0, "ok"));
    sentKeys_.push_back(rememberKey(request));
    sent_.push_back(
        {body["touser"].get<std::string>(), body["text"]["content"].get<std::string>()});
    sentChanged_.notify_all();
    answerJson(response, apiError(0, "ok"));
  });

  server_.server().Post("/cgi-bin/message/template/send", [this](const httplib::Request& request,
                                                                 httplib::Response& response) {
    std::lock_guard<std::mutex> lock(mutex_);
    ++templateRequests_;
    if (answeredCommonFailure(request, response)) return;
    if (templateFailCount_ > 0) {
      --templateFailCount_;
      return answerJson(response, apiError(templateFailErrcode_, "failure armed by the test"));
    }
    const json body = json::parse(request.body, nullptr, false);
    if (!body.is_object()) return answerJson(response, apiError(47001, "data format error"));
    const auto templateId = body.find("template_id");
    if (templateId == body.end() || !templateId->is_string() ||
        templates_.count(templateId->get<std::string>()) == 0) {
      return answerJson(response, apiError(40037, "invalid template_id"));
    }
    const auto touser = body.find("touser");
    if (touser == body.end() || !touser->is_string() || touser->get<std::string>().empty()) {
      return answerJson(response, apiError(40003, "invalid openid"));
    }
    const auto data = body.find("data");
    if (data == body.end() || !data->is_object()) {
      return answerJson(response, apiError(47001, "data format error"));
    }
    if (isDuplicate(request)) return answerJson(response, apiError(0, "ok"));
    rememberKey(request);
    sentTemplates_.push_back(
        {touser->get<std::string>(), templateId->get<std::string>(), data->dump()});
    // WeChat's msgid is a number; one that cannot be mistaken for a count of anything.
    const long long msgid = 2000000000LL + static_cast<long long>(sentTemplates_.size());
    answerJson(response, json{{"errcode", 0}, {"errmsg", "ok"}, {"msgid", msgid}});
  });
}

bool FakeWeChatApi::answeredCommonFailure(const httplib::Request& request,
                                          httplib::Response& response) {
  const std::string token = request.get_param_value("access_token");
  if (currentToken_.empty() || token != currentToken_) {
    answerJson(response, apiError(40001, "invalid credential, access_token is invalid"));
    return true;
  }
  if (expireOnce_) {
    expireOnce_ = false;
    currentToken_.clear();
    answerJson(response, apiError(42001, "access_token expired"));
    return true;
  }
  if (httpFailCount_ > 0) {
    --httpFailCount_;
    response.status = httpFailStatus_;
    response.set_content("upstream failure", "text/plain");
    return true;
  }
  if (failCount_ > 0) {
    --failCount_;
    answerJson(response, apiError(failErrcode_, "failure armed by the test"));
    return true;
  }
  return false;
}

bool FakeWeChatApi::isDuplicate(const httplib::Request& request) {
  const std::string key = request.get_header_value("X-Idempotency-Key");
  if (key.empty() || deliveredKeys_.count(key) == 0) return false;
  ++duplicates_;
  return true;
}

std::string FakeWeChatApi::rememberKey(const httplib::Request& request) {
  std::string key = request.get_header_value("X-Idempotency-Key");
  if (!key.empty()) deliveredKeys_.insert(key);
  return key;
}

std::vector<std::string> FakeWeChatApi::sentKeys() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return sentKeys_;
}

int FakeWeChatApi::duplicateDeliveries() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return duplicates_;
}

void FakeWeChatApi::expireTokenOnce() {
  std::lock_guard<std::mutex> lock(mutex_);
  expireOnce_ = true;
}

void FakeWeChatApi::failNextSends(int count, int errcode) {
  std::lock_guard<std::mutex> lock(mutex_);
  failCount_ = count;
  failErrcode_ = errcode;
}

void FakeWeChatApi::failNextSendsWithHttpStatus(int count, int status) {
  std::lock_guard<std::mutex> lock(mutex_);
  httpFailCount_ = count;
  httpFailStatus_ = status;
}

void FakeWeChatApi::setTokenLifetime(int seconds) {
  std::lock_guard<std::mutex> lock(mutex_);
  tokenLifetime_ = seconds;
}

void FakeWeChatApi::closeWindowFor(const std::string& openid) {
  std::lock_guard<std::mutex> lock(mutex_);
  closedWindows_.insert(openid);
}

void FakeWeChatApi::allowTemplate(const std::string& templateId) {
  std::lock_guard<std::mutex> lock(mutex_);
  templates_.insert(templateId);
}

void FakeWeChatApi::failNextTemplateSends(int count, int errcode) {
  std::lock_guard<std::mutex> lock(mutex_);
  templateFailCount_ = count;
  templateFailErrcode_ = errcode;
}

std::vector<FakeWeChatApi::SentTemplate> FakeWeChatApi::sentTemplates() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return sentTemplates_;
}

int FakeWeChatApi::templateRequests() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return templateRequests_;
}

std::vector<FakeWeChatApi::SentMessage> FakeWeChatApi::sent() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return sent_;
}

bool FakeWeChatApi::waitForSent(std::size_t count, std::chrono::milliseconds timeout) const {
  std::unique_lock<std::mutex> lock(mutex_);
  return sentChanged_.wait_for(lock, timeout, [&] { return sent_.size() >= count; });
}

int FakeWeChatApi::tokenFetches() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return tokenFetches_;
}

int FakeWeChatApi::sendRequests() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return sendRequests_;
}

}  // namespace civicdesk::testing
