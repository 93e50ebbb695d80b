#include "channels/wechat/WeChatAdapter.hpp"
#include "util/AsciiText.hpp"

#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <stdexcept>
#include <string>
#include <utility>

#include "channels/ReplayGuard.hpp"
#include "channels/Signature.hpp"
#include "channels/wechat/WeChatInbound.hpp"
#include "channels/wechat/WeChatXml.hpp"

namespace civicdesk::channels {

namespace {

constexpr const char* kXmlType = "application/xml; charset=utf-8";
constexpr const char* kTextType = "text/plain; charset=utf-8";

HttpResponse plain(int status, std::string body) {
  return HttpResponse{status, kTextType, std::move(body)};
}

std::optional<std::int64_t> digitsValue(const std::optional<std::string>& text) {
  if (!text || text->empty()) return std::nullopt;
  std::int64_t value = 0;
  const char* end = text->data() + text->size();
  auto [ptr, ec] = std::from_chars(text->data(), end, value);
  if (ec != std::errc() || ptr != end || value < 0) return std::nullopt;
  return value;
}

// A nonce for a reply whose request carried none: ten random decimal digits, like WeChat's.
std::string freshNonce() {
  std::array<unsigned char, 10> random{};
  if (RAND_bytes(random.data(), static_cast<int>(random.size())) != 1) {
    throw std::runtime_error("RAND_bytes failed");
  }
  std::string nonce;
  for (unsigned char byte : random) nonce.push_back(static_cast<char>('0' + byte % 10));
  return nonce;
}

}  // namespace

WeChatAdapter::WeChatAdapter(WeChatConfig config, std::function<std::int64_t()> nowSeconds)
    : config_(std::move(config)), nowSeconds_(std::move(nowSeconds)) {
  // An empty token would make every signature computable by anyone.
  if (config_.token.empty()) throw std::invalid_argument("WeChat token must not be empty");
  if (!nowSeconds_) throw std::invalid_argument("WeChatAdapter needs a clock");
  if (!config_.encodingAesKey.empty()) {
    // Every decrypted message ends with the AppID it was sealed for; without ours, every
    // encrypted request would be refused as "for another account".
    if (config_.appId.empty()) throw std::invalid_argument("WeChat AES mode needs the AppID");
    crypto_.emplace(config_.token, config_.encodingAesKey, config_.appId);
  } else if (config_.requireEncryption) {
    throw std::invalid_argument("WeChat secure mode needs the EncodingAESKey");
  }
  if (config_.maxClockSkewSeconds < 0) {
    throw std::invalid_argument("WeChat maxClockSkewSeconds must not be negative");
  }
  if (config_.maxClockSkewSeconds > 0) {
    replayGuard_ = std::make_unique<ReplayGuard>(config_.maxClockSkewSeconds);
  }
}

WeChatAdapter::~WeChatAdapter() = default;

std::optional<ChannelError> WeChatAdapter::staleOrReplayed(const HttpRequest& request,
                                                           bool encrypted) const {
  if (!replayGuard_) return std::nullopt;
  const std::optional<std::int64_t> timestamp = digitsValue(request.param("timestamp"));
  if (!timestamp) return channelError(400, "timestamp is not a number of seconds");
  const std::int64_t now = nowSeconds_();
  const std::int64_t skew = config_.maxClockSkewSeconds;
  if (*timestamp < now - skew || *timestamp > now + skew) {
    return channelError(401, "timestamp more than " + std::to_string(skew) + " s from our clock");
  }
  // An encrypted body is covered by msg_signature: replaying it can only repeat the same
  // message, which its MsgId deduplicates. A plaintext body is signed by nothing, so the
  // signed timestamp and nonce are bound to the first body that came with them.
  if (encrypted) return std::nullopt;
  const std::string token = *request.param("timestamp") + ":" + *request.param("nonce");
  if (!replayGuard_->firstUse(token, *timestamp, now, request.body)) {
    return channelError(403, "this signed query came before with another body");
  }
  return std::nullopt;
}

bool WeChatAdapter::signatureMatches(const HttpRequest& request) const {
  const std::string expected = sortedSha1(
      {config_.token, request.param("timestamp").value(), request.param("nonce").value()});
  return constantTimeEquals(expected, ascii::lower(request.param("signature").value()));
}

HttpResponse WeChatAdapter::handshake(const HttpRequest& request) const {
  if (!request.param("signature") || !request.param("timestamp") || !request.param("nonce") ||
      !request.param("echostr")) {
    return plain(400, "missing signature, timestamp, nonce or echostr");
  }
  if (!signatureMatches(request)) return plain(401, "invalid signature");
  // Byte for byte: WeChat compares the body with what it sent.
  return plain(200, *request.param("echostr"));
}

Expected<WeChatXmlFields, ChannelError> WeChatAdapter::decryptBody(
    const HttpRequest& request, const WeChatXmlFields& outer) const {
  if (!crypto_) return unexpected(channelError(400, "encrypted message but no EncodingAESKey set"));
  std::optional<std::string> msgSignature = request.param("msg_signature");
  if (!msgSignature) return unexpected(channelError(400, "missing msg_signature"));
  std::optional<std::string> encrypt = outer.get("Encrypt");
  if (!encrypt || encrypt->empty()) return unexpected(channelError(400, "missing Encrypt"));

  const std::string expected =
      crypto_->msgSignature(*request.param("timestamp"), *request.param("nonce"), *encrypt);
  if (!constantTimeEquals(expected, ascii::lower(*msgSignature))) {
    return unexpected(channelError(401, "invalid msg_signature"));
  }
  Expected<std::string, CryptoError> inner = crypto_->decrypt(*encrypt);
  if (!inner) {
    // Signed with our token but sealed for another account: not authentic for us.
    if (inner.error().kind == CryptoError::Kind::AppIdMismatch) {
      return unexpected(channelError(401, "message is for another AppID"));
    }
    return unexpected(channelError(400, "cannot decrypt: " + inner.error().message));
  }
  Expected<WeChatXmlFields, XmlError> fields = parseWeChatXml(*inner);
  if (!fields) return unexpected(channelError(400, fields.error().message));
  return std::move(fields).value();
}

Expected<InboundBatch, ChannelError> WeChatAdapter::receive(const HttpRequest& request) const {
  if (request.body.size() > config_.maxBodyBytes) {
    return unexpected(
        channelError(413, "body larger than " + std::to_string(config_.maxBodyBytes)));
  }
  if (!request.param("signature") || !request.param("timestamp") || !request.param("nonce")) {
    return unexpected(channelError(400, "missing signature, timestamp or nonce"));
  }
  // WeChat sends `signature` in every mode, so it is checked before anything is parsed or
  // decrypted, even when msg_signature is checked too.
  if (!signatureMatches(request)) return unexpected(channelError(401, "invalid signature"));

  const std::string encryptType = request.param("encrypt_type").value_or("raw");
  if (encryptType != "raw" && encryptType != "aes") {
    return unexpected(channelError(400, "unknown encrypt_type"));
  }
  const bool encrypted = encryptType == "aes";
  if (!encrypted && config_.requireEncryption) {
    // Secure mode (安全模式): a plaintext body carries no signature of its own, so it is
    // refused rather than trusted on the strength of a possibly replayed query.
    return unexpected(channelError(401, "this account accepts encrypted messages only"));
  }

  Expected<WeChatXmlFields, XmlError> outer = parseWeChatXml(request.body);
  if (!outer) return unexpected(channelError(400, outer.error().message));

  // With a key configured, a plaintext request is still accepted: in compatible mode (兼容)
  // WeChat may send either form, and the console switches modes without telling us. The
  // price: a plaintext body is not signed (only the query is), so a captured signed query
  // comes with a body of the attacker's choosing. staleOrReplayed() narrows that to one body
  // per query within the freshness window; `requireEncryption` (setting wechat.secure_mode)
  // closes it, a policy choice for whoever configures the account.
  Expected<WeChatXmlFields, ChannelError> fields =
      encrypted ? decryptBody(request, *outer) : Expected<WeChatXmlFields, ChannelError>(*outer);
  if (!fields) return unexpected(fields.error());

  Expected<InboundMessage, std::string> message = toInboundMessage(*fields);
  if (!message) return unexpected(channelError(400, message.error()));
  // Last, so that only requests that are signed and well-formed are remembered.
  if (std::optional<ChannelError> refused = staleOrReplayed(request, encrypted)) {
    return unexpected(*refused);
  }

  InboundBatch batch;
  batch.messages.push_back(std::move(message).value());
  batch.encrypted = encrypted;
  return batch;
}

HttpResponse WeChatAdapter::render(const HttpRequest& request, const InboundBatch& batch,
                                   const std::vector<Reply>& replies) const {
  if (batch.messages.empty() || batch.messages.front().kind == InboundKind::Unsubscribe) {
    return acknowledge(request);  // an unfollowed citizen cannot read a reply
  }
  // One passive reply per request (§1.4): everything we have to say goes in one message.
  std::string content;
  for (const Reply& reply : replies) {
    if (reply.text.empty()) continue;
    if (!content.empty()) content += "\n\n";
    content += reply.text;
  }
  // An empty <Content> is not "nothing to say" to WeChat; "success" is.
  if (content.empty()) return acknowledge(request);

  const InboundMessage& first = batch.messages.front();
  std::string xml = renderTextReply(first.from, first.to, nowSeconds_(), content);
  if (batch.encrypted) return encryptedReply(request, xml);
  return HttpResponse{200, kXmlType, std::move(xml)};
}

HttpResponse WeChatAdapter::encryptedReply(const HttpRequest& request,
                                           const std::string& replyXml) const {
  // Only a request we decrypted is marked encrypted, so the key is there; answering
  // "success" keeps a programming error from reaching the citizen as an error screen.
  if (!crypto_) return acknowledge(request);
  // Echo the request's timestamp and nonce (both allowed, §1.6); make fresh ones if absent.
  std::optional<std::int64_t> timestamp = digitsValue(request.param("timestamp"));
  if (!timestamp) timestamp = nowSeconds_();
  std::string nonce = request.param("nonce").value_or("");
  if (nonce.empty()) nonce = freshNonce();
  const std::string timestampText = std::to_string(*timestamp);
  const std::string encrypt = crypto_->encrypt(replyXml);
  const std::string signature = crypto_->msgSignature(timestampText, nonce, encrypt);
  return HttpResponse{200, kXmlType, renderEncryptedReply(encrypt, signature, *timestamp, nonce)};
}

HttpResponse WeChatAdapter::acknowledge(const HttpRequest& /*request*/) const {
  return plain(200, "success");
}

}  // namespace civicdesk::channels
