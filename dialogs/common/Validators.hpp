#pragma once
// The slot values of the dialogs (the complaint's RULES.md §1 Art. 8, the information request's
// applicant): what counts as a name, a mobile number, an email address, an address, facts. Each returns the value to store, or nothing when the answer does
// not fit, so the dialog asks again and says what it expects.
#include <optional>
#include <string>
#include <string_view>

namespace civicdesk::dialogs::validate {

inline constexpr std::size_t kNameMin = 2;
inline constexpr std::size_t kNameMax = 30;
inline constexpr std::size_t kFactsMin = 6;
inline constexpr std::size_t kAddressMax = 200;
inline constexpr std::size_t kEmailMax = 100;

// A person's or an organisation's name (Art. 8(1) 名称): 2..30 characters after trimming, and
// not only digits (a phone number typed one step too early).
std::optional<std::string> name(std::string_view text);

// A mainland mobile number as typed or dictated: "138 0013 8000", "+86-138…", "８６１３８…",
// "幺三八零零幺三八零零零", "我的手机号是138…". Returns the 11 digits ("13800138000") when
// they form 1[3-9]xxxxxxxxx.
std::optional<std::string> mainlandMobile(std::string_view text);

// "138****8000": enough for the citizen to recognise the number on a summary screen.
std::string maskMobile(std::string_view digits);

// An email address as typed: "zhang@example.cn", "邮箱：zhang@example.cn", full-width forms
// folded. Returns it lower-cased when it has one "@", a local part, and a domain with a dot.
std::optional<std::string> email(std::string_view text);

// An identity document's number for a summary screen: its first 4 and last 4 characters, the
// rest as "*" ("1101**********123X"); shorter numbers keep only their last 2 characters.
std::string maskIdNumber(std::string_view number);

// A postal address: present and at most 200 characters.
std::optional<std::string> address(std::string_view text);

// The facts of the breach (Art. 8(2)): at least 6 characters, so "有问题" is asked to say more.
std::optional<std::string> facts(std::string_view text);

}  // namespace civicdesk::dialogs::validate
