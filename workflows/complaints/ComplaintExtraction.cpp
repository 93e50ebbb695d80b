#include "workflows/complaints/ComplaintExtraction.hpp"
#include "util/AsciiText.hpp"

#include <algorithm>
#include <cctype>
#include <map>

#include "util/Utf8.hpp"
#include "workflows/complaints/DateMentions.hpp"
#include "workflows/complaints/ExtractionText.hpp"
#include "workflows/complaints/PhoneNumbers.hpp"
#include "workflows/complaints/UnitMentions.hpp"

namespace civicdesk::workflows {
namespace {

using extraction::containsAnyIn;
using extraction::fold;
using extraction::isClauseEnd;
using extraction::isHan;
using extraction::matchAnyAt;
using extraction::startsWithAt;

constexpr std::size_t kNameMin = 2;  // Chinese names: 2-4 characters
constexpr std::size_t kNameMax = 4;
constexpr std::size_t kHintNameMax = 30;  // a display name: what the dialog accepts as a name
constexpr std::size_t kAddressMin = 3;
constexpr std::size_t kAddressMax = 100;
constexpr std::size_t kLabelReach = 10;  // how far before a number its label may stand

// ---- Names ----------------------------------------------------------------------------------

// Common surnames, single and double. A name after "我是"/"本人" must start with one: those
// words are followed by "青溪区的居民" far more often than by a name.
bool startsWithSurname(std::u32string_view name) {
  static const std::u32string kSurnames = fold(
      "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶"
      "程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺"
      "顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿"
      "关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华"
      "喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗"
      "瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝");
  if (name.empty()) return false;
  if (matchAnyAt(name, 0,
                 {"欧阳", "司马", "诸葛", "上官", "司徒", "东方", "皇甫", "慕容", "令狐"})) {
    return true;
  }
  return kSurnames.find(name[0]) != std::u32string::npos;
}

// Words that end a name in running speech ("我叫张伟住在…", "我叫王小明我想反映…").
const std::initializer_list<std::string_view> kAfterName = {
    "住", "家", "今年", "电话", "手机", "联系", "身份", "现在", "想",   "要",
    "是", "的", "在",   "来自", "我",   "反映", "投诉", "举报", "号码", "打",
    "给", "从", "向",   "就",   "以前", "之前", "目前", "居",   "年",   "男",
    "女", "岁", "先生", "女士", "同志", "这",   "那",   "对",   "有",   "和"};

// Roles and places, not names: "我是市民", "本人青溪区居民", "联系人：张女士".
bool looksLikeRoleOrPlace(std::u32string_view run) {
  return containsAnyIn(
      run, 0, run.size(),
      {"市民", "群众", "居民", "村民", "家长", "学生", "老师", "业主", "网友", "患者",
       "公民", "职工", "员工", "本人", "匿名", "个人", "先生", "女士", "小姐", "同志",
       "师傅", "阿姨", "大爷", "老人", "退休", "志愿", "投诉", "举报", "申请", "当事",
       "一名", "一位", "一个", "普通", "附近", "小区", "街道", "青溪", "区",   "市",
       "县",   "省",   "镇",   "村",   "路",   "局",   "委",   "办",   "公司", "单位",
       "家人", "孩子", "母亲", "父亲", "妈妈", "爸爸", "纳税"});
}

// The name starting at `at` (after a label and its colon). `strict`: it must start with a
// surname and end where the text stops being a name.
std::optional<std::u32string> nameAt(std::u32string_view t, std::size_t at, bool strict) {
  while (at < t.size() && (t[at] == ' ' || t[at] == ':' || t[at] == U'：')) ++at;
  std::u32string run;
  std::size_t i = at;
  while (i < t.size() && isHan(t[i]) && run.size() < kNameMax) run.push_back(t[i++]);
  bool cut = false;
  for (std::size_t k = kNameMin; k < run.size(); ++k) {
    if (matchAnyAt(run, k, kAfterName)) {
      run.resize(k);
      cut = true;
      break;
    }
  }
  if (run.size() < kNameMin || looksLikeRoleOrPlace(run)) return std::nullopt;
  if (strict) {
    if (!startsWithSurname(run)) return std::nullopt;
    // "我是青溪区东城…": four characters and the text goes on, so not a name.
    if (!cut && i < t.size() && isHan(t[i]) && !matchAnyAt(t, i, kAfterName)) return std::nullopt;
  }
  return run;
}

std::optional<std::u32string> findName(std::u32string_view t) {
  struct Label {
    std::initializer_list<std::string_view> words;
    bool strict;
  };
  // Strongest first: a labelled field, then "我叫", then "我是"/"本人".
  const Label labels[] = {
      {{"姓名", "联系人", "投诉人", "举报人", "来电人", "反映人", "署名"}, false},
      {{"我的名字叫", "我的名字是", "我叫", "名叫"}, false},
      {{"我是", "本人"}, true},
  };
  for (const Label& label : labels) {
    for (std::size_t at = 0; at < t.size(); ++at) {
      auto n = matchAnyAt(t, at, label.words);
      if (!n) continue;
      std::size_t from = at + *n;
      if (auto is = matchAnyAt(t, from, {"是", "为"}); is && !label.strict) from += *is;
      if (auto name = nameAt(t, from, label.strict)) return name;
    }
  }
  return std::nullopt;
}

// A signature line: a name alone ("张伟", "张伟 敬上").
std::optional<std::u32string> signatureName(std::u32string_view line) {
  std::u32string run;
  for (char32_t c : line) {
    if (c == ' ') continue;
    run.push_back(c);
  }
  for (std::string_view tail : {"敬上", "谨上", "拜上"}) {
    const std::u32string t = fold(tail);
    if (run.size() > t.size() && run.ends_with(t)) run.resize(run.size() - t.size());
  }
  if (run.size() < kNameMin || run.size() > kNameMax) return std::nullopt;
  if (!std::all_of(run.begin(), run.end(), isHan)) return std::nullopt;
  if (!startsWithSurname(run) || looksLikeRoleOrPlace(run)) return std::nullopt;
  return run;
}

// ---- Addresses ------------------------------------------------------------------------------

bool hasPlaceWord(std::u32string_view s) {
  return containsAnyIn(s, 0, s.size(), {"省",   "市", "区", "县", "镇",   "乡",   "村", "路",
                                        "街",   "道", "巷", "弄", "号",   "栋",   "幢", "楼",
                                        "单元", "室", "苑", "园", "小区", "社区", "庄", "湾"});
}

std::optional<std::u32string> addressAt(std::u32string_view t, std::size_t at, bool strict) {
  while (at < t.size() && (t[at] == ' ' || t[at] == ':' || t[at] == U'：')) ++at;
  if (auto is = matchAnyAt(t, at, {"是", "在"})) at += *is;
  std::size_t end = at;
  while (end < t.size() && end - at < kAddressMax && !isClauseEnd(t[end]) &&
         !matchAnyAt(t, end,
                     {"电话", "手机", "联系", "我叫", "我是", "姓名", "邮箱", "我要", "我想",
                      "投诉", "举报", "反映", "身份证", "我们", "我"})) {
    ++end;
  }
  std::u32string address(t.substr(at, end - at));
  while (!address.empty() && (address.back() == ' ' || address.back() == U'的')) {
    address.pop_back();
  }
  if (address.size() < kAddressMin) return std::nullopt;
  if (strict && !hasPlaceWord(address)) return std::nullopt;
  return address;
}

std::optional<std::u32string> findAddress(std::u32string_view t) {
  for (std::size_t at = 0; at < t.size(); ++at) {
    auto n = matchAnyAt(
        t, at, {"家庭住址", "联系地址", "通讯地址", "通信地址", "居住地址", "住址", "地址"});
    if (!n) continue;
    // "网站地址", "单位地址", "邮箱地址", "办公地址", "IP地址": someone else's address.
    if (at > 0) {
      const char32_t before = t[at - 1];
      if (before == U'站' || before == U'位' || before == U'箱' || before == U'公' ||
          before == U'件' || (before < 0x80 && std::isalpha(static_cast<int>(before)))) {
        continue;
      }
    }
    if (auto address = addressAt(t, at + *n, false)) return address;
  }
  for (std::size_t at = 0; at < t.size(); ++at) {
    auto n = matchAnyAt(t, at, {"居住在", "家住在", "住在", "家住", "现住", "我住"});
    if (!n) continue;
    if (auto address = addressAt(t, at + *n, true)) return address;
  }
  return std::nullopt;
}

// ---- Email ----------------------------------------------------------------------------------

bool isEmailChar(char32_t c, bool local) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  if (c == '.' || c == '-') return true;
  return local && (c == '_' || c == '+' || c == '%');
}

std::string domainOf(std::string_view mailbox) {
  const auto at = mailbox.find('@');
  return ascii::lower(at == std::string_view::npos ? "" : mailbox.substr(at + 1));
}

// The first address that is not one of the directory's own mailboxes' domains.
std::string findEmail(std::u32string_view t, const UnitDirectory& units) {
  for (std::size_t at = t.find('@'); at != std::u32string_view::npos; at = t.find('@', at + 1)) {
    std::size_t from = at;
    while (from > 0 && isEmailChar(t[from - 1], true)) --from;
    std::size_t to = at + 1;
    while (to < t.size() && isEmailChar(t[to], false)) ++to;
    while (to > at + 1 && t[to - 1] == '.') --to;
    const std::string email = utf8::encode(t.substr(from, to - from));
    const std::string domain = domainOf(email);
    if (from == at || domain.find('.') == std::string::npos) continue;
    const bool ours = std::any_of(units.units().begin(), units.units().end(),
                                  [&](const Unit& u) { return domainOf(u.mailbox) == domain; });
    if (!ours) return email;
  }
  return {};
}

// ---- Phones ---------------------------------------------------------------------------------

struct Phones {
  std::string mobile;
  std::string landline;
  std::vector<std::string> others;
};

// How surely a number is the complainant's own, from the words just before it.
int ownership(std::u32string_view t, std::size_t begin) {
  const std::size_t from = begin > kLabelReach ? begin - kLabelReach : 0;
  if (containsAnyIn(t, from, begin,
                    {"工作人员", "科长", "主任", "局长", "办公室", "他的", "她的"})) {
    return -1;
  }
  if (containsAnyIn(t, from, begin, {"我的", "本人", "联系", "打我", "回电"})) return 2;
  if (containsAnyIn(t, from, begin, {"手机", "电话", "号码"})) return 1;
  return 0;
}

Phones findPhones(std::u32string_view t, const UnitDirectory& units) {
  std::vector<std::string> unitNumbers;
  for (const Unit& unit : units.units()) unitNumbers.push_back(phoneDigits(unit.phone));
  Phones phones;
  int mobileScore = -2;
  int landlineScore = -2;
  std::vector<std::string> all;
  for (const PhoneMention& m : findPhoneNumbers(t)) {
    const std::string digits = phoneDigits(m.number);
    // A unit's own number, quoted by the complainant ("打了教育局的电话099-86120004").
    if (std::find(unitNumbers.begin(), unitNumbers.end(), digits) != unitNumbers.end()) continue;
    if (std::find(all.begin(), all.end(), m.number) != all.end()) continue;
    all.push_back(m.number);
    const int score = ownership(t, m.begin);
    std::string& slot = m.kind == PhoneKind::Mobile ? phones.mobile : phones.landline;
    int& best = m.kind == PhoneKind::Mobile ? mobileScore : landlineScore;
    if (score > best && score >= 0) {
      slot = m.number;
      best = score;
    }
  }
  for (const std::string& number : all) {
    if (number != phones.mobile && number != phones.landline) phones.others.push_back(number);
  }
  return phones;
}

// ---- Facts ----------------------------------------------------------------------------------

// The line folded and trimmed, without its punctuation at the end: what tests look at.
std::u32string key(std::string_view line) {
  std::u32string k = fold(utf8::trim(line));
  while (!k.empty() && (isClauseEnd(k.back()) || k.back() == ':' || k.back() == U'：' ||
                        k.back() == ' ' || k.back() == '~' || k.back() == U'～')) {
    k.pop_back();
  }
  return k;
}

bool isQuoteStart(std::u32string_view k) {
  return (!k.empty() && k[0] == '>') || startsWithAt(k, 0, "-----") ||
         containsAnyIn(k, 0, k.size(), {"原始邮件", "Original Message", "写道", "wrote"}) ||
         startsWithAt(k, 0, "发自我的") || startsWithAt(k, 0, "Sent from") || k == U"--" ||
         k == U"——";
}

bool isGreeting(std::u32string_view k) {
  const bool addressed = (startsWithAt(k, 0, "尊敬的") || startsWithAt(k, 0, "敬爱的") ||
                          startsWithAt(k, 0, "致") || startsWithAt(k, 0, "各位")) &&
                         k.size() <= 30;
  return addressed || k == U"您好" || k == U"你好" || k == U"领导好" || k == U"领导您好" ||
         k == U"各位领导好" || k == U"大家好" || k == U"喂" || k == U"喂你好" || k == U"喂您好";
}

bool isContactLine(std::u32string_view k) {
  auto n = matchAnyAt(k, 0, {"姓名",     "联系人", "投诉人", "举报人",   "联系电话", "联系方式",
                             "手机号码", "手机号", "手机",   "电话",     "家庭住址", "联系地址",
                             "通讯地址", "住址",   "地址",   "电子邮箱", "邮箱",     "E-mail",
                             "e-mail",   "Email",  "email",  "身份证"});
  if (!n) return false;
  std::size_t at = *n;
  while (at < k.size() && k[at] == ' ') ++at;
  return at < k.size() && (k[at] == ':' || k[at] == U'：');
}

bool isSignOff(std::u32string_view k) {
  return k.size() <= 12 && matchAnyAt(k, 0,
                                      {"谢谢", "感谢", "祝好", "盼复", "敬礼", "此致", "望回复",
                                       "期待回复", "请回复", "麻烦了", "辛苦了"});
}

// A line that only dates the letter: "2026年11月27日", "2026-11-27".
bool isDateLine(std::u32string_view k) {
  return !k.empty() && k.size() <= 16 && std::all_of(k.begin(), k.end(), [](char32_t c) {
    return (c >= '0' && c <= '9') || c == '-' || c == '/' || c == '.' || c == ' ' || c == U'年' ||
           c == U'月' || c == U'日' || c == U'号';
  });
}

struct Cleaned {
  std::string facts;
  std::optional<std::u32string> signature;
};

// The text as facts: without greetings, salutations, sign-offs, signatures, contact lines and
// anything quoted below the message.
Cleaned cleanFacts(std::string_view text) {
  std::vector<std::string> lines = utf8::splitLines(text);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::u32string k = key(lines[i]);
    if (isQuoteStart(k) || (i > 0 && startsWithAt(k, 0, "此致"))) {
      lines.resize(i);
      break;
    }
  }
  Cleaned out;
  while (!lines.empty()) {
    const std::u32string k = key(lines.back());
    if (k.empty() || isSignOff(k) || isDateLine(k)) {
      lines.pop_back();
    } else if (auto name = signatureName(k); name && !out.signature) {
      out.signature = name;
      lines.pop_back();
    } else {
      break;
    }
  }
  std::size_t first = 0;
  while (first < lines.size()) {
    const std::u32string k = key(lines[first]);
    if (!k.empty() && !isGreeting(k)) break;
    ++first;
  }
  std::string facts;
  bool blank = false;
  for (std::size_t i = first; i < lines.size(); ++i) {
    std::string line = utf8::trim(lines[i]);
    if (isContactLine(key(line))) continue;
    if (i == first) {
      // "您好，我要投诉…": the salutation, not the facts.
      const std::u32string f = fold(line);
      if (auto n =
              matchAnyAt(f, 0, {"喂你好", "喂您好", "领导您好", "领导好", "您好", "你好", "喂"})) {
        std::size_t at = *n;
        while (at < f.size() && (isClauseEnd(f[at]) || f[at] == ' ')) ++at;
        line = utf8::encode(std::u32string_view(utf8::decode(line)).substr(at));
      }
    }
    if (line.empty()) {
      blank = !facts.empty();
      continue;
    }
    if (!facts.empty()) facts += blank ? "\n\n" : "\n";
    facts += line;
    blank = false;
  }
  if (utf8::length(facts) < kExtractedFactsMin) facts.clear();
  out.facts = utf8::truncate(facts, kExtractedFactsMax);
  return out;
}

