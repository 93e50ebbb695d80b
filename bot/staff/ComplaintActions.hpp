#pragma once
// Carries out the complaint workflow (workflows/complaints/ComplaintWorkflow) against the
// store: loads a case, asks the workflow what an action does, and executes every effect it
// returns (deadlines, notices to the complainant and to staff, the linked case of a transfer,
// investigation tasks, the event) inside the caller's transaction, so a refused action
// changes nothing and an accepted one changes everything it must, together.
#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include "bot/DeadlineKeeper.hpp"
#include "bot/Log.hpp"
#include "bot/staff/CitizenNotifier.hpp"
#include "dialogs/Templates.hpp"
#include "store/Store.hpp"
#include "util/Expected.hpp"
#include "workflows/UnitDirectory.hpp"
#include "workflows/calendar/WorkingDayCalendar.hpp"
#include "workflows/complaints/ComplaintWorkflow.hpp"

namespace civicdesk::bot {

class ComplaintActions {
 public:
  ComplaintActions(store::Store& store, DeadlineKeeper& deadlines,
                   const dialogs::Templates& templates, const workflows::UnitDirectory& units,
                   const workflows::WorkingDayCalendar& calendar, Log& log,
                   std::function<bool(const std::string& channel)> canDeliver);

  // Inside the caller's transaction. NotFound is reported as WorkflowError::Invalid with
  // field "case_no" (the API maps it to 404).
  Expected<workflows::ComplaintCase, workflows::WorkflowError> apply(
      const std::string& caseNo, const workflows::WorkflowAction& action,
      const workflows::Actor& actor, std::int64_t now);

  // Where a complaint registered outside the dialogs came from.
  struct Intake {
    std::string channel;  // the case's channel: where its notices go ("sms", "phone", ...)
    std::int64_t citizenId = 0;
    std::int64_t receivedAt = 0;  // when it reached us (a call's end, Art. 5)
    std::string how;              // for the record: "visit", "hotline", ...
  };
  struct Registered {
    workflows::ComplaintCase c;
    std::string acceptanceDue;  // "2026-12-02"
  };
  // Registers a complete complaint (Art. 8 items, a unit of the directory), opens its
  // acceptance deadline from receipt and tells the receiving department's staff. Inside the
  // caller's transaction.
  Expected<Registered, workflows::WorkflowError> registerIntake(
      const workflows::ComplaintForm& form, const Intake& intake, const workflows::Actor& actor,
      std::int64_t now);

  // Art. 5: a complaint that came by visit, letter, phone or fax, registered by staff.
  // Inside the caller's transaction.
  Expected<workflows::ComplaintCase, workflows::WorkflowError> registerByStaff(
      const workflows::ComplaintForm& form, const std::string& how, const workflows::Actor& actor,
      std::int64_t now);

  // A notice to the complainant of `c` on the case's channel, by the outbox where a sender
  // exists (returns true); otherwise recorded for staff to deliver by hand (false). Inside the
  // caller's transaction; `key` makes it once only.
  bool notifyCitizen(const workflows::ComplaintCase& c, const std::string& templateKey,
                     std::map<std::string, std::string> values, const std::string& key,
                     std::int64_t now);

  // Notices to complainants who wrote by email are threaded, with Message-IDs in `domain`.
  void threadEmailIn(std::string domain) { notifier_.threadEmailIn(std::move(domain)); }

 private:
  Expected<workflows::ComplaintCase, workflows::WorkflowError> execute(
      workflows::ComplaintCase c, const workflows::WorkflowStep& step,
      const workflows::Actor& actor, const std::string& action, std::int64_t now);

  store::Store& store_;
  DeadlineKeeper& deadlines_;
  const dialogs::Templates& templates_;
  const workflows::UnitDirectory& units_;
  const workflows::WorkingDayCalendar& calendar_;
  Log& log_;
  // Whether the outbox can send on a channel (a sender is configured for it).
  CitizenNotifier notifier_;
};

}  // namespace civicdesk::bot
