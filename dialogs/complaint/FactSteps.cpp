#include "dialogs/complaint/FactSteps.hpp"

#include <string>

#include "dialogs/common/TextMatchers.hpp"
#include "util/Utf8.hpp"
#include "dialogs/common/Validators.hpp"
#include "dialogs/complaint/AdmissibilitySteps.hpp"
#include "dialogs/complaint/ConfirmSteps.hpp"

namespace civicdesk::dialogs::complaint {

void Facts::ask(DialogMachine& machine, ComplaintData&) {
  machine.say("complaint.facts.prompt");
}

sc::result Facts::react(const EvText& text) {
  auto facts = validate::facts(text.text);
  if (!facts) {
    machine().say("complaint.facts.tooShort");
    return stay();
  }
  data().form.facts = std::move(*facts);
  return finish<Evidence>();
}

void Evidence::ask(DialogMachine& machine, ComplaintData&) {
  machine.say("complaint.evidence.prompt");
}

sc::result Evidence::react(const EvText& text) {
  if (text::isOneOf(text.text,
                    {"完成", "完成了", "好了", "没有", "没有了", "没了", "无", "否", "不", "no",
                     "没有证据", "结束", "下一步", "跳过", "发完了", "就这些", "就这些了", "ok"})) {
    return finish<ReportedElsewhere>();
  }
  const std::string note = utf8::trim(text.text);
  if (note.empty()) return askAgain();
  auto& evidence = data().form.evidence;
  evidence.push_back({"text", note, ""});
  machine().say("complaint.evidence.textAdded", {{"count", std::to_string(evidence.size())}});
  return stay();
}

sc::result Evidence::react(const EvImage& image) {
  auto& evidence = data().form.evidence;
  evidence.push_back({"image", image.mediaRef, image.mediaUrl});
  machine().say("complaint.evidence.imageAdded", {{"count", std::to_string(evidence.size())}});
  return stay();
}

}  // namespace civicdesk::dialogs::complaint
