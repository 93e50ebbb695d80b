#pragma once
// A notice the rules owe a citizen about their case (a complaint or an information request):
// rendered in the wording of the case's channel, sent by the outbox where that channel has a
// sender (threaded on email), otherwise recorded in the case history for staff to deliver by
// hand (a visit, a letter, a landline).
#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include "dialogs/Templates.hpp"
#include "store/Store.hpp"

namespace civicdesk::bot {

class CitizenNotifier {
 public:
  CitizenNotifier(store::Store& store, const dialogs::Templates& templates,
                  std::function<bool(const std::string& channel)> canDeliver)
      : store_(store), templates_(templates), canDeliver_(std::move(canDeliver)) {}

  // Mails are threaded with Message-IDs in this domain.
  void threadEmailIn(std::string domain) { mailDomain_ = std::move(domain); }

  struct Recipient {
    std::int64_t citizenId = 0;
    std::string channel;  // the case's channel
    std::int64_t caseId = 0;
    std::string caseNo;
  };
  // Inside the caller's transaction; `key` makes it once only. values["case_no"] is set.
  // Returns true when it went to the outbox, false when it is owed by hand.
  bool notify(const Recipient& to, const std::string& templateKey,
              std::map<std::string, std::string> values, const std::string& key, std::int64_t now);

 private:
  store::Store& store_;
  const dialogs::Templates& templates_;
  std::function<bool(const std::string&)> canDeliver_;
  std::string mailDomain_ = "civicdesk.invalid";
};

}  // namespace civicdesk::bot
