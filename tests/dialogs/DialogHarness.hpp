#pragma once
// A citizen's side of a conversation, for the dialog tests: the real templates file, a small
// unit directory written inline, a clock that moves one minute per message, and a check that
// every reply is fit for a phone screen.
#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "dialogs/Dialog.hpp"
#include "dialogs/Templates.hpp"
#include "workflows/UnitDirectory.hpp"

namespace civicdesk::dialogs::testing {

// The repository's config/templates.zh-CN.json: a key missing there fails the tests.
const Templates& realTemplates();
// 青溪区: the leading-group office, 教育局, 民政局, two 街道办事处, and 信访局 (not a pilot unit).
const workflows::UnitDirectory& testUnits();

inline constexpr std::int64_t kStart = 1'767'225'600;  // 2026-01-01 00:00 UTC
inline constexpr std::int64_t kDay = 24 * 3600;

// What a chat may differ in besides its snapshot: the channel's texts, the citizen's own cases.
struct ChatSetup {
  const Templates* templates = nullptr;  // null: realTemplates()
  std::vector<CaseProgress> myCases;
  DialogSnapshot snapshot;
};

// The real templates as the SMS channel renders them (the "key@sms" variants).
const Templates& smsTemplates();

class Chat {
 public:
  Chat();  // a new follower, at the menu
  explicit Chat(const DialogSnapshot& snapshot);
  explicit Chat(ChatSetup setup);

  DialogOutcome send(const std::string& text);
  DialogOutcome image(const std::string& mediaRef, const std::string& mediaUrl = "");
  DialogOutcome click(const std::string& key);
  DialogOutcome input(DialogInput input);  // `at` is set from the chat's clock
  DialogOutcome registered(const std::string& caseNo);
  // The caller stored the information request: Dialog::infoRequestRegistered, reply due
  // 2026-02-02.
  DialogOutcome infoRegistered(const std::string& caseNo);

  std::string state() const { return dialog_->snapshot().state; }
  DialogSnapshot snapshot() const { return dialog_->snapshot(); }
  // The service restarts: the dialog is rebuilt from its snapshot.
  void restart();
  // The time of the next message is `seconds` later than it would have been.
  void wait(std::int64_t seconds) { now_ += seconds; }
  std::int64_t now() const { return now_; }

 private:
  OwnCases myCases_;
  DialogContext context_;
  std::unique_ptr<Dialog> dialog_;
  std::int64_t now_ = kStart;
};

// All replies of an outcome, one after the other.
std::string joined(const DialogOutcome& outcome);
bool contains(const DialogOutcome& outcome, const std::string& text);

// One message of a scripted conversation and the state the dialog should be in after it.
struct Turn {
  std::string input;  // "<image>" sends a picture, "<registered>" is the caller's caseRegistered,
                      // "<info-registered>" its infoRequestRegistered (YS-2026-000321)
  std::string state;
};
DialogOutcome play(Chat& chat, const Turn& turn);
// Plays `turns` in a fresh chat; before each, a twin is rebuilt from the running dialog's
// snapshot (a restart) and given the same turn, and must answer, register and end up exactly
// as the running one. Returns the states seen.
std::set<std::string> playWithRestarts(const std::vector<Turn>& turns);

// The complaint everyone files: 教育局, ground 2 confirmed, one picture, no Art. 7 bar, 张三,
// registered as TS-2026-000321, back at the menu.
const std::vector<Turn>& happyPath();

// Walks a fresh chat from the menu to `state` along the happy path.
// Ends with the dialog in that state; fails the test if it does not get there.
void walkTo(Chat& chat, const std::string& state);

// The information request everyone makes: 张三, a citizen with a valid resident ID, asks 教育局
// for a titled document with its number, electronic, by post; registered as YS-2026-000321.
const std::vector<Turn>& infoHappyPath();
// As walkTo, along infoHappyPath().
void walkInfoTo(Chat& chat, const std::string& state);

}  // namespace civicdesk::dialogs::testing
