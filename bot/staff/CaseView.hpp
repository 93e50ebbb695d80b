#pragma once
// What a member of staff sees of a case. RULES.md §1 Art. 14: the complainant's identity and
// contact are kept from the respondent unit's staff in every view, and every view that shows
// them is logged (store/IdentityReads) with who read it and why.
#include <vector>

#include <nlohmann/json.hpp>

#include "store/Staff.hpp"
#include "store/Store.hpp"
#include "workflows/UnitDirectory.hpp"
#include "workflows/complaints/Complaint.hpp"

namespace civicdesk::bot {

// The leading-group office (and admins) supervise every unit (RULES.md: the office tracks
// every reply); everyone else, a unit's leader in charge included, acts for their own unit.
bool supervisesAllUnits(const store::StaffMember& member);

// May this member see the case at all? (receiving, respondent or supervising staff)
bool maySeeCase(const store::StaffMember& member, const workflows::ComplaintCase& c);
// Art. 14: may this member see who complained?
bool maySeeIdentity(const store::StaffMember& member, const workflows::ComplaintCase& c);
// What stands in for the complainant where maySeeIdentity says no.
inline constexpr const char* kIdentityWithheld =
    "RULES.md §1 Art. 14: the complainant's identity is confidential";

// Which cases a list may hold for this member.
enum class CaseListScope {
  Working,  // the open (not archived) cases, at most the 500 newest: a working list
  Complete  // every case, archived too: an export, whose date range may reach past the newest
};
// The cases `member` may list, newest received first: maySeeCase's rule, the one rule of
// every list (the task list, the export), so a list never holds a case its view would refuse.
std::vector<workflows::ComplaintCase> listableCases(store::Store& store,
                                                    const store::StaffMember& member,
                                                    CaseListScope scope);

// The case as JSON for `member`; logs the identity read when it is shown (call inside a
// transaction). `purpose` goes into that log ("case view", "task list").
nlohmann::json caseView(store::Store& store, const workflows::UnitDirectory& units,
                        const store::StaffMember& member, const workflows::ComplaintCase& c,
                        std::int64_t now, const std::string& purpose);

}  // namespace civicdesk::bot
