#pragma once
// The WeChat official account (公众号) callback: URL verification, plaintext and encrypted
// (compatible/secure mode) messages, and the one passive reply per request
// (PROTOCOLS.md §1.1-§1.6).
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "channels/ChannelAdapter.hpp"
#include "channels/wechat/WeChatConfig.hpp"
#include "channels/wechat/WeChatCrypto.hpp"

namespace civicdesk::channels {

class ReplayGuard;
class WeChatXmlFields;

class WeChatAdapter final : public ChannelAdapter {
 public:
  // `nowSeconds` gives Unix seconds for the freshness check of callbacks and the
  // CreateTime/TimeStamp of replies (a fixed clock in tests). Throws std::invalid_argument when the
  // token is empty, or config.encodingAesKey is set but malformed or without an AppID:
  // configuration errors surface at start-up.
  WeChatAdapter(WeChatConfig config, std::function<std::int64_t()> nowSeconds);
  ~WeChatAdapter() override;

  std::string_view name() const override { return "wechat"; }

  // GET ?signature&timestamp&nonce&echostr → 200 with `echostr` byte for byte; 400 when a
  // parameter is missing; 401 when the signature does not match. The signature is compared
  // after lowercasing, so an uppercase-hex signature is accepted (SHA-1 hex carries no case
  // information; WeChat itself sends lowercase).
  HttpResponse handshake(const HttpRequest& request) const override;

  // POST callback → one InboundMessage. 413 over maxBodyBytes; 400 for missing parameters,
  // a timestamp that is not a number, an unknown encrypt_type, malformed XML, any
  // DOCTYPE/ENTITY, bad ciphertext; 401 for a bad signature, a bad msg_signature, a message
  // encrypted for another AppID, or a timestamp further than maxClockSkewSeconds from our
  // clock; 403 for a plaintext callback whose signed timestamp and nonce came before with
  // another body (a replayed query). The same body again is WeChat's retry: accepted.
  Expected<InboundBatch, ChannelError> receive(const HttpRequest& request) const override;

  // One passive text reply to the first message's sender: the replies joined by a blank
  // line. Nothing to say (no replies, only empty texts, or an unsubscribe) → "success".
  // An encrypted request gets an encrypted reply.
  HttpResponse render(const HttpRequest& request, const InboundBatch& batch,
                      const std::vector<Reply>& replies) const override;

  // "success": WeChat neither retries nor shows the citizen an error (§1.5).
  HttpResponse acknowledge(const HttpRequest& request) const override;

 private:
  bool signatureMatches(const HttpRequest& request) const;
  std::optional<ChannelError> staleOrReplayed(const HttpRequest& request, bool encrypted) const;
  Expected<WeChatXmlFields, ChannelError> decryptBody(const HttpRequest& request,
                                                      const WeChatXmlFields& outer) const;
  HttpResponse encryptedReply(const HttpRequest& request, const std::string& replyXml) const;

  WeChatConfig config_;
  std::function<std::int64_t()> nowSeconds_;
  std::optional<WeChatCrypto> crypto_;        // present when an EncodingAESKey is configured
  std::unique_ptr<ReplayGuard> replayGuard_;  // present when maxClockSkewSeconds > 0
};

}  // namespace civicdesk::channels
