#include "tests/dialogs/DialogHarness.hpp"

#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "util/Utf8.hpp"
#include "workflows/complaints/Complaint.hpp"
#include "workflows/info_requests/Application.hpp"

namespace civicdesk::dialogs::testing {
namespace {

constexpr const char* kUnitsJson = R"({
  "district": "青溪区",
  "units": [
    {"id": "office", "name": "青溪区政务公开标准化规范化试点工作领导小组办公室",
     "aliases": ["领导小组办公室"], "mailbox": "office@test.example", "phone": "099-1000",
     "leadingGroupOffice": true, "pilotUnit": false},
    {"id": "edu", "name": "青溪区教育局", "aliases": ["教育局"],
     "mailbox": "edu@test.example", "phone": "099-1004"},
    {"id": "civil", "name": "青溪区民政局", "aliases": ["民政局"],
     "mailbox": "civil@test.example", "phone": "099-1006"},
    {"id": "dongcheng", "name": "青溪区东城街道办事处", "aliases": ["东城街道"],
     "mailbox": "dongcheng@test.example", "phone": "099-1016"},
    {"id": "xiyuan", "name": "青溪区西苑街道办事处", "aliases": ["西苑街道"],
     "mailbox": "xiyuan@test.example", "phone": "099-1017"},
    {"id": "petition", "name": "青溪区信访局", "aliases": ["信访局"],
     "mailbox": "petition@test.example", "phone": "099-1018", "pilotUnit": false}
  ]
})";

// Every reply must be something a citizen can read on a phone: not empty, no placeholder
// left unfilled, within one passive reply.
void expectReadable(const DialogOutcome& outcome) {
  for (const auto& reply : outcome.replies) {
    EXPECT_FALSE(reply.empty());
    EXPECT_EQ(reply.find('{'), std::string::npos) << "unfilled placeholder in: " << reply;
    EXPECT_LE(utf8::length(reply), 600u) << reply;
  }
}

}  // namespace

const Templates& realTemplates() {
  static const Templates templates =
      Templates::load(std::string(CIVICDESK_SOURCE_DIR) + "/config/templates.zh-CN.json");
  return templates;
}

const workflows::UnitDirectory& testUnits() {
  static const workflows::UnitDirectory units =
      workflows::UnitDirectory::fromJson(nlohmann::json::parse(kUnitsJson)).value();
  return units;
}

const Templates& smsTemplates() {
  static const Templates templates = realTemplates().forChannel("sms");
  return templates;
}

Chat::Chat() : Chat(DialogSnapshot{}) {}

Chat::Chat(const DialogSnapshot& snapshot) : Chat(ChatSetup{nullptr, {}, snapshot}) {}

Chat::Chat(ChatSetup setup)
    : myCases_(std::move(setup.myCases)),
      context_{setup.templates != nullptr ? *setup.templates : realTemplates(), testUnits(), kDay,
               &myCases_},
      dialog_(std::make_unique<Dialog>(context_, setup.snapshot)) {
  if (setup.snapshot.lastActivityAt > 0) now_ = setup.snapshot.lastActivityAt;
}

DialogOutcome Chat::send(const std::string& text) {
  DialogInput in;
  in.text = text;
  return input(in);
}

DialogOutcome Chat::image(const std::string& mediaRef, const std::string& mediaUrl) {
  DialogInput in;
  in.kind = DialogInput::Kind::Image;
  in.mediaRef = mediaRef;
  in.mediaUrl = mediaUrl;
  return input(in);
}

DialogOutcome Chat::click(const std::string& key) {
  DialogInput in;
  in.kind = DialogInput::Kind::MenuClick;
  in.text = key;
  return input(in);
}

DialogOutcome Chat::input(DialogInput in) {
  now_ += 60;
  in.at = now_;
  DialogOutcome outcome = dialog_->handle(in);
  expectReadable(outcome);
  return outcome;
}

DialogOutcome Chat::registered(const std::string& caseNo) {
  DialogOutcome outcome = dialog_->caseRegistered(caseNo, "2026-12-02");
  expectReadable(outcome);
  return outcome;
}

DialogOutcome Chat::infoRegistered(const std::string& caseNo) {
  DialogOutcome outcome = dialog_->infoRequestRegistered(caseNo, "2026-02-02");
  expectReadable(outcome);
  return outcome;
}

void Chat::restart() {
  const DialogSnapshot saved = dialog_->snapshot();
  dialog_ = std::make_unique<Dialog>(context_, saved);
}

std::string joined(const DialogOutcome& outcome) {
  std::string all;
  for (const auto& reply : outcome.replies) all += reply + "\n";
  return all;
}

