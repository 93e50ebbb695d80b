// WeChat's plaintext callback (POST /wechat, PROTOCOLS.md §1.3): the input is the body, sent
// with a valid signature so that every input reaches parseWeChatXml and toInboundMessage
// through WeChatAdapter::receive. A message that is accepted is answered as the route does,
// and the passive reply must always be XML we (and WeChat) can read back.
#include <cstdint>
#include <string>
#include <vector>

#include "channels/wechat/WeChatAdapter.hpp"
#include "channels/wechat/WeChatCrypto.hpp"
#include "channels/wechat/WeChatXml.hpp"
#include "fuzz/FuzzSupport.hpp"

using namespace civicdesk;
using namespace civicdesk::channels;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // Every input comes with one signed query: with the replay guard on, each body after the
  // first accepted one would be refused as a replay and never reach the reply renderer.
  static const WeChatAdapter adapter(
      WeChatConfig{.token = "spamtest", .appId = "wx2c2769f8efd9abc2", .maxClockSkewSeconds = 0},
      [] { return std::int64_t{1409735700}; });
  HttpRequest request;
  request.method = "POST";
  request.path = "/wechat";
  request.query = {{"timestamp", "1409735669"},
                   {"nonce", "1320562132"},
                   {"signature", sortedSha1({"spamtest", "1409735669", "1320562132"})}};
  request.body = std::string(fuzz::asText(data, size));

  const Expected<InboundBatch, ChannelError> batch = adapter.receive(request);
  if (!batch) {
    fuzz::require(batch.error().status >= 400 && batch.error().status < 500);
    return 0;
  }
  fuzz::require(batch->messages.size() == 1 && !batch->encrypted);
  const InboundMessage& message = batch->messages.front();
  const HttpResponse reply =
      adapter.render(request, *batch, {Reply{.text = "收到：" + message.text}});
  if (reply.body != "success") {
    const Expected<WeChatXmlFields, XmlError> readBack = parseWeChatXml(reply.body);
    fuzz::require(readBack.has_value() && readBack->has("Content"));
  }
  return 0;
}
