// Writes the request corpus of the WeChat load comparison (bench/run-wechat-load): one line per
// request, `query<TAB>body`, signed as WeChat's servers sign them, for bench/wechat-load.lua to
// send in order.
//
//   build-bench/bench/wechat_corpus MODE OUT LINES TAG [STEPS=14] [GROUP=512]
//
// MODE   plain: `signature` over (token, timestamp, nonce), the XML as the body;
//        aes:   the same plus `encrypt_type=aes&msg_signature=…`, the body an <Encrypt> wrapper
//               (msg_signature covers each ciphertext, which is why a corpus is needed at all).
// TAG    1-9, keeps citizens and MsgIds of different corpora apart (warm-up vs measured run).
// STEPS  how many of the complaint dialog's inputs each citizen sends, in order (14: the whole
//        complaint, ending with 确认, which registers a case; 1: only 投诉).
// GROUP  citizens interleaved per block: a block's citizens send input 1 each, then input 2
//        each, … so consecutive messages of one citizen are GROUP requests apart. GROUP must be
//        even: the Lua script gives line i to wrk thread i % threads (threads = 2), which keeps
//        each citizen on one thread, and many requests between a citizen's steps mean a step
//        is answered before the next is sent even at 32 connections.
//
// Token, AppID and EncodingAESKey come from CIVICDESK_WECHAT_TOKEN, CIVICDESK_WECHAT_APPID,
// CIVICDESK_WECHAT_AES_KEY (the same variables the service reads).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "channels/wechat/WeChatCrypto.hpp"
#include "channels/wechat/WeChatXml.hpp"

namespace {

using civicdesk::channels::cdata;
using civicdesk::channels::sortedSha1;
using civicdesk::channels::WeChatCrypto;

// The inputs of a complete complaint, as tests/bot/ComplaintFlow.hpp lists them.
const std::vector<std::string> kInputs{
    "投诉",
    "教育局",
    "跳过",
    "网站上的招生信息好几年没更新了",
    "是",
    "区教育局网站招生政策栏目自2022年起一直没有更新",
    "没有",
    "否",
    "否",
    "张三",
    "138 0013 8000",
    "青溪区人民路100号",
    "是",
    "确认",
};

std::string env(const char* name) {
  const char* value = std::getenv(name);
  if (!value || !*value) {
    std::cerr << "wechat_corpus: " << name << " is not set\n";
    std::exit(2);
  }
  return value;
}

// 28 characters, like a real OpenID: o + tag + citizen number.
std::string openId(int tag, std::uint64_t citizen) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "oBench%d%021llu", tag, static_cast<unsigned long long>(citizen));
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 5) {
    std::cerr << "usage: wechat_corpus plain|aes OUT LINES TAG [STEPS=14] [GROUP=512]\n";
    return 2;
  }
  const std::string mode = argv[1];
  const std::string out = argv[2];
  const std::uint64_t lines = std::strtoull(argv[3], nullptr, 10);
  const int tag = std::atoi(argv[4]);
  const std::uint64_t steps = argc > 5 ? std::strtoull(argv[5], nullptr, 10) : kInputs.size();
  const std::uint64_t group = argc > 6 ? std::strtoull(argv[6], nullptr, 10) : 512;
  if ((mode != "plain" && mode != "aes") || tag < 1 || tag > 9 || steps < 1 ||
      steps > kInputs.size() || group < 2 || group % 2 != 0) {
    std::cerr << "wechat_corpus: bad arguments\n";
    return 2;
  }
  const std::string token = env("CIVICDESK_WECHAT_TOKEN");
  const std::string appId = env("CIVICDESK_WECHAT_APPID");
  std::optional<WeChatCrypto> crypto;
  if (mode == "aes") crypto.emplace(token, env("CIVICDESK_WECHAT_AES_KEY"), appId);

  std::ofstream file(out, std::ios::binary | std::ios::trunc);
  if (!file) {
    std::cerr << "wechat_corpus: cannot write " << out << "\n";
    return 1;
  }
  const std::int64_t now = std::time(nullptr);
  const std::string account = "gh_demo000000";
  const std::uint64_t perBlock = group * steps;
  std::string line;
  for (std::uint64_t i = 0; i < lines; ++i) {
    const std::uint64_t block = i / perBlock;
    const std::uint64_t within = i % perBlock;
    const std::uint64_t step = within / group;
    const std::uint64_t citizen = block * group + within % group;
    const std::uint64_t msgId = static_cast<std::uint64_t>(tag) * 1000000000000000ULL + i;
    const std::string timestamp = std::to_string(now);
    // Unique across corpora too (the tag leads): WeChat never signs two bodies with one
    // timestamp and nonce, and CivicDesk refuses that as a replay (403).
    const std::string nonce = std::to_string(static_cast<std::uint64_t>(tag) * 1000000000ULL + i);
    const std::string id = openId(tag, citizen);
    const std::string xml = "<xml><ToUserName>" + cdata(account) + "</ToUserName><FromUserName>" +
                            cdata(id) + "</FromUserName><CreateTime>" + timestamp +
                            "</CreateTime><MsgType>" + cdata("text") + "</MsgType><Content>" +
                            cdata(kInputs[step]) + "</Content><MsgId>" + std::to_string(msgId) +
                            "</MsgId></xml>";
    line = "/wechat?signature=" + sortedSha1({token, timestamp, nonce}) +
           "&timestamp=" + timestamp + "&nonce=" + nonce + "&openid=" + id;
    if (crypto) {
      const std::string encrypt = crypto->encrypt(xml);
      line += "&encrypt_type=aes&msg_signature=" + crypto->msgSignature(timestamp, nonce, encrypt);
      line += '\t';
      line += "<xml><ToUserName>" + cdata(account) + "</ToUserName><Encrypt>" + cdata(encrypt) +
              "</Encrypt></xml>";
    } else {
      line += '\t';
      line += xml;
    }
    line += '\n';
    file << line;
  }
  file.close();
  if (!file) {
    std::cerr << "wechat_corpus: write failed\n";
    return 1;
  }
  std::cerr << "wechat_corpus: " << lines << " " << mode << " requests, "
            << (lines + perBlock - 1) / perBlock * group << " citizens at most, tag " << tag
            << " -> " << out << "\n";
  return 0;
}
