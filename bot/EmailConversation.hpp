#pragma once
// What the dispatcher does with one email (issue 5), inside its transaction:
//   - attachments are kept as evidence, the mail's Message-ID is remembered for threading;
//   - a mail that belongs to a case (In-Reply-To/References naming one of our mails or theirs,
//     else a "+TS-…" recipient, else a "TS-…" subject tag; PROTOCOLS.md §4.5) joins it: the
//     case history records it and the handling unit is told;
//   - otherwise the mail is an application for government information being written
//     (dialogs/email/EmailApplicationIntake) when it asks for information to be disclosed
//     (text::asksForDisclosure) or continues such a draft, else a complaint being written
//     (dialogs/email/EmailIntake): registered when complete (an application through
//     InfoRequestActions, "YS-…"), else answered with one mail asking for what is missing.
//     Each kind keeps its own draft ("email-intake:<from>", "email-application:<from>"), so
//     starting one does not lose the other.
// Every answer is threaded: our own Message-ID (recorded against the case), In-Reply-To and
// References to the citizen's mail, the subject kept with a "[案件 TS-…]" tag.
// A short query ("查询 TS-…") is left to the ordinary dialog (progress).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bot/DeadlineKeeper.hpp"
#include "bot/staff/ComplaintActions.hpp"
#include "bot/staff/InfoRequestActions.hpp"
#include "channels/Message.hpp"
#include "dialogs/Templates.hpp"
#include "store/Outbox.hpp"
#include "store/Store.hpp"
#include "workflows/UnitDirectory.hpp"

namespace civicdesk::bot {

class EmailConversation {
 public:
  // What a mail refers to, most specific first: the case of its thread, a "+caseNo" address,
  // a case number in the subject. Complaints and information requests share one id space
  // (the cases table), so each kind's lookup tries them in this order.
  struct CaseReference {
    std::optional<std::int64_t> id;
    std::string number;
  };

  EmailConversation(store::Store& store, const dialogs::Templates& templates,
                    const workflows::UnitDirectory& units, ComplaintActions& actions,
                    InfoRequestActions& infoRequests, DeadlineKeeper& deadlines,
                    std::string messageIdDomain);

  // The mail's attachments and Message-ID (always, whoever answers it).
  void record(const channels::InboundMessage& mail, std::int64_t citizenId, std::int64_t inboundId,
              std::int64_t now);

  // Handles the mail and queues the one answer; returns the texts queued, or nullopt when
  // the mail is a query for the ordinary dialog.
  std::optional<std::vector<std::string>> handle(const channels::InboundMessage& mail,
                                                 std::int64_t citizenId, std::int64_t inboundId,
                                                 std::int64_t now);

  // The outbox row of an answer to `mail` (threading headers set; its Message-ID recorded
  // against `caseId`, when there is one). Inside the caller's transaction.
  store::OutboxItem answer(const channels::InboundMessage& mail, std::int64_t citizenId,
                           std::optional<std::int64_t> caseId, const std::string& caseNo,
                           const std::string& text, const std::string& idempotencyKey,
                           std::int64_t now);

 private:
  std::vector<CaseReference> referencesOf(const channels::InboundMessage& mail);

  // The complaint this mail continues, if it is the complainant's own.
  std::optional<workflows::ComplaintCase> caseOf(const channels::InboundMessage& mail,
                                                 std::int64_t citizenId);
  // The information request this mail continues, if it is the applicant's own.
  std::optional<workflows::InfoRequest> requestOf(const channels::InboundMessage& mail,
                                                  std::int64_t citizenId);
  // A mail that joins a case or request the sender already has: recorded in its history, its
  // staff told, the sender answered (with the case's status in plain words).
  struct JoinedCase {
    std::int64_t id;
    std::string caseNo;
    std::string unitId;          // who is told
    std::string eventKind;       // "case.citizen_mail", "info_request.citizen_mail"
    std::string staffTemplate;   // the staff notice
    std::string answerTemplate;  // the answer to the sender
    std::string status;          // rendered
  };
  std::vector<std::string> joinCase(const channels::InboundMessage& mail, std::int64_t citizenId,
                                    std::int64_t inboundId, const std::string& key,
                                    std::int64_t now, const JoinedCase& joined);
  // A mail about the applicant's own request: their supplement when one is awaited (Art. 30),
  // otherwise correspondence that joins the request and reaches the unit asked.
  std::vector<std::string> requestMail(const workflows::InfoRequest& request,
                                       const channels::InboundMessage& mail, std::int64_t citizenId,
                                       std::int64_t inboundId, const std::string& key,
                                       std::int64_t now);

  // The draft that became case `caseId` was written in this mail's thread: every mail of it
  // (this one and those it answers) now leads to the case.
  void adoptThread(const channels::InboundMessage& mail, std::int64_t citizenId,
                   std::int64_t caseId, std::int64_t now);
  // A new mail (no case, no query) continues a complaint or an application being written;
  // `key` is the idempotency key of the one answer.
  std::vector<std::string> complaintMail(const channels::InboundMessage& mail,
                                         std::int64_t citizenId, const std::string& key,
                                         std::int64_t now);
  std::vector<std::string> applicationMail(const channels::InboundMessage& mail,
                                           std::int64_t citizenId, const std::string& key,
                                           std::int64_t now);

  store::Store& store_;
  const dialogs::Templates& templates_;
  const workflows::UnitDirectory& units_;
  ComplaintActions& actions_;
  InfoRequestActions& infoRequests_;
  DeadlineKeeper& deadlines_;
  std::string domain_;
};

}  // namespace civicdesk::bot