// ---- Ground (Art. 4) ------------------------------------------------------------------------

// Art. 7 (3): the same matter before a court, in reconsideration, or with the petitions office.
const std::initializer_list<std::string_view> kElsewhere = {
    "已经起诉", "已起诉", "起诉了",   "提起诉讼", "提起了诉讼", "行政诉讼", "向法院",
    "到法院",   "去法院", "法院起诉", "打官司",   "行政复议",   "申请复议", "申请了复议",
    "复议申请", "去信访", "到信访",   "向信访",   "找信访"};

// The facts without the clauses that say where else the matter went: "申请了行政复议" is about
// Art. 7, and its "申请" would vote for Art. 4 (3).
std::u32string groundText(std::u32string_view facts) {
  std::u32string out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= facts.size(); ++i) {
    if (i < facts.size() && !isClauseEnd(facts[i]) && facts[i] != ' ') continue;
    const std::u32string_view clause = facts.substr(start, i - start);
    bool elsewhere = false;
    for (std::size_t at = 0; at < clause.size() && !elsewhere; ++at) {
      elsewhere = matchAnyAt(clause, at, kElsewhere).has_value();
    }
    if (!elsewhere) {
      out += clause;
      if (i < facts.size()) out.push_back(facts[i]);
    }
    start = i + 1;
  }
  return out;
}

