#include "bot/staff/CaseView.hpp"

#include <limits>

#include "store/Cases.hpp"
#include "store/Deadlines.hpp"
#include "store/EventLog.hpp"
#include "store/IdentityReads.hpp"
#include "store/InvestigationTasks.hpp"
#include "workflows/LocalTime.hpp"
#include "workflows/calendar/DateMath.hpp"
#include "workflows/complaints/ComplaintPermissions.hpp"
#include "workflows/complaints/ComplaintWorkflow.hpp"

namespace civicdesk::bot {

using nlohmann::json;

namespace {

// A working list is as long as the store's list of one unit (Cases::forUnit) for everyone.
constexpr int kWorkingListLimit = 500;

}  // namespace

bool supervisesAllUnits(const store::StaffMember& member) {
  return workflows::supervisesAllUnits(member.role);  // the workflow's rule, one home
}

bool maySeeCase(const store::StaffMember& member, const workflows::ComplaintCase& c) {
  return supervisesAllUnits(member) || member.unitId == c.receivingUnitId ||
         member.unitId == c.form.respondentUnitId;
}

bool maySeeIdentity(const store::StaffMember& member, const workflows::ComplaintCase& c) {
  // The respondent's staff never, whatever their role; then receiving and supervising staff.
  if (member.unitId == c.form.respondentUnitId) return false;
  return supervisesAllUnits(member) || member.unitId == c.receivingUnitId;
}

std::vector<workflows::ComplaintCase> listableCases(store::Store& store,
                                                    const store::StaffMember& member,
                                                    CaseListScope scope) {
  store::Cases cases(store);
  if (scope == CaseListScope::Working) {
    // maySeeCase as queries: the store selects a unit's cases (receiving or respondent).
    return supervisesAllUnits(member) ? cases.all(false, kWorkingListLimit)
                                      : cases.forUnit(member.unitId, false);
  }
  // Complete: the store's per-unit list stops at 500, so read them all and keep what
  // maySeeCase allows. A district's complaints are thousands at most.
  auto every = cases.all(true, std::numeric_limits<int>::max());
  std::erase_if(every, [&](const workflows::ComplaintCase& c) { return !maySeeCase(member, c); });
  return every;
}

json caseView(store::Store& store, const workflows::UnitDirectory& units,
              const store::StaffMember& member, const workflows::ComplaintCase& c, std::int64_t now,
              const std::string& purpose) {
  const bool identity = maySeeIdentity(member, c);
  json view{
      {"case_no", c.caseNo},
      {"status", std::string(workflows::toString(c.status))},
      {"channel", c.channel},
      {"received_at", workflows::formatIsoShanghai(c.receivedAt)},
      {"respondent_unit",
       {{"id", c.form.respondentUnitId}, {"name", units.nameOf(c.form.respondentUnitId)}}},
      {"respondent_detail", c.form.respondentDetail},
      {"receiving_unit", {{"id", c.receivingUnitId}, {"name", units.nameOf(c.receivingUnitId)}}},
      {"ground", workflows::toNumber(c.form.ground)},
      {"facts", c.form.facts},
      {"evidence_count", c.form.evidence.size()}};
  if (identity) {
    const auto& who = c.form.complainant;
    view["complainant"] = {{"name", who.name},
                           {"address", who.address},
                           {"phone", who.phone},
                           {"email", who.email},
                           {"wants_reply", who.wantsReply}};
    store::IdentityReads(store).append(
        {0, member.id, "staff:" + std::to_string(member.id), c.id, purpose, now});
  } else {
    view["complainant"] = {{"withheld", kIdentityWithheld}};
  }
  store::Cases cases(store);
  view["workflow"] = json::parse(cases.workflowJson(c.id));
  if (!identity) view["workflow"].erase("feedback");  // addressed to the complainant

  json deadlines = json::array();
  for (const auto& d : store::Deadlines(store).openForCase(c.id)) {
    deadlines.push_back({{"rule", d.ruleId},
                         {"due", workflows::formatDueDay(d.dueAt)},
                         {"overdue", now >= d.dueAt},
                         {"provisional", d.provisional}});
  }
  view["open_deadlines"] = deadlines;

  json tasks = json::array();
  for (const auto& t : store::InvestigationTasks(store).forCase(c.id)) {
    tasks.push_back({{"id", t.id},
                     {"unit", t.unitId},
                     {"request", t.request},
                     {"due", workflows::formatDueDay(t.dueAt)},
                     {"status", t.status},
                     {"answer", t.answer}});
  }
  view["investigation_tasks"] = tasks;

  json history = json::array();
  for (const auto& e : store::EventLog(store).forCase(c.id)) {
    // A citizen's internal id is still an identity handle: kept from the respondent too.
    const bool citizenActor = e.actor.rfind("citizen:", 0) == 0;
    json entry{{"event", e.kind},
               {"actor", citizenActor && !identity ? std::string("citizen") : e.actor},
               {"at", workflows::formatIsoShanghai(e.at)}};
    // Notices to the complainant may quote them: only identity-cleared staff read those.
    if (identity || e.kind.rfind("citizen.", 0) != 0) {
      entry["details"] = json::parse(e.payloadJson, nullptr, false);
    }
    history.push_back(entry);
  }
  view["history"] = history;
  return view;
}

}  // namespace civicdesk::bot
