// The dialog step taken ahead of the store's writer (bot/DialogStep.hpp) must give the citizen
// exactly what a step taken by the writer gives, also when two messages of one conversation
// are in flight together: the second was stepped from a snapshot the first has since changed.
#include <gtest/gtest.h>

#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bot/Dispatcher.hpp"
#include "tests/bot/ComplaintFlow.hpp"
#include "tests/bot/ServiceHarness.hpp"

namespace civicdesk::testing {
namespace {

channels::InboundMessage textFrom(const std::string& from, const std::string& text, int id) {
  channels::InboundMessage m;
  m.channel = "wechat";
  m.platformId = from + "-" + std::to_string(id);
  m.from = from;
  m.kind = channels::InboundKind::Text;
  m.platformType = "text";
  m.text = text;
  m.sentAt = 1790000000 + id;
  return m;
}

std::vector<std::string> dispatchNow(bot::Dispatcher& dispatcher,
                                     const channels::InboundMessage& message) {
  bot::ReplyWindow window;
  return dispatcher.dispatch(message, window, "test").replies;
}

// Dispatcher::submit with its answer as a future, as a route's callback would receive it.
std::future<bot::DispatchResult> submitted(bot::Dispatcher& dispatcher,
                                           const channels::InboundMessage& message) {
  auto promise = std::make_shared<std::promise<bot::DispatchResult>>();
  auto future = promise->get_future();
  dispatcher.submit(message, std::make_shared<bot::ReplyWindow>(), "test",
                    [promise](std::optional<bot::DispatchResult> result, std::exception_ptr error) {
                      if (error) return promise->set_exception(error);
                      promise->set_value(std::move(*result));
                    });
  return future;
}

std::uint64_t stepsTaken(bot::Metrics& metrics, const std::string& where) {
  const std::string text = metrics.render();
  const std::string key = "civicdesk_dialog_steps_total{taken=\"" + where + "\"} ";
  const auto at = text.find(key);
  return at == std::string::npos ? 0 : std::stoull(text.substr(at + key.size()));
}

TEST(DialogStepAhead, MessagesOfOneConversationInFlightTogetherGetTheSequentialReplies) {
  ServiceHarness harness;
  harness.start();
  auto& dispatcher = harness.service().dispatcher();
  const auto& inputs = complaintInputs();

  // The reference: one citizen's first three messages, each answered before the next.
  std::vector<std::vector<std::string>> expected;
  for (int i = 0; i < 3; ++i) {
    expected.push_back(dispatchNow(dispatcher, textFrom("oOneByOne", inputs[i], i)));
  }
  const auto byWriterBefore = stepsTaken(harness.service().metrics(), "writer");

  // Another citizen sends the same three while the writer is held: each step is taken ahead
  // from the same empty conversation, and only the first is still current when it is stored.
  std::vector<std::future<bot::DispatchResult>> pending;
  {
    std::lock_guard hold(harness.service().storeMutex());
    for (int i = 0; i < 3; ++i) {
      pending.push_back(submitted(dispatcher, textFrom("oAllAtOnce", inputs[i], i)));
    }
  }
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(pending[static_cast<std::size_t>(i)].get().replies,
              expected[static_cast<std::size_t>(i)])
        << "message " << i;
  }
  // The second and third were stepped again by the writer.
  EXPECT_EQ(stepsTaken(harness.service().metrics(), "writer") - byWriterBefore, 2u);
  EXPECT_GE(stepsTaken(harness.service().metrics(), "ahead"), 4u);
}

TEST(DialogStepAhead, AfterARestartTheFirstStepOfAKnownConversationIsTakenByTheWriter) {
  ServiceHarness harness;
  harness.start();
  const auto& inputs = complaintInputs();
  std::vector<std::string> reference;
  {
    auto& dispatcher = harness.service().dispatcher();
    dispatchNow(dispatcher, textFrom("oReference", inputs[0], 0));
    reference = dispatchNow(dispatcher, textFrom("oReference", inputs[1], 1));
    dispatchNow(harness.service().dispatcher(), textFrom("oRestarted", inputs[0], 0));
  }
  harness.restart();  // nothing remembered in memory; the conversation is in the store
  auto& dispatcher = harness.service().dispatcher();
  EXPECT_EQ(dispatchNow(dispatcher, textFrom("oRestarted", inputs[1], 1)), reference);
  EXPECT_EQ(stepsTaken(harness.service().metrics(), "writer"), 1u);
}

TEST(DialogStepAhead, TheMessageIsStoredWithTheAnswerOfTheStepAndARetryGetsItBack) {
  ServiceHarness harness;
  harness.start();
  auto& dispatcher = harness.service().dispatcher();
  const auto& inputs = complaintInputs();
  dispatchNow(dispatcher,
              textFrom("oSomeoneElse", inputs[0], 0));  // citizen ids differ from versions
  dispatchNow(dispatcher, textFrom("oAnswered", inputs[0], 0));
  const auto aheadBefore = stepsTaken(harness.service().metrics(), "ahead");

  const auto second = textFrom("oAnswered", inputs[1], 1);
  const auto replies = dispatchNow(dispatcher, second);
  ASSERT_FALSE(replies.empty());
  EXPECT_EQ(stepsTaken(harness.service().metrics(), "ahead") - aheadBefore, 1u);
  const std::string row = "FROM inbound_messages WHERE platform_id = 'oAnswered-1'";
  std::string repliesJson;  // as an SQL literal
  for (char c : nlohmann::json(replies).dump()) repliesJson += c == '\'' ? "''" : std::string(1, c);
  EXPECT_EQ(harness.count("SELECT COUNT(*) " + row +
                          " AND answer_mode = 'passive' AND "
                          "answer_json = '" +
                          repliesJson + "'"),
            1);
  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM outbound_messages WHERE via = 'passive' AND "
                          "in_reply_to = (SELECT id " +
                          row + ")"),
            static_cast<long long>(replies.size()));
  // The step ahead found the conversation's citizen: the message is theirs.
  EXPECT_EQ(harness.count("SELECT COUNT(DISTINCT citizen_id) FROM inbound_messages WHERE "
                          "platform_id LIKE 'oAnswered-%'"),
            1);
  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM inbound_messages WHERE platform_id LIKE "
                          "'oAnswered-%' AND citizen_id = (SELECT citizen_id FROM contacts "
                          "WHERE channel = 'wechat' AND address = 'oAnswered')"),
            2);

  // WeChat's retry of the same MsgId: the same answer, nothing written twice.
  bot::ReplyWindow window;
  const auto retry = dispatcher.dispatch(second, window, "test");
  EXPECT_TRUE(retry.duplicate);
  EXPECT_EQ(retry.mode, store::AnswerMode::Passive);
  EXPECT_EQ(retry.replies, replies);
  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM inbound_messages WHERE platform_id LIKE "
                          "'oAnswered-%'"),
            2);
  EXPECT_EQ(harness.count("SELECT version FROM conversations WHERE key = 'wechat:oAnswered'"), 2);
}

