#pragma once
// One citizen across channels (issue 5): a phone number links SMS, the hotline and whatever
// else carries it. Every number is kept as a "phone" contact in the mainland form
// ("13800138000"), whichever channel brought it; the channel's own address ("+8613800138000"
// for SMS) is kept beside it, so replies still go where the citizen wrote from.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "channels/Message.hpp"
#include "store/Store.hpp"
#include "workflows/complaints/Complaint.hpp"

namespace civicdesk::bot {

inline constexpr std::string_view kPhoneContact = "phone";
inline constexpr std::string_view kEmailContact = "email";

// "+8613800138000", "008613800138000", "8613800138000", "138 0013 8000" → "13800138000";
// anything that is not a mainland mobile → nullopt.
std::optional<std::string> mainlandMobile(std::string_view number);

// The citizen behind an inbound message, created on first contact. SMS and hotline numbers
// resolve through the "phone" contact first, so a complainant who gave that number on WeChat
// (or to an operator) is the same citizen when they text. Inside the caller's transaction.
std::int64_t resolveCitizen(store::Store& store, const channels::InboundMessage& message,
                            std::int64_t now);

// After a complaint is registered: the phone and email it gives become the citizen's contacts,
// unless they already belong to someone else (merging people is a staff decision).
void linkComplainantContacts(store::Store& store, std::int64_t citizenId,
                             const workflows::Complainant& complainant, std::int64_t now);

}  // namespace civicdesk::bot
