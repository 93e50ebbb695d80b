#include "bot/staff/Csv.hpp"

namespace civicdesk::bot {

namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// A spreadsheet reads a cell that starts with = + - @ as a formula, and a formula can run
// commands (DDE) or send the sheet's contents to a web address (HYPERLINK, WEBSERVICE): "CSV
// injection". Names, addresses and emails are typed by citizens, and the file is opened by a
// handler on a government machine, so such a cell is made plain text with a leading single
// quote. Tab and CR start formulas in some spreadsheets too (OWASP's list), so they are
// guarded as well. Only the CSV is guarded: the JSON export carries every value unchanged.
bool readsAsFormula(std::string_view value) {
  if (value.empty()) return false;
  switch (value.front()) {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r':
      return true;
    default:
      return false;
  }
}

}  // namespace

std::string csvField(std::string_view value) {
  std::string text;
  if (readsAsFormula(value)) text += '\'';
  text += value;
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';  // RFC 4180: a quote inside a quoted field is doubled
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

CsvWriter::CsvWriter() : text_(kUtf8Bom) {}

void CsvWriter::row(const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) text_ += ',';
    text_ += csvField(fields[i]);
  }
  text_ += "\r\n";  // RFC 4180 ends every record, the last one too, with CRLF
}

}  // namespace civicdesk::bot
