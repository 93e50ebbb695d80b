#include "tests/support/FakeWeComApp.hpp"
#include "tests/support/TencentApiAnswer.hpp"
#include "util/AsciiText.hpp"

#include <httplib.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <utility>

namespace civicdesk::testing {

namespace {

using nlohmann::json;

std::vector<std::string> split(const std::string& list) {
  std::vector<std::string> parts;
  if (list.empty()) return parts;
  std::size_t start = 0;
  for (std::size_t bar = list.find('|'); bar != std::string::npos; bar = list.find('|', start)) {
    parts.push_back(list.substr(start, bar - start));
    start = bar + 1;
  }
  parts.push_back(list.substr(start));
  return parts;
}

std::string stringAt(const json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

FakeWeComApp::FakeWeComApp(std::string corpId, std::string corpSecret, long agentId)
    : corpId_(std::move(corpId)),
      corpSecret_(std::move(corpSecret)),
      agentId_(agentId),
      server_("FakeWeComApp") {
  installRoutes();
  server_.start();
}

void FakeWeComApp::installRoutes() {
  server_.server().Get("/cgi-bin/gettoken",
                       [this](const httplib::Request& request, httplib::Response& response) {
                         if (request.get_param_value("corpid") != corpId_) {
                           return answerJson(response, apiError(40013, "invalid corpid"));
                         }
                         if (request.get_param_value("corpsecret") != corpSecret_) {
                           return answerJson(response, apiError(40001, "invalid credential"));
                         }
                         std::lock_guard<std::mutex> lock(mutex_);
                         ++tokenFetches_;
                         currentToken_ = "WCTOKEN" + std::to_string(tokenFetches_);
                         answerJson(response, json{{"errcode", 0},
                                                   {"errmsg", "ok"},
                                                   {"access_token", currentToken_},
                                                   {"expires_in", tokenLifetime_}});
                       });

  server_.server().Post("/cgi-bin/message/send", [this](const httplib::Request& request,
                                                        httplib::Response& response) {
    std::lock_guard<std::mutex> lock(mutex_);
    ++sendRequests_;
    const std::string token = request.get_param_value("access_token");
    if (currentToken_.empty() || token != currentToken_) {
      return answerJson(response, apiError(40014, "invalid access_token"));
    }
    if (expireOnce_) {
      expireOnce_ = false;
      currentToken_.clear();
      return answerJson(response, apiError(42001, "access_token expired"));
    }
    if (httpFailCount_ > 0) {
      --httpFailCount_;
      response.status = httpFailStatus_;
      response.set_content("upstream failure", "text/plain");
      return;
    }
    if (failCount_ > 0) {
      --failCount_;
      return answerJson(response, apiError(failErrcode_, "failure armed by the test"));
    }
    const json body = json::parse(request.body, nullptr, false);
    if (!body.is_object())
      return answerJson(response, apiError(40058, "invalid Request Parameter"));
    const auto agentid = body.find("agentid");
    if (agentid == body.end() || !agentid->is_number_integer() ||
        agentid->get<long>() != agentId_) {
      return answerJson(response, apiError(40056, "invalid agentid"));
    }
    Received message{stringAt(body, "touser"), stringAt(body, "toparty"), stringAt(body, "msgtype"),
                     "", agentId_};
    if (message.msgtype != "text" && message.msgtype != "markdown" &&
        message.msgtype != "textcard") {
      return answerJson(response, apiError(40008, "invalid message type"));
    }
    const auto part = body.find(message.msgtype);
    if (part == body.end() || !part->is_object()) {
      return answerJson(response, apiError(40058, "invalid Request Parameter"));
    }
    message.content = stringAt(*part, message.msgtype == "textcard" ? "description" : "content");

    std::string invalid;
    std::size_t valid = split(message.toparty).size();
    for (const std::string& user : split(message.touser)) {
      if (invalidUsers_.count(ascii::lower(user)) == 0) {
        ++valid;
        continue;
      }
      if (!invalid.empty()) invalid += '|';
      invalid += ascii::lower(user);
    }
    if (valid == 0) {
      json refused = apiError(81013, "user & party & tag all invalid");
      refused["invaliduser"] = invalid;
      return answerJson(response, refused);
    }
    received_.push_back(message);
    bodies_.push_back(request.body);
    answerJson(response, json{{"errcode", 0},
                              {"errmsg", "ok"},
                              {"invaliduser", invalid},
                              {"msgid", "msg" + std::to_string(received_.size())}});
  });
}

void FakeWeComApp::markInvalidUser(const std::string& userId) {
  std::lock_guard<std::mutex> lock(mutex_);
  invalidUsers_.insert(ascii::lower(userId));
}

void FakeWeComApp::expireTokenOnce() {
  std::lock_guard<std::mutex> lock(mutex_);
  expireOnce_ = true;
}

void FakeWeComApp::failNextSends(int count, int errcode) {
  std::lock_guard<std::mutex> lock(mutex_);
  failCount_ = count;
  failErrcode_ = errcode;
}

void FakeWeComApp::failNextSendsWithHttpStatus(int count, int status) {
  std::lock_guard<std::mutex> lock(mutex_);
  httpFailCount_ = count;
  httpFailStatus_ = status;
}

void FakeWeComApp::setTokenLifetime(int seconds) {
  std::lock_guard<std::mutex> lock(mutex_);
  tokenLifetime_ = seconds;
}

std::vector<FakeWeComApp::Received> FakeWeComApp::received() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return received_;
}

std::vector<std::string> FakeWeComApp::bodies() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return bodies_;
}

int FakeWeComApp::tokenFetches() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return tokenFetches_;
}

int FakeWeComApp::sendRequests() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return sendRequests_;
}

}  // namespace civicdesk::testing
