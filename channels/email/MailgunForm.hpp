#pragma once
// The body of a Mailgun route POST (PROTOCOLS.md §4.1): application/x-www-form-urlencoded, or
// multipart/form-data when the mail had attachments (or for the body-mime variant).
#include <string>
#include <string_view>
#include <vector>

#include "channels/FormBody.hpp"
#include "channels/Message.hpp"
#include "util/Expected.hpp"

namespace civicdesk::channels::email {

struct MailgunForm {
  FormFields fields;                    // the text fields, in order
  std::vector<Attachment> files;        // the file parts (attachment-1, ...), in order
  std::vector<std::string> fileFields;  // the field name of each file, same order

  // The first value of `name`, compared case-insensitively (Mailgun writes "Message-Id",
  // mailers "Message-ID"), or nullptr.
  const std::string* get(std::string_view name) const;
};

// `contentType` is the request's Content-Type header. An error for another content type
// ("unsupported content type ..."), a multipart type without a boundary, or a malformed
// urlencoded body. A form part with a filename is a file; any other part is a field.
Expected<MailgunForm, std::string> parseMailgunForm(std::string_view contentType,
                                                    std::string_view body);

}  // namespace civicdesk::channels::email
