#include "dialogs/email/EmailApplicationIntake.hpp"

#include <algorithm>
#include <initializer_list>
#include <map>
#include <vector>

#include "dialogs/common/IdDocuments.hpp"
#include "dialogs/common/TextMatchers.hpp"
#include "dialogs/common/UnitResolution.hpp"
#include "util/Utf8.hpp"
#include "workflows/LocalTime.hpp"
#include "workflows/complaints/ComplaintExtraction.hpp"
#include "workflows/complaints/ExtractionText.hpp"
#include "workflows/complaints/PhoneNumbers.hpp"
#include "workflows/complaints/UnitMentions.hpp"

namespace civicdesk::dialogs {
namespace {

using nlohmann::json;
using workflows::ApplicantType;
using workflows::Delivery;
using workflows::IdDocumentType;
using workflows::InfoForm;

constexpr std::size_t kShown = 200;           // of a description, in the answer
constexpr std::size_t kIdLength = 18;         // both national codes
constexpr std::size_t kCitizenNameMax = 20;   // what a labelled field may hold as a name
constexpr std::size_t kOrganisationMax = 60;  // an organisation's full registered name
constexpr std::size_t kFeaturesMin = 6;       // a description that says something
constexpr std::size_t kOrganisationLineMax = 40;

bool startsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// The value of a "label：value" line (also "label: value", "label为：value"). Only whole
// labels at the start of a line count: "申请人类型：" is not "申请人：".
std::optional<std::string> labelled(const std::vector<std::string>& lines,
                                    std::initializer_list<std::string_view> labels) {
  for (const std::string& line : lines) {
    for (std::string_view label : labels) {
      if (!startsWith(line, label)) continue;
      std::string rest = utf8::trim(std::string_view(line).substr(label.size()));
      for (std::string_view is : {"为", "是"}) {
        if (startsWith(rest, is)) rest = utf8::trim(std::string_view(rest).substr(is.size()));
      }
      bool colon = false;
      for (std::string_view mark : {"：", ":"}) {
        if (startsWith(rest, mark)) {
          rest = utf8::trim(std::string_view(rest).substr(mark.size()));
          colon = true;
          break;
        }
      }
      if (colon && !rest.empty()) return rest;
    }
  }
  return std::nullopt;
}

// A labelled value up to the next separator: "王芳 电话：138…" holds the name "王芳".
std::string firstWord(std::string_view value) {
  std::u32string out;
  for (char32_t c : utf8::decode(value)) {
    if (c == ' ' || c == '\t' || c == 0x3000 || c == ',' || c == ';' || c == U'，' || c == U'；' ||
        c == U'。' || c == U'、' || c == '(' || c == U'（') {
      break;
    }
    out.push_back(c);
  }
  return utf8::encode(out);
}

bool allHan(std::string_view text) {
  const std::u32string t = utf8::decode(text);
  return !t.empty() && std::all_of(t.begin(), t.end(), workflows::extraction::isHan);
}

bool hasDigit(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// ---- Who applies ----------------------------------------------------------------------------

// An organisation says so: "我公司", "法定代表人", a credit code. "单位" alone is not enough: a
// citizen's mail names the unit asked ("被申请单位").
std::optional<ApplicantType> applicantTypeIn(const std::vector<std::string>& lines,
                                             std::string_view text) {
  if (auto said = labelled(lines, {"申请人类型", "申请人身份", "申请主体"})) {
    if (text::containsAny(*said, {"法人", "组织", "单位", "公司", "企业", "机构"})) {
      return ApplicantType::Organisation;
    }
    if (text::containsAny(*said, {"公民", "个人", "自然人"})) return ApplicantType::Citizen;
  }
  if (text::containsAny(text, {"我公司",           "本公司",     "我司",       "我单位",
                               "本单位",           "我们公司",   "我们单位",   "代表公司",
                               "代表单位",         "以单位名义", "以公司名义", "法人或其他组织",
                               "法人或者其他组织", "法定代表人", "法人代表",   "统一社会信用代码",
                               "社会信用代码",     "单位名称",   "公司名称",   "组织名称",
                               "申请单位"})) {
    return ApplicantType::Organisation;
  }
  return std::nullopt;
}

// An organisation's name on a line of its own, as a letter is signed: "青溪区某某科技有限公司".
std::optional<std::string> organisationLine(const std::vector<std::string>& lines) {
  for (const std::string& line : lines) {
    const std::size_t n = utf8::length(line);
    if (n < 4 || n > kOrganisationLineMax) continue;
    if (line.find("：") != std::string::npos || line.find(':') != std::string::npos) continue;
    for (std::string_view suffix : {"有限公司", "有限责任公司", "公司", "事务所", "协会", "研究院",
                                    "合作社", "基金会", "商会"}) {
      if (line.ends_with(suffix)) return line;
    }
  }
  return std::nullopt;
}

// ---- Identity documents -----------------------------------------------------------------------

struct IdRead {
  IdDocumentType type = IdDocumentType::ResidentId;
  std::string number;  // normalised; may be invalid (the answer says why)
};

bool isAsciiAlnum(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

// Runs of 18 letters and digits standing alone (not part of a mail address or a link).
std::vector<std::string> eighteenCharacterRuns(std::string_view text) {
  const std::u32string t = workflows::extraction::fold(text);
  std::vector<std::string> runs;
  std::size_t i = 0;
  while (i < t.size()) {
    if (!isAsciiAlnum(t[i])) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < t.size() && isAsciiAlnum(t[end])) ++end;
    const bool inAddress = (i > 0 && (t[i - 1] == '@' || t[i - 1] == '.' || t[i - 1] == '/')) ||
                           (end < t.size() && (t[end] == '@' || t[end] == '.'));
    if (end - i == kIdLength && !inAddress) {
      runs.push_back(workflows::normaliseIdNumber(utf8::encode(t.substr(i, end - i))));
    }
    i = end;
  }
  return runs;
}

bool looksLikeResidentId(std::string_view n) {
  return n.size() == kIdLength &&
         std::all_of(n.begin(), n.end() - 1, [](char c) { return c >= '0' && c <= '9'; });
}

// A labelled number may be written in groups: "110105 19491231 002X".
std::string idValue(std::string_view value) {
  std::u32string out;
  for (char32_t c : utf8::decode(value)) {
    const char32_t h = utf8::toHalfWidth(c);
    if (isAsciiAlnum(h)) {
      out.push_back(h);
    } else if (h != ' ' && h != '-' && c != 0x3000) {
      break;
    }
  }
  return workflows::normaliseIdNumber(utf8::encode(out));
}

std::optional<IdRead> identityIn(const std::vector<std::string>& lines, std::string_view text,
                                 ApplicantType type) {
  const bool organisation = type == ApplicantType::Organisation;
  const auto label =
      organisation
          ? labelled(lines, {"统一社会信用代码", "社会信用代码", "信用代码"})
          : labelled(lines, {"居民身份证号码", "公民身份号码", "身份证号码", "身份证号", "身份证"});
  const IdDocumentType wanted =
      organisation ? IdDocumentType::CreditCode : IdDocumentType::ResidentId;
  if (label) {
    if (std::string number = idValue(*label); !number.empty()) return IdRead{wanted, number};
  }
  // Anywhere in the text: a valid number first, else the first that looks like one (to say
  // what is wrong with it).
  std::optional<std::string> candidate;
  for (const std::string& run : eighteenCharacterRuns(text)) {
    if (organisation) {
      // The representative's resident ID is not the organisation's code.
      if (workflows::isValidResidentId(run)) continue;
      if (workflows::isValidCreditCode(run)) return IdRead{wanted, run};
    } else {
      if (workflows::isValidResidentId(run)) return IdRead{wanted, run};
      if (!looksLikeResidentId(run)) continue;
    }
    if (!candidate) candidate = run;
  }
  if (candidate) return IdRead{wanted, *candidate};
  if (auto passport = labelled(lines, {"护照号码", "护照号", "护照"})) {
    return IdRead{IdDocumentType::Other, "护照 " + firstWord(*passport)};
  }
  return std::nullopt;
}

// Why a number the mail gave is not valid, in the words of email.info.id.*; "" when it is.
std::string idProblem(const Templates& templates, const workflows::Applicant& a) {
  if (a.idNumber.empty() || a.idType == IdDocumentType::Other) return "";
  const bool credit = a.idType == IdDocumentType::CreditCode;
  const ids::Checked checked =
      credit ? ids::checkCreditCode(a.idNumber) : ids::checkResidentId(a.idNumber);
  if (!checked.problem) return "";
  std::string key = credit ? "email.info.id.creditCode." : "email.info.id.residentId.";
  switch (*checked.problem) {
    case ids::Problem::Length:
      key += "length";
      break;
    case ids::Problem::Characters:
      key += "characters";
      break;
    case ids::Problem::BirthDate:
      key += credit ? "checkDigit" : "birthDate";
      break;
    case ids::Problem::CheckDigit:
      key += "checkDigit";
      break;
  }
  return templates.render(key, {{"count", std::to_string(checked.length)}});
}

// "110105194912310021" → "110105********0021": enough for the citizen to recognise it, not
// enough to be of use to anyone reading the mail on the way.
std::string masked(const std::string& number) {
  if (number.size() != kIdLength) return number;
  return number.substr(0, 6) + std::string(8, '*') + number.substr(14);
}

// ---- The unit asked ---------------------------------------------------------------------------

struct UnitRead {
  std::string unitId;
  std::vector<std::string> suggestions;
};

// The text without its 《titles》: a title names the unit that made a document, which is not
// always the unit asked.
std::string withoutTitles(std::string text) {
  for (auto open = text.find("《"); open != std::string::npos; open = text.find("《")) {
    const auto close = text.find("》", open);
    if (close == std::string::npos) break;
    text.erase(open, close + std::string_view("》").size() - open);
  }
  return text;
}

UnitRead unitIn(const std::vector<std::string>& lines, std::string_view text,
                const workflows::UnitDirectory& units) {
  UnitRead out;
  if (auto said = labelled(lines, {"被申请机关", "被申请单位", "被申请人", "申请公开的单位",
                                   "申请公开单位", "受理机关", "受理单位"})) {
    units::Resolution r = units::resolve(units, firstWord(*said));
    if (r.kind == units::Resolution::Kind::Found) return {r.unitId, {}};
    out.suggestions = std::move(r.suggestions);
  }
  for (const std::string& searched : {withoutTitles(std::string(text)), std::string(text)}) {
    const std::u32string t = workflows::extraction::fold(searched);
    // One unit named outside a greeting: that one (the complaint reader knows greetings).
    workflows::RespondentGuess guess = workflows::guessRespondent(t, units);
    if (guess.unitId) return {*guess.unitId, {}};
    // Several: the one the application is addressed to ("向青溪区教育局申请").
    for (const workflows::UnitMention& m : workflows::findUnitMentions(t, units)) {
      const std::size_t from = m.begin >= 2 ? m.begin - 2 : 0;
      if (t.substr(from, m.begin - from).find(U'向') != std::u32string::npos) {
        return {m.unitId, {}};
      }
    }
    if (out.suggestions.empty()) out.suggestions = std::move(guess.others);
  }
  return out;
}

// ---- The information sought, its form and delivery --------------------------------------------

// The sentence that asks, from the asking word on: "申请公开青溪区2026年学区划分方案".
std::optional<std::string> askingSentence(std::string_view text) {
  std::u32string t = utf8::decode(text);
  std::size_t start = 0;
  for (std::size_t i = 0; i <= t.size(); ++i) {
    if (i < t.size() && t[i] != U'。' && t[i] != U'！' && t[i] != U'？' && t[i] != '\n' &&
        t[i] != '!' && t[i] != '?') {
      continue;
    }
    const std::string sentence = utf8::encode(std::u32string_view(t).substr(start, i - start));
    start = i + 1;
    for (std::string_view word : {"申请公开", "申请获取", "请公开", "申请提供", "公开"}) {
      const auto at = sentence.find(word);
      if (at == std::string::npos) continue;
      std::string asked = utf8::trim(std::string_view(sentence).substr(at));
      std::string rest = text::normalise(std::string_view(asked).substr(word.size()));
      if (utf8::length(rest) >= kFeaturesMin) return asked;
      break;
    }
  }
  return std::nullopt;
}

void eraseAll(std::string& text, std::string_view part) {
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part)) {
    text.erase(at, part.size());
  }
}

// "电子邮件"/"电子邮箱" name a mailbox, not the electronic form; both forms named: not said.
std::optional<InfoForm> formIn(std::string text) {
  for (std::string_view mailbox : {"电子邮件", "电子邮箱"}) eraseAll(text, mailbox);
  const bool paper = text::containsAny(text, {"纸质", "纸件", "纸版", "纸本", "复印件"});
  const bool electronic = text::containsAny(text, {"电子", "扫描件", "pdf"});
  if (paper == electronic) return std::nullopt;
  return paper ? InfoForm::Paper : InfoForm::Electronic;
}

// One way named; several (or none): not said. A contact label ("电子邮箱：…") is no wish.
std::optional<Delivery> deliveryIn(std::string text) {
  for (std::string_view label : {"电子邮件：", "电子邮件:", "电子邮箱", "邮箱："}) {
    eraseAll(text, label);
  }
  std::vector<Delivery> named;
  if (text::containsAny(text, {"邮寄", "寄给", "寄到", "寄送", "快递", "邮政", "挂号信"})) {
    named.push_back(Delivery::Post);
  }
  if (text::containsAny(text, {"电子邮件", "邮件发送", "邮件方式", "发送到邮箱", "发到邮箱",
                               "发送至邮箱", "发至邮箱", "发送到我的邮箱", "发到我的邮箱",
                               "发送至我的邮箱", "以邮件", "通过邮件", "邮件回复", "邮箱接收"})) {
    named.push_back(Delivery::Email);
  }
  if (text::containsAny(text, {"当面领取", "当面", "自取", "现场领取", "窗口领取", "上门领取"})) {
    named.push_back(Delivery::Pickup);
  }
  if (named.size() != 1) return std::nullopt;
  return named.front();
}

// ---- Texts ------------------------------------------------------------------------------------

std::string infoText(const Templates& templates, const workflows::InformationSought& info) {
  std::string out;
  auto add = [&](const char* key, const std::string& value) {
    if (value.empty()) return;
    out += (out.empty() ? "" : "\n") + templates.render(key, {{"value", value}});
  };
  add("info_request.summary.title", info.title);
  add("info_request.summary.documentNumber", info.documentNumber);
  add("info_request.summary.features", utf8::truncate(info.features, kShown));
  return out;
}

std::string deliveryText(const Templates& templates, const workflows::Application& a) {
  if (!a.delivery) return "";
  return templates.render("info_request.delivery." + std::string(workflows::toString(*a.delivery)),
                          {{"address", a.applicant.address}, {"email", a.applicant.email}});
}

std::string applicantText(const Templates& templates, const workflows::Applicant& a) {
  return a.type == ApplicantType::Organisation
             ? templates.render("info_request.summary.organisation",
                                {{"name", a.name}, {"representative", a.representative}})
             : templates.render("info_request.summary.citizen", {{"name", a.name}});
}

}  // namespace

