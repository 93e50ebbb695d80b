#include "bot/Dispatcher.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "bot/CitizenIdentity.hpp"
#include "bot/DialogStep.hpp"
#include "dialogs/Dialog.hpp"
#include "dialogs/common/TextMatchers.hpp"
#include "store/Cases.hpp"
#include "store/Citizens.hpp"
#include "store/Conversations.hpp"
#include "store/Deadlines.hpp"
#include "store/EventLog.hpp"
#include "store/InfoRequests.hpp"
#include "store/Outbox.hpp"
#include "workflows/LocalTime.hpp"
#include "workflows/calendar/DateMath.hpp"

namespace civicdesk::bot {

using channels::InboundKind;
using channels::InboundMessage;

namespace {

std::string storedKind(const InboundMessage& m) {
  switch (m.kind) {
    case InboundKind::Text:
      return "text";
    case InboundKind::Voice:
      return "voice";
    case InboundKind::Image:
      return "image";
    case InboundKind::Subscribe:
      return "event/subscribe";
    case InboundKind::Unsubscribe:
      return "event/unsubscribe";
    case InboundKind::MenuClick:
      return "event/click";
    case InboundKind::Other:
      return m.platformType.empty() ? "other" : m.platformType;
  }
  return "other";
}

dialogs::DialogInput toDialogInput(const InboundMessage& m, std::int64_t now) {
  using Kind = dialogs::DialogInput::Kind;
  dialogs::DialogInput input;
  input.at = now;
  input.text = m.text;
  switch (m.kind) {
    case InboundKind::Text:
      input.kind = Kind::Text;
      break;
    case InboundKind::Voice:
      // Speech the platform recognised is text like any other; without it we ask to type.
      input.kind = m.text.empty() ? Kind::VoiceWithoutText : Kind::Text;
      break;
    case InboundKind::Image:
      input.kind = Kind::Image;
      input.mediaRef = m.mediaId;
      input.mediaUrl = m.mediaUrl;
      break;
    case InboundKind::Subscribe:
      input.kind = Kind::Subscribe;
      break;
    case InboundKind::MenuClick:
      input.kind = Kind::MenuClick;
      break;
    case InboundKind::Unsubscribe:
    case InboundKind::Other:
      input.kind = Kind::Unsupported;
      break;
  }
  return input;
}

// The citizen's own cases for the progress query, newest first, each with its earliest open
// deadline (the due day and the rule's title, from the stored Deadline JSON).
std::vector<dialogs::CaseProgress> caseProgressOf(store::Store& store, std::int64_t citizenId) {
  std::vector<dialogs::CaseProgress> out;
  store::Deadlines deadlines(store);
  for (const auto& c : store::Cases(store).byCitizen(citizenId)) {
    dialogs::CaseProgress progress;
    progress.caseNo = c.caseNo;
    progress.status = std::string(workflows::toString(c.status));
    progress.receivedOn = workflows::formatDate(workflows::shanghaiDate(c.receivedAt));
    const auto open = deadlines.openForCase(c.id);
    if (!open.empty()) {
      // due_at is the first overdue second (00:00 the next day); the due day is the one before.
      progress.nextDue = workflows::formatDueDay(open.front().dueAt);
      const auto body = nlohmann::json::parse(open.front().bodyJson, nullptr, false);
      const auto title = nlohmann::json::json_pointer("/deadline/rule/title");
      if (body.is_object() && body.contains(title) && body.at(title).is_string()) {
        progress.nextStep = body.at(title).get<std::string>();
      }
    }
    out.push_back(std::move(progress));
  }
  // Information requests too ("YS-…"), among the complaints by the day they were received.
  for (const auto& r : store::InfoRequests(store).byCitizen(citizenId)) {
    dialogs::CaseProgress progress;
    progress.caseNo = r.caseNo;
    // Its own words ("status.info.registered"): an application is not a complaint.
    progress.status = "info." + std::string(workflows::toString(r.status));
    progress.receivedOn = workflows::formatDate(workflows::shanghaiDate(r.receivedAt));
    const auto open = deadlines.openForCase(r.id);
    if (!open.empty()) progress.nextDue = workflows::formatDueDay(open.front().dueAt);
    out.push_back(std::move(progress));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.receivedOn < b.receivedOn; });
  std::reverse(out.begin(), out.end());  // newest first
  return out;
}

// "Why was this not disclosed?" (RULES.md §2 Art. 14): the recorded basis and reason of the
// reply, or, when none is recorded, the question goes to the unit asked.
std::string whyNotDisclosed(store::Store& store, const dialogs::Templates& templates,
                            DeadlineKeeper& deadlines, const std::string& caseNo,
                            const std::string& question, std::int64_t now) {
  store::InfoRequests requests(store);
  auto r = requests.byNumber(caseNo);
  if (!r) return templates.render("citizen.info.why.unknown", {{"case_no", caseNo}});
  const auto state =
      workflows::infoRequestStateFromJson(nlohmann::json::parse(requests.workflowJson(r->id)));
  const std::string basis = state.reply.is_object() ? state.reply.value("legal_basis", "") : "";
  const std::string reason = state.reply.is_object() ? state.reply.value("reason", "") : "";
  if (!basis.empty() || !reason.empty()) {
    return templates.render("citizen.info.why",
                            {{"case_no", caseNo}, {"legal_basis", basis}, {"reason", reason}});
  }
  deadlines.notifyStaff(
      r->application.unitId,
      templates.render("staff.info.question", {{"case_no", caseNo}, {"question", question}}),
      "staff:" + caseNo + ":question:" + std::to_string(now), r->id, now);
  return templates.render("citizen.info.why.unknown", {{"case_no", caseNo}});
}

}  // namespace

