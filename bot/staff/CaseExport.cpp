#include "bot/staff/CaseExport.hpp"

#include <array>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "bot/staff/CaseView.hpp"
#include "bot/staff/Csv.hpp"
#include "store/Deadlines.hpp"
#include "store/EventLog.hpp"
#include "store/IdentityReads.hpp"
#include "workflows/calendar/DateMath.hpp"
#include "workflows/complaints/CaseStatus.hpp"

namespace civicdesk::bot {

namespace {

using Cell = nlohmann::ordered_json;

// One row per case, these columns in this order, in the CSV's header and in each JSON row.
constexpr std::array<std::string_view, 18> kColumns{"case_no",
                                                    "status",
                                                    "ground",
                                                    "ground_name",
                                                    "respondent_unit",
                                                    "respondent_unit_name",
                                                    "receiving_unit",
                                                    "receiving_unit_name",
                                                    "received_date",
                                                    "registered_date",
                                                    "deadline_rule",
                                                    "deadline_due",
                                                    "deadline_overdue",
                                                    "complainant_name",
                                                    "complainant_phone",
                                                    "complainant_email",
                                                    "complainant_address",
                                                    "complainant_withheld"};
using Row = std::array<Cell, kColumns.size()>;

// RULES.md §1 Art. 4, items (1) to (8), in the regulation's words.
constexpr std::array<std::string_view, 8> kGroundNames{
    "不依法履行试点领域信息公开义务",
    "不及时更新试点领域信息公开内容、信息公开指南和信息公开目录",
    "不及时受理处理申请获取试点领域信息",
    "不及时受理处理有关试点领域信息公开工作投诉举报",
    "违反规定以有偿服务方式提供试点领域信息",
    "通过其他组织、个人违反规定收取费用",
    "公开不应当公开的试点领域信息",
    "违反《中华人民共和国政府信息公开条例》规定的其他行为"};

std::string groundName(workflows::ComplaintGround ground) {
  const int number = workflows::toNumber(ground);
  if (number < 1 || number > static_cast<int>(kGroundNames.size())) return {};
  return std::string(kGroundNames[static_cast<std::size_t>(number - 1)]);
}

std::string dateOf(std::int64_t unixSeconds) {
  return workflows::formatDate(workflows::shanghaiDate(unixSeconds));
}

// The case carries no registration time of its own; its record does. A transferred-in case
// was never registered here (it arrived accepted): empty.
std::string registeredDate(store::Store& store, std::int64_t caseId) {
  for (const auto& e : store::EventLog(store).forCase(caseId)) {
    if (e.kind == "case.registered") return dateOf(e.at);
  }
  return {};
}

bool matches(const ExportQuery& query, const workflows::ComplaintCase& c) {
  if (query.status && c.status != *query.status) return false;
  if (query.unitId && c.form.respondentUnitId != *query.unitId &&
      c.receivingUnitId != *query.unitId) {
    return false;
  }
  const auto received = workflows::shanghaiDate(c.receivedAt);
  if (query.from && received < *query.from) return false;
  if (query.to && received > *query.to) return false;
  return true;
}

Row rowOf(store::Store& store, const workflows::UnitDirectory& units,
          const workflows::ComplaintCase& c, bool identity, std::int64_t now) {
  // The most urgent open deadline (openForCase is earliest due first); none: empty cells.
  const auto deadlines = store::Deadlines(store).openForCase(c.id);
  const store::DeadlineRecord* next = deadlines.empty() ? nullptr : &deadlines.front();
  const auto& who = c.form.complainant;
  return Row{Cell(c.caseNo),
             Cell(std::string(workflows::toString(c.status))),
             Cell(workflows::toNumber(c.form.ground)),
             Cell(groundName(c.form.ground)),
             Cell(c.form.respondentUnitId),
             Cell(units.nameOf(c.form.respondentUnitId)),
             Cell(c.receivingUnitId),
             Cell(units.nameOf(c.receivingUnitId)),
             Cell(dateOf(c.receivedAt)),
             Cell(registeredDate(store, c.id)),
             Cell(next ? next->ruleId : ""),
             Cell(next ? workflows::formatDueDay(next->dueAt) : ""),
             next ? Cell(now >= next->dueAt) : Cell(nullptr),
             Cell(identity ? who.name : ""),
             Cell(identity ? who.phone : ""),
             Cell(identity ? who.email : ""),
             Cell(identity ? who.address : ""),
             Cell(identity ? "" : kIdentityWithheld)};
}

std::string csvText(const Cell& cell) {
  if (cell.is_null()) return {};
  if (cell.is_string()) return cell.get<std::string>();
  return cell.dump();  // a number, or true / false
}

std::string csvDocument(const std::vector<Row>& rows) {
  CsvWriter csv;
  csv.row(std::vector<std::string>(kColumns.begin(), kColumns.end()));
  for (const auto& row : rows) {
    std::vector<std::string> fields;
    fields.reserve(row.size());
    for (const auto& cell : row) fields.push_back(csvText(cell));
    csv.row(fields);
  }
  return std::move(csv).release();
}

Cell optionalText(const std::optional<std::string>& text) {
  return text ? Cell(*text) : Cell(nullptr);
}

std::string jsonDocument(const std::vector<Row>& rows, const ExportQuery& query, std::int64_t now) {
  Cell cases = Cell::array();
  for (const auto& row : rows) {
    Cell object = Cell::object();
    for (std::size_t i = 0; i < kColumns.size(); ++i) object[std::string(kColumns[i])] = row[i];
    cases.push_back(std::move(object));
  }
  const auto date = [](const std::optional<workflows::CivilDate>& d) {
    return d ? Cell(workflows::formatDate(*d)) : Cell(nullptr);
  };
  Cell document{{"exported_at", workflows::formatIsoShanghai(now)},
                {"filters",
                 {{"status", query.status ? Cell(std::string(workflows::toString(*query.status)))
                                          : Cell(nullptr)},
                  {"unit", optionalText(query.unitId)},
                  {"from", date(query.from)},
                  {"to", date(query.to)}}},
                {"count", rows.size()},
                {"cases", std::move(cases)}};
  return document.dump();
}

}  // namespace

Expected<ExportQuery, FieldError> parseExportQuery(const std::map<std::string, std::string>& query,
                                                   const workflows::UnitDirectory& units) {
  ExportQuery out;
  for (const auto& [name, value] : query) {
    if (name == "format") {
      if (value == "json") {
        out.format = ExportFormat::Json;
      } else if (value == "csv") {
        out.format = ExportFormat::Csv;
      } else {
        return unexpected(FieldError{"format", "format must be json or csv"});
      }
    } else if (name == "status") {
      out.status = workflows::caseStatusFromString(value);
      if (!out.status) {
        return unexpected(FieldError{"status", "not a case status: '" + value + "'"});
      }
    } else if (name == "unit") {
      if (!units.find(value)) {
        return unexpected(FieldError{"unit", "not a unit of the directory: '" + value + "'"});
      }
      out.unitId = value;
    } else if (name == "from" || name == "to") {
      auto date = workflows::parseIsoDate(value);
      if (!date) {
        return unexpected(FieldError{name, name + " must be a date, YYYY-MM-DD (Asia/Shanghai)"});
      }
      (name == "from" ? out.from : out.to) = date;
    } else {
      return unexpected(FieldError{name,
                                   "unknown parameter; the export takes format, status, "
                                   "unit, from and to"});
    }
  }
  if (out.from && out.to && *out.to < *out.from) {
    return unexpected(FieldError{"to", "to is before from"});
  }
  return out;
}

ExportFile exportCases(store::Store& store, const workflows::UnitDirectory& units,
                       const store::StaffMember& member, const ExportQuery& query,
                       std::int64_t now) {
  ExportFile file;
  std::vector<Row> rows;
  store::IdentityReads reads(store);
  for (const auto& c : listableCases(store, member, CaseListScope::Complete)) {
    if (!matches(query, c)) continue;
    const bool identity = maySeeIdentity(member, c);
    rows.push_back(rowOf(store, units, c, identity, now));
    if (identity) {
      // In the caller's transaction: the file is sent only once these are committed.
      reads.append({0, member.id, "staff:" + std::to_string(member.id), c.id, "export", now});
      ++file.identitiesShown;
    }
  }
  file.rows = static_cast<int>(rows.size());
  std::string day = workflows::formatDate(workflows::shanghaiDate(now));
  std::erase(day, '-');
  if (query.format == ExportFormat::Csv) {
    file.contentType = "text/csv; charset=utf-8";
    file.fileName = "cases-" + day + ".csv";
    file.body = csvDocument(rows);
  } else {
    file.contentType = "application/json; charset=utf-8";
    file.fileName = "cases-" + day + ".json";
    file.body = jsonDocument(rows, query, now);
  }
  return file;
}

}  // namespace civicdesk::bot