EmailApplicationResult continueEmailApplication(const json& draft, const EmailIntakeInput& mail,
                                                const Templates& templates,
                                                const workflows::UnitDirectory& units) {
  workflows::Application app;
  if (draft.is_object() && draft.contains("application")) {
    try {
      app = workflows::applicationFromJson(draft.at("application"));
    } catch (const json::exception&) {
      app = {};  // a draft we cannot read starts afresh rather than failing the mail
    }
  }
  workflows::Applicant& who = app.applicant;
  const std::string body = utf8::sanitize(mail.text);
  std::vector<std::string> lines = utf8::splitLines(body);
  for (auto& line : lines) line = utf8::trim(line);

  // Who applies. Turning into an organisation, the person named so far becomes its
  // representative, and a resident ID no longer identifies the applicant.
  if (auto type = applicantTypeIn(lines, body); type && *type != who.type) {
    if (*type == ApplicantType::Organisation && who.representative.empty()) {
      who.representative = who.name;
      who.name.clear();
    }
    who.type = *type;
    who.idType = *type == ApplicantType::Organisation ? IdDocumentType::CreditCode
                                                      : IdDocumentType::ResidentId;
    who.idNumber.clear();
  }
  const bool organisation = who.type == ApplicantType::Organisation;

  // The complaint reader knows how a writer names themself (姓名：, 我叫, a signature) and
  // where they live; an application is signed the same way.
  workflows::ExtractionHints hints;
  hints.knownName = mail.senderName;
  hints.referenceDate = workflows::shanghaiDate(mail.at);
  const auto ex = workflows::extractComplaint(body, units, hints);
  auto found = [&](std::string_view item) {
    return std::find(ex.found.begin(), ex.found.end(), item) != ex.found.end();
  };
  const std::string person = found("complainant.name") ? ex.form.complainant.name : "";

  if (organisation) {
    auto name = labelled(lines, {"单位名称", "公司名称", "组织名称", "机构名称", "申请单位",
                                 "申请人名称", "申请人"});
    if (!name) name = organisationLine(lines);
    if (name && utf8::length(firstWord(*name)) <= kOrganisationMax) who.name = firstWord(*name);
    if (auto rep = labelled(lines, {"法定代表人", "法人代表", "负责人", "联系人", "经办人"})) {
      who.representative = firstWord(*rep);
    } else if (!person.empty()) {
      who.representative = person;
    }
  } else {
    const auto name = labelled(lines, {"申请人姓名", "申请人", "姓名"});
    const std::string word = name ? firstWord(*name) : "";
    if (!word.empty() && utf8::length(word) <= kCitizenNameMax && !hasDigit(word)) {
      who.name = word;
    } else if (!person.empty()) {
      who.name = person;
    } else if (const std::string hinted = utf8::trim(mail.senderName);
               who.name.empty() && utf8::length(hinted) >= 2 && utf8::length(hinted) <= 4 &&
               allHan(hinted)) {
      who.name = hinted;  // the From name, when it is a Chinese name: confirmed in the answer
    }
  }

  if (auto id = identityIn(lines, body, who.type)) {
    who.idType = id->type;
    who.idNumber = id->number;
  }

  // Contact: a mobile in the text (not one of the units' own numbers); the sender's address,
  // or another the mail gives.
  {
    std::vector<std::string> unitNumbers;
    for (const auto& unit : units.units())
      unitNumbers.push_back(workflows::phoneDigits(unit.phone));
    for (const auto& m : workflows::findPhoneNumbers(workflows::extraction::fold(body))) {
      if (m.kind != workflows::PhoneKind::Mobile) continue;
      if (std::find(unitNumbers.begin(), unitNumbers.end(), m.number) != unitNumbers.end()) {
        continue;
      }
      who.phone = m.number;
      break;
    }
  }
  if (found("complainant.email")) {
    who.email = ex.form.complainant.email;
  } else if (who.email.empty()) {
    who.email = mail.senderEmail;
  }
  if (found("complainant.address")) who.address = ex.form.complainant.address;

  // The unit asked: from the body, else the subject ("向区教育局申请公开…").
  UnitRead unit = unitIn(lines, body, units);
  if (unit.unitId.empty() && !mail.subject.empty()) {
    UnitRead fromSubject = unitIn({}, mail.subject, units);
    if (!fromSubject.unitId.empty() || unit.suggestions.empty()) unit = std::move(fromSubject);
  }
  const workflows::Unit* notPilot = nullptr;
  if (!unit.unitId.empty()) {
    const workflows::Unit* named = units.find(unit.unitId);
    if (named != nullptr && !named->pilotUnit) {
      notPilot = named;  // not on this platform: said in the answer, asked again
      app.unitId.clear();
    } else {
      app.unitId = unit.unitId;
    }
  }

  // The information sought (Art. 29 (2)).
  workflows::InformationSought& info = app.info;
  const auto title = text::findBookTitle(body);
  const auto number = text::findDocumentNumber(body);
  if (title) info.title = *title;
  if (number) info.documentNumber = *number;
  if (!title && !number && info.title.empty() && info.documentNumber.empty()) {
    if (auto t = text::findBookTitle(mail.subject)) info.title = *t;
    if (auto n = text::findDocumentNumber(mail.subject)) info.documentNumber = *n;
  }
  if (auto described =
          labelled(lines, {"所需信息的内容描述", "所需政府信息", "所需信息", "申请公开的内容",
                           "申请公开内容", "申请内容", "信息内容", "内容描述", "特征描述"})) {
    info.features = *described;
  } else if (!title && !number) {
    if (auto asked = askingSentence(body)) info.features = *asked;
  }

  // Art. 29 (3): form and delivery. Electronic information goes by email unless the mail says
  // otherwise (the sender's address works: we answer it); delivery by email is electronic.
  if (auto form = formIn(body)) app.form = *form;
  if (auto delivery = deliveryIn(body)) app.delivery = *delivery;
  if (app.form == InfoForm::Electronic && !app.delivery) app.delivery = Delivery::Email;
  if (app.delivery == Delivery::Email && !app.form) app.form = InfoForm::Electronic;

  EmailApplicationResult result;
  const std::vector<std::string> missing = workflows::missingApplicationItems(app);
  if (missing.empty()) {
    result.draft = json::object();
    result.complete = app;
    return result;
  }

  // One mail: what we understood, then every question still open, numbered.
  std::string understood;
  auto line = [&](const std::string& label, const std::string& value) {
    if (!value.empty()) understood += "\n" + label + "：" + value;
  };
  line(templates.render("email.info.label.type"),
       templates.render(organisation ? "email.info.type.organisation" : "email.info.type.citizen"));
  line(templates.render(organisation ? "email.info.label.organisation" : "email.label.name"),
       who.name);
  if (organisation) line(templates.render("email.info.label.representative"), who.representative);
  if (idProblem(templates, who).empty()) {
    line(templates.render("info_request.idType." + std::string(workflows::toString(who.idType))),
         masked(who.idNumber));
  }
  line(templates.render("email.label.phone"), who.phone);
  line(templates.render("email.label.email"), who.email);
  line(templates.render("email.label.address"), who.address);
  line(templates.render("email.info.label.unit"),
       app.unitId.empty() ? "" : units.nameOf(app.unitId));
  if (const std::string sought = infoText(templates, info); !sought.empty()) {
    understood += "\n" + templates.render("email.info.label.info") + "：\n" + sought;
  }
  line(templates.render("email.info.label.form"),
       app.form
           ? templates.render("info_request.form." + std::string(workflows::toString(*app.form)))
           : "");
  line(templates.render("email.info.label.delivery"), deliveryText(templates, app));

  std::string asks;
  int n = 0;
  for (const auto& item : missing) {
    std::string text;
    if (item == "applicant.name" && organisation) {
      text = templates.render("email.ask.info.applicant.name.organisation");
    } else if (item == "applicant.idNumber") {
      const std::string problem = idProblem(templates, who);
      if (!problem.empty()) {
        text = templates.render("email.ask.info.applicant.idNumber.invalid",
                                {{"number", who.idNumber}, {"reason", problem}});
      } else {
        text = templates.render(organisation ? "email.ask.info.applicant.idNumber.organisation"
                                             : "email.ask.info.applicant.idNumber");
      }
    } else if (item == "unit" && notPilot != nullptr) {
      text = templates.render("email.ask.info.unit.notPilot", {{"unit", notPilot->name},
                                                               {"unitPhone", notPilot->phone},
                                                               {"unitMailbox", notPilot->mailbox}});
    } else if (item == "unit" && !unit.suggestions.empty()) {
      std::string names;
      for (const auto& id : unit.suggestions)
        names += (names.empty() ? "" : "、") + units.nameOf(id);
      text = templates.render("email.ask.info.unit.suggest", {{"suggestions", names}});
    } else {
      text = templates.render("email.ask.info." + item);
    }
    asks += "\n" + std::to_string(++n) + ". " + text;
  }
  result.reply = templates.render(
      "email.info.incomplete",
      {{"understood",
        understood.empty() ? "\n" + templates.render("email.label.nothing") : understood},
       {"asks", asks}});
  result.draft = json{{"application", workflows::toJson(app)}};
  return result;
}

std::string emailApplicationRegistered(const Templates& templates,
                                       const workflows::UnitDirectory& units,
                                       const workflows::Application& application,
                                       const std::string& requestNo, const std::string& receivedOn,
                                       const std::string& replyDue) {
  const std::string form =
      application.form ? templates.render("info_request.form." +
                                          std::string(workflows::toString(*application.form)))
                       : "";
  return templates.render("email.info.registered",
                          {{"case_no", requestNo},
                           {"received_on", receivedOn},
                           {"reply_due", replyDue},
                           {"applicant", applicantText(templates, application.applicant)},
                           {"unit", units.nameOf(application.unitId)},
                           {"info", infoText(templates, application.info)},
                           {"form", form},
                           {"delivery", deliveryText(templates, application)}});
}

}  // namespace civicdesk::dialogs