bool contains(const DialogOutcome& outcome, const std::string& text) {
  return joined(outcome).find(text) != std::string::npos;
}

const std::vector<Turn>& happyPath() {
  static const std::vector<Turn> turns{
      {"1", "complaint.unit"},
      {"教育局", "complaint.respondentDetail"},
      {"招生科", "complaint.ground"},
      {"网站上的招生信息好几年没更新了", "complaint.groundConfirm"},
      {"是", "complaint.facts"},
      {"今年9月起教育局网站招生栏目一直没有更新，打电话也没人答复。", "complaint.evidence"},
      {"<image>", "complaint.evidence"},
      {"网址 http://edu.example/zs", "complaint.evidence"},
      {"完成", "complaint.reportedElsewhere"},
      {"否", "complaint.supervisionDecided"},
      {"否", "complaint.name"},
      {"张三", "complaint.phone"},
      {"138 0013 8000", "complaint.address"},
      {"青溪区人民路1号", "complaint.wantsReply"},
      {"是", "complaint.confirm"},
      {"确认", "complaint.registering"},
      {"<registered>", "menu"},
  };
  return turns;
}

namespace {

// What an outcome asked the caller to register, complaint or information request, as JSON.
nlohmann::json registration(const DialogOutcome& outcome) {
  nlohmann::json out;
  if (outcome.registerComplaint)
    out["complaint"] = workflows::toJson(outcome.registerComplaint->form);
  if (outcome.registerInfoRequest) {
    out["info_request"] = workflows::toJson(outcome.registerInfoRequest->application);
  }
  return out;
}

}  // namespace

std::set<std::string> playWithRestarts(const std::vector<Turn>& turns) {
  std::set<std::string> seen{"menu"};
  Chat running;
  for (const Turn& turn : turns) {
    const std::string at = running.state();
    Chat restarted(running.snapshot());
    EXPECT_EQ(restarted.state(), at);
    const DialogOutcome expected = play(running, turn);
    const DialogOutcome actual = play(restarted, turn);
    EXPECT_EQ(actual.replies, expected.replies) << "at " << at << ", sending " << turn.input;
    EXPECT_EQ(registration(actual), registration(expected)) << "at " << at;
    const DialogSnapshot a = restarted.snapshot();
    const DialogSnapshot e = running.snapshot();
    EXPECT_EQ(a.state, e.state) << "at " << at;
    EXPECT_EQ(a.slots, e.slots) << "at " << at;
    EXPECT_EQ(a.lastActivityAt, e.lastActivityAt) << "at " << at;
    EXPECT_EQ(e.state, turn.state) << "at " << at << ", sending " << turn.input;
    seen.insert(e.state);
  }
  return seen;
}

DialogOutcome play(Chat& chat, const Turn& turn) {
  if (turn.input == "<image>") return chat.image("media-1", "https://media.example/1.jpg");
  if (turn.input == "<registered>") return chat.registered("TS-2026-000321");
  if (turn.input == "<info-registered>") return chat.infoRegistered("YS-2026-000321");
  return chat.send(turn.input);
}

const std::vector<Turn>& infoHappyPath() {
  static const std::vector<Turn> turns{
      {"2", "info_request.applicantType"},
      {"1", "info_request.name"},
      {"张三", "info_request.idDocument"},
      {"11010519491231002x", "info_request.contact"},
      {"138 0013 8000", "info_request.unit"},
      {"教育局", "info_request.info"},
      {"《2026年义务教育招生工作方案》，文号青教发〔2026〕3号", "info_request.form"},
      {"2", "info_request.delivery"},
      {"1", "info_request.address"},
      {"青溪区人民路1号", "info_request.confirm"},
      {"确认", "info_request.registering"},
      {"<info-registered>", "menu"},
  };
  return turns;
}

namespace {
void walk(Chat& chat, const std::vector<Turn>& path, const std::string& state) {
  if (chat.state() == state) return;
  for (const auto& turn : path) {
    play(chat, turn);
    ASSERT_EQ(chat.state(), turn.state) << "after sending " << turn.input;
    if (turn.state == state) return;
  }
  FAIL() << "the happy path does not reach " << state;
}
}  // namespace

void walkInfoTo(Chat& chat, const std::string& state) {
  walk(chat, infoHappyPath(), state);
}

void walkTo(Chat& chat, const std::string& state) {
  if (chat.state() == state) return;
  for (const auto& turn : happyPath()) {
    play(chat, turn);
    ASSERT_EQ(chat.state(), turn.state) << "after sending " << turn.input;
    if (turn.state == state) return;
  }
  FAIL() << "the happy path does not reach " << state;
}

}  // namespace civicdesk::dialogs::testing
