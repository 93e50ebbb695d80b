#pragma once
// Staff bearer tokens. A token is shown once, when issued; the store keeps only its SHA-256,
// so a copy of the database gives no one a way in.
#include <optional>
#include <string>

#include "store/Staff.hpp"

namespace civicdesk::bot {

// 32 random bytes, hex, with a recognisable prefix ("cds_…") so a leaked one is easy to spot.
std::string newStaffToken();
std::string hashStaffToken(const std::string& token);

// The member behind an "Authorization: Bearer …" header value, if any (disabled: none).
std::optional<store::StaffMember> authenticateStaff(store::Store& store,
                                                    const std::string& authorizationHeader);

}  // namespace civicdesk::bot
