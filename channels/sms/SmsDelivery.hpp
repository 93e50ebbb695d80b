#pragma once
// Delivery reports for the SMS we send: Twilio status callbacks (PROTOCOLS.md §3.4), Aliyun
// SmsReport (§3.5) and Tencent status callbacks (§3.6), in one shape, and the order in which
// statuses may replace each other.
#include <string>
#include <string_view>
#include <vector>

#include "channels/Http.hpp"
#include "channels/sms/ChinaSmsPush.hpp"
#include "channels/sms/TwilioConfig.hpp"
#include "util/Expected.hpp"

namespace civicdesk::channels {

struct SmsDeliveryReport {
  std::string providerId;  // the id the sender returned: Twilio MessageSid, Aliyun BizId,
                           // Tencent SerialNo (sid)
  std::string status;      // Twilio's vocabulary: "sent", "delivered", "undelivered", ...
  std::string errorCode;   // Twilio ErrorCode, Aliyun err_code, Tencent errmsg; "" if none
  bool operator==(const SmsDeliveryReport&) const = default;
};

// A Twilio status callback, checked as an inbound webhook is (verifiedTwilioForm: 405, 413,
// 415, 400, 403 on a bad signature or another AccountSid), then: providerId MessageSid,
// status MessageStatus (the legacy SmsStatus when absent), errorCode ErrorCode. 400 when
// MessageSid or the status is missing.
Expected<SmsDeliveryReport, ChannelError> parseTwilioStatus(const HttpRequest& request,
                                                            const TwilioConfig& config);

// An Aliyun SmsReport push: the common push checks (refuseChinaSmsPush), then a JSON array
// of {biz_id, success, err_code, ...} → providerId biz_id, status "delivered" when success
// else "undelivered", errorCode err_code ("DELIVERED", "MK:0001"...). All or nothing: 400 for
// any bad item (the reason is the one AliyunSmsAdapter gives). Answer with aliyunPushAck().
Expected<std::vector<SmsDeliveryReport>, ChannelError> parseAliyunSmsReport(
    const HttpRequest& request, const ChinaSmsPushConfig& config);
Expected<std::vector<SmsDeliveryReport>, ChannelError> parseAliyunSmsReportBody(
    std::string_view body);

// A Tencent status callback: the common push checks, then a JSON array of {sid,
// report_status SUCCESS|FAIL, errmsg, ...} → providerId sid, status "delivered" for SUCCESS
// else "undelivered", errorCode errmsg ("DELIVRD"...). All or nothing. Answer with
// tencentPushAck().
Expected<std::vector<SmsDeliveryReport>, ChannelError> parseTencentSmsStatus(
    const HttpRequest& request, const ChinaSmsPushConfig& config);
Expected<std::vector<SmsDeliveryReport>, ChannelError> parseTencentSmsStatusBody(
    std::string_view body);

// Where a status stands in a message's life. Callbacks arrive out of order (§3.4), so a
// report is applied only when it advances the stored status:
//   0  anything unknown (so any known status replaces it, and it replaces nothing)
//   1  accepted, scheduled, queued          (before Twilio sends; never called back)
//   2  sending, receiving
//   3  sent
//   4  partially_delivered                  (some recipients or segments)
//   5  delivered, undelivered, failed, canceled, received   (final outcomes)
//   6  read                                  (only after delivery, so above it)
// Final outcomes share a rank: the first one stored stays. A "delivered" followed by a late
// "undelivered" is a carrier contradicting itself; keeping the first is as good a guess as
// any and, above all, stable.
int smsStatusRank(std::string_view status);

// Whether a report with status `to` replaces the stored status `from`: rank(to) > rank(from).
// "delivered" then "sent" ends as delivered.
bool smsStatusAdvances(std::string_view from, std::string_view to);

}  // namespace civicdesk::channels
