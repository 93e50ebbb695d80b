#include "channels/email/MimeMessage.hpp"

#include <algorithm>
#include <cctype>
#include <utility>

#include "channels/email/Charset.hpp"
#include "channels/email/EncodedWords.hpp"
#include "channels/email/HtmlText.hpp"
#include "channels/email/MailAddress.hpp"
#include "channels/email/MailDate.hpp"
#include "channels/email/Multipart.hpp"
#include "channels/email/TransferEncoding.hpp"

namespace civicdesk::channels::email {

namespace {

// What a part contributes to the message text.
struct PartText {
  std::string text;
  bool fromPlain = false;  // text/plain rather than HTML reduced to text
};

std::string normalizeLineEnds(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      out += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string trimTrailing(std::string text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  return text;
}

// A filename fit to show and keep: no directories a client leaked ("C:\Users\...\a.jpg"),
// no control characters.
std::string cleanFilename(std::string name) {
  const std::size_t slash = name.find_last_of("/\\");
  if (slash != std::string::npos) name.erase(0, slash + 1);
  name.erase(std::remove_if(name.begin(), name.end(),
                            [](unsigned char c) { return c < 0x20 || c == 0x7F; }),
             name.end());
  return name;
}

class MessageReader {
 public:
  MessageReader(const MimeLimits& limits, MimeMessage& message)
      : limits_(limits), message_(message) {}

  PartText readEntity(const HeaderFields& headers, std::string_view body, int depth) {
    const std::string* typeField = findHeader(headers, "Content-Type");
    ParameterizedHeader type = parseParameterizedHeader(typeField ? *typeField : "text/plain");
    // RFC 2045 §5.2: an invalid Content-Type is read as plain text.
    if (type.value.find('/') == std::string::npos) type.value = "text/plain";

    if (type.value.rfind("multipart/", 0) == 0) {
      const std::string* boundary = type.raw("boundary");
      if (boundary && !boundary->empty()) {
        return readMultipart(type.value, *boundary, body, depth);
      }
      type.value = "text/plain";  // no boundary: the body is all we can read
    }
    return readLeaf(headers, type, body);
  }

 private:
  PartText readMultipart(const std::string& type, const std::string& boundary,
                         std::string_view body, int depth) {
    if (depth >= limits_.maxDepth) {
      message_.droppedAttachments.push_back("a " + type + " part nested deeper than " +
                                            std::to_string(limits_.maxDepth) + " levels");
      return {};
    }
    const MultipartBody multipart = splitMultipart(body, boundary);
    if (multipart.parts.empty()) {
      // The boundary never occurs: rather than lose what the citizen wrote, read it as text.
      return PartText{trimTrailing(normalizeLineEnds(toUtf8BestEffort(body, ""))), true};
    }
    std::vector<PartText> children;
    for (std::string_view part : multipart.parts) {
      const MimeEntity entity = splitEntity(part);
      children.push_back(readEntity(entity.headers, entity.body, depth + 1));
    }
    if (type == "multipart/alternative") return chooseAlternative(children);
    // mixed, related, and anything else: the texts in order (some clients split a body around
    // an inline picture).
    PartText joined;
    joined.fromPlain = true;
    for (PartText& child : children) {
      if (child.text.empty()) continue;
      if (!joined.text.empty()) joined.text += "\n\n";
      joined.text += child.text;
      joined.fromPlain = joined.fromPlain && child.fromPlain;
    }
    return joined;
  }

  // RFC 2046 orders alternatives plainest first, but the desk wants plain text: the last
  // non-empty text/plain, else the last non-empty text.
  static PartText chooseAlternative(std::vector<PartText>& children) {
    for (auto it = children.rbegin(); it != children.rend(); ++it) {
      if (it->fromPlain && !it->text.empty()) return std::move(*it);
    }
    for (auto it = children.rbegin(); it != children.rend(); ++it) {
      if (!it->text.empty()) return std::move(*it);
    }
    return {};
  }

  PartText readLeaf(const HeaderFields& headers, const ParameterizedHeader& type,
                    std::string_view body) {
    const std::string* dispositionField = findHeader(headers, "Content-Disposition");
    const ParameterizedHeader disposition =
        parseParameterizedHeader(dispositionField ? *dispositionField : "");
    std::optional<std::string> filename = disposition.text("filename");
    if (!filename || filename->empty()) filename = type.text("name");

    const bool isText = type.value == "text/plain" || type.value == "text/html";
    const bool isAttachment =
        disposition.value == "attachment" || (filename && !filename->empty()) || !isText;
    const std::string* encoding = findHeader(headers, "Content-Transfer-Encoding");
    std::string bytes = decodeTransferEncoding(body, encoding ? *encoding : "");

    if (isAttachment) {
      keepAttachment(filename ? cleanFilename(*filename) : std::string(), type.value,
                     std::move(bytes));
      return {};
    }
    const std::string* charset = type.raw("charset");
    std::string text = normalizeLineEnds(toUtf8BestEffort(bytes, charset ? *charset : ""));
    if (type.value == "text/html") return PartText{trimTrailing(htmlToText(text)), false};
    return PartText{trimTrailing(std::move(text)), true};
  }

  void keepAttachment(std::string filename, const std::string& contentType, std::string data) {
    const std::string label =
        (filename.empty() ? std::string("(unnamed)") : filename) + " (" + contentType + ")";
    if (data.size() > limits_.maxAttachmentBytes) {
      message_.droppedAttachments.push_back(label + ": " + std::to_string(data.size()) +
                                            " bytes, over the limit of " +
                                            std::to_string(limits_.maxAttachmentBytes));
      return;
    }
    if (message_.attachments.size() >= limits_.maxAttachments) {
      message_.droppedAttachments.push_back(
          label + ": more than " + std::to_string(limits_.maxAttachments) + " attachments");
      return;
    }
    message_.attachments.push_back(Attachment{std::move(filename), contentType, std::move(data)});
  }

  const MimeLimits& limits_;
  MimeMessage& message_;
};

void readEnvelopeFields(MimeMessage& message) {
  if (const std::string* subject = message.header("Subject")) {
    message.subject = decodeHeaderText(*subject);
  }
  if (const std::string* from = message.header("From")) {
    const std::vector<Mailbox> mailboxes = parseAddressList(*from);
    if (!mailboxes.empty()) {
      message.fromAddress = mailboxes.front().address;
      message.fromName = mailboxes.front().name;
    }
  }
  if (const std::string* to = message.header("To")) {
    for (const Mailbox& mailbox : parseAddressList(*to)) message.to.push_back(mailbox.address);
  }
  if (const std::string* id = message.header("Message-ID")) {
    const std::vector<std::string> ids = parseMessageIds(*id);
    if (!ids.empty()) message.messageId = ids.front();
  }
  if (const std::string* inReplyTo = message.header("In-Reply-To")) {
    message.inReplyTo = parseMessageIds(*inReplyTo);
  }
  if (const std::string* references = message.header("References")) {
    message.references = parseMessageIds(*references);
  }
  if (const std::string* date = message.header("Date")) {
    message.date = *date;
    message.sentAt = parseMailDate(*date);
  }
}

}  // namespace

Expected<MimeMessage, std::string> parseMime(std::string_view raw, const MimeLimits& limits) {
  if (raw.size() > limits.maxMessageBytes) {
    return unexpected("message of " + std::to_string(raw.size()) + " bytes exceeds the limit of " +
                      std::to_string(limits.maxMessageBytes));
  }
  MimeMessage message;
  MimeEntity entity = splitEntity(raw);
  message.headers = std::move(entity.headers);
  readEnvelopeFields(message);
  MessageReader reader(limits, message);
  message.textBody = reader.readEntity(message.headers, entity.body, 0).text;
  return message;
}

}  // namespace civicdesk::channels::email
