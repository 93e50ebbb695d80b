#include "bot/staff/CitizenNotifier.hpp"

#include <nlohmann/json.hpp>

#include "bot/MailThreading.hpp"
#include "store/Citizens.hpp"
#include "store/EventLog.hpp"
#include "store/Outbox.hpp"

namespace civicdesk::bot {

bool CitizenNotifier::notify(const Recipient& to, const std::string& templateKey,
                             std::map<std::string, std::string> values, const std::string& key,
                             std::int64_t now) {
  values.emplace("case_no", to.caseNo);
  // The channel's own wording where the file has one (short SMS texts, "key@sms").
  const std::string text = templates_.forChannel(to.channel).render(templateKey, values);
  auto address = store::Citizens(store_).address(to.citizenId, to.channel);
  if (address && canDeliver_ && canDeliver_(to.channel)) {
    // The case's own channel ("each on the channel the complaint came in by").
    store::OutboxItem item;
    item.channel = to.channel;
    item.recipient = *address;
    item.text = text;
    item.idempotencyKey = key;
    item.citizenId = to.citizenId;
    item.caseId = to.caseId;
    if (to.channel == "email") {
      item.headersJson = caseNoticeHeaders(
          store_, to.citizenId, to.caseId, to.caseNo,
          templates_.render("email.subject.notice", {{"case_no", to.caseNo}}), mailDomain_, now);
    }
    store::Outbox(store_).enqueue(item, now);
    return true;
  }
  // A visit, letter, phone call or fax (or the terminal chat): staff deliver it the same way;
  // the case history shows it as owed.
  store::EventLog(store_).append({0, to.caseId, "citizen.notice.manual", "system", now,
                                  nlohmann::json{{"channel", to.channel}, {"text", text}}.dump()});
  return false;
}

}  // namespace civicdesk::bot
