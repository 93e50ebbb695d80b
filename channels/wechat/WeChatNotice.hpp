#pragma once
// How a plain-text notice to a citizen (acceptance, extension, feedback...) is laid onto a
// generic WeChat template message (模板消息, PROTOCOLS.md §1.7) when the customer-service
// window is closed (45015/45047). A template has fixed fields, our notices are free text, so
// the mapping is deliberately dumb and predictable:
//
//   first    the text's first line; when the text is one line (our notices are), its first
//            sentence, up to and including the first "。", "！" or "？"
//   keyword1 the first case number in the text ("TS-2026-000123"), or "" when there is none
//   remark   everything after `first`, trimmed; "" when nothing is left
//
// The template the district picks in the 公众号 console therefore needs {{first.DATA}},
// {{keyword1.DATA}} (labelled e.g. 案件编号) and {{remark.DATA}}. Caveat (unverified, from a
// secondary source summarising WeChat's 2023-03/05 announcements, kejiweixun.com/note/
// 202303241915): templates no longer display first and remark, and WeChat shortens each
// keyword to 20 characters instead of refusing it. On such an account only the case number
// shows, and the citizen has to open the account for the full text.
#include <string>
#include <string_view>

namespace civicdesk::channels {

struct NoticeFields {
  std::string first;
  std::string caseNumber;  // keyword1
  std::string remark;
  bool operator==(const NoticeFields&) const = default;
};

// The fields for `text` (invalid UTF-8 replaced, surrounding white space trimmed).
NoticeFields splitNotice(std::string_view text);

// The first "TS-YYYY-NNNNNN" in `text`, or "". The canonical form formatCaseNumber
// (workflows/complaints) writes into every notice; matched here because channels must not
// depend on the workflows.
std::string findCaseNumber(std::string_view text);

}  // namespace civicdesk::channels
