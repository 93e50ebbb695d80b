#include "bot/staff/StaffTokens.hpp"

#include <openssl/rand.h>

#include <array>
#include <stdexcept>

#include "channels/Signature.hpp"

namespace civicdesk::bot {

std::string newStaffToken() {
  std::array<unsigned char, 32> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    throw std::runtime_error("no randomness for a staff token");
  }
  return "cds_" + channels::toHex(
                      std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

std::string hashStaffToken(const std::string& token) {
  return channels::sha256Hex(token);
}

std::optional<store::StaffMember> authenticateStaff(store::Store& store,
                                                    const std::string& authorizationHeader) {
  static constexpr std::string_view kPrefix = "Bearer ";
  if (authorizationHeader.size() <= kPrefix.size() ||
      authorizationHeader.compare(0, kPrefix.size(), kPrefix) != 0) {
    return std::nullopt;
  }
  // Looked up by hash: the comparison happens on digests inside SQLite's unique index, so
  // response time tells nothing about how much of a guessed token was right.
  return store::Staff(store).byTokenHash(
      hashStaffToken(authorizationHeader.substr(kPrefix.size())));
}

}  // namespace civicdesk::bot
