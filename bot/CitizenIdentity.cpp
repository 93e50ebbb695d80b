#include "bot/CitizenIdentity.hpp"

#include <cctype>

#include "store/Citizens.hpp"
#include "util/AsciiText.hpp"

namespace civicdesk::bot {

std::optional<std::string> mainlandMobile(std::string_view number) {
  std::string digits;
  // "+1 415…" or "001415…" is another country's number even when 11 digits follow.
  std::string_view rest = number;
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  const bool international = rest.rfind('+', 0) == 0 || rest.rfind("00", 0) == 0;
  for (char c : number) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      digits += c;
    } else if (c != '+' && c != ' ' && c != '-' && c != '(' && c != ')') {
      return std::nullopt;
    }
  }
  if (digits.size() == 15 && digits.rfind("0086", 0) == 0) {
    digits.erase(0, 4);
  } else if (digits.size() == 13 && digits.rfind("86", 0) == 0) {
    digits.erase(0, 2);
  } else if (international) {
    return std::nullopt;
  }
  if (digits.size() != 11 || digits[0] != '1' || digits[1] < '3') return std::nullopt;
  return digits;
}

std::int64_t resolveCitizen(store::Store& store, const channels::InboundMessage& message,
                            std::int64_t now) {
  store::Citizens citizens(store);
  if (auto known = citizens.find(message.channel, message.from)) return *known;
  const bool phoneChannel = message.channel == "sms" || message.channel == "hotline";
  if (phoneChannel) {
    if (auto mobile = mainlandMobile(message.from)) {
      const std::string phone(kPhoneContact);
      if (auto owner = citizens.find(phone, *mobile)) {
        citizens.link(*owner, message.channel, message.from, now);
        return *owner;
      }
      const auto id = citizens.ensure(message.channel, message.from, now);
      citizens.link(id, phone, *mobile, now);
      return id;
    }
  }
  if (message.channel == "email") {
    // Mail addresses are case-insensitive in practice; the adapter lower-cases them, so the
    // "email" contact and the channel's own address are the same text.
    const std::string email(kEmailContact);
    if (auto owner = citizens.find(email, message.from)) return *owner;
  }
  return citizens.ensure(message.channel, message.from, now);
}

void linkComplainantContacts(store::Store& store, std::int64_t citizenId,
                             const workflows::Complainant& complainant, std::int64_t now) {
  store::Citizens citizens(store);
  if (auto mobile = mainlandMobile(complainant.phone)) {
    citizens.link(citizenId, std::string(kPhoneContact), *mobile, now);
  }
  if (!complainant.email.empty()) {
    citizens.link(citizenId, std::string(kEmailContact), ascii::lower(complainant.email), now);
  }
}

}  // namespace civicdesk::bot
