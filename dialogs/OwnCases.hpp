#pragma once
// The citizen's own cases as the progress query shows them, read from the store only when a
// step asks for them. Most messages are form steps that never show progress; reading a
// citizen's complaints, information requests and each one's open deadlines on every message
// cost the store's single writer three or more queries per message for nothing.
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace civicdesk::dialogs {

// One of the citizen's own cases (complaints "TS-…", information requests "YS-…"), as the
// progress query shows it. The caller reads it from the store; the dialog only words it.
struct CaseProgress {
  std::string caseNo;    // "TS-2026-000123"
  std::string status;    // workflows::toString(CaseStatus): "registered", "accepted", ...
  std::string nextDue;   // the due day of the earliest open deadline, "2026-12-02"; empty: none
  std::string nextStep;  // what is awaited by then, e.g. "作出是否受理的决定"; may be empty
  std::string receivedOn;  // "2026-11-27"
};

// Newest first. Read at most once, on the first get(); not thread-safe (one dialog step).
class OwnCases {
 public:
  using Reader = std::function<std::vector<CaseProgress>()>;

  OwnCases() = default;  // none
  explicit OwnCases(std::vector<CaseProgress> cases) : cases_(std::move(cases)) {}
  explicit OwnCases(Reader read) : read_(std::move(read)) {}

  const std::vector<CaseProgress>& get() const {
    if (!cases_) cases_ = read_ ? read_() : std::vector<CaseProgress>{};
    return *cases_;
  }

 private:
  Reader read_;
  mutable std::optional<std::vector<CaseProgress>> cases_;
};

}  // namespace civicdesk::dialogs
