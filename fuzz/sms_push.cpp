// The JSON the Chinese SMS gateways push (PROTOCOLS.md §3.5, §3.6): Aliyun's SmsUp and
// SmsReport arrays, Tencent's reply object and status array. Every input goes to all four
// parsers: they share the JSON reading (SmsJson), and a seed for one is a mutation away from
// the others.
#include <cstdint>
#include <vector>

#include "channels/sms/AliyunSmsAdapter.hpp"
#include "channels/sms/SmsDelivery.hpp"
#include "channels/sms/TencentSmsAdapter.hpp"
#include "fuzz/FuzzSupport.hpp"

using namespace civicdesk;
using namespace civicdesk::channels;

namespace {

void checkMessage(const InboundMessage& message) {
  fuzz::require(message.channel == "sms" && message.kind == InboundKind::Text);
  fuzz::require(!message.platformId.empty() && message.from.starts_with("+"));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body = fuzz::asText(data, size);

  if (const auto up = parseAliyunSmsUp(body)) {
    for (const InboundMessage& message : *up) checkMessage(message);
  } else {
    fuzz::require(up.error().status == 400);
  }
  if (const auto reply = parseTencentReply(body)) {
    checkMessage(*reply);
  } else {
    fuzz::require(reply.error().status == 400);
  }
  for (const auto& reports : {parseAliyunSmsReportBody(body), parseTencentSmsStatusBody(body)}) {
    if (!reports) {
      fuzz::require(reports.error().status == 400);
      continue;
    }
    for (const SmsDeliveryReport& report : *reports) {
      fuzz::require(report.status == "delivered" || report.status == "undelivered");
    }
  }
  return 0;
}
