#include "tests/bot/WeChatTestClient.hpp"

#include <ctime>
#include <stdexcept>

#include "channels/wechat/WeChatCrypto.hpp"
#include "channels/wechat/WeChatXml.hpp"

namespace civicdesk::testing {

using channels::cdata;
using channels::WeChatCrypto;

WeChatTestClient::WeChatTestClient(int port, std::string token, std::string appId,
                                   std::string aesKey)
    : http_("127.0.0.1", port),
      token_(std::move(token)),
      appId_(std::move(appId)),
      aesKey_(std::move(aesKey)) {
  http_.set_read_timeout(10, 0);
}

std::string WeChatTestClient::timestamp() const {
  return std::to_string(signingTime ? signingTime()
                                    : static_cast<std::int64_t>(std::time(nullptr)));
}

std::string WeChatTestClient::nextNonce() {
  return std::to_string(nonces_() % 10000000000ULL);
}

std::string WeChatTestClient::textXml(const std::string& openId, const std::string& text,
                                      std::uint64_t msgId, std::int64_t createTime) {
  return "<xml><ToUserName>" + cdata("gh_demo000000") + "</ToUserName><FromUserName>" +
         cdata(openId) + "</FromUserName><CreateTime>" + std::to_string(createTime) +
         "</CreateTime><MsgType>" + cdata("text") + "</MsgType><Content>" + cdata(text) +
         "</Content><MsgId>" + std::to_string(msgId) + "</MsgId></xml>";
}

WeChatReply WeChatTestClient::sendText(const std::string& openId, const std::string& text,
                                       std::uint64_t msgId) {
  return post(textXml(openId, text, msgId, ++createTime));
}

WeChatReply WeChatTestClient::sendVoice(const std::string& openId, const std::string& recognition,
                                        std::uint64_t msgId) {
  std::string xml = "<xml><ToUserName>" + cdata(accountId) + "</ToUserName><FromUserName>" +
                    cdata(openId) + "</FromUserName><CreateTime>" + std::to_string(++createTime) +
                    "</CreateTime><MsgType>" + cdata("voice") + "</MsgType><MediaId>" +
                    cdata("media-voice") + "</MediaId><Format>" + cdata("amr") + "</Format>";
  if (!recognition.empty()) xml += "<Recognition>" + cdata(recognition) + "</Recognition>";
  xml += "<MsgId>" + std::to_string(msgId) + "</MsgId></xml>";
  return post(xml);
}

WeChatReply WeChatTestClient::sendImage(const std::string& openId, const std::string& mediaId,
                                        std::uint64_t msgId) {
  return post("<xml><ToUserName>" + cdata(accountId) + "</ToUserName><FromUserName>" +
              cdata(openId) + "</FromUserName><CreateTime>" + std::to_string(++createTime) +
              "</CreateTime><MsgType>" + cdata("image") + "</MsgType><PicUrl>" +
              cdata("http://mmbiz.example/" + mediaId) + "</PicUrl><MediaId>" + cdata(mediaId) +
              "</MediaId><MsgId>" + std::to_string(msgId) + "</MsgId></xml>");
}

WeChatReply WeChatTestClient::sendEvent(const std::string& openId, const std::string& event,
                                        std::int64_t eventTime, const std::string& eventKey) {
  return post("<xml><ToUserName>" + cdata(accountId) + "</ToUserName><FromUserName>" +
              cdata(openId) + "</FromUserName><CreateTime>" + std::to_string(eventTime) +
              "</CreateTime><MsgType>" + cdata("event") + "</MsgType><Event>" + cdata(event) +
              "</Event><EventKey>" + cdata(eventKey) + "</EventKey></xml>");
}

std::string WeChatTestClient::signedQuery(const std::string& timestamp, const std::string& nonce,
                                          bool badSignature) const {
  std::string signature = channels::sortedSha1({token_, timestamp, nonce});
  if (badSignature) signature[0] = signature[0] == '0' ? '1' : '0';
  return "signature=" + signature + "&timestamp=" + timestamp + "&nonce=" + nonce +
         "&openid=ignored";
}

WeChatReply WeChatTestClient::post(const std::string& innerXml, bool badSignature) {
  const std::string timestamp = this->timestamp();
  const std::string nonce = nextNonce();
  std::string query = signedQuery(timestamp, nonce, badSignature);
  std::string body = innerXml;
  if (!aesKey_.empty()) {
    WeChatCrypto crypto(token_, aesKey_, appId_);
    const std::string encrypt = crypto.encrypt(innerXml);
    std::string msgSignature = crypto.msgSignature(timestamp, nonce, encrypt);
    if (badSignature) msgSignature[0] = msgSignature[0] == '0' ? '1' : '0';
    query += "&encrypt_type=aes&msg_signature=" + msgSignature;
    body = "<xml><ToUserName>" + cdata(accountId) + "</ToUserName><Encrypt>" + cdata(encrypt) +
           "</Encrypt></xml>";
  }
  lastQuery = query;
  lastBody = body;
  return readReply(http_.Post(("/wechat?" + query).c_str(), body, "text/xml"));
}

httplib::Result WeChatTestClient::raw(const std::string& pathAndQuery, const std::string& body) {
  return http_.Post(pathAndQuery.c_str(), body, "text/xml");
}

httplib::Result WeChatTestClient::verify(const std::string& echostr, bool badSignature) {
  const std::string timestamp = this->timestamp();
  const std::string nonce = nextNonce();
  return http_.Get(
      ("/wechat?" + signedQuery(timestamp, nonce, badSignature) + "&echostr=" + echostr).c_str());
}

WeChatReply WeChatTestClient::readReply(httplib::Result result) const {
  if (!result) throw std::runtime_error("no HTTP answer from the server");
  WeChatReply reply;
  reply.status = result->status;
  reply.body = result->body;
  if (reply.status != 200 || reply.body == "success" || reply.body.empty()) return reply;
  auto outer = channels::parseWeChatXml(reply.body);
  if (!outer) throw std::runtime_error("reply is not WeChat XML: " + reply.body);
  channels::WeChatXmlFields fields = *outer;
  if (!aesKey_.empty()) {
    WeChatCrypto crypto(token_, aesKey_, appId_);
    const std::string encrypt = outer->getOr("Encrypt");
    if (crypto.msgSignature(outer->getOr("TimeStamp"), outer->getOr("Nonce"), encrypt) !=
        outer->getOr("MsgSignature")) {
      throw std::runtime_error("encrypted reply has a wrong MsgSignature");
    }
    auto inner = crypto.decrypt(encrypt);
    if (!inner) throw std::runtime_error("encrypted reply does not decrypt");
    auto parsed = channels::parseWeChatXml(*inner);
    if (!parsed) throw std::runtime_error("decrypted reply is not XML");
    fields = *parsed;
  }
  reply.content = fields.getOr("Content");
  reply.toUser = fields.getOr("ToUserName");
  reply.fromUser = fields.getOr("FromUserName");
  reply.createTime = std::stoll(fields.getOr("CreateTime", "0"));
  return reply;
}

}  // namespace civicdesk::testing
