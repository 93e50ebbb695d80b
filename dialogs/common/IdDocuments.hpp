#pragma once
// The identity documents of an information request's applicant (issue 6): a citizen's resident
// ID number (GB 11643) or an organisation's unified social credit code (GB 32100). Whether a
// number is valid is workflows' to decide (workflows/info_requests/Application.hpp); this says
// what is wrong with one that is not, in words a citizen can act on.
#include <optional>
#include <string>
#include <string_view>

namespace civicdesk::dialogs::ids {

enum class Problem {
  Length,      // not 18 characters: `length` says how many
  Characters,  // a character that has no place there
  BirthDate,   // resident ID: digits 7-14 are not a real date from 1900 on
  CheckDigit   // the last character does not match the others (a mistyped character)
};

struct Checked {
  std::string number;              // as workflows normalises it: upper-case, no spaces
  std::optional<Problem> problem;  // nothing: valid
  std::size_t length = 0;          // characters typed, for Problem::Length
};

// Labels ("身份证号：") and full-width forms are taken off before checking.
Checked checkResidentId(std::string_view text);
Checked checkCreditCode(std::string_view text);

}  // namespace civicdesk::dialogs::ids
