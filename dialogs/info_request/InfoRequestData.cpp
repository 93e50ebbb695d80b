#include "dialogs/info_request/InfoRequestData.hpp"

namespace civicdesk::dialogs::info_request {

// The "application" key tells these slots from a complaint's ("form").
nlohmann::json InfoRequestData::toJson() const {
  return {{"application", workflows::toJson(application)},
          {"history", history},
          {"suggestions", suggestions},
          {"amending", amending}};
}

std::optional<InfoRequestData> InfoRequestData::fromJson(const nlohmann::json& slots) {
  if (!slots.is_object() || !slots.contains("application")) return std::nullopt;
  try {
    InfoRequestData data;
    // The application goes through workflows' own reader, so the two never disagree on its
    // shape.
    data.application = workflows::applicationFromJson(slots.at("application"));
    data.history = slots.value("history", std::vector<std::string>{});
    data.suggestions = slots.value("suggestions", std::vector<std::string>{});
    data.amending = slots.value("amending", false);
    return data;
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

}  // namespace civicdesk::dialogs::info_request
