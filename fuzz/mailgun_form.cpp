// The body of a Mailgun route POST (PROTOCOLS.md §4.1). The input's first line is the
// request's Content-Type header, the rest the body; a first line of "M" or "U" stands for
// Mailgun's own multipart/form-data (boundary "fuzzboundary") or urlencoded type, so that
// mutations spend their time on the body.
#include <cstdint>
#include <string>

#include "channels/email/MailgunForm.hpp"
#include "fuzz/FuzzSupport.hpp"

using namespace civicdesk;
using namespace civicdesk::channels;
using namespace civicdesk::channels::email;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto [head, body] = fuzz::splitFirstLine(fuzz::asText(data, size));
  std::string_view contentType = head;
  if (head == "M") contentType = "multipart/form-data; boundary=fuzzboundary";
  if (head == "U") contentType = "application/x-www-form-urlencoded";

  const Expected<MailgunForm, std::string> form = parseMailgunForm(contentType, body);
  if (!form) return 0;
  fuzz::require(form->files.size() == form->fileFields.size());
  (void)form->get("body-plain");
  (void)form->get("Message-Id");
  // A file's name is shown to staff and kept: it must be text.
  for (const Attachment& file : form->files) fuzz::require(fuzz::isValidUtf8(file.filename));
  return 0;
}
