// WeChatCrypto against the published vectors (PROTOCOLS.md §1.8, §2.4, §6 cases 2-4), and
// padding checked with an independent AES pass (OpenSSL with its own padding off).
#include "channels/wechat/WeChatCrypto.hpp"

#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <memory>
#include <stdexcept>
#include <string>

#include "channels/Signature.hpp"
#include "channels/wechat/WeChatXml.hpp"
#include "tests/channels/WeChatVectors.hpp"

namespace civicdesk::channels {
namespace {

namespace v = vectors;

std::string str(std::string_view s) {
  return std::string(s);
}

WeChatCrypto w1Crypto(std::string_view appId = v::w1::kAppId) {
  return WeChatCrypto(str(v::w1::kToken), v::w1::kKey, str(appId));
}

WeChatCrypto wechatpyCrypto() {
  return WeChatCrypto(str(v::wechatpy::kToken), v::wechatpy::kKey, str(v::wechatpy::kId));
}

WeChatCrypto wecomCrypto() {
  return WeChatCrypto(str(v::wecom::kToken), v::wecom::kKey, str(v::wecom::kCorpId));
}

WeChatXmlFields parsed(const std::string& xml) {
  auto fields = parseWeChatXml(xml);
  EXPECT_TRUE(fields.has_value()) << xml;
  return fields.has_value() ? *fields : WeChatXmlFields{};
}

// An AES-256-CBC pass written here, not shared with the code under test, so the padding the
// encoder wrote can be read byte by byte.
std::string rawAes(bool encrypting, std::string_view encodingAesKey, std::string_view input) {
  std::string key;
  EXPECT_TRUE(base64Decode(std::string(encodingAesKey) + "=", key));
  std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)> ctx(EVP_CIPHER_CTX_new(),
                                                                      &EVP_CIPHER_CTX_free);
  const auto* k = reinterpret_cast<const unsigned char*>(key.data());
  EVP_CipherInit_ex(ctx.get(), EVP_aes_256_cbc(), nullptr, k, k, encrypting ? 1 : 0);
  EVP_CIPHER_CTX_set_padding(ctx.get(), 0);
  std::string out(input.size() + 32, '\0');
  int n = 0;
  int tail = 0;
  auto* o = reinterpret_cast<unsigned char*>(out.data());
  EVP_CipherUpdate(ctx.get(), o, &n, reinterpret_cast<const unsigned char*>(input.data()),
                   static_cast<int>(input.size()));
  EVP_CipherFinal_ex(ctx.get(), o + n, &tail);
  out.resize(static_cast<std::size_t>(n + tail));
  return out;
}

std::string decodedPlaintext(std::string_view encodingAesKey, std::string_view encrypt) {
  std::string cipher;
  EXPECT_TRUE(base64Decode(encrypt, cipher));
  return rawAes(false, encodingAesKey, cipher);
}

// Seals `plain` (already laid out and padded by the test) the way the platform would.
std::string sealRaw(std::string_view encodingAesKey, const std::string& plain) {
  return base64Encode(rawAes(true, encodingAesKey, plain));
}

std::string bigEndian(std::uint32_t n) {
  return {static_cast<char>(n >> 24), static_cast<char>(n >> 16), static_cast<char>(n >> 8),
          static_cast<char>(n)};
}

// --- signatures -----------------------------------------------------------------------

TEST(WeChatCryptoSignature, W2PlainSignatureOfTheOfficialSample) {
  EXPECT_EQ(w1Crypto().signature(v::w1::kTimestamp, v::w1::kNonce), v::w1::kSignature);
}

TEST(WeChatCryptoSignature, W1MsgSignatureOfTheOfficialSample) {
  EXPECT_EQ(w1Crypto().msgSignature(v::w1::kTimestamp, v::w1::kNonce, v::w1::kEncrypt),
            v::w1::kMsgSignature);
}

TEST(WeChatCryptoSignature, W4SortsTheInputsAsStringsNotNumbers) {
  WeChatCrypto crypto(str(v::w4::kToken), v::w1::kKey, "any");
  EXPECT_EQ(crypto.msgSignature("timestamp", "nonce", "encrypt"), v::w4::kSignature);
  // The order the caller passes them in does not matter.
  EXPECT_EQ(sortedSha1({"encrypt", "nonce", v::w4::kToken, "timestamp"}), v::w4::kSignature);
}

TEST(WeChatCryptoSignature, W5EchoSignatureAndOneChangedNonceDigitFails) {
  WeChatCrypto crypto = wechatpyCrypto();
  EXPECT_EQ(crypto.msgSignature(v::wechatpy::kEchoTimestamp, v::wechatpy::kEchoNonce,
                                v::wechatpy::kEchoStr),
            v::wechatpy::kEchoSignature);
  EXPECT_NE(crypto.msgSignature(v::wechatpy::kEchoTimestamp, "437374424", v::wechatpy::kEchoStr),
            v::wechatpy::kEchoSignature);
}

// --- decrypt ---------------------------------------------------------------------------

TEST(WeChatCryptoDecrypt, W1GivesTheOfficialTextMessage) {
  auto message = w1Crypto().decrypt(v::w1::kEncrypt);
  ASSERT_TRUE(message.has_value()) << message.error().message;
  WeChatXmlFields fields = parsed(*message);
  EXPECT_EQ(fields.getOr("ToUserName"), "gh_10f6c3c3ac5a");
  EXPECT_EQ(fields.getOr("FromUserName"), "oyORnuP8q7ou2gfYjqLzSIWZf0rs");
  EXPECT_EQ(fields.getOr("CreateTime"), "1409735668");
  EXPECT_EQ(fields.getOr("MsgType"), "text");
  EXPECT_EQ(fields.getOr("Content"), "abcdteT");
  EXPECT_EQ(fields.getOr("MsgId"), "6054768590064713728");
}

TEST(WeChatCryptoDecrypt, W1ForAnotherAppIdIsRejected) {
  auto message = w1Crypto("wx0000000000000000").decrypt(v::w1::kEncrypt);
  ASSERT_FALSE(message.has_value());
  EXPECT_EQ(message.error().kind, CryptoError::Kind::AppIdMismatch);
}

TEST(WeChatCryptoDecrypt, W5EchoStrWithPadSeven) {
  auto echo = wechatpyCrypto().decrypt(v::wechatpy::kEchoStr);
  ASSERT_TRUE(echo.has_value()) << echo.error().message;
  EXPECT_EQ(*echo, "5927782489442352469");
  EXPECT_EQ(decodedPlaintext(v::wechatpy::kKey, v::wechatpy::kEchoStr).back(), '\x07');
}

TEST(WeChatCryptoDecrypt, W7SignatureAndTextFromMessense) {
  WeChatCrypto crypto = wechatpyCrypto();
  EXPECT_EQ(crypto.msgSignature(v::wechatpy::kTimestamp, v::wechatpy::kNonce,
                                v::wechatpy::kInboundEncrypt),
            v::wechatpy::kInboundSignature);
  auto message = crypto.decrypt(v::wechatpy::kInboundEncrypt);
  ASSERT_TRUE(message.has_value()) << message.error().message;
  WeChatXmlFields fields = parsed(*message);
  EXPECT_EQ(fields.getOr("Content"), "test");
  EXPECT_EQ(fields.getOr("FromUserName"), "messense");
  EXPECT_EQ(fields.getOr("MsgId"), "4363689963896700987");
  EXPECT_EQ(decodedPlaintext(v::wechatpy::kKey, v::wechatpy::kInboundEncrypt).back(), '\x01');
}

TEST(WeChatCryptoDecrypt, WeComE1EchoStr) {
  WeChatCrypto crypto = wecomCrypto();
  EXPECT_EQ(crypto.msgSignature(v::wecom::kVerifyTimestamp, v::wecom::kVerifyNonce,
                                v::wecom::kVerifyEchoStr),
            v::wecom::kVerifySignature);
  auto echo = crypto.decrypt(v::wecom::kVerifyEchoStr);
  ASSERT_TRUE(echo.has_value()) << echo.error().message;
  EXPECT_EQ(*echo, "1616140317555161061");
}

// Pad 30 > 16: a decoder that lets OpenSSL strip PKCS#7 over 16-byte blocks fails here.
TEST(WeChatCryptoDecrypt, WeComE2WithPadThirty) {
  WeChatCrypto crypto = wecomCrypto();
  EXPECT_EQ(
      crypto.msgSignature(v::wecom::kPostTimestamp, v::wecom::kPostNonce, v::wecom::kPostEncrypt),
      v::wecom::kPostSignature);
  EXPECT_EQ(decodedPlaintext(v::wecom::kKey, v::wecom::kPostEncrypt).back(), '\x1e');
  auto message = crypto.decrypt(v::wecom::kPostEncrypt);
  ASSERT_TRUE(message.has_value()) << message.error().message;
  WeChatXmlFields fields = parsed(*message);
  EXPECT_EQ(fields.getOr("Content"), "hello");
  EXPECT_EQ(fields.getOr("FromUserName"), "mycreate");
  EXPECT_EQ(fields.getOr("MsgId"), "4561255354251345929");
  EXPECT_EQ(fields.getOr("AgentID"), "218");
}

TEST(WeChatCryptoDecrypt, RejectsTextThatIsNotBase64) {
  auto message = w1Crypto().decrypt("not base64!");
  ASSERT_FALSE(message.has_value());
  EXPECT_EQ(message.error().kind, CryptoError::Kind::BadBase64);
}

TEST(WeChatCryptoDecrypt, RejectsCiphertextThatIsNotWholeBlocks) {
  std::string cipher;
  ASSERT_TRUE(base64Decode(v::w1::kEncrypt, cipher));
  auto message = w1Crypto().decrypt(base64Encode(cipher.substr(0, cipher.size() - 1)));
  ASSERT_FALSE(message.has_value());
  EXPECT_EQ(message.error().kind, CryptoError::Kind::BadCiphertext);
  auto tiny = w1Crypto().decrypt(base64Encode(cipher.substr(0, 16)));
  ASSERT_FALSE(tiny.has_value());
  EXPECT_EQ(tiny.error().kind, CryptoError::Kind::BadCiphertext);
}

TEST(WeChatCryptoDecrypt, RejectsPadValuesOutsideOneToThirtyTwo) {
  const std::string body = std::string(16, 'r') + bigEndian(3) + "abc" + str(v::w1::kAppId);
  const std::size_t fill = 32 - body.size() % 32;  // bytes the test fills by hand
  for (char last : {'\x00', '\x21', '\xff'}) {
    const std::string plain = body + std::string(fill - 1, '\x00') + last;
    auto message = w1Crypto().decrypt(sealRaw(v::w1::kKey, plain));
    ASSERT_FALSE(message.has_value()) << int(last);
    EXPECT_EQ(message.error().kind, CryptoError::Kind::BadPadding) << int(last);
  }
}

TEST(WeChatCryptoDecrypt, RejectsPaddingBytesThatDisagree) {
  const std::string body = std::string(16, 'r') + bigEndian(3) + "abc" + str(v::w1::kAppId);
  const std::size_t pad = 32 - body.size() % 32;
  ASSERT_GE(pad, 2u);
  std::string plain = body + std::string(pad, static_cast<char>(pad));
  plain[plain.size() - 2] = static_cast<char>(pad - 1);
  auto message = w1Crypto().decrypt(sealRaw(v::w1::kKey, plain));
  ASSERT_FALSE(message.has_value());
  EXPECT_EQ(message.error().kind, CryptoError::Kind::BadPadding);
}

TEST(WeChatCryptoDecrypt, RejectsMsgLenBeyondTheBuffer) {
  for (std::uint32_t claimed : {std::uint32_t{0xffffffff}, std::uint32_t{100}}) {
    std::string plain = std::string(16, 'r') + bigEndian(claimed) + "abc" + str(v::w1::kAppId);
    const std::size_t pad = 32 - plain.size() % 32;
    plain.append(pad, static_cast<char>(pad));
    auto message = w1Crypto().decrypt(sealRaw(v::w1::kKey, plain));
    ASSERT_FALSE(message.has_value()) << claimed;
    EXPECT_EQ(message.error().kind, CryptoError::Kind::BadLength) << claimed;
  }
}

// --- encrypt ---------------------------------------------------------------------------

TEST(WeChatCryptoEncrypt, W3ChineseTextWithTheOfficialRandomPrefix) {
  EXPECT_EQ(w1Crypto(v::w3::kAppId).encrypt(v::w3::kMessage, v::w3::kRandom), v::w3::kEncrypt);
  EXPECT_EQ(v::w3::kMessage.size(), 19u);  // UTF-8 bytes, not characters, go into msg_len
}

TEST(WeChatCryptoEncrypt, W3VideoReplyWithChineseInToUserName) {
  EXPECT_EQ(w1Crypto(v::w3::kAppId).encrypt(v::w3::kMessage2, v::w3::kRandom), v::w3::kEncrypt2);
}

TEST(WeChatCryptoEncrypt, W6WeComReplyAndItsMsgSignature) {
  WeChatCrypto crypto = wechatpyCrypto();
  ASSERT_EQ(v::wechatpy::kReply.size(), 247u);
  const std::string encrypt = crypto.encrypt(v::wechatpy::kReply, v::wechatpy::kRandom);
  EXPECT_EQ(encrypt, v::wechatpy::kReplyEncrypt);
  EXPECT_EQ(crypto.msgSignature(v::wechatpy::kTimestamp, v::wechatpy::kNonce, encrypt),
            v::wechatpy::kReplySignature);
}

TEST(WeChatCryptoEncrypt, EveryPadFromSeventeenToThirtyTwoRoundTrips) {
  WeChatCrypto crypto = w1Crypto();
  const std::size_t overhead = 16 + 4 + v::w1::kAppId.size();
  for (std::size_t pad = 17; pad <= 32; ++pad) {
    // Choose the message length so that overhead + length leaves exactly `pad` to fill.
    const std::size_t length = (64 - pad - overhead % 32 + 32) % 32 + 32;
    const std::string message(length, 'x');
    ASSERT_EQ((overhead + length + pad) % 32, 0u);
    const std::string encrypt = crypto.encrypt(message, "0123456789abcdef");
    const std::string plain = decodedPlaintext(v::w1::kKey, encrypt);
    ASSERT_EQ(plain.size(), overhead + length + pad) << "pad " << pad;
    EXPECT_EQ(plain.substr(plain.size() - pad), std::string(pad, static_cast<char>(pad)))
        << "pad " << pad;
    auto back = crypto.decrypt(encrypt);
    ASSERT_TRUE(back.has_value()) << "pad " << pad << ": " << back.error().message;
    EXPECT_EQ(*back, message) << "pad " << pad;
  }
}

TEST(WeChatCryptoEncrypt, AlignedInputGainsAFullBlockOfThirtyTwo) {
  WeChatCrypto crypto = w1Crypto();
  const std::size_t overhead = 16 + 4 + v::w1::kAppId.size();
  const std::string message(64 - overhead, 'y');
  const std::string plain =
      decodedPlaintext(v::w1::kKey, crypto.encrypt(message, "aaaabbbbccccdddd"));
  ASSERT_EQ(plain.size(), 64u + 32u);
  EXPECT_EQ(plain.substr(64), std::string(32, '\x20'));
}

TEST(WeChatCryptoEncrypt, LaysOutRandomLengthMessageAndAppId) {
  const std::string plain =
      decodedPlaintext(v::w1::kKey, w1Crypto().encrypt("<xml/>", "RRRRRRRRRRRRRRRR"));
  EXPECT_EQ(plain.substr(0, 16), "RRRRRRRRRRRRRRRR");
  EXPECT_EQ(plain.substr(16, 4), bigEndian(6));
  EXPECT_EQ(plain.substr(20, 6), "<xml/>");
  EXPECT_EQ(plain.substr(26, v::w1::kAppId.size()), v::w1::kAppId);
}

TEST(WeChatCryptoEncrypt, FreshRandomPrefixEachTimeAndStillDecrypts) {
  WeChatCrypto crypto = w1Crypto();
  const std::string a = crypto.encrypt("<xml>same</xml>");
  const std::string b = crypto.encrypt("<xml>same</xml>");
  EXPECT_NE(a, b);
  EXPECT_EQ(crypto.decrypt(a).value(), "<xml>same</xml>");
  EXPECT_EQ(crypto.decrypt(b).value(), "<xml>same</xml>");
}

TEST(WeChatCryptoEncrypt, RandomPrefixMustBeSixteenBytes) {
  EXPECT_THROW(w1Crypto().encrypt("m", "short"), std::invalid_argument);
  EXPECT_THROW(w1Crypto().encrypt("m", "seventeen bytes!!"), std::invalid_argument);
}

// --- key -------------------------------------------------------------------------------

TEST(WeChatCryptoKey, RefusesKeysThatAreNotFortyThreeAlphanumerics) {
  const std::string good(v::w1::kKey);
  EXPECT_NO_THROW(WeChatCrypto("t", good, "id"));
  EXPECT_THROW(WeChatCrypto("t", good.substr(1), "id"), std::invalid_argument);
  EXPECT_THROW(WeChatCrypto("t", good + "H", "id"), std::invalid_argument);
  EXPECT_THROW(WeChatCrypto("t", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEF+", "id"),
               std::invalid_argument);
  EXPECT_THROW(WeChatCrypto("t", "abcde", "id"), std::invalid_argument);
  EXPECT_THROW(WeChatCrypto("t", "", "id"), std::invalid_argument);
}

}  // namespace
}  // namespace civicdesk::channels
