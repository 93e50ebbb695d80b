#include "bot/HotlineRoute.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "bot/CitizenIdentity.hpp"
#include "channels/Signature.hpp"
#include "store/Citizens.hpp"
#include "store/HotlineCalls.hpp"
#include "store/InfoRequests.hpp"
#include "workflows/LocalTime.hpp"

namespace civicdesk::bot {
namespace {

using nlohmann::json;

channels::HttpResponse answer(int status, const json& body) {
  return {status, "application/json", body.dump(), {}};
}

channels::HttpResponse error(int status, const std::string& message,
                             const std::string& field = "") {
  json body{{"status", status}, {"error", message}};
  if (!field.empty()) body["field"] = field;
  return answer(status, body);
}

// A non-empty text the operator filled in, if any.
std::optional<std::string> fieldText(const json& fields, const char* key) {
  if (!fields.is_object() || !fields.contains(key)) return std::nullopt;
  const auto& v = fields.at(key);
  if (v.is_string() && !v.get<std::string>().empty()) return v.get<std::string>();
  if (v.is_number_integer()) return std::to_string(v.get<long long>());
  return std::nullopt;
}

std::optional<bool> fieldBool(const json& fields, const char* key) {
  if (!fields.is_object() || !fields.contains(key)) return std::nullopt;
  const auto& v = fields.at(key);
  if (v.is_boolean()) return v.get<bool>();
  if (v.is_string()) {
    const auto s = v.get<std::string>();
    if (s == "是" || s == "true" || s == "yes") return true;
    if (s == "否" || s == "false" || s == "no") return false;
  }
  return std::nullopt;
}

bool contains(const std::vector<std::string>& list, std::string_view item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

// The citizen a call is from, and the channel that reaches them: SMS for a mainland mobile,
// else "phone" (owed by hand).
std::pair<std::int64_t, std::string> caller(store::Store& store,
                                            const channels::HotlineTranscript& call,
                                            std::int64_t now) {
  if (auto mobile = mainlandMobile(call.caller)) {
    channels::InboundMessage as;
    as.channel = "sms";
    as.from = "+86" + *mobile;
    return {resolveCitizen(store, as, now), "sms"};
  }
  return {store::Citizens(store).ensure(std::string(kPhoneContact), call.caller, now), "phone"};
}

// An operator's value by its stored name ("organisation") or as said on the phone ("单位").
std::optional<workflows::ApplicantType> applicantTypeField(const std::string& v) {
  if (auto t = workflows::applicantTypeFromString(v)) return t;
  for (const char* w : {"法人", "组织", "单位", "公司", "企业"}) {
    if (v.find(w) != std::string::npos) return workflows::ApplicantType::Organisation;
  }
  for (const char* w : {"公民", "个人", "自然人"}) {
    if (v.find(w) != std::string::npos) return workflows::ApplicantType::Citizen;
  }
  return std::nullopt;
}

std::optional<workflows::InfoForm> formField(const std::string& v) {
  if (auto f = workflows::infoFormFromString(v)) return f;
  if (v.find("纸") != std::string::npos) return workflows::InfoForm::Paper;
  if (v.find("电子") != std::string::npos) return workflows::InfoForm::Electronic;
  return std::nullopt;
}

// "online" is the channel the application came by, which a phone call cannot deliver over:
// not accepted, so the operator is asked for a way that can.
std::optional<workflows::Delivery> deliveryField(const std::string& v) {
  if (auto d = workflows::deliveryFromString(v); d && *d != workflows::Delivery::Online) return d;
  if (v.find("邮寄") != std::string::npos) return workflows::Delivery::Post;
  if (v.find("邮件") != std::string::npos || v.find("邮箱") != std::string::npos) {
    return workflows::Delivery::Email;
  }
  if (v.find("领取") != std::string::npos || v.find("自取") != std::string::npos) {
    return workflows::Delivery::Pickup;
  }
  return std::nullopt;
}

}  // namespace

HotlineRoute::HotlineRoute(std::string token, store::Store& store, std::mutex& storeMutex,
                           ComplaintActions& actions, InfoRequestActions& infoRequests,
                           CitizenNotifier& notifier, const workflows::UnitDirectory& units,
                           const dialogs::Templates& templates, const workflows::Clock& clock,
                           Log& log, Metrics& metrics, std::function<void()> outboxChanged)
    : token_(std::move(token)),
      store_(store),
      storeMutex_(storeMutex),
      actions_(actions),
      infoRequests_(infoRequests),
      notifier_(notifier),
      units_(units),
      templates_(templates),
      clock_(clock),
      log_(log),
      metrics_(metrics),
      outboxChanged_(std::move(outboxChanged)) {}

void HotlineRoute::addRoutes(HttpServer& http) {
  http.post(
      "/hotline/transcripts", "hotline_transcripts",
      [this](const channels::HttpRequest& r, const std::string& id) { return receive(r, id); });
  http.get("/hotline/callback-tasks", "hotline_callback_tasks",
           [this](const channels::HttpRequest& r, const std::string&) { return callbackTasks(r); });
}

bool HotlineRoute::authorised(const channels::HttpRequest& request) const {
  const auto header = request.header("authorization");
  const std::string prefix = "Bearer ";
  if (!header || header->rfind(prefix, 0) != 0) return false;
  return channels::constantTimeEquals(header->substr(prefix.size()), token_);
}

workflows::ExtractedComplaint HotlineRoute::read(const channels::HotlineTranscript& call) const {
  workflows::ExtractionHints hints;
  hints.knownPhone = call.caller;
  hints.referenceDate = workflows::shanghaiDate(call.endedAt);
  auto ex = workflows::extractComplaint(channels::callerText(call), units_, hints);
  auto& form = ex.form;
  bool groundKnown = contains(ex.found, "ground");

  // What the operator filled in wins over what the transcript suggests: they asked.
  const json& f = call.fields;
  if (auto v = fieldText(f, "name")) form.complainant.name = *v;
  if (auto v = fieldText(f, "phone")) {
    if (auto mobile = mainlandMobile(*v)) form.complainant.phone = *mobile;
  }
  if (auto v = fieldText(f, "address")) form.complainant.address = *v;
  if (auto v = fieldText(f, "email")) form.complainant.email = *v;
  if (auto v = fieldText(f, "facts")) form.facts = *v;
  if (auto v = fieldText(f, "unit")) {
    if (units_.find(*v) != nullptr) {
      form.respondentUnitId = *v;
    } else if (auto match = units_.resolve(*v); match.unitId) {
      form.respondentUnitId = *match.unitId;
    }
  }
  if (auto v = fieldText(f, "ground")) {
    try {
      if (auto ground = workflows::complaintGroundFromNumber(std::stoi(*v))) {
        form.ground = *ground;
        groundKnown = true;
      }
    } catch (const std::exception&) {
      // Not a number: the transcript's guess (if any) stands, and "ground" stays missing.
    }
  }
  if (auto v = fieldBool(f, "wants_reply")) form.complainant.wantsReply = *v;
  auto& facts = form.admissibility;
  if (auto v = fieldBool(f, "reported_elsewhere")) facts.reportedElsewhere = *v;
  if (auto v = fieldBool(f, "other_agency_declined")) facts.otherAgencyDeclined = *v;
  if (auto v = fieldBool(f, "supervision_decided")) facts.supervisionAlreadyDecided = *v;
  // Art. 7 (1), (2): what the directory and the contact say, as the dialog records them.
  if (const auto* unit = units_.find(form.respondentUnitId)) {
    facts.respondentIsPilotUnit = unit->pilotUnit;
    facts.respondentIdentified = true;
  }
  if (!form.complainant.phone.empty() || !form.complainant.email.empty()) {
    facts.complainantReachable = true;
  }

  ex.missing = workflows::missingComplaintItems(form);
  if (!groundKnown) ex.missing.emplace_back("ground");
  return ex;
}

workflows::Application HotlineRoute::readApplication(
    const channels::HotlineTranscript& call) const {
  workflows::Application app;
  workflows::Applicant& who = app.applicant;
  const json& f = call.fields;
  if (auto v = fieldText(f, "applicant_type")) {
    if (auto type = applicantTypeField(*v)) who.type = *type;
  }
  // The document the applicant's kind calls for (Art. 29 (1)); both carry a check character.
  who.idType = who.type == workflows::ApplicantType::Organisation
                   ? workflows::IdDocumentType::CreditCode
                   : workflows::IdDocumentType::ResidentId;
  if (auto v = fieldText(f, "name")) who.name = *v;
  if (auto v = fieldText(f, "representative")) who.representative = *v;
  if (auto v = fieldText(f, "id_number")) who.idNumber = workflows::normaliseIdNumber(*v);
  // The caller's own mobile is a contact the operator need not type.
  if (auto v = fieldText(f, "phone"); v && mainlandMobile(*v)) {
    who.phone = *mainlandMobile(*v);
  } else if (auto mobile = mainlandMobile(call.caller)) {
    who.phone = *mobile;
  }
  if (auto v = fieldText(f, "email")) who.email = *v;
  if (auto v = fieldText(f, "address")) who.address = *v;
  if (auto v = fieldText(f, "unit")) {
    if (units_.find(*v) != nullptr) {
      app.unitId = *v;
    } else if (auto match = units_.resolve(*v); match.unitId) {
      app.unitId = *match.unitId;
    }
  }
  if (auto v = fieldText(f, "title")) app.info.title = *v;
  if (auto v = fieldText(f, "document_number")) app.info.documentNumber = *v;
  if (auto v = fieldText(f, "features")) app.info.features = *v;
  if (auto v = fieldText(f, "form")) app.form = formField(*v);
  if (auto v = fieldText(f, "delivery")) app.delivery = deliveryField(*v);
  return app;
}

json HotlineRoute::handleApplication(const channels::HotlineTranscript& call,
                                     store::HotlineCallRecord& record, std::int64_t now) {
  const workflows::Application app = readApplication(call);
  const auto missingItems = workflows::missingApplicationItems(app);
  const auto* unit = units_.find(app.unitId);
  std::vector<std::string> missing = missingItems;
  if (unit != nullptr && !unit->pilotUnit && !contains(missing, "unit")) {
    // Not on this platform: the caller applies to the unit itself; the call-back says so.
    missing.insert(missing.begin(), "unit");
  }
  json response{{"call_id", call.callId}, {"kind", "info_request"}};
  if (missing.empty()) {
    const auto [citizenId, channel] = caller(store_, call, now);
    workflows::Complainant contacts;
    contacts.phone = app.applicant.phone;
    contacts.email = app.applicant.email;
    linkComplainantContacts(store_, citizenId, contacts, now);
    // Received when the call ended (Art. 31 (1): an application made in person or by phone is
    // received the day it is made).
    auto registered = infoRequests_.registerApplication(
        app, channel, citizenId, {"operator:" + call.operatorId, "system", ""}, call.endedAt);
    if (!registered) throw std::logic_error("hotline application: " + registered.error().message);
    const auto& request = registered->request;
    const std::string receivedOn = workflows::formatDate(workflows::shanghaiDate(call.endedAt));
    const bool bySms = notifier_.notify(
        {citizenId, channel, request.id, request.caseNo}, "citizen.hotline.info.registered",
        {{"received_on", receivedOn}, {"reply_due", registered->replyDue}},
        "citizen:" + request.caseNo + ":hotline.info.registered", now);
    record.outcome = "registered";
    record.caseId = request.id;
    response.update({{"outcome", "registered"},
                     {"case_no", request.caseNo},
                     {"received_at", workflows::formatIsoShanghai(call.endedAt)},
                     {"reply_due", registered->replyDue},
                     {"acknowledgement", bySms ? "sms" : "manual"}});
    if (auto of = fieldText(call.fields, "callback_of")) {
      if (store::HotlineCalls(store_).closeTask(*of)) response["closed_callback_task"] = *of;
    }
    return response;
  }
  json asks = json::array();
  for (const auto& item : missing) {
    json ask{{"item", item}, {"ask", templates_.render("hotline.ask.info." + item)}};
    if (item == "unit" && unit != nullptr && !unit->pilotUnit) {
      ask["not_pilot"] = {{"unit", unit->name}, {"phone", unit->phone}, {"mailbox", unit->mailbox}};
    }
    if (item == "applicant.idNumber" && !app.applicant.idNumber.empty()) {
      ask["given"] = app.applicant.idNumber;  // given, but its check character does not match
    }
    asks.push_back(ask);
  }
  const workflows::Applicant& who = app.applicant;
  json understood{{"applicant_type", std::string(workflows::toString(who.type))}};
  auto put = [&](const char* key, const std::string& value) {
    if (!value.empty()) understood[key] = value;
  };
  put("name", who.name);
  put("representative", who.representative);
  put("phone", who.phone);
  put("email", who.email);
  put("address", who.address);
  if (unit != nullptr && unit->pilotUnit) understood["unit"] = unit->name;
  put("title", app.info.title);
  put("document_number", app.info.documentNumber);
  put("features", app.info.features);
  if (app.form) understood["form"] = std::string(workflows::toString(*app.form));
  if (app.delivery) understood["delivery"] = std::string(workflows::toString(*app.delivery));
  json suggestions = json::array();
  if (auto v = fieldText(call.fields, "unit"); v && app.unitId.empty()) {
    for (const auto& id : units_.resolve(*v).suggestions) {
      if (const auto* u = units_.find(id)) suggestions.push_back(u->name);
    }
  }
  record.outcome = "callback";
  record.taskStatus = "open";
  record.missingJson = json(missing).dump();
  response.update({{"outcome", "callback"},
                   {"missing", asks},
                   {"understood", understood},
                   {"unit_suggestions", suggestions},
                   {"to_confirm", json::array()}});
  return response;
}

json HotlineRoute::handle(const channels::HotlineTranscript& call, std::int64_t now) {
  store::HotlineCallRecord record;
  record.callId = call.callId;
  record.caller = call.caller;
  record.operatorName = call.operatorId;
  record.startedAt = call.startedAt;
  record.endedAt = call.endedAt;
  record.transcriptJson = json{{"turns", json::array()}, {"fields", call.fields}}.dump();
  {
    json turns = json::array();
    for (const auto& t : call.turns) {
      turns.push_back(
          {{"speaker", t.speaker == channels::HotlineSpeaker::Caller ? "caller" : "operator"},
           {"text", t.text}});
    }
    record.transcriptJson = json{{"turns", turns}, {"fields", call.fields}}.dump();
  }
  record.receivedAt = now;

  if (fieldText(call.fields, "kind") == "info_request") {
    const json response = handleApplication(call, record, now);
    record.responseJson = response.dump();
    store::HotlineCalls(store_).add(record);
    return response;
  }

  const auto ex = read(call);
  // The Art. 7 questions nobody answered: registration does not wait for them (an unknown
  // fact never counts against the complainant), but the acceptance review should ask.
  json toConfirm = json::array();
  const auto& facts = ex.form.admissibility;
  if (!facts.reportedElsewhere) toConfirm.push_back("admissibility.reportedElsewhere");
  if (facts.reportedElsewhere.value_or(false) && !facts.otherAgencyDeclined) {
    toConfirm.push_back("admissibility.otherAgencyDeclined");
  }
  if (!facts.supervisionAlreadyDecided)
    toConfirm.push_back("admissibility.supervisionAlreadyDecided");

  json response{{"call_id", call.callId}};
  if (ex.missing.empty()) {
    // The caller's own number gets the acknowledgement: by SMS where it is a mobile.
    const auto [citizenId, channel] = caller(store_, call, now);
    linkComplainantContacts(store_, citizenId, ex.form.complainant, now);
    const workflows::Actor actor{"operator:" + call.operatorId, "system", ""};
    auto registered =
        actions_.registerIntake(ex.form, {channel, citizenId, call.endedAt, "hotline"}, actor, now);
    if (!registered) throw std::logic_error("hotline: " + registered.error().message);
    const auto& c = registered->c;
    const bool bySms = actions_.notifyCitizen(c, "citizen.hotline.registered",
                                              {{"acceptance_due", registered->acceptanceDue}},
                                              "citizen:" + c.caseNo + ":hotline.registered", now);
    record.outcome = "registered";
    record.caseId = c.id;
    response.update({{"outcome", "registered"},
                     {"case_no", c.caseNo},
                     {"received_at", workflows::formatIsoShanghai(call.endedAt)},
                     {"acceptance_due", registered->acceptanceDue},
                     {"acknowledgement", bySms ? "sms" : "manual"},
                     {"to_confirm", toConfirm}});
    if (auto of = fieldText(call.fields, "callback_of")) {
      if (store::HotlineCalls(store_).closeTask(*of)) response["closed_callback_task"] = *of;
    }
  } else {
    json missing = json::array();
    for (const auto& item : ex.missing) {
      missing.push_back({{"item", item}, {"ask", templates_.render("hotline.ask." + item)}});
    }
    json understood = json::object();
    if (const auto* unit = units_.find(ex.form.respondentUnitId)) understood["unit"] = unit->name;
    if (contains(ex.found, "ground")) understood["ground"] = workflows::toNumber(ex.form.ground);
    if (!ex.form.complainant.name.empty()) understood["name"] = ex.form.complainant.name;
    if (!ex.form.complainant.phone.empty()) understood["phone"] = ex.form.complainant.phone;
    if (!ex.form.facts.empty()) understood["facts"] = ex.form.facts;
    if (!ex.dates.empty()) understood["dates"] = ex.dates;
    json suggestions = json::array();
    for (const auto& id : ex.unitSuggestions) {
      if (const auto* unit = units_.find(id)) suggestions.push_back(unit->name);
    }
    record.outcome = "callback";
    record.taskStatus = "open";
    record.missingJson = json(ex.missing).dump();
    response.update({{"outcome", "callback"},
                     {"missing", missing},
                     {"understood", understood},
                     {"unit_suggestions", suggestions},
                     {"to_confirm", toConfirm}});
  }
  record.responseJson = response.dump();
  store::HotlineCalls(store_).add(record);
  return response;
}

channels::HttpResponse HotlineRoute::receive(const channels::HttpRequest& request,
                                             const std::string& requestId) {
  if (!authorised(request)) {
    metrics_.error("hotline_refused_401");
    return error(401, "the operators' system token is required (Authorization: Bearer …)");
  }
  if (request.body.size() > channels::kHotlineMaxBodyBytes) {
    return error(413, "a transcript may hold at most " +
                          std::to_string(channels::kHotlineMaxBodyBytes) + " bytes");
  }
  auto call = channels::parseHotlineTranscript(std::string_view(request.body));
  if (!call) {
    if (call.error().field.empty()) return error(400, call.error().reason);
    return error(422, call.error().reason, call.error().field);
  }
  json response;
  {
    std::lock_guard lock(storeMutex_);
    store::Transaction tx(store_);
    if (auto seen = store::HotlineCalls(store_).find(call->callId)) {
      // The same call again (a retry of the operators' system): the same answer, nothing new.
      return answer(200, json::parse(seen->responseJson));
    }
    response = handle(*call, clock_.nowSeconds());
    tx.commit();
  }
  if (outboxChanged_) outboxChanged_();
  log_.info("hotline.call", {{"request_id", requestId},
                             {"call_id", call->callId},
                             {"outcome", response.value("outcome", "")},
                             {"case_no", response.value("case_no", "")}});
  return answer(200, response);
}

channels::HttpResponse HotlineRoute::callbackTasks(const channels::HttpRequest& request) {
  if (!authorised(request)) {
    return error(401, "the operators' system token is required (Authorization: Bearer …)");
  }
  json tasks = json::array();
  std::lock_guard lock(storeMutex_);
  for (const auto& r : store::HotlineCalls(store_).openTasks(500)) {
    tasks.push_back({{"call_id", r.callId},
                     {"caller", r.caller},
                     {"operator", r.operatorName},
                     {"ended_at", workflows::formatIsoShanghai(r.endedAt)},
                     {"missing", json::parse(r.missingJson)}});
  }
  return answer(200, json{{"tasks", tasks}});
}

}  // namespace civicdesk::bot
