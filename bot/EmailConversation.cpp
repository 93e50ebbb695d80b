#include "bot/EmailConversation.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "bot/CitizenIdentity.hpp"
#include "channels/Signature.hpp"
#include "channels/email/MailComposer.hpp"
#include "dialogs/common/TextMatchers.hpp"
#include "dialogs/email/EmailApplicationIntake.hpp"
#include "dialogs/email/EmailIntake.hpp"
#include "store/Attachments.hpp"
#include "store/Cases.hpp"
#include "store/Citizens.hpp"
#include "store/Conversations.hpp"
#include "store/EventLog.hpp"
#include "store/InfoRequests.hpp"
#include "store/MailThreads.hpp"
#include "util/AsciiText.hpp"
#include "util/Utf8.hpp"
#include "workflows/LocalTime.hpp"

namespace civicdesk::bot {
namespace {

using nlohmann::json;

// Ids the adapters make up for mails without a Message-ID: not something a reply can name.
bool isRealMessageId(const std::string& id) {
  return !id.empty() && id.rfind("mailgun:", 0) != 0 && id.rfind("mime:", 0) != 0;
}

// "xinxi+TS-2026-000123@desk.example" → "TS-2026-000123".
std::optional<std::string> plusCaseNumber(const std::string& recipient) {
  const auto plus = recipient.find('+');
  const auto at = recipient.find('@');
  if (plus == std::string::npos || at == std::string::npos || at < plus) return std::nullopt;
  std::string tag = recipient.substr(plus + 1, at - plus - 1);
  std::transform(tag.begin(), tag.end(), tag.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  if (!workflows::isCaseNumber(tag)) return std::nullopt;
  return tag;
}

// A short mail that asks after a case ("查询 TS-2026-000123", "进度"): the dialog answers it.
bool isProgressQuery(const std::string& text) {
  return utf8::length(text) <= 60 &&
         dialogs::text::containsAny(text, {"查询", "进度", "办理情况", "办得怎么样"});
}

// The two drafts a sender may have in progress, one per kind of intake.
std::string complaintKey(const std::string& from) {
  return "email-intake:" + from;
}
std::string applicationKey(const std::string& from) {
  return "email-application:" + from;
}

struct Draft {
  json slots = json::object();
  std::int64_t lastActivityAt = 0;
};

// The draft stored under `key`, when one is in progress.
std::optional<Draft> draftOf(store::Conversations& conversations, const std::string& key) {
  auto stored = conversations.load(key);
  if (!stored || stored->state == "email.done") return std::nullopt;
  Draft draft{json::parse(stored->slotsJson, nullptr, false), stored->lastActivityAt};
  if (!draft.slots.is_object() || draft.slots.empty()) return std::nullopt;
  return draft;
}

void saveDraft(store::Conversations& conversations, const std::string& key, std::int64_t citizenId,
               const json& draft, std::int64_t now) {
  store::ConversationRecord saved;
  saved.key = key;
  saved.citizenId = citizenId;
  saved.state = draft.empty() ? "email.done" : "email.draft";
  saved.slotsJson = draft.dump();
  saved.lastActivityAt = now;
  conversations.save(saved);
}

}  // namespace

EmailConversation::EmailConversation(store::Store& store, const dialogs::Templates& templates,
                                     const workflows::UnitDirectory& units,
                                     ComplaintActions& actions, InfoRequestActions& infoRequests,
                                     DeadlineKeeper& deadlines, std::string messageIdDomain)
    : store_(store),
      templates_(templates),
      units_(units),
      actions_(actions),
      infoRequests_(infoRequests),
      deadlines_(deadlines),
      domain_(std::move(messageIdDomain)) {}

void EmailConversation::record(const channels::InboundMessage& mail, std::int64_t citizenId,
                               std::int64_t inboundId, std::int64_t now) {
  store::Attachments attachments(store_);
  for (const auto& a : mail.attachments) {
    attachments.add({0, inboundId, a.filename, a.contentType,
                     static_cast<std::int64_t>(a.data.size()), channels::sha256Hex(a.data),
                     a.data});
  }
  if (isRealMessageId(mail.platformId)) {
    store::MailThreads(store_).record(mail.platformId, citizenId, std::nullopt, false, now);
  }
}

std::vector<EmailConversation::CaseReference> EmailConversation::referencesOf(
    const channels::InboundMessage& mail) {
  std::vector<CaseReference> references;
  if (auto thread = store::MailThreads(store_).find(mail.threadIds); thread && thread->caseId) {
    references.push_back({thread->caseId, ""});
  }
  if (auto number = plusCaseNumber(mail.recipient)) references.push_back({std::nullopt, *number});
  if (auto number = dialogs::text::findCaseNumber(mail.subject)) {
    references.push_back({std::nullopt, *number});
  }
  return references;
}

namespace {

// The first record a reference names (in `repository`, Cases or InfoRequests) that belongs to
// the sender: their citizen record, or the email address the case gives for them. A stranger
// who knows a case number learns nothing and adds nothing to it (Art. 14 protects the
// complainant; the case protects itself).
template <class Repository, class EmailOf>
auto firstOwn(Repository repository,
              const std::vector<EmailConversation::CaseReference>& references,
              const channels::InboundMessage& mail, std::int64_t citizenId, EmailOf emailOf)
    -> decltype(repository.byId(0)) {
  for (const auto& reference : references) {
    auto found =
        reference.id ? repository.byId(*reference.id) : repository.byNumber(reference.number);
    if (!found) continue;
    const std::string email = ascii::lower(emailOf(*found));
    if (found->citizenId == citizenId || (!email.empty() && email == mail.from)) return found;
  }
  return std::nullopt;
}

}  // namespace

std::optional<workflows::ComplaintCase> EmailConversation::caseOf(
    const channels::InboundMessage& mail, std::int64_t citizenId) {
  return firstOwn(store::Cases(store_), referencesOf(mail), mail, citizenId,
                  [](const workflows::ComplaintCase& c) { return c.form.complainant.email; });
}

std::optional<workflows::InfoRequest> EmailConversation::requestOf(
    const channels::InboundMessage& mail, std::int64_t citizenId) {
  return firstOwn(store::InfoRequests(store_), referencesOf(mail), mail, citizenId,
                  [](const workflows::InfoRequest& r) { return r.application.applicant.email; });
}

std::vector<std::string> EmailConversation::requestMail(const workflows::InfoRequest& request,
                                                        const channels::InboundMessage& mail,
                                                        std::int64_t citizenId,
                                                        std::int64_t inboundId,
                                                        const std::string& key, std::int64_t now) {
  if (request.status == workflows::InfoRequestStatus::AwaitingSupplement &&
      infoRequests_.supplement(request.caseNo, citizenId, mail.text, now)) {
    // Art. 30: the answer to the supplement notice. The workflow's notice (the new reply date)
    // is the answer; it goes out through the outbox like every notice of the request.
    store::MailThreads(store_).record(mail.platformId, citizenId, request.id, false, now);
    return {};
  }
  return joinCase(
      mail, citizenId, inboundId, key, now,
      {request.id, request.caseNo, request.application.unitId, "info_request.citizen_mail",
       "staff.info.citizen_mail", "email.info.joined",
       templates_.render("status.info." + std::string(workflows::toString(request.status)))});
}

std::vector<std::string> EmailConversation::joinCase(const channels::InboundMessage& mail,
                                                     std::int64_t citizenId, std::int64_t inboundId,
                                                     const std::string& key, std::int64_t now,
                                                     const JoinedCase& joined) {
  store::MailThreads(store_).record(mail.platformId, citizenId, joined.id, false, now);
  store::EventLog(store_).append({0, joined.id, joined.eventKind,
                                  "citizen:" + std::to_string(citizenId), now,
                                  json{{"subject", mail.subject},
                                       {"text", mail.text},
                                       {"inbound_message_id", inboundId},
                                       {"attachments", mail.attachments.size()}}
                                      .dump()});
  deadlines_.notifyStaff(joined.unitId,
                         templates_.render(joined.staffTemplate,
                                           {{"case_no", joined.caseNo}, {"subject", mail.subject}}),
                         "staff:" + joined.caseNo + ":mail:" + std::to_string(inboundId), joined.id,
                         now);
  const std::string attachments =
      mail.attachments.empty()
          ? ""
          : templates_.render("email.intake.joined.attachments",
                              {{"count", std::to_string(mail.attachments.size())}});
  const std::string text = templates_.render(
      joined.answerTemplate,
      {{"case_no", joined.caseNo}, {"attachments", attachments}, {"status", joined.status}});
  store::Outbox(store_).enqueue(answer(mail, citizenId, joined.id, joined.caseNo, text, key, now),
                                now);
  return {text};
}

store::OutboxItem EmailConversation::answer(const channels::InboundMessage& mail,
                                            std::int64_t citizenId,
                                            std::optional<std::int64_t> caseId,
                                            const std::string& caseNo, const std::string& text,
                                            const std::string& idempotencyKey, std::int64_t now) {
  // Keep the citizen's subject (clients thread by it too), add "Re:" once and the case tag.
  std::string subject = utf8::trim(mail.subject);
  if (subject.empty()) {
    subject = templates_.render("email.subject.default", {{"district", units_.districtName()}});
  }
  const bool isReply = subject.rfind("Re:", 0) == 0 || subject.rfind("RE:", 0) == 0 ||
                       subject.rfind("回复", 0) == 0 || subject.rfind("答复", 0) == 0;
  if (!isReply) subject = "Re: " + subject;
  if (!caseNo.empty() && subject.find(caseNo) == std::string::npos) {
    subject += " [案件 " + caseNo + "]";
  }
  json headers{{"subject", subject}, {"message_id", channels::newMessageId(caseNo, domain_)}};
  if (isRealMessageId(mail.platformId)) {
    headers["in_reply_to"] = mail.platformId;
    json references = json::array();
    for (auto it = mail.threadIds.rbegin(); it != mail.threadIds.rend(); ++it) {
      references.push_back(*it);  // the adapter lists In-Reply-To first, then References
    }
    references.push_back(mail.platformId);
    headers["references"] = references;
  }
  store::MailThreads(store_).record(headers["message_id"], citizenId, caseId, true, now);
  store::OutboxItem item;
  item.channel = "email";
  item.recipient = mail.from;
  item.text = text;
  item.idempotencyKey = idempotencyKey;
  item.citizenId = citizenId;
  item.caseId = caseId;
  item.headersJson = headers.dump();
  return item;
}

std::optional<std::vector<std::string>> EmailConversation::handle(
    const channels::InboundMessage& mail, std::int64_t citizenId, std::int64_t inboundId,
    std::int64_t now) {
  const std::string key = "reply:" + std::to_string(inboundId) + ":0";

  if (auto c = caseOf(mail, citizenId)) {
    // A letter about a case the citizen already has: it joins the case.
    return joinCase(mail, citizenId, inboundId, key, now,
                    {c->id, c->caseNo, c->receivingUnitId, "case.citizen_mail",
                     "staff.case.citizen_mail", "email.intake.joined",
                     templates_.render("status." + std::string(workflows::toString(c->status)))});
  }
  if (auto request = requestOf(mail, citizenId)) {
    return requestMail(*request, mail, citizenId, inboundId, key, now);
  }
  // "补正 …" without a reference: the applicant's request that waits for one, as in chat.
  if (dialogs::text::isSupplement(mail.text) &&
      infoRequests_.supplementFromApplicant(citizenId, mail.text, now)) {
    return std::vector<std::string>{};
  }

  if (isProgressQuery(mail.text)) return std::nullopt;

  // An application asks for information to be disclosed (said conservatively: a complaint
  // about an unanswered application stays a complaint); otherwise a mail continues whichever
  // draft the sender wrote last, and a complaint is what it was before applications by mail.
  store::Conversations conversations(store_);
  bool application = dialogs::text::asksForDisclosure(mail.subject + "\n" + mail.text);
  if (!application) {
    const auto applying = draftOf(conversations, applicationKey(mail.from));
    const auto complaining = draftOf(conversations, complaintKey(mail.from));
    application =
        applying && (!complaining || applying->lastActivityAt >= complaining->lastActivityAt);
  }
  return application ? applicationMail(mail, citizenId, key, now)
                     : complaintMail(mail, citizenId, key, now);
}

void EmailConversation::adoptThread(const channels::InboundMessage& mail, std::int64_t citizenId,
                                    std::int64_t caseId, std::int64_t now) {
  store::MailThreads threads(store_);
  threads.record(mail.platformId, citizenId, caseId, false, now);
  for (const auto& id : mail.threadIds) threads.record(id, citizenId, caseId, false, now);
}

std::vector<std::string> EmailConversation::complaintMail(const channels::InboundMessage& mail,
                                                          std::int64_t citizenId,
                                                          const std::string& key,
                                                          std::int64_t now) {
  // A complaint being written, across as many mails as it takes.
  store::Conversations conversations(store_);
  store::Outbox outbox(store_);
  const json draft = draftOf(conversations, complaintKey(mail.from)).value_or(Draft{}).slots;
  const auto result = dialogs::continueEmailComplaint(
      draft, {mail.subject, mail.text, mail.senderName, mail.from, now}, templates_, units_);
  saveDraft(conversations, complaintKey(mail.from), citizenId, result.draft, now);

  if (result.complete) {
    auto registered =
        actions_.registerIntake(*result.complete, {"email", citizenId, now, "email"},
                                {"citizen:" + std::to_string(citizenId), "", ""}, now);
    if (!registered) throw std::logic_error("email intake: " + registered.error().message);
    const auto& c = registered->c;
    linkComplainantContacts(store_, citizenId, c.form.complainant, now);
    adoptThread(mail, citizenId, c.id, now);
    const std::string text =
        dialogs::emailRegistered(templates_, units_, c.form, c.caseNo, registered->acceptanceDue);
    outbox.enqueue(answer(mail, citizenId, c.id, c.caseNo, text, key, now), now);
    return {text};
  }
  outbox.enqueue(answer(mail, citizenId, std::nullopt, "", result.reply, key, now), now);
  return {result.reply};
}

std::vector<std::string> EmailConversation::applicationMail(const channels::InboundMessage& mail,
                                                            std::int64_t citizenId,
                                                            const std::string& key,
                                                            std::int64_t now) {
  // An application for government information being written (issue 6), like a complaint.
  store::Conversations conversations(store_);
  store::Outbox outbox(store_);
  const json draft = draftOf(conversations, applicationKey(mail.from)).value_or(Draft{}).slots;
  const auto result = dialogs::continueEmailApplication(
      draft, {mail.subject, mail.text, mail.senderName, mail.from, now}, templates_, units_);
  saveDraft(conversations, applicationKey(mail.from), citizenId, result.draft, now);

  if (result.complete) {
    // Received today, the day of the mail that completed it (Art. 31 (2)).
    auto registered = infoRequests_.registerApplication(
        *result.complete, "email", citizenId,
        {"citizen:" + std::to_string(citizenId), "citizen", ""}, now);
    if (!registered) throw std::logic_error("email application: " + registered.error().message);
    const auto& request = registered->request;
    workflows::Complainant contacts;
    contacts.phone = request.application.applicant.phone;
    contacts.email = request.application.applicant.email;
    linkComplainantContacts(store_, citizenId, contacts, now);
    // The thread belongs to the request (info requests live in the cases table too).
    adoptThread(mail, citizenId, request.id, now);
    const std::string text = dialogs::emailApplicationRegistered(
        templates_, units_, request.application, request.caseNo,
        workflows::formatDate(workflows::shanghaiDate(now)), registered->replyDue);
    outbox.enqueue(answer(mail, citizenId, request.id, request.caseNo, text, key, now), now);
    return {text};
  }
  outbox.enqueue(answer(mail, citizenId, std::nullopt, "", result.reply, key, now), now);
  return {result.reply};
}

}  // namespace civicdesk::bot
