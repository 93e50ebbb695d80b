#pragma once
// The events of the dialog machine. The facade turns each DialogInput into one of these; the
// command words (取消, 返回, 帮助, 菜单) become events of their own, so that every state can
// answer them without each leaf re-reading the text.
#include <string>

#include <boost/statechart/event.hpp>
#include <nlohmann/json.hpp>

namespace civicdesk::dialogs {

namespace sc = boost::statechart;

struct EvText : sc::event<EvText> {
  explicit EvText(std::string t) : text(std::move(t)) {}
  std::string text;
};
struct EvImage : sc::event<EvImage> {
  EvImage(std::string ref, std::string url) : mediaRef(std::move(ref)), mediaUrl(std::move(url)) {}
  std::string mediaRef;
  std::string mediaUrl;
};
struct EvClick : sc::event<EvClick> {
  explicit EvClick(std::string k) : key(std::move(k)) {}
  std::string key;
};
struct EvSubscribe : sc::event<EvSubscribe> {};
struct EvVoiceWithoutText : sc::event<EvVoiceWithoutText> {};
struct EvUnsupported : sc::event<EvUnsupported> {};

// Command words.
struct EvCancel : sc::event<EvCancel> {};
struct EvBack : sc::event<EvBack> {};
struct EvHelp : sc::event<EvHelp> {};
struct EvMenu : sc::event<EvMenu> {};

// Idle too long: forget the conversation silently (the facade says why).
struct EvReset : sc::event<EvReset> {};

// Boost.Statechart cannot save a machine: the facade persists the leaf id and the slots, and
// restores by posting this to the initial state, which transits straight to the stored leaf.
struct EvRestore : sc::event<EvRestore> {
  EvRestore(std::string s, nlohmann::json j) : state(std::move(s)), slots(std::move(j)) {}
  std::string state;
  nlohmann::json slots;
};

// The caller stored the complaint the last outcome asked for.
struct EvCaseRegistered : sc::event<EvCaseRegistered> {
  EvCaseRegistered(std::string no, std::string due)
      : caseNo(std::move(no)), acceptanceDue(std::move(due)) {}
  std::string caseNo;
  std::string acceptanceDue;  // "2026-12-02": when the acceptance decision is due
};

// The caller stored the information request the last outcome asked for.
struct EvInfoRequestRegistered : sc::event<EvInfoRequestRegistered> {
  EvInfoRequestRegistered(std::string no, std::string received, std::string due)
      : caseNo(std::move(no)), receivedOn(std::move(received)), replyDue(std::move(due)) {}
  std::string caseNo;      // "YS-2026-000001"
  std::string receivedOn;  // "2026-11-27": the date of receipt, today
  std::string replyDue;    // "2026-12-25": when the reply is due
};

}  // namespace civicdesk::dialogs
