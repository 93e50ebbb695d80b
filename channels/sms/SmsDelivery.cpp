#include "channels/sms/SmsDelivery.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <utility>

#include "channels/FormBody.hpp"
#include "channels/sms/SmsJson.hpp"
#include "channels/sms/TwilioRequest.hpp"

namespace civicdesk::channels {

namespace {

using nlohmann::json;

// Each item's reading, shared by both gateways' arrays; `where` is "item N: ".
using ItemReader = Expected<SmsDeliveryReport, std::string> (*)(const json&, const std::string&);

Expected<std::vector<SmsDeliveryReport>, ChannelError> readArray(std::string_view body,
                                                                 ItemReader read) {
  const json document = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) return unexpected(badRequest("body is not JSON"));
  if (!document.is_array()) return unexpected(badRequest("body is not a JSON array"));
  // All or nothing, for the reason AliyunSmsAdapter gives: the answer is per push.
  std::vector<SmsDeliveryReport> reports;
  for (std::size_t i = 0; i < document.size(); ++i) {
    const std::string where = "item " + std::to_string(i) + ": ";
    if (!document[i].is_object()) return unexpected(badRequest(where + "is not an object"));
    Expected<SmsDeliveryReport, std::string> report = read(document[i], where);
    if (!report) return unexpected(badRequest(report.error()));
    reports.push_back(std::move(report).value());
  }
  return reports;
}

Expected<SmsDeliveryReport, std::string> aliyunItem(const json& item, const std::string& where) {
  auto bizId = smsjson::text(item, "biz_id", where);
  if (!bizId) return unexpected(bizId.error());
  auto success = smsjson::boolean(item, "success", where);
  if (!success) return unexpected(success.error());
  auto errCode = smsjson::optionalText(item, "err_code", where);
  if (!errCode) return unexpected(errCode.error());
  return SmsDeliveryReport{std::move(bizId).value(), *success ? "delivered" : "undelivered",
                           std::move(errCode).value()};
}

Expected<SmsDeliveryReport, std::string> tencentItem(const json& item, const std::string& where) {
  auto sid = smsjson::text(item, "sid", where);
  if (!sid) return unexpected(sid.error());
  auto status = smsjson::text(item, "report_status", where);
  if (!status) return unexpected(status.error());
  if (*status != "SUCCESS" && *status != "FAIL") {
    return unexpected(where + "report_status is neither SUCCESS nor FAIL");
  }
  auto errmsg = smsjson::optionalText(item, "errmsg", where);
  if (!errmsg) return unexpected(errmsg.error());
  return SmsDeliveryReport{std::move(sid).value(),
                           *status == "SUCCESS" ? "delivered" : "undelivered",
                           std::move(errmsg).value()};
}

}  // namespace

Expected<SmsDeliveryReport, ChannelError> parseTwilioStatus(const HttpRequest& request,
                                                            const TwilioConfig& config) {
  Expected<FormFields, ChannelError> fields = verifiedTwilioForm(request, config);
  if (!fields) return unexpected(fields.error());
  const std::string* sid = formValue(*fields, "MessageSid");
  if (sid == nullptr) sid = formValue(*fields, "SmsSid");
  if (sid == nullptr || sid->empty()) return unexpected(badRequest("missing MessageSid"));
  const std::string* status = formValue(*fields, "MessageStatus");
  if (status == nullptr) status = formValue(*fields, "SmsStatus");
  if (status == nullptr || status->empty()) return unexpected(badRequest("missing MessageStatus"));
  const std::string* errorCode = formValue(*fields, "ErrorCode");
  return SmsDeliveryReport{*sid, *status, errorCode == nullptr ? "" : *errorCode};
}

Expected<std::vector<SmsDeliveryReport>, ChannelError> parseAliyunSmsReportBody(
    std::string_view body) {
  return readArray(body, &aliyunItem);
}

Expected<std::vector<SmsDeliveryReport>, ChannelError> parseAliyunSmsReport(
    const HttpRequest& request, const ChinaSmsPushConfig& config) {
  if (std::optional<ChannelError> refusal = refuseChinaSmsPush(request, config)) {
    return unexpected(std::move(*refusal));
  }
  return parseAliyunSmsReportBody(request.body);
}

Expected<std::vector<SmsDeliveryReport>, ChannelError> parseTencentSmsStatusBody(
    std::string_view body) {
  return readArray(body, &tencentItem);
}

Expected<std::vector<SmsDeliveryReport>, ChannelError> parseTencentSmsStatus(
    const HttpRequest& request, const ChinaSmsPushConfig& config) {
  if (std::optional<ChannelError> refusal = refuseChinaSmsPush(request, config)) {
    return unexpected(std::move(*refusal));
  }
  return parseTencentSmsStatusBody(request.body);
}

int smsStatusRank(std::string_view status) {
  if (status == "accepted" || status == "scheduled" || status == "queued") return 1;
  if (status == "sending" || status == "receiving") return 2;
  if (status == "sent") return 3;
  if (status == "partially_delivered") return 4;
  if (status == "delivered" || status == "undelivered" || status == "failed" ||
      status == "canceled" || status == "received") {
    return 5;
  }
  if (status == "read") return 6;
  return 0;
}

bool smsStatusAdvances(std::string_view from, std::string_view to) {
  return smsStatusRank(to) > smsStatusRank(from);
}

}  // namespace civicdesk::channels