Dispatcher::Dispatcher(store::Store& store, const dialogs::Templates& templates,
                       const workflows::UnitDirectory& units, const workflows::Clock& clock,
                       Log& log, Metrics& metrics, std::mutex& storeMutex,
                       store::GroupCommit& commits, DeadlineKeeper& deadlines, Settings settings)
    : store_(store),
      templates_(templates),
      units_(units),
      clock_(clock),
      log_(log),
      metrics_(metrics),
      settings_(settings),
      storeMutex_(storeMutex),
      commits_(commits),
      deadlines_(deadlines) {}

Dispatcher::~Dispatcher() = default;

bool Dispatcher::hasConversation(const std::string& channel, const std::string& from) {
  std::lock_guard lock(storeMutex_);
  return store::Conversations(store_).load(channel + ":" + from).has_value();
}

DispatchResult Dispatcher::dispatch(const InboundMessage& message, ReplyWindow& window,
                                    const std::string& requestId) {
  // The time of receipt is when the message reached us, not when the writer got to it.
  const std::int64_t now = clock_.nowSeconds();
  return commits_.run(
      [&, now, ahead = stepAhead(message, now)](store::GroupCommit::Unit& unit) mutable {
        return dispatchUnit(unit, message, window, requestId, now, std::move(ahead));
      });
}

void Dispatcher::submit(InboundMessage message, std::shared_ptr<ReplyWindow> window,
                        std::string requestId, Done done) {
  const std::int64_t now = clock_.nowSeconds();
  auto ahead = stepAhead(message, now);
  commits_.submit(
      [this, message = std::move(message), window = std::move(window),
       requestId = std::move(requestId), now,
       ahead = std::move(ahead)](store::GroupCommit::Unit& unit) mutable {
        return dispatchUnit(unit, message, *window, requestId, now, std::move(ahead));
      },
      std::move(done));
}

