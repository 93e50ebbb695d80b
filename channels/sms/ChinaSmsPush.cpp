#include "channels/sms/ChinaSmsPush.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstring>
#include <stdexcept>

#include "channels/Signature.hpp"

namespace civicdesk::channels {

namespace {

// An address as its network-order bytes (4 for IPv4, 16 for IPv6), or nothing.
std::optional<std::vector<unsigned char>> addressBytes(const std::string& text) {
  std::array<unsigned char, 16> buffer{};
  if (inet_pton(AF_INET, text.c_str(), buffer.data()) == 1) {
    return std::vector<unsigned char>(buffer.begin(), buffer.begin() + 4);
  }
  if (inet_pton(AF_INET6, text.c_str(), buffer.data()) == 1) {
    return std::vector<unsigned char>(buffer.begin(), buffer.end());
  }
  return std::nullopt;
}

struct Range {
  std::vector<unsigned char> network;
  int prefixBits = 0;
};

std::optional<Range> parseRange(std::string_view entry) {
  const std::size_t slash = entry.find('/');
  std::optional<std::vector<unsigned char>> network =
      addressBytes(std::string(entry.substr(0, slash)));
  if (!network) return std::nullopt;
  const int maxBits = static_cast<int>(network->size() * 8);
  int bits = maxBits;
  if (slash != std::string_view::npos) {
    const std::string_view digits = entry.substr(slash + 1);
    auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), bits);
    if (digits.empty() || ec != std::errc() || ptr != digits.data() + digits.size() || bits < 0 ||
        bits > maxBits) {
      return std::nullopt;
    }
  }
  return Range{std::move(*network), bits};
}

bool inRange(const std::vector<unsigned char>& address, const Range& range) {
  if (address.size() != range.network.size()) return false;
  for (int bit = 0; bit < range.prefixBits; ++bit) {
    const unsigned char mask = static_cast<unsigned char>(0x80 >> (bit % 8));
    if ((address[bit / 8] & mask) != (range.network[bit / 8] & mask)) return false;
  }
  return true;
}

}  // namespace

void validateChinaSmsPushConfig(const ChinaSmsPushConfig& config) {
  if (config.pathToken.empty()) throw std::invalid_argument("SMS push pathToken must be set");
  for (const std::string& entry : config.allowedAddresses) {
    if (!parseRange(entry)) {
      throw std::invalid_argument("SMS push allowedAddresses: not an address or range: " + entry);
    }
  }
}

bool addressAllowed(std::string_view address, const std::vector<std::string>& allowed) {
  if (allowed.empty()) return true;
  std::optional<std::vector<unsigned char>> bytes = addressBytes(std::string(address));
  if (!bytes) return false;
  return std::any_of(allowed.begin(), allowed.end(), [&](const std::string& entry) {
    const std::optional<Range> range = parseRange(entry);
    return range && inRange(*bytes, *range);
  });
}

std::optional<ChannelError> refuseChinaSmsPush(const HttpRequest& request,
                                               const ChinaSmsPushConfig& config) {
  const std::string token = request.pathParams.empty() ? "" : request.pathParams.front();
  if (config.pathToken.empty() || !constantTimeEquals(token, config.pathToken)) {
    return channelError(404, "not found");
  }
  if (!addressAllowed(request.remoteAddress, config.allowedAddresses)) {
    return channelError(403, "peer address not allowed");
  }
  if (request.method != "POST") return channelError(405, "SMS pushes are POSTs");
  if (request.body.size() > config.maxBodyBytes) {
    return channelError(413, "body larger than " + std::to_string(config.maxBodyBytes));
  }
  return std::nullopt;
}

Expected<std::string, std::string> chinaE164(std::string_view phone) {
  std::string digits;
  bool plus = false;
  for (std::size_t i = 0; i < phone.size(); ++i) {
    const char c = phone[i];
    if (c == ' ' || c == '-') continue;
    if (c == '+' && digits.empty() && !plus) {
      plus = true;
      continue;
    }
    if (!std::isdigit(static_cast<unsigned char>(c))) {
      return unexpected("not a phone number: " + std::string(phone));
    }
    digits += c;
  }
  if (plus || digits.rfind("0086", 0) == 0) {
    const std::size_t prefix = plus ? 2 : 4;
    if (digits.compare(0, prefix, plus ? "86" : "0086") != 0) {
      return unexpected("not a mainland number: " + std::string(phone));
    }
    digits.erase(0, prefix);
  } else if (digits.size() == 13 && digits.rfind("86", 0) == 0) {
    digits.erase(0, 2);
  }
  if (digits.size() < 5 || digits.size() > 15) {
    return unexpected("not a phone number: " + std::string(phone));
  }
  return "+86" + digits;
}

Expected<std::int64_t, std::string> shanghaiTimeToUnix(std::string_view text) {
  // Fixed positions: "2026-03-01 08:30:00".
  static constexpr std::string_view kShape = "dddd-dd-dd dd:dd:dd";
  if (text.size() != kShape.size())
    return unexpected("not yyyy-MM-dd HH:mm:ss: " + std::string(text));
  for (std::size_t i = 0; i < kShape.size(); ++i) {
    const bool digit = std::isdigit(static_cast<unsigned char>(text[i])) != 0;
    if (kShape[i] == 'd' ? !digit : text[i] != kShape[i]) {
      return unexpected("not yyyy-MM-dd HH:mm:ss: " + std::string(text));
    }
  }
  auto number = [&](std::size_t at, std::size_t length) {
    int value = 0;
    for (std::size_t i = at; i < at + length; ++i) value = value * 10 + (text[i] - '0');
    return value;
  };
  const int year = number(0, 4), month = number(5, 2), day = number(8, 2);
  const int hour = number(11, 2), minute = number(14, 2), second = number(17, 2);
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int monthDays =
      month == 2 && leap ? 29 : (month >= 1 && month <= 12 ? kDays[month - 1] : 0);
  if (year < 1970 || day < 1 || day > monthDays || hour > 23 || minute > 59 || second > 59) {
    return unexpected("not a valid time: " + std::string(text));
  }
  // Days from the civil date (H. Hinnant's days_from_civil), then UTC+8 taken off.
  const int y = month <= 2 ? year - 1 : year;
  const int era = y / 400;
  const int yearOfEra = y - era * 400;
  const int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
  const std::int64_t days = static_cast<std::int64_t>(era) * 146097 + dayOfEra - 719468;
  return days * 86400 + hour * 3600 + minute * 60 + second - 8 * 3600;
}

HttpResponse aliyunPushAck() {
  return jsonResponse(R"({"code":0,"msg":"接收成功"})");
}

HttpResponse tencentPushAck() {
  return jsonResponse(R"({"result":0,"errmsg":"OK"})");
}

}  // namespace civicdesk::channels