bool isClauseBreak(char32_t c) {
  return isClauseEnd(c) || c == ' ' || c == ':' || c == U'：';
}

// The ground, when one stands out. (8) "other breaches" is what is left when no specific
// ground applies, so it yields to any of them; (6) is (5) through an intermediary, so the
// charging words they share yield to the intermediary when (6) ranks first. Then a single
// ground left is the answer; among several, one that at least two clauses name, twice as many
// as name any other.
std::optional<ComplaintGround> clearGround(const std::vector<ComplaintGround>& candidates,
                                           std::u32string_view facts) {
  std::vector<ComplaintGround> specific;
  const bool throughOthersFirst =
      !candidates.empty() && candidates.front() == ComplaintGround::ChargingThroughOthers;
  for (ComplaintGround g : candidates) {
    if (g == ComplaintGround::OtherBreach) continue;
    if (g == ComplaintGround::ChargingAsPaidService && throughOthersFirst) continue;
    specific.push_back(g);
  }
  if (specific.empty()) {
    if (candidates.size() == 1) return candidates.front();
    return std::nullopt;
  }
  if (specific.size() == 1) return specific.front();
  std::map<ComplaintGround, int> votes;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= facts.size(); ++i) {
    if (i < facts.size() && !isClauseBreak(facts[i])) continue;
    if (i > start) {
      for (ComplaintGround g :
           guessComplaintGrounds(utf8::encode(facts.substr(start, i - start)))) {
        ++votes[g];
      }
    }
    start = i + 1;
  }
  const ComplaintGround top = specific.front();
  int runnerUp = 0;
  for (ComplaintGround g : specific) {
    if (g != top) runnerUp = std::max(runnerUp, votes[g]);
  }
  if (votes[top] >= 2 && votes[top] >= 2 * runnerUp) return top;
  return std::nullopt;
}

