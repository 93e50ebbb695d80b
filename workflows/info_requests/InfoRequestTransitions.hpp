#pragma once
// One function per action of InfoRequestWorkflow.hpp. Each checks the request's status and the
// action's fields (permission is checked before, in InfoRequestPermissions) and builds the step.
// Internal to workflows/info_requests; callers use applyInfoRequestAction.
#include <string>
#include <string_view>

#include "workflows/info_requests/InfoRequestWorkflow.hpp"

namespace civicdesk::workflows::info_request_transitions {

struct Context {
  const InfoRequest& request;
  const InfoRequestState& state;
  std::int64_t now;
  const Actor& actor;
};

using Result = Expected<InfoRequestStep, WorkflowError>;

// Art. 30 and 32: supplement, withdrawal, consultation, archive (InfoRequestTransitions.cpp).
Result apply(const Context& ctx, const RequestSupplementAction& action);
Result apply(const Context& ctx, const SupplementAction& action);
Result apply(const Context& ctx, const DeemWithdrawnAction& action);
Result apply(const Context& ctx, const StartConsultationAction& action);
Result apply(const Context& ctx, const RecordConsultationAction& action);
Result apply(const Context& ctx, const ArchiveInfoRequestAction& action);
// Art. 33: the extension (InfoRequestExtension.cpp).
Result apply(const Context& ctx, const RequestInfoExtensionAction& action);
Result apply(const Context& ctx, const ExtendInfoRequestAction& action);
Result apply(const Context& ctx, const DeclineInfoExtensionAction& action);
// Art. 36: the reply (InfoRequestReply.cpp).
Result apply(const Context& ctx, const ReplyAction& action);

// The basis strings of the steps, citing the regulation's articles.
inline constexpr std::string_view kArt30 = "政府信息公开条例 第三十条";
inline constexpr std::string_view kArt32 = "政府信息公开条例 第三十二条";
inline constexpr std::string_view kArt33 = "政府信息公开条例 第三十三条";
inline constexpr std::string_view kArt36 = "政府信息公开条例 第三十六条";

// Shared helpers (InfoRequestTransitions.cpp).
Unexpected<WorkflowError> notAllowedNow(const Context& ctx, std::string_view action);
Unexpected<WorkflowError> invalid(std::string field, std::string message);
bool isBlank(std::string_view text);
InfoRequestStep step(const Context& ctx, InfoRequestStatus status, std::string event,
                     std::string_view basis, std::string reason);
// The unit asked: its staff act, get the notices and the deadlines' reminders.
const std::string& unitAsked(const Context& ctx);

}  // namespace civicdesk::workflows::info_request_transitions
