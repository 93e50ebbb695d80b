#pragma once
// The messages a citizen types to file a complete complaint, in order, as the dialog asks.
#include <string>
#include <vector>

namespace civicdesk::testing {

inline const std::vector<std::string>& complaintInputs() {
  static const std::vector<std::string> inputs{
      "投诉",                                            // menu: complaint
      "教育局",                                          // respondent unit
      "跳过",                                            // no office or person named
      "网站上的招生信息好几年没更新了",                  // ground, free text (Art. 4 (2))
      "是",                                              // confirm the guessed ground
      "区教育局网站招生政策栏目自2022年起一直没有更新",  // facts (Art. 8 (2))
      "没有",                                            // no more evidence
      "否",                                              // not reported elsewhere (Art. 7 (3))
      "否",                                              // no supervision decision (Art. 7 (4))
      "张三",                                            // name
      "138 0013 8000",                                   // mobile
      "青溪区人民路100号",                               // address
      "是",                                              // wants a reply (Art. 8 (3))
      "确认",                                            // submit
  };
  return inputs;
}

}  // namespace civicdesk::testing
