#pragma once
// What the senders of the Tencent APIs (WeChat customer service and templates, WeCom app,
// WeCom robot) share in reading an answer: the numeric fields of its JSON, and the SendError
// for an exchange that never got one. Include <httplib.h> to call httpFailure(); this header
// does not, so that senders' headers stay free of the HTTP library.
#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>
#include <string_view>

#include "channels/ChannelSender.hpp"

namespace httplib {
class Result;
}

namespace civicdesk::channels::platform {

// A failure worth trying again later (network, HTTP status, the platform's busy codes).
SendError retryable(std::string code, std::string message);

// The SendError for a call that got no JSON answer: no connection ("network") or an HTTP
// status other than 200 ("http-502"). `what` names the call in the message ("send").
SendError httpFailure(const httplib::Result& result, std::string_view what);

// An integer field (errcode, expires_in); nullopt when absent or of another type, so that a
// proxy's error page cannot throw.
std::optional<long> longField(const nlohmann::json& object, const char* key);

}  // namespace civicdesk::channels::platform
