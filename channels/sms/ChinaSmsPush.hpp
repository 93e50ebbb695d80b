#pragma once
// What Aliyun's and Tencent Cloud's SMS pushes (PROTOCOLS.md §3.5-§3.6) have in common. They
// carry no signature, so the design note of §3.5 applies: a secret path token and an
// address allow-list. Also the Chinese phone number and time formats they use.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "channels/Http.hpp"
#include "util/Expected.hpp"

namespace civicdesk::channels {

struct ChinaSmsPushConfig {
  // The secret last segment of /sms/aliyun/{token} and /sms/tencent/{token}; use 32 random
  // characters. It arrives as request.pathParams[0].
  std::string pathToken;
  // Peers allowed to push: exact addresses ("47.96.1.2", "2408:4000::1") or CIDR ranges
  // ("47.96.0.0/16"). Empty = any.
  std::vector<std::string> allowedAddresses;
  std::size_t maxBodyBytes = 256 * 1024;
};

// Throws std::invalid_argument for an empty pathToken (anyone could push citizens'
// messages) or an allow-list entry that is not an IP address or CIDR range.
void validateChinaSmsPushConfig(const ChinaSmsPushConfig& config);

// The refusal for a push that fails the common checks, or nullopt. In order: 404 a wrong or
// missing token (compared in constant time; the same answer as a path that does not exist,
// so the route's existence is not revealed); 403 a peer outside the allow-list; 405 not a
// POST; 413 a body over maxBodyBytes.
std::optional<ChannelError> refuseChinaSmsPush(const HttpRequest& request,
                                               const ChinaSmsPushConfig& config);

// Whether `address` is in `allowed` (exact or CIDR); an empty list allows any.
bool addressAllowed(std::string_view address, const std::vector<std::string>& allowed);

// A mainland number as E.164: "+86" / "0086" prefixes stripped, "86" stripped when 11 digits
// follow it (an 11-digit mobile never starts with 86), then "+86" put before. Spaces and
// dashes are ignored. An error when what is left is not 5-15 digits.
Expected<std::string, std::string> chinaE164(std::string_view phone);

// "yyyy-MM-dd HH:mm:ss" in Asia/Shanghai (UTC+8 all year: China has had no daylight saving
// since 1991) → Unix seconds.
Expected<std::int64_t, std::string> shanghaiTimeToUnix(std::string_view text);

// The answers the gateways expect for a push they should not send again (application/json).
HttpResponse aliyunPushAck();   // {"code":0,"msg":"接收成功"}
HttpResponse tencentPushAck();  // {"result":0,"errmsg":"OK"}

}  // namespace civicdesk::channels
