#include "store/Messages.hpp"

#include <SQLiteCpp/Statement.h>

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "store/CachedStatement.hpp"
#include "store/SqlSupport.hpp"

namespace civicdesk::store {
namespace {

// The spellings are the CHECK constraint on inbound_messages.answer_mode.
const char* modeName(AnswerMode mode) {
  switch (mode) {
    case AnswerMode::Pending:
      return "pending";
    case AnswerMode::Passive:
      return "passive";
    case AnswerMode::Async:
      return "async";
    case AnswerMode::None:
      return "none";
  }
  throw std::invalid_argument("unknown AnswerMode");
}

AnswerMode modeFromName(const std::string& name) {
  for (auto mode :
       {AnswerMode::Pending, AnswerMode::Passive, AnswerMode::Async, AnswerMode::None}) {
    if (name == modeName(mode)) return mode;
  }
  throw std::runtime_error("inbound_messages: unknown answer_mode '" + name + "'");
}

StoredAnswer answerFromColumns(const std::string& mode, const std::string& repliesText) {
  StoredAnswer answer;
  answer.mode = modeFromName(mode);
  answer.replies = nlohmann::json::parse(repliesText).get<std::vector<std::string>>();
  return answer;
}

// A reply cut inside a UTF-8 sequence must not cost us the whole answer: replace, not throw.
std::string repliesJson(const std::vector<std::string>& replies) {
  return nlohmann::json(replies).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

InboundInsert Messages::recordInbound(const InboundRecord& record) {
  // DO NOTHING, not an error: a duplicate is the normal case of a platform retry.
  CachedStatement insert(
      store_,
      "INSERT INTO inbound_messages(channel, platform_id, citizen_id, kind, text, media_id, "
      "  media_url, sent_at, received_at, answer_mode, answer_json) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "ON CONFLICT(channel, platform_id) DO NOTHING");
  insert.bind(1, record.channel);
  if (record.platformId.empty()) {
    insert.bind(2);  // NULL never conflicts: no id, no dedupe
  } else {
    insert.bind(2, record.platformId);
  }
  insert.bind(3, record.citizenId);
  insert.bind(4, record.kind);
  insert.bind(5, record.text);
  insert.bind(6, record.mediaId);
  insert.bind(7, record.mediaUrl);
  insert.bind(8, record.sentAt);
  insert.bind(9, record.receivedAt);
  insert.bind(10, modeName(record.answer.mode));
  insert.bind(11, repliesJson(record.answer.replies));
  if (auto id = detail::insertForId(insert, store_.db())) return InboundInsert{true, *id, {}};

  CachedStatement existing(store_,
                           "SELECT id, answer_mode, answer_json FROM inbound_messages "
                           "WHERE channel = ? AND platform_id = ?");
  existing.bind(1, record.channel);
  existing.bind(2, record.platformId);
  if (!existing.executeStep()) {
    throw std::logic_error("inbound_messages: conflict without a conflicting row");
  }
  return InboundInsert{
      false, existing.getColumn(0).getInt64(),
      answerFromColumns(existing.getColumn(1).getString(), existing.getColumn(2).getString())};
}

void Messages::setAnswer(std::int64_t inboundId, const StoredAnswer& answer) {
  CachedStatement update(
      store_, "UPDATE inbound_messages SET answer_mode = ?, answer_json = ? WHERE id = ?");
  update.bind(1, modeName(answer.mode));
  update.bind(2, repliesJson(answer.replies));
  update.bind(3, inboundId);
  if (update.exec() == 0) {
    throw std::out_of_range("inbound message " + std::to_string(inboundId) + " does not exist");
  }
}

std::int64_t Messages::recordOutbound(const OutboundRecord& record) {
  CachedStatement insert(
      store_,
      "INSERT INTO outbound_messages(channel, citizen_id, recipient, text, via, in_reply_to, at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)");
  insert.bind(1, record.channel);
  detail::bindOptional(insert, 2,
                       record.citizenId == 0 ? std::nullopt : std::optional(record.citizenId));
  insert.bind(3, record.recipient);
  insert.bind(4, record.text);
  insert.bind(5, record.via);
  detail::bindOptional(insert, 6, record.inReplyTo);
  insert.bind(7, record.at);
  return detail::insertForId(insert, store_.db()).value();
}

std::int64_t Messages::countInbound() {
  CachedStatement count(store_, "SELECT COUNT(*) FROM inbound_messages");
  return detail::stepForInt64(count).value();
}

}  // namespace civicdesk::store
