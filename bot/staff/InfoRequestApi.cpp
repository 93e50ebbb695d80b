#include "bot/staff/InfoRequestApi.hpp"

#include <nlohmann/json.hpp>

#include "bot/staff/ApiResponses.hpp"
#include "bot/staff/Csv.hpp"
#include "bot/staff/EffectSupport.hpp"
#include "bot/staff/StaffTokens.hpp"
#include "store/Deadlines.hpp"
#include "store/EventLog.hpp"
#include "store/IdentityReads.hpp"
#include "store/InfoRequests.hpp"
#include "workflows/LocalTime.hpp"
#include "workflows/calendar/DateMath.hpp"
#include "workflows/complaints/ComplaintPermissions.hpp"
#include "workflows/info_requests/AnnualStatistics.hpp"

namespace civicdesk::bot {

using nlohmann::json;
using workflows::WorkflowError;

namespace {

using effects::invalid;

std::string text(const json& body, const char* key) {
  return body.contains(key) && body[key].is_string() ? body[key].get<std::string>() : "";
}

Expected<int, WorkflowError> integer(const json& body, const char* key, int fallback) {
  if (!body.contains(key)) return fallback;
  if (!body[key].is_number_integer()) return unexpected(invalid(key, "a whole number"));
  // get<long long>: a number beyond int must not wrap into an allowed value.
  const auto value = body[key].get<long long>();
  if (value < -1000 || value > 1000) return unexpected(invalid(key, "a whole number"));
  return static_cast<int>(value);
}

bool mayAct(const store::StaffMember& m, const workflows::InfoRequest& r) {
  return workflows::supervisesAllUnits(m.role) || m.unitId == r.application.unitId;
}

json summary(const workflows::InfoRequest& r, const workflows::UnitDirectory& units) {
  return {{"case_no", r.caseNo},
          {"status", std::string(workflows::toString(r.status))},
          {"unit", r.application.unitId},
          {"unit_name", units.nameOf(r.application.unitId)},
          {"applicant_type", std::string(workflows::toString(r.application.applicant.type))},
          {"received_on", workflows::formatDate(workflows::shanghaiDate(r.receivedAt))},
          {"channel", r.channel}};
}

}  // namespace

Expected<workflows::InfoRequestAction, WorkflowError> parseInfoRequestAction(
    const std::string& action, const json& body) {
  using namespace workflows;
  if (action == "request-supplement") {
    RequestSupplementAction a;
    if (body.contains("items")) {
      if (!body["items"].is_array()) return unexpected(invalid("items", "a list of texts"));
      for (const auto& item : body["items"]) {
        if (!item.is_string()) return unexpected(invalid("items", "a list of texts"));
        a.items.push_back(item.get<std::string>());
      }
    }
    a.note = text(body, "note");
    if (body.contains("working_days")) {  // otherwise the configured rule's period
      auto days = integer(body, "working_days", 0);
      if (!days) return unexpected(days.error());
      a.workingDays = *days;
    }
    return InfoRequestAction{a};
  }
  if (action == "supplement") return InfoRequestAction{SupplementAction{text(body, "text"), {}}};
  if (action == "start-consultation") {
    return InfoRequestAction{
        StartConsultationAction{text(body, "third_party"), text(body, "matter")}};
  }
  if (action == "record-consultation") {
    if (body.contains("consents") && !body["consents"].is_boolean()) {
      return unexpected(invalid("consents", "true or false"));
    }
    return InfoRequestAction{
        RecordConsultationAction{text(body, "answer"), body.value("consents", false)}};
  }
  if (action == "request-extension") {
    auto days = integer(body, "working_days", 20);
    if (!days) return unexpected(days.error());
    return InfoRequestAction{RequestInfoExtensionAction{text(body, "reason"), *days}};
  }
  if (action == "extend") {
    auto days = integer(body, "working_days", 0);
    if (!days) return unexpected(days.error());
    return InfoRequestAction{
        ExtendInfoRequestAction{text(body, "approver"), text(body, "reason"), *days}};
  }
  if (action == "decline-extension") {
    return InfoRequestAction{DeclineInfoExtensionAction{text(body, "reason")}};
  }
  if (action == "reply") {
    auto type = replyTypeFromString(text(body, "type"));
    if (!type) {
      return unexpected(invalid("type",
                                "one of already_public, disclosed, partly_disclosed, "
                                "not_disclosed, does_not_exist, not_this_unit, repeated, "
                                "other_channel (Art. 36)"));
    }
    ReplyAction a;
    a.type = *type;
    a.text = text(body, "text");
    a.where = text(body, "where");
    a.provision = text(body, "provision");
    a.withheld = text(body, "withheld");
    a.legalBasis = text(body, "legal_basis");
    a.reason = text(body, "reason");
    a.rightUnit = text(body, "right_unit");
    a.previousCaseNo = text(body, "previous_case_no");
    a.otherChannel = text(body, "other_channel");
    a.attachmentUrl = text(body, "attachment_url");
    return InfoRequestAction{a};
  }
  if (action == "archive") return InfoRequestAction{ArchiveInfoRequestAction{}};
  return unexpected(invalid("case_no", "no action '" + action + "' on information requests"));
}

InfoRequestApi::InfoRequestApi(store::Store& store, std::mutex& storeMutex,
                               InfoRequestActions& actions, const workflows::UnitDirectory& units,
                               const workflows::Clock& clock, Log& log,
                               std::function<void()> outboxChanged)
    : store_(store),
      storeMutex_(storeMutex),
      actions_(actions),
      units_(units),
      clock_(clock),
      log_(log),
      outboxChanged_(std::move(outboxChanged)) {}

void InfoRequestApi::addRoutes(HttpServer& http) {
  auto bind = [this](Response (InfoRequestApi::*handler)(const channels::HttpRequest&)) {
    return [this, handler](const channels::HttpRequest& r, const std::string&) {
      return (this->*handler)(r);
    };
  };
  http.get("/api/info-requests", "api_info_requests", bind(&InfoRequestApi::list));
  // Before /api/info-requests/{no}: "statistics" would fit the number's pattern.
  http.get("/api/info-requests/statistics", "api_info_statistics",
           bind(&InfoRequestApi::statistics));
  http.get(R"(/api/info-requests/([A-Za-z0-9-]+))", "api_info_request", bind(&InfoRequestApi::get));
  http.post(R"(/api/info-requests/([A-Za-z0-9-]+)/([a-z-]+))", "api_info_request_action",
            bind(&InfoRequestApi::act));
}

InfoRequestApi::Response InfoRequestApi::list(const channels::HttpRequest& request) {
  std::lock_guard lock(storeMutex_);
  auto member = authenticateStaff(store_, request.header("authorization").value_or(""));
  if (!member) return api::unauthorised();
  const bool all = workflows::supervisesAllUnits(member->role);
  json items = json::array();
  store::Deadlines deadlines(store_);
  for (const auto& r : store::InfoRequests(store_).forUnit(all ? "" : member->unitId, false)) {
    json item = summary(r, units_);
    const auto open = deadlines.openForCase(r.id);
    if (!open.empty()) {
      item["next_due"] = workflows::formatDueDay(open.front().dueAt);
      item["next_rule"] = open.front().ruleId;
    }
    items.push_back(item);
  }
  return api::answer(200, json{{"info_requests", items}});
}

InfoRequestApi::Response InfoRequestApi::get(const channels::HttpRequest& request) {
  return view(request, "request view");
}

InfoRequestApi::Response InfoRequestApi::view(const channels::HttpRequest& request,
                                              const std::string& purpose) {
  std::lock_guard lock(storeMutex_);
  auto member = authenticateStaff(store_, request.header("authorization").value_or(""));
  if (!member) return api::unauthorised();
  store::InfoRequests requests(store_);
  auto r = requests.byNumber(request.pathParams.at(0));
  if (!r) return api::error(404, "no information request " + request.pathParams.at(0));
  if (!mayAct(*member, *r)) return api::error(403, "this request is not your unit's");
  json view = summary(*r, units_);
  view["application"] = workflows::toJson(r->application);
  // The application holds the applicant's identity document and contacts: no read of it
  // without its record (one statement; if it fails, nothing is shown).
  store::IdentityReads(store_).append(
      {0, member->id, "staff:" + std::to_string(member->id), r->id, purpose, clock_.nowSeconds()});
  view["workflow"] = json::parse(requests.workflowJson(r->id));
  json deadlines = json::array();
  for (const auto& d : store::Deadlines(store_).openForCase(r->id)) {
    // A paused deadline (a third party consulted) shows the due date it had when the clock
    // stopped; `paused` says so.
    const auto body = json::parse(d.bodyJson, nullptr, false);
    const auto suspended = nlohmann::json::json_pointer("/deadline/schedule/suspended");
    const bool paused =
        body.is_object() && body.contains(suspended) && body.at(suspended).get<bool>();
    deadlines.push_back({{"rule", d.ruleId},
                         {"due", workflows::formatDueDay(d.dueAt)},
                         {"provisional", d.provisional},
                         {"paused", paused},
                         {"overdue", !paused && clock_.nowSeconds() >= d.dueAt}});
  }
  view["deadlines"] = deadlines;
  json history = json::array();
  for (const auto& e : store::EventLog(store_).forCase(r->id)) {
    history.push_back({{"kind", e.kind},
                       {"actor", e.actor},
                       {"at", workflows::formatIsoShanghai(e.at)},
                       {"details", json::parse(e.payloadJson, nullptr, false)}});
  }
  view["history"] = history;
  return api::answer(200, view);
}

InfoRequestApi::Response InfoRequestApi::act(const channels::HttpRequest& request) {
  {
    std::lock_guard lock(storeMutex_);
    // Who asks comes first: a caller without a token learns nothing about actions or fields.
    auto member = authenticateStaff(store_, request.header("authorization").value_or(""));
    if (!member) return api::unauthorised();
    const auto body = api::jsonBody(request);
    if (!body) return api::error(400, "the body must be a JSON object");
    auto action = parseInfoRequestAction(request.pathParams.at(1), *body);
    if (!action) return api::fromWorkflowError(action.error());
    store::Transaction tx(store_);
    auto done = actions_.apply(request.pathParams.at(0), *action, api::actorOf(*member),
                               clock_.nowSeconds());
    if (!done) return api::fromWorkflowError(done.error());  // rolled back: nothing changed
    tx.commit();
  }
  if (outboxChanged_) outboxChanged_();
  channels::HttpRequest after = request;
  after.pathParams.resize(1);
  return view(after, "after action");
}

InfoRequestApi::Response InfoRequestApi::statistics(const channels::HttpRequest& request) {
  std::lock_guard lock(storeMutex_);
  auto member = authenticateStaff(store_, request.header("authorization").value_or(""));
  if (!member) return api::unauthorised();
  for (const auto& [name, value] : request.query) {
    // A misspelt filter would otherwise count every unit's requests without a word.
    if (name != "year" && name != "unit" && name != "format") {
      return api::error(422, "unknown parameter (year, unit, format)", name);
    }
  }
  int year = workflows::shanghaiDate(clock_.nowSeconds()).year;
  if (auto y = request.param("year")) {
    try {
      std::size_t used = 0;
      year = std::stoi(*y, &used);
      if (used != y->size() || year < 2000 || year > 2100) throw std::invalid_argument("year");
    } catch (const std::exception&) {
      return api::error(422, "a year such as 2026", "year");
    }
  }
  std::string unit = request.param("unit").value_or("");
  if (!workflows::supervisesAllUnits(member->role)) {
    if (!unit.empty() && unit != member->unitId) {
      return api::error(403, "the statistics of another unit are the leading-group office's");
    }
    unit = member->unitId;
  } else if (!unit.empty() && units_.find(unit) == nullptr) {
    return api::error(422, "not a unit of the directory", "unit");
  }
  const std::string format = request.param("format").value_or("json");
  if (format != "json" && format != "csv") return api::error(422, "json or csv", "format");

  log_.info("info_requests.statistics", {{"by", "staff:" + std::to_string(member->id)},
                                         {"year", std::to_string(year)},
                                         {"unit", unit.empty() ? "all" : unit},
                                         {"format", format}});
  const auto stats =
      workflows::annualStatistics(store::InfoRequests(store_).statisticsRecords(unit), year, unit);
  // One list of (section, item, count), the same in both formats.
  std::vector<std::tuple<std::string, std::string, int>> rows{
      {"received", "new_applications", stats.newApplications},
      {"received", "carried_over", stats.carriedOver}};
  for (const auto& [type, n] : stats.newByApplicantType)
    rows.emplace_back("applicant_type", type, n);
  for (const auto& [type, n] : stats.closedByReplyType) rows.emplace_back("reply_type", type, n);
  rows.emplace_back("closed", "withdrawn", stats.withdrawn);
  rows.emplace_back("pending", "pending_at_year_end", stats.pendingAtYearEnd);
  if (format == "csv") {
    CsvWriter csv;
    csv.row({"year", "unit", "section", "item", "count"});
    for (const auto& [section, item, n] : rows) {
      csv.row(
          {std::to_string(year), unit.empty() ? "all" : unit, section, item, std::to_string(n)});
    }
    channels::HttpResponse response{200, "text/csv; charset=utf-8", std::move(csv).release(), {}};
    response.headers["Content-Disposition"] =
        "attachment; filename=\"info-requests-" + std::to_string(year) + ".csv\"";
    return response;
  }
  json body{{"year", year},
            {"unit", unit.empty() ? json(nullptr) : json(unit)},
            {"new_applications", stats.newApplications},
            {"carried_over", stats.carriedOver},
            {"new_by_applicant_type", stats.newByApplicantType},
            {"closed_by_reply_type", stats.closedByReplyType},
            {"withdrawn", stats.withdrawn},
            {"pending_at_year_end", stats.pendingAtYearEnd}};
  return api::answer(200, body);
}

}  // namespace civicdesk::bot