std::unique_ptr<DialogStep> Dispatcher::stepAhead(const InboundMessage& message, std::int64_t now) {
  // Only a message that goes to the dialog first: not one that ends a conversation, a mail
  // (read whole), or an applicant's supplement (dispatchUnit's own branches, before the step).
  if (message.kind == InboundKind::Unsubscribe) return nullptr;
  if (message.channel == "email" && email_ != nullptr) return nullptr;
  if (infoRequests_ != nullptr && message.kind == InboundKind::Text &&
      dialogs::text::isSupplement(message.text)) {
    return nullptr;
  }
  try {
    // Not at hand: most likely a new conversation; if not, the writer sees the version differ.
    const auto remembered = recent_.find(message.channel + ":" + message.from);
    const dialogs::DialogSnapshot fresh;
    // Read in place, not copied: the slots are a tree of JSON values.
    const dialogs::DialogSnapshot& from = remembered ? remembered->snapshot : fresh;
    // No reader of the citizen's cases here: a step that wants them is taken by the writer.
    return std::make_unique<DialogStep>(
        templates_.forChannel(message.channel), units_, settings_.dialogIdleResetSeconds, nullptr,
        remembered ? remembered->version : 0, from, toDialogInput(message, now));
  } catch (const std::exception&) {
    // A step that throws here throws again on the writer, which answers for it.
    return nullptr;
  }
}

namespace {

// Who delivers a message's replies, decided once: the HTTP answer if its handler still waits
// (ReplyWindow), else the outbox; nothing to deliver, no one.
store::AnswerMode answerModeFor(const std::vector<std::string>& replies, ReplyWindow& window) {
  if (replies.empty()) return store::AnswerMode::None;
  return window.claimPassive() ? store::AnswerMode::Passive : store::AnswerMode::Async;
}

}  // namespace

