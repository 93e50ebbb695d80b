#pragma once
// The case export (GET /api/cases/export): the cases a member of staff may list, one row each,
// as JSON or as CSV for a spreadsheet. RULES.md §1 Art. 14 holds in a file as in every view: the
// complainant's name and contact are filled in only where maySeeIdentity allows (never for the
// respondent unit's staff, whose columns are there, empty, and say why), and every row that
// shows them is logged in the identity-read log with the purpose "export".
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "bot/staff/ActionRequests.hpp"
#include "store/Staff.hpp"
#include "store/Store.hpp"
#include "util/Expected.hpp"
#include "workflows/LocalTime.hpp"
#include "workflows/UnitDirectory.hpp"
#include "workflows/complaints/Complaint.hpp"

namespace civicdesk::bot {

enum class ExportFormat { Json, Csv };

// The request's query string, checked. Every filter narrows what the caller may list; none
// widens it.
struct ExportQuery {
  ExportFormat format = ExportFormat::Json;
  std::optional<workflows::CaseStatus> status;
  std::optional<std::string> unitId;         // the case's respondent or receiving unit
  std::optional<workflows::CivilDate> from;  // received on or after (Asia/Shanghai)
  std::optional<workflows::CivilDate> to;    // received on or before (Asia/Shanghai)
};

// Reads `format` (json, the default, or csv), `status` (a status name), `unit` (a unit id of
// the directory), `from` and `to` (YYYY-MM-DD, from <= to). A FieldError names the first
// parameter that is wrong, an unknown one too: a misspelt filter would otherwise export
// everything.
Expected<ExportQuery, FieldError> parseExportQuery(const std::map<std::string, std::string>& query,
                                                   const workflows::UnitDirectory& units);

struct ExportFile {
  std::string contentType;
  std::string fileName;  // "cases-20261127.csv": the day of the export, Asia/Shanghai
  std::string body;
  int rows = 0;
  int identitiesShown = 0;  // rows with the complainant filled in, each logged
};

// The export for `member` at `now`. Appends one identity read per row that shows the
// complainant: call inside the Transaction that commits before the file is sent, so no
// identity leaves without its record.
ExportFile exportCases(store::Store& store, const workflows::UnitDirectory& units,
                       const store::StaffMember& member, const ExportQuery& query,
                       std::int64_t now);

}  // namespace civicdesk::bot