TEST(DialogStepAhead, AnAnswerTheHandlerGaveUpOnIsStoredAsQueuedAndGoesToTheOutbox) {
  ServiceHarness harness;
  harness.start();
  auto& dispatcher = harness.service().dispatcher();
  const auto& inputs = complaintInputs();
  dispatchNow(dispatcher, textFrom("oLate", inputs[0], 0));
  const auto aheadBefore = stepsTaken(harness.service().metrics(), "ahead");

  // The handler's budget ran out before the writer got to the message.
  bot::ReplyWindow window;
  ASSERT_TRUE(window.giveUp());
  const auto result = dispatcher.dispatch(textFrom("oLate", inputs[1], 1), window, "test");
  EXPECT_EQ(stepsTaken(harness.service().metrics(), "ahead") - aheadBefore, 1u);
  EXPECT_EQ(result.mode, store::AnswerMode::Async);
  ASSERT_FALSE(result.replies.empty());
  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM inbound_messages WHERE platform_id = 'oLate-1' "
                          "AND answer_mode = 'async'"),
            1);
  EXPECT_EQ(
      harness.count("SELECT COUNT(*) FROM outbox WHERE idempotency_key LIKE 'reply:' || "
                    "(SELECT id FROM inbound_messages WHERE platform_id = 'oLate-1') || ':%'"),
      static_cast<long long>(result.replies.size()));
}

}  // namespace
}  // namespace civicdesk::testing
