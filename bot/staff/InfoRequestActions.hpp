#pragma once
// Carries out the information-request workflow (workflows/info_requests/InfoRequestWorkflow)
// against the store, like ComplaintActions for complaints: loads a request, asks the workflow
// what an action does, and executes every effect (deadlines opened, met, cancelled, paused,
// resumed or extended; notices to the applicant and to the unit's staff; the event) inside the
// caller's transaction, so a refused action changes nothing.
#include <cstdint>
#include <optional>
#include <string>

#include "bot/DeadlineKeeper.hpp"
#include "bot/Log.hpp"
#include "bot/staff/CitizenNotifier.hpp"
#include "dialogs/Templates.hpp"
#include "store/Store.hpp"
#include "util/Expected.hpp"
#include "workflows/UnitDirectory.hpp"
#include "workflows/info_requests/InfoRequestWorkflow.hpp"

namespace civicdesk::bot {

class InfoRequestActions {
 public:
  InfoRequestActions(store::Store& store, DeadlineKeeper& deadlines,
                     const dialogs::Templates& templates, const workflows::UnitDirectory& units,
                     Log& log, CitizenNotifier& notifier);

  struct Registered {
    workflows::InfoRequest request;
    std::string replyDue;  // "2026-12-25"
  };
  // Registers a complete application received on `channel` at `now` (for an online
  // application the acknowledgement is the receipt), opens its deadlines and tells the unit.
  // Inside the caller's transaction. Invalid: a missing item (field = the item), or a unit not
  // in the directory.
  Expected<Registered, workflows::WorkflowError> registerApplication(
      const workflows::Application& application, const std::string& channel, std::int64_t citizenId,
      const workflows::Actor& actor, std::int64_t now);

  // One action; NotFound is WorkflowError::Invalid with field "case_no" (404 for the API).
  Expected<workflows::InfoRequest, workflows::WorkflowError> apply(
      const std::string& caseNo, const workflows::InfoRequestAction& action,
      const workflows::Actor& actor, std::int64_t now);

  // The applicant's own supplement (a message beginning "补正"), for their request that waits
  // for one; returns the request's number, or nullopt when none of theirs waits.
  std::optional<std::string> supplementFromApplicant(std::int64_t citizenId,
                                                     const std::string& text, std::int64_t now);
  // The applicant's supplement to request `caseNo` (a mail in its thread). False when the
  // request does not wait for one (the refusal is logged).
  bool supplement(const std::string& caseNo, std::int64_t citizenId, const std::string& text,
                  std::int64_t now);

  // The timer hook: the supplement period of `caseId` ran out → deemed withdrawn (Art. 30).
  // Does nothing when the request is no longer waiting for a supplement.
  void supplementPeriodExpired(std::int64_t caseId, std::int64_t now);

 private:
  Expected<workflows::InfoRequest, workflows::WorkflowError> execute(
      workflows::InfoRequest request, const workflows::InfoRequestStep& step,
      const workflows::Actor& actor, const std::string& action, std::int64_t now);

  store::Store& store_;
  DeadlineKeeper& deadlines_;
  const dialogs::Templates& templates_;
  const workflows::UnitDirectory& units_;
  Log& log_;
  CitizenNotifier& notifier_;
};

}  // namespace civicdesk::bot
