#include "channels/email/MailgunForm.hpp"

#include <algorithm>
#include <cctype>

#include "channels/email/EncodedWords.hpp"
#include "channels/email/MimeHeaders.hpp"
#include "channels/email/Multipart.hpp"
#include "channels/email/TransferEncoding.hpp"
#include "util/AsciiText.hpp"

namespace civicdesk::channels::email {

namespace {

Expected<MailgunForm, std::string> parseMultipartForm(const ParameterizedHeader& type,
                                                      std::string_view body) {
  const std::string* boundary = type.raw("boundary");
  if (!boundary || boundary->empty()) return unexpected(std::string("multipart without boundary"));
  MailgunForm form;
  for (std::string_view part : splitMultipart(body, *boundary).parts) {
    const MimeEntity entity = splitEntity(part);
    const std::string* dispositionField = findHeader(entity.headers, "Content-Disposition");
    if (!dispositionField) continue;  // not a form field
    const ParameterizedHeader disposition = parseParameterizedHeader(*dispositionField);
    const std::optional<std::string> name = disposition.text("name");
    if (!name) continue;
    const std::string* encoding = findHeader(entity.headers, "Content-Transfer-Encoding");
    std::string value = decodeTransferEncoding(entity.body, encoding ? *encoding : "");
    if (const std::optional<std::string> filename = disposition.text("filename")) {
      const std::string* partType = findHeader(entity.headers, "Content-Type");
      std::string contentType = partType ? parseParameterizedHeader(*partType).value
                                         : std::string("application/octet-stream");
      form.files.push_back(Attachment{*filename, std::move(contentType), std::move(value)});
      form.fileFields.push_back(*name);
    } else {
      form.fields.emplace_back(*name, std::move(value));
    }
  }
  return form;
}

}  // namespace

const std::string* MailgunForm::get(std::string_view name) const {
  for (const auto& [fieldName, value] : fields) {
    if (ascii::equalsIgnoringCase(fieldName, name)) return &value;
  }
  return nullptr;
}

Expected<MailgunForm, std::string> parseMailgunForm(std::string_view contentType,
                                                    std::string_view body) {
  const ParameterizedHeader type = parseParameterizedHeader(contentType);
  if (type.value == "multipart/form-data") return parseMultipartForm(type, body);
  if (type.value == "application/x-www-form-urlencoded") {
    Expected<FormFields, std::string> fields = parseFormBody(body);
    if (!fields) return unexpected(fields.error());
    MailgunForm form;
    form.fields = std::move(fields).value();
    return form;
  }
  return unexpected("unsupported content type \"" + type.value + "\"");
}

}  // namespace civicdesk::channels::email
