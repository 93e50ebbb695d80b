// A complaint read from free text (an email's body, a hotline caller's turns): extractComplaint
// against the demo unit directory (config/units.json, loaded once), with the hints a channel
// gives and a reference date for "昨天", "上周五". Everything it returns is stored or shown: the
// texts must stay UTF-8 and the facts within their limit; what it found for the complainant is
// written to JSON with the form and must read back.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

#include "util/Utf8.hpp"
#include "workflows/UnitDirectory.hpp"
#include "workflows/complaints/ComplaintExtraction.hpp"
#include "fuzz/FuzzSupport.hpp"

using namespace civicdesk;
using namespace civicdesk::workflows;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const UnitDirectory units = UnitDirectory::load(CIVICDESK_SOURCE_DIR "/config/units.json");
  const std::string_view text = fuzz::asText(data, size);

  ExtractionHints hints;
  hints.knownPhone = "+8613800138000";
  hints.knownName = "张三";
  hints.knownEmail = "zhangsan@example.cn";
  hints.referenceDate = CivilDate{2026, 11, 27};
  const ExtractedComplaint extracted = extractComplaint(text, units, hints);

  const ComplaintForm& form = extracted.form;
  fuzz::require(utf8::length(form.facts) <= kExtractedFactsMax + 1);  // "…" when cut
  if (!form.respondentUnitId.empty()) fuzz::require(units.find(form.respondentUnitId) != nullptr);
  for (const std::string& id : extracted.unitSuggestions) {
    fuzz::require(units.find(id) != nullptr && id != form.respondentUnitId);
  }
  if (fuzz::isValidUtf8(text)) {
    for (const std::string* out : {&form.facts, &form.respondentDetail, &form.complainant.name,
                                   &form.complainant.address, &form.complainant.phone,
                                   &form.complainant.email, &extracted.landline}) {
      fuzz::require(fuzz::isValidUtf8(*out));
    }
    // Stored as JSON: dump() throws on invalid UTF-8, and the form must read back whole.
    const nlohmann::json json = toJson(form);
    fuzz::require(toJson(complaintFormFromJson(nlohmann::json::parse(json.dump()))) == json);
  }
  return 0;
}
