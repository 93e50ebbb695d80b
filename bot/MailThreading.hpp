#pragma once
// The headers that keep our mails in the citizen's thread (PROTOCOLS.md §4.5), for a notice
// about a case that is not an answer to a particular mail (accepted, extended, feedback...):
// our own Message-ID, recorded against the case so a reply to it joins the case, and
// In-Reply-To/References naming the latest mail of that conversation we know.
#include <cstdint>
#include <string>

#include "store/Store.hpp"

namespace civicdesk::bot {

// JSON for store::OutboxItem::headersJson. Inside the caller's transaction.
std::string caseNoticeHeaders(store::Store& store, std::int64_t citizenId, std::int64_t caseId,
                              const std::string& caseNo, const std::string& subject,
                              const std::string& domain, std::int64_t now);

}  // namespace civicdesk::bot
