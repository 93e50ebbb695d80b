#pragma once
// Who delivers the reply to one inbound request: the HTTP answer (passive), or the outbox
// (asynchronous), decided exactly once. The HTTP handler waits for the dispatcher up to the
// channel's budget (WeChat: 5 s, we use 4); the dispatcher asks, just before it commits,
// whether the handler is still waiting. Whoever comes first decides, so a reply is never both
// sent passively and queued, and never neither.
#include <condition_variable>
#include <mutex>

namespace civicdesk::bot {

class ReplyWindow {
 public:
  enum class Decision { Open, Passive, Async };

  // Dispatcher side, inside its transaction: true = answer passively (the handler will wait
  // for the commit); false = the handler gave up, queue the replies.
  bool claimPassive() {
    std::lock_guard lock(mutex_);
    if (decision_ == Decision::Open) decision_ = Decision::Passive;
    return decision_ == Decision::Passive;
  }

  // Handler side, when the budget runs out: true = it may answer "later" now; false = the
  // dispatcher already chose passive and is committing, so wait for it.
  bool giveUp() {
    std::lock_guard lock(mutex_);
    if (decision_ == Decision::Open) decision_ = Decision::Async;
    return decision_ == Decision::Async;
  }

 private:
  std::mutex mutex_;
  Decision decision_ = Decision::Open;
};

}  // namespace civicdesk::bot
