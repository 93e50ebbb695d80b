#include "dialogs/email/EmailIntake.hpp"

#include <algorithm>

#include "dialogs/common/TextMatchers.hpp"
#include "util/Utf8.hpp"
#include "workflows/LocalTime.hpp"
#include "workflows/complaints/Admissibility.hpp"
#include "workflows/complaints/ComplaintExtraction.hpp"

namespace civicdesk::dialogs {
namespace {

using nlohmann::json;

constexpr std::size_t kFactsShown = 200;

bool has(const std::vector<std::string>& list, std::string_view item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

std::string groundTitle(const Templates& templates, workflows::ComplaintGround ground) {
  return templates.render("ground." + std::to_string(workflows::toNumber(ground)));
}

// "1 …\n2 …" of all eight grounds, for the citizen to choose by number.
std::string groundList(const Templates& templates) {
  std::string out;
  for (int n = 1; n <= workflows::kComplaintGroundCount; ++n) {
    if (!out.empty()) out += '\n';
    out += std::to_string(n) + " " + templates.render("ground." + std::to_string(n));
  }
  return out;
}

// The line of a reply mail that answers "which ground": a lone number 1..8 ("2", "第2项").
std::optional<workflows::ComplaintGround> groundChoiceLine(const std::string& line) {
  std::string trimmed = utf8::trim(line);
  for (const char* prefix : {"第", "选"}) {
    if (trimmed.rfind(prefix, 0) == 0) trimmed = trimmed.substr(std::string(prefix).size());
  }
  for (const char* suffix : {"项", "。"}) {
    const std::string s(suffix);
    if (trimmed.size() > s.size() && trimmed.compare(trimmed.size() - s.size(), s.size(), s) == 0) {
      trimmed.resize(trimmed.size() - s.size());
    }
  }
  if (auto n = text::matchNumber(trimmed)) return workflows::complaintGroundFromNumber(*n);
  return std::nullopt;
}

std::optional<workflows::ComplaintGround> groundChoice(const std::string& text) {
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto end = text.find('\n', start);
    const std::string line = text.substr(start, end == std::string::npos ? end : end - start);
    if (auto ground = groundChoiceLine(line)) return ground;
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return std::nullopt;
}

}  // namespace

EmailIntakeResult continueEmailComplaint(const json& draft, const EmailIntakeInput& mail,
                                         const Templates& templates,
                                         const workflows::UnitDirectory& units) {
  workflows::ComplaintForm form;
  bool groundKnown = false;
  if (draft.is_object() && draft.contains("form")) {
    try {
      form = workflows::complaintFormFromJson(draft.at("form"));
      groundKnown = draft.value("ground_known", false);
    } catch (const json::exception&) {
      form = {};  // a draft we cannot read starts afresh rather than failing the mail
    }
  }
  const bool firstMail = form.facts.empty();

  workflows::ExtractionHints hints;
  hints.knownName = mail.senderName;
  hints.knownEmail = mail.senderEmail;
  hints.referenceDate = workflows::shanghaiDate(mail.at);
  auto ex = workflows::extractComplaint(mail.text, units, hints);
  // The subject often names the unit or the matter ("关于区教育局网站不更新的投诉"): it fills
  // what the body leaves out, never the facts.
  if (!mail.subject.empty()) {
    const auto fromSubject = workflows::extractComplaint(mail.subject, units, hints);
    for (const char* item : {"respondent", "ground"}) {
      if (!has(ex.found, item) && has(fromSubject.found, item)) {
        ex.found.emplace_back(item);
        if (std::string_view(item) == "respondent") {
          ex.form.respondentUnitId = fromSubject.form.respondentUnitId;
        } else {
          ex.form.ground = fromSubject.form.ground;
        }
      }
    }
  }
  const auto& got = ex.form;

  // What this mail says fills or corrects the draft; what it does not say stays as it was.
  if (has(ex.found, "respondent")) form.respondentUnitId = got.respondentUnitId;
  if (has(ex.found, "ground")) {
    form.ground = got.ground;
    groundKnown = true;
  } else if (!groundKnown) {
    if (auto chosen = groundChoice(mail.text)) {
      form.ground = *chosen;
      groundKnown = true;
    }
  }
  // Facts come from the first mail that has them; a reply that supplies a name or address is
  // not a new account of the matter.
  if ((firstMail || form.facts.size() < workflows::kExtractedFactsMin) && has(ex.found, "facts")) {
    form.facts = got.facts;
  }
  auto take = [&](const char* item, std::string& field, const std::string& value) {
    if (has(ex.found, item) || (field.empty() && has(ex.fromHints, item))) field = value;
  };
  take("complainant.name", form.complainant.name, got.complainant.name);
  take("complainant.address", form.complainant.address, got.complainant.address);
  take("complainant.phone", form.complainant.phone, got.complainant.phone);
  take("complainant.email", form.complainant.email, got.complainant.email);
  if (has(ex.found, "complainant.wantsReply")) form.complainant.wantsReply = false;
  if (got.admissibility.reportedElsewhere) {
    form.admissibility.reportedElsewhere = got.admissibility.reportedElsewhere;
  }
  // The sender's own address is a contact we know works: we are answering it.
  if (form.complainant.email.empty()) form.complainant.email = mail.senderEmail;

  EmailIntakeResult result;
  const workflows::Unit* unit = units.find(form.respondentUnitId);
  if (unit != nullptr && !unit->pilotUnit) {
    // Art. 7 (1), said at once as the dialog says it; nothing is kept.
    result.draft = json::object();
    result.reply =
        templates.render("complaint.unit.notPilot",
                         {{"unit", unit->name},
                          {"district", units.districtName()},
                          {"article",
                           workflows::AdmissibilityAssessment{
                               false, workflows::InadmissibilityGround::OutsideJurisdiction}
                               .article()},
                          {"unitPhone", unit->phone},
                          {"unitMailbox", unit->mailbox}});
    return result;
  }
  if (unit != nullptr) {
    form.admissibility.respondentIsPilotUnit = true;
    form.admissibility.respondentIdentified = true;
  }
  if (!form.complainant.phone.empty() || !form.complainant.email.empty()) {
    form.admissibility.complainantReachable = true;
  }

  std::vector<std::string> missing = workflows::missingComplaintItems(form);
  if (!groundKnown) missing.emplace_back("ground");
  if (missing.empty()) {
    result.draft = json::object();
    result.complete = form;
    return result;
  }

  // One mail: what we understood, then every question still open, numbered.
  std::string understood;
  auto line = [&](const std::string& label, const std::string& value) {
    if (!value.empty()) understood += "\n" + label + "：" + value;
  };
  line(templates.render("email.label.unit"), unit ? unit->name : "");
  line(templates.render("email.label.ground"),
       groundKnown ? "第" + std::to_string(workflows::toNumber(form.ground)) + "项 " +
                         groundTitle(templates, form.ground)
                   : "");
  line(templates.render("email.label.facts"), utf8::truncate(form.facts, kFactsShown));
  line(templates.render("email.label.name"), form.complainant.name);
  line(templates.render("email.label.phone"), form.complainant.phone);
  line(templates.render("email.label.email"), form.complainant.email);
  line(templates.render("email.label.address"), form.complainant.address);
  if (!ex.dates.empty()) {
    std::string dates;
    for (const auto& d : ex.dates) dates += (dates.empty() ? "" : "、") + d;
    line(templates.render("email.label.dates"), dates);
  }

  std::string asks;
  int n = 0;
  for (const auto& item : missing) {
    std::map<std::string, std::string> values;
    if (item == "respondent" && !ex.unitSuggestions.empty()) {
      std::string names;
      for (const auto& id : ex.unitSuggestions) {
        names += (names.empty() ? "" : "、") + units.nameOf(id);
      }
      values["suggestions"] = names;
      asks += "\n" + std::to_string(++n) + ". " +
              templates.render("email.ask.respondent.suggest", values);
      continue;
    }
    if (item == "ground") {
      values["grounds"] = groundList(templates);
      values["likely"] = "";
      if (!ex.groundCandidates.empty()) {
        values["likely"] = templates.render(
            "email.ask.ground.likely",
            {{"number", std::to_string(workflows::toNumber(ex.groundCandidates.front()))}});
      }
    }
    asks += "\n" + std::to_string(++n) + ". " + templates.render("email.ask." + item, values);
  }
  result.reply = templates.render(
      "email.intake.incomplete",
      {{"understood",
        understood.empty() ? "\n" + templates.render("email.label.nothing") : understood},
       {"asks", asks}});
  result.draft = json{{"form", workflows::toJson(form)}, {"ground_known", groundKnown}};
  return result;
}

std::string emailRegistered(const Templates& templates, const workflows::UnitDirectory& units,
                            const workflows::ComplaintForm& form, const std::string& caseNo,
                            const std::string& acceptanceDue) {
  return templates.render("email.intake.registered",
                          {{"case_no", caseNo},
                           {"acceptance_due", acceptanceDue},
                           {"unit", units.nameOf(form.respondentUnitId)},
                           {"ground", "第" + std::to_string(workflows::toNumber(form.ground)) +
                                          "项 " + groundTitle(templates, form.ground)},
                           {"facts", utf8::truncate(form.facts, kFactsShown)},
                           {"name", form.complainant.name},
                           {"contact", form.complainant.phone.empty() ? form.complainant.email
                                                                      : form.complainant.phone},
                           {"replyNote", templates.render(form.complainant.wantsReply
                                                              ? "complaint.registered.reply"
                                                              : "complaint.registered.noReply")}});
}

}  // namespace civicdesk::dialogs
