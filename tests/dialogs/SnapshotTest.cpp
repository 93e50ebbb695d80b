// The dialog survives a restart: at every state, a dialog rebuilt from snapshot() answers the
// next message exactly as the one that kept running. Snapshots it cannot continue start afresh.
#include <set>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/dialogs/DialogHarness.hpp"
#include "workflows/complaints/Complaint.hpp"

namespace civicdesk::dialogs::testing {
namespace {

// The states the happy path does not visit: suggestions, Art. 7(3)'s second question, amending,
// and 返回 across a restart.
const std::vector<Turn> kSidePaths{
    {"1", "complaint.unit"},
    {"街道办", "complaint.unitChoice"},
    {"1", "complaint.respondentDetail"},
    {"跳过", "complaint.ground"},
    {"3", "complaint.facts"},
    {"2025年10月8日申请公开，至今没有答复", "complaint.evidence"},
    {"返回", "complaint.facts"},
    {"2025年10月8日申请公开，至今没有任何答复", "complaint.evidence"},
    {"完成", "complaint.reportedElsewhere"},
    {"是", "complaint.otherAgencyDeclined"},
    {"是", "complaint.supervisionDecided"},
    {"没有", "complaint.name"},
    {"王五", "complaint.phone"},
    {"13900139000", "complaint.address"},
    {"东城街道东风路30号", "complaint.wantsReply"},
    {"否", "complaint.confirm"},
    {"修改", "complaint.amend"},
    {"返回", "complaint.confirm"},
    {"修改", "complaint.amend"},
    {"8", "complaint.address"},
    {"东城街道东风路31号", "complaint.confirm"},
    {"确认", "complaint.registering"},
    {"<registered>", "menu"},
};

TEST(DialogSnapshot, ARestartAtEveryStateContinuesExactlyWhereTheConversationWas) {
  std::set<std::string> seen = playWithRestarts(happyPath());
  seen.merge(playWithRestarts(kSidePaths));
  const std::set<std::string> everyState{
      "menu",
      "complaint.unit",
      "complaint.unitChoice",
      "complaint.respondentDetail",
      "complaint.ground",
      "complaint.groundConfirm",
      "complaint.facts",
      "complaint.evidence",
      "complaint.reportedElsewhere",
      "complaint.otherAgencyDeclined",
      "complaint.supervisionDecided",
      "complaint.name",
      "complaint.phone",
      "complaint.address",
      "complaint.wantsReply",
      "complaint.confirm",
      "complaint.amend",
      "complaint.registering",
  };
  EXPECT_EQ(seen, everyState);
}

TEST(DialogSnapshot, TheSnapshotNamesTheLeafAndHoldsTheFormAndTheHistory) {
  Chat chat;
  walkTo(chat, "complaint.facts");
  const DialogSnapshot snapshot = chat.snapshot();
  EXPECT_EQ(snapshot.state, "complaint.facts");
  EXPECT_EQ(snapshot.slots["form"]["respondentUnitId"], "edu");
  EXPECT_EQ(snapshot.slots["history"],
            (nlohmann::json{"complaint.unit", "complaint.respondentDetail", "complaint.ground",
                            "complaint.groundConfirm"}));
  EXPECT_EQ(snapshot.slots["guessedGround"], 2);
  EXPECT_EQ(snapshot.lastActivityAt, chat.now());
}

TEST(DialogSnapshot, BackWorksAcrossARestart) {
  Chat chat;
  walkTo(chat, "complaint.facts");
  chat.restart();
  chat.send("返回");
  EXPECT_EQ(chat.state(), "complaint.groundConfirm");
  chat.restart();
  chat.send("返回");
  EXPECT_EQ(chat.state(), "complaint.ground");
}

TEST(DialogSnapshot, AFreshConversationStartsAtTheMenu) {
  Chat chat(DialogSnapshot{});
  EXPECT_EQ(chat.state(), "menu");
  EXPECT_TRUE(chat.snapshot().slots.empty());
}

TEST(DialogSnapshot, SnapshotsThatCannotBeContinuedStartAfreshAtTheMenu) {
  Chat good;
  walkTo(good, "complaint.facts");
  const nlohmann::json slots = good.snapshot().slots;

  nlohmann::json badGround = slots;
  badGround["form"]["ground"] = 42;  // Art. 4 has eight
  nlohmann::json badHistory = slots;
  badHistory["history"] = "complaint.unit";
  nlohmann::json noSuggestions = slots;
  noSuggestions["suggestions"] = nlohmann::json::array();

  const std::vector<DialogSnapshot> unusable{
      {"complaint.nonsense", slots, kStart},  // a state this build does not know
      {"info_request.subject", nlohmann::json::object(), kStart},
      {"complaint.facts", badGround, kStart},
      {"complaint.facts", badHistory, kStart},
      {"complaint.facts", nlohmann::json("not an object"), kStart},
      {"complaint.unitChoice", noSuggestions, kStart},  // nothing to choose from
      {"complaint.confirm", slots, kStart},             // Art. 8: the form is not complete
      {"complaint.registering", slots, kStart},
  };
  for (const DialogSnapshot& snapshot : unusable) {
    Chat chat(snapshot);
    EXPECT_EQ(chat.state(), "menu") << snapshot.state << " " << snapshot.slots.dump();
    EXPECT_TRUE(contains(chat.send("你好"), "请回复编号选择服务"));
  }
}

}  // namespace
}  // namespace civicdesk::dialogs::testing
