#pragma once
// CSV as RFC 4180 writes it, for files staff open in a spreadsheet (Excel, WPS) with a double
// click: a CRLF after every record; a field holding a comma, a double quote, CR or LF is quoted,
// its quotes doubled; every field is text.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace civicdesk::bot {

class CsvWriter {
 public:
  // The document starts with the UTF-8 byte order mark. Excel (and WPS) on a Chinese Windows
  // read a CSV without one in the ANSI code page, GBK, and every Chinese name, address and unit
  // turns into mojibake; the BOM is how they know the file is UTF-8.
  CsvWriter();
  void row(const std::vector<std::string>& fields);
  std::string release() && { return std::move(text_); }

 private:
  std::string text_;
};

// One field as written: the formula guard (Csv.cpp says why), then RFC 4180 quoting.
std::string csvField(std::string_view value);

}  // namespace civicdesk::bot
