#include "workflows/complaints/Complaint.hpp"

#include <nlohmann/json.hpp>

#include "workflows/JsonFields.hpp"
#include "workflows/complaints/CaseStatus.hpp"

namespace civicdesk::workflows {
namespace {

using nlohmann::json;

// A slot holding only spaces was not really given.
json optionalBool(const std::optional<bool>& value) {
  return value ? json(*value) : json(nullptr);
}

// Nested parts must be objects; nlohmann's find() on anything else quietly finds nothing.
// Absent and null both mean "not known yet"; anything but a boolean is bad input.
std::optional<bool> readOptionalBool(const json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return std::nullopt;
  return it->get<bool>();  // throws json::type_error for a non-boolean
}

// Forms are saved slot by slot while a dialog runs, so a missing key keeps the default;
// a key with the wrong type is bad input and throws (json::type_error).
// Pairs of (member, JSON key) for the Art. 7 facts, so both directions list them once.
template <class Facts, class F>
void forEachFact(Facts& facts, F&& visit) {
  visit("respondentIsPilotUnit", facts.respondentIsPilotUnit);
  visit("respondentIdentified", facts.respondentIdentified);
  visit("complainantReachable", facts.complainantReachable);
  visit("reportedElsewhere", facts.reportedElsewhere);
  visit("otherAgencyDeclined", facts.otherAgencyDeclined);
  visit("supervisionAlreadyDecided", facts.supervisionAlreadyDecided);
  visit("concernsDisclosure", facts.concernsDisclosure);
}

}  // namespace

std::vector<std::string> missingComplaintItems(const ComplaintForm& form) {
  std::vector<std::string> missing;
  // Art. 8 (2): the respondent and the facts of its breach.
  if (json_fields::isBlank(form.respondentUnitId)) missing.emplace_back("respondent");
  if (json_fields::isBlank(form.facts)) missing.emplace_back("facts");
  // Art. 8 (1): the complainant's name, address and other contact details. (3) asks for a
  // contact when a reply is wanted; (1) asks for one in any case, and Art. 7 (2) refuses a
  // complainant who cannot be reached, so a contact is always required.
  if (json_fields::isBlank(form.complainant.name)) missing.emplace_back("complainant.name");
  if (json_fields::isBlank(form.complainant.address)) missing.emplace_back("complainant.address");
  if (json_fields::isBlank(form.complainant.phone) &&
      json_fields::isBlank(form.complainant.email)) {
    missing.emplace_back("complainant.contact");
  }
  return missing;
}

nlohmann::json toJson(const ComplaintForm& form) {
  json evidence = json::array();
  for (const auto& item : form.evidence) {
    evidence.push_back({{"kind", item.kind}, {"content", item.content}, {"url", item.url}});
  }
  json admissibility = json::object();
  forEachFact(form.admissibility, [&](const char* key, const std::optional<bool>& v) {
    admissibility[key] = optionalBool(v);
  });
  const Complainant& c = form.complainant;
  return {{"respondentUnitId", form.respondentUnitId},
          {"respondentDetail", form.respondentDetail},
          {"ground", toNumber(form.ground)},
          {"facts", form.facts},
          {"evidence", std::move(evidence)},
          {"complainant",
           {{"name", c.name},
            {"address", c.address},
            {"phone", c.phone},
            {"email", c.email},
            {"wantsReply", c.wantsReply}}},
          {"admissibility", std::move(admissibility)}};
}

ComplaintForm complaintFormFromJson(const nlohmann::json& j) {
  json_fields::requireObject(j, "a complaint form");
  ComplaintForm form;
  json_fields::readIfPresent(j, "respondentUnitId", form.respondentUnitId, false);
  json_fields::readIfPresent(j, "respondentDetail", form.respondentDetail, false);
  if (auto it = j.find("ground"); it != j.end()) {
    // Art. 4 has eight grounds; a number outside 1..8 is corrupt data, not "other".
    if (!it->is_number_integer()) {
      throw json::type_error::create(302, "complaint ground must be an integer 1..8", &*it);
    }
    auto ground = complaintGroundFromNumber(it->get<int>());
    if (!ground) {
      throw json::out_of_range::create(406, "complaint ground must be 1..8, got " + it->dump(),
                                       &*it);
    }
    form.ground = *ground;
  }
  json_fields::readIfPresent(j, "facts", form.facts, false);
  if (auto it = j.find("evidence"); it != j.end()) {
    for (const auto& item : it->get_ref<const json::array_t&>()) {
      json_fields::requireObject(item, "an evidence item");
      Evidence e;
      json_fields::readIfPresent(item, "kind", e.kind, false);
      json_fields::readIfPresent(item, "content", e.content, false);
      json_fields::readIfPresent(item, "url", e.url, false);
      form.evidence.push_back(std::move(e));
    }
  }
  if (auto it = j.find("complainant"); it != j.end()) {
    const json& c = json_fields::requireObject(*it, "complainant");
    json_fields::readIfPresent(c, "name", form.complainant.name, false);
    json_fields::readIfPresent(c, "address", form.complainant.address, false);
    json_fields::readIfPresent(c, "phone", form.complainant.phone, false);
    json_fields::readIfPresent(c, "email", form.complainant.email, false);
    json_fields::readIfPresent(c, "wantsReply", form.complainant.wantsReply, false);
  }
  if (auto it = j.find("admissibility"); it != j.end()) {
    const json& facts = json_fields::requireObject(*it, "admissibility");
    forEachFact(form.admissibility,
                [&](const char* key, std::optional<bool>& v) { v = readOptionalBool(facts, key); });
  }
  return form;
}

std::string_view toString(CaseStatus status) {
  switch (status) {
    case CaseStatus::Received:
      return "received";
    case CaseStatus::Registered:
      return "registered";
    case CaseStatus::Accepted:
      return "accepted";
    case CaseStatus::NotAccepted:
      return "not_accepted";
    case CaseStatus::Investigating:
      return "investigating";
    case CaseStatus::Transferred:
      return "transferred";
    case CaseStatus::Concluded:
      return "concluded";
    case CaseStatus::FeedbackSent:
      return "feedback_sent";
    case CaseStatus::Archived:
      return "archived";
  }
  return "unknown";
}

std::optional<CaseStatus> caseStatusFromString(std::string_view text) {
  for (auto status : {CaseStatus::Received, CaseStatus::Registered, CaseStatus::Accepted,
                      CaseStatus::NotAccepted, CaseStatus::Investigating, CaseStatus::Transferred,
                      CaseStatus::Concluded, CaseStatus::FeedbackSent, CaseStatus::Archived}) {
    if (toString(status) == text) return status;
  }
  return std::nullopt;
}

}  // namespace civicdesk::workflows
