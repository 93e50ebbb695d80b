#include "dialogs/complaint/ComplaintData.hpp"

#include "workflows/complaints/ComplaintGround.hpp"

namespace civicdesk::dialogs::complaint {

nlohmann::json ComplaintData::toJson() const {
  return {{"form", workflows::toJson(form)},
          {"history", history},
          {"suggestions", suggestions},
          {"guessedGround", guessedGround ? nlohmann::json(*guessedGround) : nlohmann::json()},
          {"amending", amending}};
}

std::optional<ComplaintData> ComplaintData::fromJson(const nlohmann::json& slots) {
  if (!slots.is_object()) return std::nullopt;
  try {
    ComplaintData data;
    // The form goes through workflows' own reader, so the two never disagree on its shape.
    data.form = workflows::complaintFormFromJson(slots.value("form", nlohmann::json::object()));
    data.history = slots.value("history", std::vector<std::string>{});
    data.suggestions = slots.value("suggestions", std::vector<std::string>{});
    if (auto it = slots.find("guessedGround"); it != slots.end() && !it->is_null()) {
      const int number = it->get<int>();
      if (!workflows::complaintGroundFromNumber(number)) return std::nullopt;
      data.guessedGround = number;
    }
    data.amending = slots.value("amending", false);
    return data;
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

}  // namespace civicdesk::dialogs::complaint
