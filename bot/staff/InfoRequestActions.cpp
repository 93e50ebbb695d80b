#include "bot/staff/InfoRequestActions.hpp"

#include <nlohmann/json.hpp>

#include "bot/staff/EffectSupport.hpp"
#include "store/Deadlines.hpp"
#include "store/EventLog.hpp"
#include "store/InfoRequests.hpp"
#include "util/Overloaded.hpp"
#include "workflows/LocalTime.hpp"
#include "workflows/deadlines/DeadlineRules.hpp"

namespace civicdesk::bot {

using nlohmann::json;
using workflows::WorkflowError;

using effects::dueKey;
using effects::invalid;

InfoRequestActions::InfoRequestActions(store::Store& store, DeadlineKeeper& deadlines,
                                       const dialogs::Templates& templates,
                                       const workflows::UnitDirectory& units, Log& log,
                                       CitizenNotifier& notifier)
    : store_(store),
      deadlines_(deadlines),
      templates_(templates),
      units_(units),
      log_(log),
      notifier_(notifier) {}

Expected<InfoRequestActions::Registered, WorkflowError> InfoRequestActions::registerApplication(
    const workflows::Application& application, const std::string& channel, std::int64_t citizenId,
    const workflows::Actor& actor, std::int64_t now) {
  if (auto missing = workflows::missingApplicationItems(application); !missing.empty()) {
    return unexpected(invalid(missing.front(), "required by the regulation's Art. 29"));
  }
  if (units_.find(application.unitId) == nullptr) {
    return unexpected(invalid("unit", "not a unit of the directory"));
  }
  workflows::InfoRequest request;
  request.application = application;
  request.status = workflows::InfoRequestStatus::Registered;
  request.citizenId = citizenId;
  request.channel = channel;
  request.receivedAt = now;
  request = store::InfoRequests(store_).registerRequest(request);
  std::map<std::string, std::string> dates;
  for (const auto& effect : workflows::registrationEffects(request, now)) {
    if (const auto* open = std::get_if<workflows::OpenDeadline>(&effect)) {
      const auto id = deadlines_.open(open->ruleId, {request.id, request.caseNo, open->unitId},
                                      open->triggerAt, now);
      dates[dueKey(open->ruleId)] = deadlines_.dueDate(id);
    }
  }
  deadlines_.notifyStaff(
      application.unitId,
      templates_.render("staff.info.task.new",
                        {{"case_no", request.caseNo},
                         {"reply_due", dates["reply_due"]},
                         {"supplement_notice_due", dates["supplement_notice_due"]}}),
      "staff:" + request.caseNo + ":staff.info.task.new", request.id, now);
  store::EventLog(store_).append({0, request.id, "info_request.registered", actor.id, now,
                                  json{{"channel", channel},
                                       {"unit", application.unitId},
                                       {"basis", "政府信息公开条例 第三十一条"}}
                                      .dump()});
  return Registered{std::move(request), dates["reply_due"]};
}

Expected<workflows::InfoRequest, WorkflowError> InfoRequestActions::apply(
    const std::string& caseNo, const workflows::InfoRequestAction& action,
    const workflows::Actor& actor, std::int64_t now) {
  store::InfoRequests requests(store_);
  auto request = requests.byNumber(caseNo);
  if (!request) return unexpected(invalid("case_no", "no information request " + caseNo));
  const auto state =
      workflows::infoRequestStateFromJson(json::parse(requests.workflowJson(request->id)));
  workflows::InfoRequestAction filled = action;
  if (auto* ask = std::get_if<workflows::RequestSupplementAction>(&filled);
      ask != nullptr && !ask->workingDays) {
    // The period's one home is the info_request.supplement_period rule (configurable).
    if (const auto* rule =
            deadlines_.rules().find(workflows::rule_ids::kInfoRequestSupplementPeriod)) {
      ask->workingDays = rule->period.count;
    }
  }
  auto step = workflows::applyInfoRequestAction(*request, state, filled, actor, now);
  if (!step) return unexpected(step.error());
  return execute(std::move(*request), *step, actor, std::string(workflows::actionName(action)),
                 now);
}

Expected<workflows::InfoRequest, WorkflowError> InfoRequestActions::execute(
    workflows::InfoRequest request, const workflows::InfoRequestStep& step,
    const workflows::Actor& actor, const std::string& action, std::int64_t now) {
  std::map<std::string, std::string> dates;
  std::optional<std::int64_t> restartedAt;
  std::vector<const workflows::CitizenNotice*> citizenNotices;
  std::vector<const workflows::StaffNotice*> staffNotices;
  const DeadlineKeeper::Subject subject{request.id, request.caseNo, request.application.unitId};
  auto openDeadline = [&](const std::string& ruleId) {
    return deadlines_.openDeadlineOf(request.id, ruleId);
  };

  for (const auto& effect : step.effects) {
    std::optional<WorkflowError> failed;
    std::visit(Overloaded{
                   [&](const workflows::OpenDeadline& e) {
                     const auto id = deadlines_.open(
                         e.ruleId, {request.id, request.caseNo, e.unitId}, e.triggerAt, now);
                     dates[dueKey(e.ruleId)] = deadlines_.dueDate(id);
                     // The reply clock opened again: the receipt is now (Art. 30, a supplement).
                     if (e.ruleId == workflows::rule_ids::kInfoRequestReply)
                       restartedAt = e.triggerAt;
                   },
                   [&](const workflows::OpenDeadlineWithPeriod& e) {
                     const auto id =
                         deadlines_.open(e.ruleId, {request.id, request.caseNo, e.unitId},
                                         e.triggerAt, now, e.period);
                     dates[dueKey(e.ruleId)] = deadlines_.dueDate(id);
                   },
                   [&](const workflows::MeetDeadline& e) {
                     if (auto id = openDeadline(e.ruleId)) deadlines_.meet(*id, now);
                   },
                   [&](const workflows::CancelDeadline& e) {
                     if (auto id = openDeadline(e.ruleId))
                       store::Deadlines(store_).cancel(*id, now);
                   },
                   [&](const workflows::PauseDeadline& e) {
                     if (auto id = openDeadline(e.ruleId)) {
                       auto paused = deadlines_.pause(*id, e.reason, now);
                       if (!paused)
                         failed = effects::fromDeadlineError(paused.error(), "workingDays");
                     }
                   },
                   [&](const workflows::ResumeDeadline& e) {
                     if (auto id = openDeadline(e.ruleId)) {
                       auto resumed = deadlines_.resume(*id, now);
                       if (!resumed) {
                         failed = effects::fromDeadlineError(resumed.error(), "workingDays");
                         return;
                       }
                       dates[dueKey(e.ruleId)] = workflows::formatDate(*resumed);
                     }
                   },
                   [&](const workflows::ExtendDeadlineBy& e) {
                     auto id = openDeadline(e.ruleId);
                     if (!id) {
                       failed = WorkflowError{WorkflowError::Code::NotAllowedNow, "",
                                              "no open deadline " + e.ruleId + " to extend"};
                       return;
                     }
                     auto due = deadlines_.extend(*id, {e.units, e.approver, now, e.reason}, now);
                     if (!due) {
                       failed = effects::fromDeadlineError(due.error(), "workingDays");
                       return;
                     }
                     dates[dueKey(e.ruleId)] = workflows::formatDate(*due);
                   },
                   [&](const workflows::CitizenNotice& e) { citizenNotices.push_back(&e); },
                   [&](const workflows::StaffNotice& e) { staffNotices.push_back(&e); },
               },
               effect);
    if (failed) return unexpected(*failed);
  }

  // The texts call the supplement period's last day {supplement_due}.
  if (auto it = dates.find(
          effects::dueKey(std::string(workflows::rule_ids::kInfoRequestSupplementPeriod)));
      it != dates.end()) {
    dates["supplement_due"] = it->second;
  }
  // Notices last: they quote the dates the deadlines above just got.
  auto withDates = [&](std::map<std::string, std::string> values) {
    for (const auto& [k, v] : dates) values.emplace(k, v);
    if (auto rule = values.find("deadline_rule"); rule != values.end()) {
      if (auto id = openDeadline(rule->second)) values.emplace("due", deadlines_.dueDate(*id));
    }
    // A reply that comes with a download link says so; without one, nothing.
    if (auto url = values.find("attachment_url"); url != values.end()) {
      values["attachment"] = url->second.empty() ? ""
                                                 : templates_.render("citizen.info.attachment",
                                                                     {{"url", url->second}});
    }
    if (auto unit = values.find("right_unit"); unit != values.end()) {
      if (const auto* u = units_.find(unit->second)) unit->second = u->name;
      if (unit->second.empty()) unit->second = templates_.render("citizen.info.right_unit.unknown");
    }
    values.emplace("case_no", request.caseNo);
    return values;
  };
  for (const auto* notice : staffNotices) {
    deadlines_.notifyStaff(
        notice->unitId, templates_.render(notice->templateKey, withDates(notice->values)),
        "staff:" + request.caseNo + ":" + notice->templateKey + ":" + std::to_string(now),
        request.id, now);
  }
  for (const auto* notice : citizenNotices) {
    notifier_.notify(
        {request.citizenId, request.channel, request.id, request.caseNo}, notice->templateKey,
        withDates(notice->values),
        "citizen:" + request.caseNo + ":" + notice->templateKey + ":" + std::to_string(now), now);
  }

  store::InfoRequests(store_).update(request.id, step.status, workflows::toJson(step.state).dump(),
                                     step.application, restartedAt, now);
  store::EventLog(store_).append({0, request.id, step.event, actor.id, now,
                                  json{{"action", action},
                                       {"basis", step.basis},
                                       {"reason", step.reason},
                                       {"role", actor.role},
                                       {"status", std::string(workflows::toString(step.status))}}
                                      .dump()});
  log_.info("info_request.action",
            {{"case_no", request.caseNo}, {"action", action}, {"actor", actor.id}});
  request.status = step.status;
  if (step.application) request.application = *step.application;
  if (restartedAt) request.receivedAt = *restartedAt;
  return request;
}

std::optional<std::string> InfoRequestActions::supplementFromApplicant(std::int64_t citizenId,
                                                                       const std::string& text,
                                                                       std::int64_t now) {
  // The latest of the citizen's requests that waits for a supplement: there is rarely more
  // than one, and a number in the text picks one explicitly.
  std::optional<workflows::InfoRequest> waiting;
  for (const auto& r : store::InfoRequests(store_).byCitizen(citizenId)) {
    if (r.status != workflows::InfoRequestStatus::AwaitingSupplement) continue;
    if (text.find(r.caseNo) != std::string::npos) {
      waiting = r;
      break;
    }
    waiting = r;
  }
  if (!waiting) return std::nullopt;
  if (!supplement(waiting->caseNo, citizenId, text, now)) return std::nullopt;
  return waiting->caseNo;
}

bool InfoRequestActions::supplement(const std::string& caseNo, std::int64_t citizenId,
                                    const std::string& text, std::int64_t now) {
  auto done = apply(caseNo, workflows::SupplementAction{text, std::nullopt},
                    {"citizen:" + std::to_string(citizenId), "system", ""}, now);
  if (!done) {
    log_.warn("info_request.supplement_refused",
              {{"case_no", caseNo}, {"error", done.error().message}});
    return false;
  }
  return true;
}

void InfoRequestActions::supplementPeriodExpired(std::int64_t caseId, std::int64_t now) {
  auto request = store::InfoRequests(store_).byId(caseId);
  if (!request || request->status != workflows::InfoRequestStatus::AwaitingSupplement) return;
  auto done =
      apply(request->caseNo, workflows::DeemWithdrawnAction{}, {"system", "system", ""}, now);
  if (!done) {
    log_.warn("info_request.withdraw_refused",
              {{"case_no", request->caseNo}, {"error", done.error().message}});
  }
}

}  // namespace civicdesk::bot
