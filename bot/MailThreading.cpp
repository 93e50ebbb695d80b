#include "bot/MailThreading.hpp"

#include <nlohmann/json.hpp>

#include "channels/email/MailComposer.hpp"
#include "store/MailThreads.hpp"

namespace civicdesk::bot {

std::string caseNoticeHeaders(store::Store& store, std::int64_t citizenId, std::int64_t caseId,
                              const std::string& caseNo, const std::string& subject,
                              const std::string& domain, std::int64_t now) {
  store::MailThreads threads(store);
  nlohmann::json headers{{"subject", subject},
                         {"message_id", channels::newMessageId(caseNo, domain)}};
  if (auto latest = threads.latestFor(citizenId, caseId)) {
    headers["in_reply_to"] = *latest;
    headers["references"] = nlohmann::json::array({*latest});
  }
  threads.record(headers["message_id"], citizenId, caseId, true, now);
  return headers.dump();
}

}  // namespace civicdesk::bot
