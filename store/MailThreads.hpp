#pragma once
// Which citizen and case an email Message-ID belongs to (PROTOCOLS.md §4.5): ours, recorded
// when a mail is queued, and the citizen's, recorded when theirs arrives. A reply whose
// In-Reply-To or References names one of them joins that case.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/Store.hpp"

namespace civicdesk::store {

struct MailThread {
  std::int64_t citizenId = 0;
  std::optional<std::int64_t> caseId;
};

class MailThreads {
 public:
  explicit MailThreads(Store& store) : store_(store) {}
  // Remembers `messageId` (without <>); a known id keeps its first owner, but gains a case
  // when it had none.
  void record(const std::string& messageId, std::int64_t citizenId,
              std::optional<std::int64_t> caseId, bool outgoing, std::int64_t now);
  // The first of `ids` that is known, in the order given (In-Reply-To before References).
  std::optional<MailThread> find(const std::vector<std::string>& ids);
  // The citizen's latest message id we know (theirs or ours), to thread our next answer.
  std::optional<std::string> latestFor(std::int64_t citizenId, std::optional<std::int64_t> caseId);

 private:
  Store& store_;
};

}  // namespace civicdesk::store
