#pragma once
// Phone numbers inside free text (RULES.md §1 Art. 8 (1): the complainant's contact details).
// The dialogs validate one answer at a time; an email or a hotline transcript holds numbers in
// the middle of sentences, typed ("138 0013 8000", "+86-138…") or dictated ("幺三八…").
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace civicdesk::workflows {

enum class PhoneKind { Mobile, Landline };

struct PhoneMention {
  PhoneKind kind = PhoneKind::Mobile;
  std::string number;     // Mobile: the 11 digits, "13800138000". Landline: "0571-88888888"
                          // when the area code stood apart, else the digits as written.
  std::size_t begin = 0;  // where it stands in the text searched, in code points
  std::size_t end = 0;
};

// Every mainland mobile (1[3-9] and nine digits, after an optional +86 / 86 / 0086) and every
// landline (a 0-prefixed area code of 3-4 digits and 7-8 digits, or 10-12 digits from 0) in
// `text`, in order. `text` is what extraction::fold returns. Digit runs longer than a number
// (an ID card number) are not read as one.
std::vector<PhoneMention> findPhoneNumbers(std::u32string_view text);

// A whole text that is one mainland mobile, in any spelling findPhoneNumbers reads
// ("+86 138-0013-8000", "008613800138000", "幺三八…"): its 11 digits. For numbers we are
// given, such as a caller id.
std::optional<std::string> wholeMainlandMobile(std::string_view text);

// The digits of a text ("099-86120004" → "09986120004"), to compare numbers however written.
std::string phoneDigits(std::string_view text);

}  // namespace civicdesk::workflows
