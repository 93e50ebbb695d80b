#include "bot/staff/StaffApi.hpp"

#include <algorithm>
#include <charconv>
#include <map>

#include <nlohmann/json.hpp>

#include "bot/staff/ActionRequests.hpp"
#include "bot/staff/ApiResponses.hpp"
#include "bot/staff/CaseExport.hpp"
#include "bot/staff/CaseView.hpp"
#include "bot/staff/StaffTokens.hpp"
#include "store/Cases.hpp"
#include "store/Deadlines.hpp"
#include "store/InvestigationTasks.hpp"
#include "store/Outbox.hpp"
#include "workflows/LocalTime.hpp"
#include "workflows/calendar/DateMath.hpp"
#include "workflows/deadlines/DeadlineRules.hpp"

namespace civicdesk::bot {

using nlohmann::json;
using workflows::WorkflowError;

namespace {

using api::actorOf;
using api::answer;
using api::error;
using api::fromWorkflowError;
using api::unauthorised;

// An id from the URL; the route's pattern guarantees digits, not that they fit.
std::optional<std::int64_t> idFrom(const std::string& digits) {
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (ec != std::errc{} || end != digits.data() + digits.size()) return std::nullopt;
  return value;
}

// GET /api/cases/export for an authenticated member (bot/staff/CaseExport.hpp).
channels::HttpResponse caseExport(store::Store& store, const workflows::UnitDirectory& units,
                                  const store::StaffMember& member,
                                  const channels::HttpRequest& request, std::int64_t now,
                                  Log& log) {
  auto query = parseExportQuery(request.query, units);
  if (!query) return error(422, query.error().message, query.error().field);
  store::Transaction tx(store);  // the identities in the file are logged with the read, or none
  auto file = exportCases(store, units, member, *query, now);
  tx.commit();
  log.info("cases.export", {{"by", "staff:" + std::to_string(member.id)},
                            {"rows", std::to_string(file.rows)},
                            {"identities", std::to_string(file.identitiesShown)}});
  channels::HttpResponse response{200, std::move(file.contentType), std::move(file.body), {}};
  response.headers["Content-Disposition"] = "attachment; filename=\"" + file.fileName + "\"";
  return response;
}

}  // namespace

StaffApi::StaffApi(store::Store& store, std::mutex& storeMutex, ComplaintActions& actions,
                   const workflows::UnitDirectory& units, const workflows::Clock& clock, Log& log,
                   std::function<void()> outboxChanged)
    : store_(store),
      storeMutex_(storeMutex),
      actions_(actions),
      units_(units),
      clock_(clock),
      log_(log),
      outboxChanged_(std::move(outboxChanged)) {}

std::optional<store::StaffMember> StaffApi::authenticate(const channels::HttpRequest& request) {
  return authenticateStaff(store_, request.header("authorization").value_or(""));
}

void StaffApi::addRoutes(HttpServer& http) {
  auto bind = [this](Response (StaffApi::*handler)(const channels::HttpRequest&)) {
    return [this, handler](const channels::HttpRequest& request, const std::string&) {
      return (this->*handler)(request);
    };
  };
  http.get("/api/me", "api_me", bind(&StaffApi::me));
  http.get("/api/tasks", "api_tasks", bind(&StaffApi::tasks));
  // Before /api/cases/{case_no}: routes are tried in the order they are added, and "export"
  // fits the case number's pattern.
  http.get("/api/cases/export", "api_case_export",
           [this](const channels::HttpRequest& request, const std::string&) {
             std::lock_guard lock(storeMutex_);
             auto member = authenticate(request);
             if (!member) return unauthorised();
             return caseExport(store_, units_, *member, request, clock_.nowSeconds(), log_);
           });
  http.get(R"(/api/cases/([A-Za-z0-9-]+))", "api_case", bind(&StaffApi::getCase));
  http.post("/api/cases", "api_register", bind(&StaffApi::registerCase));
  http.post(R"(/api/cases/([A-Za-z0-9-]+)/([a-z-]+))", "api_case_action", bind(&StaffApi::act));
  http.post(R"(/api/investigation-tasks/(\d+)/answer)", "api_task_answer",
            bind(&StaffApi::answerTask));
  http.get("/api/deliveries/failed", "api_deliveries_failed", bind(&StaffApi::failedDeliveries));
  http.post(R"(/api/deliveries/(\d+)/retry)", "api_delivery_retry", bind(&StaffApi::retryDelivery));
}

StaffApi::Response StaffApi::me(const channels::HttpRequest& request) {
  std::lock_guard lock(storeMutex_);
  auto member = authenticate(request);
  if (!member) return unauthorised();
  const auto* unit = units_.find(member->unitId);
  return answer(200, {{"id", member->id},
                      {"name", member->name},
                      {"role", member->role},
                      {"unit", {{"id", member->unitId}, {"name", unit ? unit->name : ""}}}});
}

StaffApi::Response StaffApi::tasks(const channels::HttpRequest& request) {
  std::lock_guard lock(storeMutex_);
  auto member = authenticate(request);
  if (!member) return unauthorised();
  const std::int64_t now = clock_.nowSeconds();
  struct Task {
    std::int64_t dueAt;
    json item;
  };
  std::vector<Task> list;
  store::Cases cases(store_);
  for (const auto& c : listableCases(store_, *member, CaseListScope::Working)) {
    // Deadlines are the receiving side's work; the respondent's are investigation tasks.
    if (!supervisesAllUnits(*member) && c.receivingUnitId != member->unitId) {
      continue;
    }
    for (const auto& d : store::Deadlines(store_).openForCase(c.id)) {
      list.push_back({d.dueAt,
                      {{"kind", "deadline"},
                       {"case_no", c.caseNo},
                       {"rule", d.ruleId},
                       {"status", std::string(workflows::toString(c.status))},
                       {"due", workflows::formatDueDay(d.dueAt)},
                       {"overdue", now >= d.dueAt},
                       {"provisional", d.provisional}}});
    }
  }
  for (const auto& t : store::InvestigationTasks(store_).openForUnit(member->unitId)) {
    auto c = cases.byId(t.caseId);
    list.push_back({t.dueAt,
                    {{"kind", "investigation"},
                     {"task_id", t.id},
                     {"case_no", c ? c->caseNo : ""},
                     {"request", t.request},
                     {"due", workflows::formatDueDay(t.dueAt)},
                     {"overdue", now >= t.dueAt}}});
  }
  // Most urgent first: overdue, then by due date.
  std::stable_sort(list.begin(), list.end(),
                   [](const Task& a, const Task& b) { return a.dueAt < b.dueAt; });
  json items = json::array();
  for (auto& t : list) items.push_back(std::move(t.item));
  return answer(200, {{"tasks", items}});
}

StaffApi::Response StaffApi::getCase(const channels::HttpRequest& request) {
  std::lock_guard lock(storeMutex_);
  auto member = authenticate(request);
  if (!member) return unauthorised();
  auto c = store::Cases(store_).byNumber(request.pathParams.at(0));
  if (!c) return error(404, "no case " + request.pathParams.at(0));
  if (!maySeeCase(*member, *c)) return error(403, "this case is not your unit's");
  store::Transaction tx(store_);  // the identity read is logged with the view, or neither
  auto view = caseView(store_, units_, *member, *c, clock_.nowSeconds(), "case view");
  tx.commit();
  return answer(200, view);
}

StaffApi::Response StaffApi::registerCase(const channels::HttpRequest& request) {
  std::lock_guard lock(storeMutex_);
  auto member = authenticate(request);
  if (!member) return unauthorised();
  const auto body = json::parse(request.body, nullptr, false);
  if (!body.is_object()) return error(400, "the body must be a JSON object");
  if (!body.contains("form") || !body["form"].is_object()) {
    return error(422, "required: the complaint form (Art. 8)", "form");
  }
  workflows::ComplaintForm form;
  try {
    form = workflows::complaintFormFromJson(body["form"]);
  } catch (const std::exception& e) {
    return error(422, std::string("the form is not valid: ") + e.what(), "form");
  }
  const std::string how =
      body.contains("how") && body["how"].is_string() ? body["how"].get<std::string>() : "";
  // Art. 2-3: the receiving department registers what it received (or the supervising
  // office); a unit that took a letter about another unit forwards it there.
  const auto& receiving = units_.receivingDepartmentFor(form.respondentUnitId);
  if (!supervisesAllUnits(*member) && member->unitId != receiving.id) {
    return error(403, "complaints about this unit are registered by " + receiving.name);
  }
  const std::int64_t now = clock_.nowSeconds();
  store::Transaction tx(store_);
  auto registered = actions_.registerByStaff(form, how, actorOf(*member), now);
  if (!registered) return fromWorkflowError(registered.error());
  auto view = caseView(store_, units_, *member, *registered, now, "registration");
  tx.commit();
  return answer(201, view);
}

StaffApi::Response StaffApi::act(const channels::HttpRequest& request) {
  std::lock_guard lock(storeMutex_);
  auto member = authenticate(request);
  if (!member) return unauthorised();
  const auto body =
      request.body.empty() ? json::object() : json::parse(request.body, nullptr, false);
  if (!body.is_object()) return error(400, "the body must be a JSON object");
  auto action = parseActionRequest(request.pathParams.at(1), body);
  if (!action) {
    if (action.error().field == "action") return error(404, action.error().message);
    return error(422, action.error().message, action.error().field);
  }
  const std::int64_t now = clock_.nowSeconds();
  store::Transaction tx(store_);
  auto c = store::Cases(store_).byNumber(request.pathParams.at(0));
  if (!c) return error(404, "no case " + request.pathParams.at(0));
  // Who may act is the workflow's rule (ComplaintPermissions, 403 when refused), not who may
  // read: the transferring agency's head consents to an extension (Art. 10) on a case that
  // belongs to another unit.
  auto done = actions_.apply(c->caseNo, *action, actorOf(*member), now);
  if (!done) return fromWorkflowError(done.error());  // rolled back: nothing changed
  auto view = caseView(store_, units_, *member, *done, now, "after action");
  tx.commit();
  if (outboxChanged_) outboxChanged_();
  return answer(200, view);
}

StaffApi::Response StaffApi::answerTask(const channels::HttpRequest& request) {
  std::lock_guard lock(storeMutex_);
  auto member = authenticate(request);
  if (!member) return unauthorised();
  const auto body = json::parse(request.body, nullptr, false);
  if (!body.is_object()) return error(400, "the body must be a JSON object");
  if (!body.contains("answer") || !body["answer"].is_string() ||
      body["answer"].get<std::string>().empty()) {
    return error(422, "required: the answer (documents and explanations, Art. 11)", "answer");
  }
  store::InvestigationTasks tasks(store_);
  const auto taskId = idFrom(request.pathParams.at(0));
  auto task = taskId ? tasks.get(*taskId) : std::nullopt;
  if (!task) return error(404, "no investigation task " + request.pathParams.at(0));
  if (task->unitId != member->unitId && !supervisesAllUnits(*member)) {
    return error(403, "the task is addressed to another unit");
  }
  store::Transaction tx(store_);
  if (!tasks.answer(task->id, body["answer"].get<std::string>(), clock_.nowSeconds())) {
    return error(409, "the task was already answered");
  }
  tx.commit();
  return answer(200, {{"task_id", task->id}, {"status", "answered"}});
}

StaffApi::Response StaffApi::failedDeliveries(const channels::HttpRequest& request) {
  std::lock_guard lock(storeMutex_);
  auto member = authenticate(request);
  if (!member) return unauthorised();
  if (!supervisesAllUnits(*member)) {
    return error(403, "failed deliveries are for the leading-group office and admins");
  }
  json items = json::array();
  store::Cases cases(store_);
  for (const auto& item : store::Outbox(store_).listByStatus("dead", 200)) {
    json entry{{"id", item.id},
               {"channel", item.channel},
               {"attempts", item.attempts},
               {"error", item.lastError},
               {"text", item.text}};
    if (item.caseId) {
      if (auto c = cases.byId(*item.caseId)) entry["case_no"] = c->caseNo;
    }
    // The recipient (an OpenID, a robot key) is an identity or a credential: never listed.
    items.push_back(entry);
  }
  return answer(200, {{"failed", items}});
}

StaffApi::Response StaffApi::retryDelivery(const channels::HttpRequest& request) {
  std::lock_guard lock(storeMutex_);
  auto member = authenticate(request);
  if (!member) return unauthorised();
  if (!supervisesAllUnits(*member)) {
    return error(403, "retrying deliveries is for the leading-group office and admins");
  }
  const auto parsed = idFrom(request.pathParams.at(0));
  store::Outbox outbox(store_);
  if (!parsed || !outbox.get(*parsed)) {
    return error(404, "no delivery " + request.pathParams.at(0));
  }
  const std::int64_t id = *parsed;
  if (!outbox.retry(id, clock_.nowSeconds())) return error(409, "the delivery has not failed");
  log_.info("outbox.retry",
            {{"outbox_id", std::to_string(id)}, {"by", "staff:" + std::to_string(member->id)}});
  if (outboxChanged_) outboxChanged_();
  return answer(200, {{"id", id}, {"status", "pending"}});
}

}  // namespace civicdesk::bot
