#pragma once
// Published WeChat/WeCom crypto test vectors (PROTOCOLS.md §1.8 and §2.4), each from an
// implementation other than ours: the official samples, wechatpy, wechat-crypto.
#include <string_view>

namespace civicdesk::channels::vectors {

// W1: the official Python sample (WXBizMsgCrypt demo). W2 is its plain signature.
namespace w1 {
inline constexpr std::string_view kToken = "spamtest";
inline constexpr std::string_view kKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
inline constexpr std::string_view kAppId = "wx2c2769f8efd9abc2";
inline constexpr std::string_view kTimestamp = "1409735669";
inline constexpr std::string_view kNonce = "1320562132";
inline constexpr std::string_view kEncrypt =
    "hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8"
    "PGHQHFVAFmOD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jis"
    "a+h6tEDYsVticbSnyU8dKOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6"
    "X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl"
    "9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE=";
inline constexpr std::string_view kMsgSignature = "5d197aaffba7e9b25a30732f161a50dee96bd5fa";
inline constexpr std::string_view kSignature = "16120ec1b8dbb870f510d87ce6bc2463eae6ca1a";  // W2
}  // namespace w1

// W3: the official Java sample test (WXBizMsgCryptTest.java), key as W1.
namespace w3 {
inline constexpr std::string_view kAppId = "wxb11529c136998cb6";
inline constexpr std::string_view kRandom = "aaaabbbbccccdddd";
inline constexpr std::string_view kMessage = "我是中文abcd123";
inline constexpr std::string_view kEncrypt =
    "jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==";
// testAesEncrypt2: a video reply with Chinese inside ToUserName.
inline constexpr std::string_view kMessage2 =
    "<xml><ToUserName><![CDATA[oia2Tj我是中文jewbmiOUlr6X-1crbLOvLw]]></ToUserName>"
    "<FromUserName><![CDATA[gh_7f083739789a]]></FromUserName><CreateTime>1407743423</CreateTime>"
    "<MsgType><![CDATA[video]]></MsgType><Video><MediaId><![CDATA[eYJ1MbwPRJtOvIEabaxHs7TX2D-"
    "HV71s79GUxqdUkjm6Gs2Ed1KF3ulAOA9H1xG0]]></MediaId><Title><![CDATA[testCallBackReplyVideo]]>"
    "</Title><Description><![CDATA[testCallBackReplyVideo]]></Description></Video></xml>";
inline constexpr std::string_view kEncrypt2 =
    "jn1L23DB+6ELqJ+6bruv23M2GmYfkv0xBh2h+XTBOKVKcgDFHle6gqcZ1cZrk3e1qjPQ1F4RsLWzQRG9udbKWesxlk"
    "upqcEcW7ZQweImX9+wLMa0GaUzpkycA8+IamDBxn5loLgZpnS7fVAbExOkK5DYHBmv5tptA9tklE/fTIILHR8HLXa"
    "5nQvFb3tYPKAlHF3rtTeayNf0QuM+UW/wM9enGIDIJHF7CLHiDNAYxr+r+OrJCmPQyTy8cVWlu9iSvOHPT/77bZqJu"
    "cQHQ04sq7KZI27OcqpQNSto2OdHCoTccjggX5Z9Mma0nMJBU+jLKJ38YB1fBIz+vBzsYjrTmFQ44YfeEuZ+xRTQwr9"
    "2vhA9OxchWVINGC50qE/6lmkwWTwGX9wtQpsJKhP+oS7rvTY8+VdzETdfakjkwQ5/Xka042OlUb1/slTwo4RscuQ+R"
    "dxSGvDahxAJ6+EAjLt9d8igHngxIbf6YyqqROxuxqIeIch3CssH/LqRs+iAcILvApYZckqmA7FNERspKA5f8GoJ9sv"
    "8xmGvZ9Yrf57cExWtnX8aCMMaBropU/1k+hKP5LVdzbWCG0hGwx/dQudYR/eXp3P0XxjlFiy+9DMlaFExWUZQDajPk"
    "dPrEeOwofJb";
}  // namespace w3

// W4: node-webot/wechat-crypto tests: the four inputs are literal words.
namespace w4 {
inline constexpr std::string_view kToken = "RMNlACHlV5ThzfRlVS4D4";
inline constexpr std::string_view kSignature = "8edac0945683c119ee71c9f6256d76c48aa08a96";
}  // namespace w4

// W5-W7: wechatpy tests/test_crypto.py (WeCom class, the same algorithm).
namespace wechatpy {
inline constexpr std::string_view kToken = "123456";
inline constexpr std::string_view kKey = "kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR";
inline constexpr std::string_view kId = "wx49f0ab532d5d035a";
// W5
inline constexpr std::string_view kEchoTimestamp = "1411443780";
inline constexpr std::string_view kEchoNonce = "437374425";
inline constexpr std::string_view kEchoStr =
    "4ByGGj+sVCYcvGeQYhaKIk1o0pQRNbRjxybjTGblXrBaXlTXeOo1+bXFXDQQb1o6co6Yh9Bv41n7hOchLF6p+Q==";
inline constexpr std::string_view kEchoSignature = "dd6b9c95b495b3f7e2901bfbc76c664930ffdb96";
// W6
inline constexpr std::string_view kRandom = "1234567890123456";
inline constexpr std::string_view kTimestamp = "1411525903";
inline constexpr std::string_view kNonce = "461056294";
inline constexpr std::string_view kReply =
    "<xml>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[test]]></Content>\n"
    "<FromUserName><![CDATA[wx49f0ab532d5d035a]]></FromUserName>\n"
    "<ToUserName><![CDATA[messense]]></ToUserName>\n<AgentID>1</AgentID>\n"
    "<CreateTime>1411525903</CreateTime>\n</xml>";
inline constexpr std::string_view kReplyEncrypt =
    "9s4gMv99m88kKTh/H8IdkOiMg6bisoy3ypwy9H4hvSPe9nsGaqyw5hhSjdYbcrKk+j3nba4HMOTzHrluLBYqxgNcBq"
    "GsL8GqxlhZgURnAtObvesEl5nZ+uBE8bviY0LWke8Zy9V/QYKxNV2FqllNXcfmstttyIkMKCCmVbCFM2JTF5wY0nFh"
    "HZSjPUL2Q1qvSUCUld+/WIXrx0oyKQmpB6o8NRrrNrsDf03oxI1p9FxUgMnwKKZeOA/uu+2IEvEBtb7muXsVbwbgX0"
    "5UPPJvFurDXafG0RQyPR+mf1nDnAtQmmNOuiR5MIkdQ39xn1vWwi1O5oazPoQJz0nTYjxxEE8kv3kFxtAGVRe3ypD3"
    "WeK2XeFYFMNMpatF9XiKzHo3";
inline constexpr std::string_view kReplySignature = "407518b7649e86ef23978113f92d27afa9296533";
// W7
inline constexpr std::string_view kInboundEncrypt =
    "RgqEoJj5A4EMYlLvWO1F86ioRjZfaex/gePD0gOXTxpsq5Yj4GNglrBb8I2BAJVODGajiFnXBu7mCPatfjsu6IHC"
    "rsTyeDXzF6Bv283dGymzxh6ydJRvZsryDyZbLTE7rhnus50qGPMfp2wASFlzEgMW9z1ef/RD8XzaFYgm7iTdaXpX"
    "aG4+BiYyolBug/gYNx410cvkKR2/nPwBiT+P4hIiOAQqGp/TywZBtDh1yCF2KOd0gpiMZ5jSw3e29mTvmUHzkVQi"
    "MS6td7vXUaWOMZnYZlF3So2SjHnwh4jYFxdgpkHHqIrH/54SNdshoQgWYEvccTKe7FS709/5t6NMxuGhcUGAPOQi"
    "pvWTT4dShyqio7mlsl5noTrb++x6En749zCpQVhDpbV6GDnTbcX2e8K9QaNWHp91eBdCRxthuL0=";
inline constexpr std::string_view kInboundSignature = "74d92dfeb87ba7c714f89d98870ae5eb62dff26d";
}  // namespace wechatpy

// E1, E2: WeCom's official C++ sample (workweixin/weworkapi_cplusplus Sample.cpp).
namespace wecom {
inline constexpr std::string_view kToken = "QDG6eK";
inline constexpr std::string_view kKey = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
inline constexpr std::string_view kCorpId = "wx5823bf96d3bd56c7";
// E1, the echostr already URL-decoded
inline constexpr std::string_view kVerifySignature = "5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3";
inline constexpr std::string_view kVerifyTimestamp = "1409659589";
inline constexpr std::string_view kVerifyNonce = "263014780";
inline constexpr std::string_view kVerifyEchoStr =
    "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==";
// E2 (pad byte 30)
inline constexpr std::string_view kPostSignature = "477715d11cdb4164915debcba66cb864d751f3e6";
inline constexpr std::string_view kPostTimestamp = "1409659813";
inline constexpr std::string_view kPostNonce = "1372623149";
inline constexpr std::string_view kPostEncrypt =
    "RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdC"
    "Upj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4X"
    "gpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+K"
    "qCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XX"
    "ZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZ"
    "ZIs2pDBS8R07+qN+E7Q==";
}  // namespace wecom

}  // namespace civicdesk::channels::vectors
