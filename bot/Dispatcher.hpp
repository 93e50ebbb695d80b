#pragma once
// The per-message pipeline (DESIGN.md "How a message flows", steps 3-7): dedupe, dialog step,
// case registration, snapshot, audit events and outbox rows, all in one transaction. Nothing
// is acknowledged to a platform before this commits.
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "bot/DeadlineKeeper.hpp"
#include "bot/EmailConversation.hpp"
#include "bot/Log.hpp"
#include "bot/Metrics.hpp"
#include "bot/RecentConversations.hpp"
#include "bot/ReplyWindow.hpp"
#include "bot/staff/InfoRequestActions.hpp"
#include "channels/Message.hpp"
#include "dialogs/Templates.hpp"
#include "store/GroupCommit.hpp"
#include "store/Messages.hpp"
#include "store/Store.hpp"
#include "workflows/Clock.hpp"
#include "workflows/UnitDirectory.hpp"

namespace civicdesk::bot {

class DialogStep;

struct DispatchResult {
  bool duplicate = false;  // a platform retry: the stored answer is returned
  store::AnswerMode mode = store::AnswerMode::None;
  std::vector<std::string> replies;      // for Passive: render these in the HTTP answer
  std::vector<std::string> caseNumbers;  // cases this message registered
};

class Dispatcher {
 public:
  struct Settings {
    std::int64_t dialogIdleResetSeconds = 24 * 3600;
  };

  Dispatcher(store::Store& store, const dialogs::Templates& templates,
             const workflows::UnitDirectory& units, const workflows::Clock& clock, Log& log,
             Metrics& metrics, std::mutex& storeMutex, store::GroupCommit& commits,
             DeadlineKeeper& deadlines, Settings settings);
  ~Dispatcher();
  Dispatcher(const Dispatcher&) = delete;
  Dispatcher& operator=(const Dispatcher&) = delete;

  // Processes one message completely and returns once it is on disk. Throws on a storage
  // failure (nothing was committed; the platform's retry will find nothing and process it
  // again). Must not be called holding the store mutex.
  DispatchResult dispatch(const channels::InboundMessage& message, ReplyWindow& window,
                          const std::string& requestId);
  // The same, without waiting: the message joins the store's next group commit, and `done`
  // gets the result on the store's writer once that batch is durable, or the error that
  // failed it (GroupCommit::submit). It must be quick.
  using Done = std::function<void(std::optional<DispatchResult>, std::exception_ptr)>;
  void submit(channels::InboundMessage message, std::shared_ptr<ReplyWindow> window,
              std::string requestId, Done done);

  // Whether this citizen has a conversation in progress or behind them on the channel.
  bool hasConversation(const std::string& channel, const std::string& from);

  // Email is read whole rather than chatted (EmailConversation.hpp); without this, mails go
  // through the dialog like any other message.
  void handleEmailWith(EmailConversation& email) { email_ = &email; }
  // Information requests the dialogs complete are registered through these (issue 6).
  void handleInfoRequestsWith(InfoRequestActions& actions) { infoRequests_ = &actions; }

  // Called after each commit that queued outbox rows (wakes the delivery worker).
  void onOutboxChanged(std::function<void()> callback) { outboxChanged_ = std::move(callback); }

 private:
  // Runs on the store's writer. `ahead`, when not null, is the dialog step taken before the
  // unit was queued; it is used only if the conversation has not changed since.
  DispatchResult dispatchUnit(store::GroupCommit::Unit& unit,
                              const channels::InboundMessage& message, ReplyWindow& window,
                              const std::string& requestId, std::int64_t now,
                              std::unique_ptr<DialogStep> ahead);
  // The dialog step of `message`, taken on the caller's thread from the last committed
  // conversation (DialogStep.hpp); null when the message does not start with a dialog step or
  // the read failed.
  std::unique_ptr<DialogStep> stepAhead(const channels::InboundMessage& message, std::int64_t now);

  store::Store& store_;
  const dialogs::Templates& templates_;
  const workflows::UnitDirectory& units_;
  const workflows::Clock& clock_;
  Log& log_;
  Metrics& metrics_;
  Settings settings_;
  std::function<void()> outboxChanged_;
  // The store's one connection is used by one thread at a time (a transaction belongs to the
  // connection, not the thread): reads take the mutex, message writes go through commits_.
  std::mutex& storeMutex_;
  store::GroupCommit& commits_;
  DeadlineKeeper& deadlines_;
  // Where the steps taken ahead start from.
  RecentConversations recent_;
  EmailConversation* email_ = nullptr;
  InfoRequestActions* infoRequests_ = nullptr;
};

}  // namespace civicdesk::bot