// ---- Admissibility (Art. 7) and reply ---------------------------------------------------------

// Negated or only intended: "没有起诉", "准备申请行政复议", "如果不行就起诉" (but "不服…申请复议"
// is a real application).
bool negatedBefore(std::u32string_view t, std::size_t at) {
  const std::size_t from = at > 5 ? at - 5 : 0;
  if (containsAnyIn(t, from, at,
                    {"没", "未", "无", "准备", "打算", "想", "要", "将", "会", "如果", "是否",
                     "可以", "能否"})) {
    return true;
  }
  for (std::size_t i = from; i < at; ++i) {
    if (t[i] == U'不' && (i + 1 >= t.size() || t[i + 1] != U'服')) return true;
  }
  return false;
}

// Art. 7 (3): reported to another agency, or under reconsideration or litigation.
std::optional<bool> reportedElsewhere(std::u32string_view t) {
  for (std::size_t at = 0; at < t.size(); ++at) {
    if (matchAnyAt(t, at, kElsewhere) && !negatedBefore(t, at)) {
      return true;
    }
  }
  for (std::size_t at = 0; at < t.size(); ++at) {
    if (matchAnyAt(t, at,
                   {"没有向其他", "未向其他", "没向其他", "没有向别的", "没向别的", "没有在其他",
                    "没在别的", "没有在别的", "没有向任何", "未向任何"})) {
      return false;
    }
  }
  return std::nullopt;
}

