#pragma once
// RULES.md §1 Art. 4: the eight grounds on which a complaint about disclosure may be made.
#include <optional>
#include <string_view>
#include <vector>

namespace civicdesk::workflows {

enum class ComplaintGround : int {
  NotPerformingDuty = 1,  // (1) 不履行政府信息公开义务
  NotUpdating = 2,  // (2) 不及时更新公开的政府信息内容、公开指南和公开目录
  ApplicationsNotHandled = 3,  // (3) 不按规定及时处理政府信息公开申请
  ComplaintsNotHandled = 4,    // (4) 不按规定及时处理信息公开投诉举报
  ChargingAsPaidService = 5,   // (5) 违反规定将政府信息作为有偿服务
  ChargingThroughOthers = 6,  // (6) 通过其他组织、个人以有偿服务方式提供政府信息
  DisclosingProhibited = 7,  // (7) 公开不应当公开的政府信息
  OtherBreach = 8            // (8) 违反政府信息公开条例的其他行为
};

inline constexpr int kComplaintGroundCount = 8;

// 1..8 → ground; anything else → nullopt.
std::optional<ComplaintGround> complaintGroundFromNumber(int number);
int toNumber(ComplaintGround ground);

// Map a citizen's free text ("网站上的信息好几年没更新了") to likely grounds, best first.
// Empty when nothing matches; the dialog then lists all eight. The citizen always confirms.
std::vector<ComplaintGround> guessComplaintGrounds(std::string_view text);

}  // namespace civicdesk::workflows