// Runs on the store's writer thread inside the batch's transaction (GroupCommit): everything
// here is written, or none of it, and the caller hears back only once it is on disk.
DispatchResult Dispatcher::dispatchUnit(store::GroupCommit::Unit& unit,
                                        const InboundMessage& message, ReplyWindow& window,
                                        const std::string& requestId, std::int64_t now,
                                        std::unique_ptr<DialogStep> ahead) {
  DispatchResult result;
  bool queued = false;
  {
    // The step taken ahead on the request's thread counts only if the conversation has not
    // moved since (DialogStep.hpp). A stored conversation also names its citizen: the owner of
    // the contact (channel, address), which never passes to another citizen (Citizens::link).
    const std::string conversationKey = message.channel + ":" + message.from;
    store::Conversations conversations(store_);
    std::unique_ptr<DialogStep> step = std::move(ahead);
    std::optional<std::int64_t> conversationCitizen;
    if (step) {
      const auto head = conversations.head(conversationKey);
      if (step->readOwnCases() || (head ? head->version : 0) != step->baseVersion()) {
        step.reset();
      } else if (head) {
        conversationCitizen = head->citizenId;
      }
    }
    const std::int64_t citizenId =
        conversationCitizen ? *conversationCitizen : resolveCitizen(store_, message, now);

    store::Messages messages(store_);
    store::InboundRecord record;
    record.channel = message.channel;
    record.platformId = message.platformId;
    record.citizenId = citizenId;
    record.kind = storedKind(message);
    record.text = message.text;
    record.mediaId = message.mediaId;
    record.mediaUrl = message.mediaUrl;
    record.sentAt = message.sentAt;
    record.receivedAt = now;
    // A step complete by itself already holds the answer: the message is recorded with it, in
    // one write, and who delivers it is decided now rather than a few statements later.
    const bool answeredWithRecord = step != nullptr && step->settled();
    if (answeredWithRecord) {
      record.answer.replies = step->outcome().replies;
      record.answer.mode = answerModeFor(record.answer.replies, window);
    }
    const store::InboundInsert inserted = messages.recordInbound(record);
    if (!inserted.isNew) {
      // A platform retry: change nothing, answer what the first delivery was answered.
      result.duplicate = true;
      result.mode = inserted.answer.mode;
      result.replies = inserted.answer.replies;
      metrics_.duplicate(message.channel);
      log_.info("message.duplicate", {{"request_id", requestId},
                                      {"channel", message.channel},
                                      {"platform_id", message.platformId}});
      unit.discard();  // a retry writes nothing (not even a first-contact citizen row)
      return result;
    }
    metrics_.messageIn(message.channel);

    store::EventLog events(store_);
    const std::string actor = "citizen:" + std::to_string(citizenId);

    // The branches before the dialog; a message that takes one has no step taken ahead
    // (stepAhead), so its answer is still to be recorded.
    if (message.kind == InboundKind::Unsubscribe) {
      // Nothing can reach an unfollowed account; keep the record and stop.
      messages.setAnswer(inserted.id, {store::AnswerMode::None, {}});
      events.append({0, std::nullopt, "citizen.unsubscribed", actor, now, "{}"});
      result.mode = store::AnswerMode::None;
      return result;
    }

    const bool isEmail = message.channel == "email" && email_ != nullptr;
    if (isEmail) {
      email_->record(message, citizenId, inserted.id, now);
      if (auto answered = email_->handle(message, citizenId, inserted.id, now)) {
        result.mode = store::AnswerMode::Async;
        result.replies = *answered;
        messages.setAnswer(inserted.id, {result.mode, result.replies});
        if (outboxChanged_) unit.afterCommit(outboxChanged_);
        return result;
      }
    }

    // Art. 30: an applicant answers a supplement notice with "补正 …"; the notice that follows
    // (with the new reply date) goes out through the outbox.
    if (infoRequests_ != nullptr && message.kind == InboundKind::Text &&
        dialogs::text::isSupplement(message.text)) {
      if (auto caseNo = infoRequests_->supplementFromApplicant(citizenId, message.text, now)) {
        result.mode = store::AnswerMode::None;
        messages.setAnswer(inserted.id, {result.mode, {}});
        if (outboxChanged_) unit.afterCommit(outboxChanged_);
        log_.info("info_request.supplemented", {{"request_id", requestId}, {"case_no", *caseNo}});
        return result;
      }
    }

    // The dialog step: the one taken ahead if it still holds, else taken here, inside the
    // unit's transaction.
    metrics_.dialogStep(step != nullptr);
    if (!step) {
      const auto stored = conversations.load(conversationKey);
      step = std::make_unique<DialogStep>(
          templates_.forChannel(message.channel), units_, settings_.dialogIdleResetSeconds,
          [this, citizenId] { return caseProgressOf(store_, citizenId); },
          stored ? stored->version : 0, stored ? snapshotOf(*stored) : dialogs::DialogSnapshot{},
          toDialogInput(message, now));
    }
    dialogs::Dialog& dialog = step->dialog();
    // SMS gets its short variants of the texts (Templates "key@sms").
    const dialogs::Templates& templates = step->templates();
    dialogs::DialogOutcome outcome = std::move(step->outcome());
    std::vector<std::string> replies = std::move(outcome.replies);

    if (outcome.registerComplaint) {
      // Art. 2: the receiving department the directory names for the respondent (by
      // default the leading-group office).
      workflows::ComplaintCase complaint;
      complaint.form = outcome.registerComplaint->form;
      complaint.receivingUnitId = units_.receivingDepartmentFor(complaint.form.respondentUnitId).id;
      complaint.status = workflows::CaseStatus::Registered;
      complaint.citizenId = citizenId;
      complaint.channel = message.channel;
      complaint.receivedAt = now;
      store::Cases cases(store_);
      complaint = cases.registerComplaint(std::move(complaint));
      linkComplainantContacts(store_, citizenId, complaint.form.complainant, now);
      nlohmann::json payload{{"case_no", complaint.caseNo},
                             {"channel", message.channel},
                             {"inbound_message_id", inserted.id},
                             {"respondent_unit", complaint.form.respondentUnitId},
                             {"ground", workflows::toNumber(complaint.form.ground)}};
      events.append({0, complaint.id, "case.registered", actor, now, payload.dump()});
      // The receiving department decides on acceptance within the configured period (the
      // regulation sets none; RULES.md, issue 4): its staff are reminded from now on.
      const auto deadline = deadlines_.open(
          workflows::rule_ids::kComplaintAcceptanceDecision,
          {complaint.id, complaint.caseNo, complaint.receivingUnitId}, complaint.receivedAt, now);
      const std::string acceptanceDue = deadlines_.dueDate(deadline);
      deadlines_.notifyStaff(
          complaint.receivingUnitId,
          templates_.render("staff.task.new",
                            {{"case_no", complaint.caseNo}, {"acceptance_due", acceptanceDue}}),
          "staff:" + complaint.caseNo + ":staff.task.new", complaint.id, now);
      result.caseNumbers.push_back(complaint.caseNo);
      auto more = dialog.caseRegistered(complaint.caseNo, acceptanceDue);
      replies.insert(replies.end(), more.replies.begin(), more.replies.end());
      log_.info("case.registered", {{"request_id", requestId}, {"case_no", complaint.caseNo}});
    }

    if (outcome.registerInfoRequest && infoRequests_ != nullptr) {
      // Registered now: for an online application our acknowledgement is the receipt.
      auto registered = infoRequests_->registerApplication(
          outcome.registerInfoRequest->application, message.channel, citizenId,
          {"citizen:" + std::to_string(citizenId), "citizen", ""}, now);
      if (!registered) {
        // The dialog checked every item; a refusal here is a bug, not the citizen's error.
        throw std::logic_error("info request registration: " + registered.error().message);
      }
      result.caseNumbers.push_back(registered->request.caseNo);
      auto more = dialog.infoRequestRegistered(registered->request.caseNo, registered->replyDue);
      replies.insert(replies.end(), more.replies.begin(), more.replies.end());
      log_.info("info_request.registered",
                {{"request_id", requestId}, {"case_no", registered->request.caseNo}});
    }
    if (outcome.whyNotDisclosed) {
      replies.push_back(whyNotDisclosed(store_, templates, deadlines_, *outcome.whyNotDisclosed,
                                        message.text, now));
    }

    auto [next, slotsText] = step->takeToSave();
    const std::int64_t version = conversations.save(
        {conversationKey, citizenId, next.state, std::move(slotsText), next.lastActivityAt, 0});
    // Once durable, the next message's step can start from it (RecentConversations.hpp).
    unit.afterCommit([this, key = conversationKey, version, next = std::move(next)]() mutable {
      recent_.remember(key, version, std::move(next));
    });

    // Who delivers the replies is decided once (with the record, or now); they are recorded
    // either way.
    result.mode = answeredWithRecord ? record.answer.mode : answerModeFor(replies, window);
    if (result.mode == store::AnswerMode::Passive) {
      for (const auto& text : replies) {
        messages.recordOutbound(
            {message.channel, citizenId, message.from, text, "passive", inserted.id, now});
      }
    } else if (result.mode == store::AnswerMode::Async) {
      store::Outbox outbox(store_);
      for (std::size_t i = 0; i < replies.size(); ++i) {
        const std::string key = "reply:" + std::to_string(inserted.id) + ":" + std::to_string(i);
        if (isEmail) {
          // A mail answered by the dialog (a progress query): one threaded mail holds it all.
          std::string text;
          for (const auto& part : replies) text += (text.empty() ? "" : "\n\n") + part;
          outbox.enqueue(email_->answer(message, citizenId, std::nullopt, "", text, key, now), now);
          break;
        }
        store::OutboxItem item;
        item.channel = message.channel;
        item.recipient = message.from;
        item.text = replies[i];
        item.idempotencyKey = key;
        item.citizenId = citizenId;
        outbox.enqueue(item, now);
      }
      queued = true;
    }
    result.replies = replies;
    if (!answeredWithRecord) messages.setAnswer(inserted.id, {result.mode, replies});
  }
  if (queued && outboxChanged_) unit.afterCommit(outboxChanged_);
  if (result.mode == store::AnswerMode::Passive) {
    // Queued replies are counted by the delivery worker when they are really sent.
    unit.afterCommit([this, channel = message.channel, count = result.replies.size()] {
      for (std::size_t i = 0; i < count; ++i) metrics_.messageOut(channel, "passive");
    });
  }
  return result;
}

}  // namespace civicdesk::bot