bool declinesReply(std::u32string_view t) {
  return containsAnyIn(t, 0, t.size(),
                       {"不需要回复", "不需要答复", "不用回复", "不用答复", "无需回复", "无需答复",
                        "不必回复", "不必答复", "不要回复"});
}

void add(std::vector<std::string>& list, std::string item) {
  if (std::find(list.begin(), list.end(), item) == list.end()) list.push_back(std::move(item));
}

}  // namespace

ExtractedComplaint extractComplaint(std::string_view text, const UnitDirectory& units,
                                    const ExtractionHints& hints) {
  ExtractedComplaint out;
  ComplaintForm& form = out.form;
  Complainant& who = form.complainant;
  const std::string clean = utf8::sanitize(text);
  const std::u32string t = fold(clean);

  const Cleaned cleaned = cleanFacts(clean);
  form.facts = cleaned.facts;
  if (!form.facts.empty()) add(out.found, "facts");

  // Respondent (Art. 8 (2)).
  RespondentGuess respondent = guessRespondent(t, units);
  if (respondent.unitId) {
    form.respondentUnitId = *respondent.unitId;
    add(out.found, "respondent");
  }
  out.unitSuggestions = std::move(respondent.others);

  // Ground (Art. 4), read from the facts so greetings and contact lines do not vote.
  const std::u32string breach = groundText(form.facts.empty() ? t : fold(form.facts));
  out.groundCandidates = guessComplaintGrounds(utf8::encode(breach));
  const std::optional<ComplaintGround> ground = clearGround(out.groundCandidates, breach);
  if (ground) {
    form.ground = *ground;
    add(out.found, "ground");
  }

  // Complainant (Art. 8 (1), (3)).
  std::optional<std::u32string> name = findName(t);
  if (!name) name = cleaned.signature;
  if (name) {
    who.name = utf8::encode(*name);
    add(out.found, "complainant.name");
  } else if (const std::string hinted = utf8::trim(hints.knownName);
             utf8::length(hinted) >= kNameMin && utf8::length(hinted) <= kHintNameMax &&
             hinted.find('@') == std::string::npos) {
    who.name = hinted;
    add(out.fromHints, "complainant.name");
  }
  if (auto address = findAddress(t)) {
    who.address = utf8::encode(*address);
    add(out.found, "complainant.address");
  }
  Phones phones = findPhones(t, units);
  out.landline = phones.landline;
  out.otherPhones = std::move(phones.others);
  if (!phones.mobile.empty()) {
    who.phone = phones.mobile;
    add(out.found, "complainant.phone");
  } else if (auto mobile = wholeMainlandMobile(hints.knownPhone)) {
    who.phone = *mobile;
    add(out.fromHints, "complainant.phone");
  } else if (const std::string digits = phoneDigits(hints.knownPhone);
             out.landline.empty() && digits.size() >= 10 && digits.size() <= 12 &&
             digits[0] == '0') {
    out.landline = digits;  // a caller id from a landline
  }
  if (std::string email = findEmail(t, units); !email.empty()) {
    who.email = std::move(email);
    add(out.found, "complainant.email");
  } else if (const std::string hinted = utf8::trim(hints.knownEmail);
             hinted.find('@') != std::string::npos) {
    who.email = hinted;
    add(out.fromHints, "complainant.email");
  }
  if (declinesReply(t)) {
    who.wantsReply = false;
    add(out.found, "complainant.wantsReply");
  }

  // Admissibility (Art. 7): only what the text states.
  form.admissibility.reportedElsewhere = reportedElsewhere(t);
  if (form.admissibility.reportedElsewhere) add(out.found, "admissibility.reportedElsewhere");

  for (const CivilDate& date : findDateMentions(t, hints.referenceDate)) {
    out.dates.push_back(formatDate(date));
  }

  out.missing = missingComplaintItems(form);
  if (!ground) add(out.missing, "ground");
  const AdmissibilityFacts& facts = form.admissibility;
  if (!facts.reportedElsewhere) add(out.missing, "admissibility.reportedElsewhere");
  if (facts.reportedElsewhere.value_or(false) && !facts.otherAgencyDeclined) {
    add(out.missing, "admissibility.otherAgencyDeclined");
  }
  if (!facts.supervisionAlreadyDecided) add(out.missing, "admissibility.supervisionAlreadyDecided");
  return out;
}

}  // namespace civicdesk::workflows
