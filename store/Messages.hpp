#pragma once
// Every inbound and outbound message. The inbound table is also the dedupe table: a platform
// retry (same channel + platform id) finds the first delivery and the answer it got.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/Store.hpp"

namespace civicdesk::store {

enum class AnswerMode {
  Pending,  // stored, not answered yet (processing, or crashed before answering)
  Passive,  // answered in the HTTP response; `replies` holds the texts
  Async,    // answered `success`; the replies went to the outbox
  None      // nothing to answer (unsubscribe, ...)
};

struct StoredAnswer {
  AnswerMode mode = AnswerMode::Pending;
  std::vector<std::string> replies;
};

struct InboundRecord {
  std::string channel;
  std::string platformId;  // dedupe key; empty: the channel has no ids, never a duplicate
  std::int64_t citizenId = 0;
  std::string kind;  // "text", "voice", "image", "event/subscribe", ...
  std::string text;
  std::string mediaId;
  std::string mediaUrl;
  std::int64_t sentAt = 0;      // platform's time
  std::int64_t receivedAt = 0;  // our clock
  // Written with the row when it is already known (a dialog step taken ahead); Pending
  // otherwise, and setAnswer() records it once the message is handled.
  StoredAnswer answer;
};

struct InboundInsert {
  bool isNew = false;
  std::int64_t id = 0;
  StoredAnswer answer;  // for a duplicate: what the first delivery was answered
};

struct OutboundRecord {
  std::string channel;
  std::int64_t citizenId = 0;  // 0: no citizen (a staff notification), stored as NULL
  std::string recipient;
  std::string text;
  std::string via;  // "passive", "outbox"
  std::optional<std::int64_t> inReplyTo;
  std::int64_t at = 0;
};

class Messages {
 public:
  explicit Messages(Store& store) : store_(store) {}
  InboundInsert recordInbound(const InboundRecord& record);
  // Throws std::out_of_range for an unknown id.
  void setAnswer(std::int64_t inboundId, const StoredAnswer& answer);
  std::int64_t recordOutbound(const OutboundRecord& record);
  std::int64_t countInbound();

 private:
  Store& store_;
};

}  // namespace civicdesk::store
