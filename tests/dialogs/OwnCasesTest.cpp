// The citizen's own cases are read from the store only when the dialog shows them: a form
// step never asks, the progress query asks once.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "dialogs/Dialog.hpp"
#include "dialogs/OwnCases.hpp"
#include "tests/dialogs/DialogHarness.hpp"

namespace civicdesk::dialogs::testing {
namespace {

struct CountingCases {
  int reads = 0;
  OwnCases cases{[this] {
    ++reads;
    return std::vector<CaseProgress>{
        {"TS-2026-000123", "registered", "2026-12-02", "作出是否受理的决定", "2026-11-27"}};
  }};
};

DialogOutcome step(CountingCases& counting, DialogSnapshot& snapshot, const std::string& text) {
  DialogContext context{realTemplates(), testUnits(), kDay, &counting.cases};
  Dialog dialog(context, snapshot);
  DialogInput in;
  in.text = text;
  in.at = kStart + 60;
  DialogOutcome outcome = dialog.handle(in);
  snapshot = dialog.snapshot();
  return outcome;
}

TEST(OwnCases, ReadOnceOnFirstUseAndNeverBefore) {
  int reads = 0;
  OwnCases cases([&] {
    ++reads;
    return std::vector<CaseProgress>{{"TS-2026-000001", "registered", "", "", "2026-11-27"}};
  });
  EXPECT_EQ(reads, 0);
  ASSERT_EQ(cases.get().size(), 1u);
  EXPECT_EQ(cases.get().front().caseNo, "TS-2026-000001");
  EXPECT_EQ(reads, 1);
}

TEST(OwnCases, NoneWithoutAReader) {
  EXPECT_TRUE(OwnCases().get().empty());
  EXPECT_EQ(OwnCases(std::vector<CaseProgress>(2)).get().size(), 2u);
}

TEST(OwnCases, AFormStepDoesNotReadThemTheProgressQueryDoes) {
  CountingCases counting;
  DialogSnapshot snapshot;
  step(counting, snapshot, "投诉");
  EXPECT_EQ(snapshot.state.rfind("complaint", 0), 0u) << snapshot.state;
  EXPECT_EQ(counting.reads, 0) << "starting a complaint needs no case list";

  CountingCases asking;
  DialogSnapshot atMenu;
  const DialogOutcome outcome = step(asking, atMenu, "查询进度");
  EXPECT_EQ(asking.reads, 1);
  ASSERT_FALSE(outcome.replies.empty());
  EXPECT_NE(outcome.replies.front().find("TS-2026-000123"), std::string::npos)
      << outcome.replies.front();
}

}  // namespace
}  // namespace civicdesk::dialogs::testing
