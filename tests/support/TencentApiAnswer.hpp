#pragma once
// How the fake WeChat and WeCom APIs answer, as the real ones do: HTTP 200 with a JSON body,
// API errors reported in errcode/errmsg.
#include <httplib.h>

#include <nlohmann/json.hpp>

#include <string>

namespace civicdesk::testing {

inline void answerJson(httplib::Response& response, const nlohmann::json& body) {
  response.status = 200;
  response.set_content(body.dump(), "application/json; charset=utf-8");
}

inline nlohmann::json apiError(int errcode, const std::string& errmsg) {
  return nlohmann::json{{"errcode", errcode}, {"errmsg", errmsg}};
}

}  // namespace civicdesk::testing
