#pragma once
// Citizens and their contacts, one per channel address (an OpenID, a phone number...).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/Store.hpp"

namespace civicdesk::store {

class Citizens {
 public:
  explicit Citizens(Store& store) : store_(store) {}
  // The citizen behind (channel, address), created on first contact.
  std::int64_t ensure(const std::string& channel, const std::string& address, std::int64_t now);
  std::optional<std::int64_t> find(const std::string& channel, const std::string& address);
  // The citizen's address on `channel` (the oldest, if several), to reply where they wrote.
  std::optional<std::string> address(std::int64_t citizenId, const std::string& channel);
  // Adds (channel, address) to the citizen unless that address already belongs to someone
  // (then nothing changes: merging two citizens is a person's decision, not the software's).
  // Returns whether the address is now this citizen's.
  bool link(std::int64_t citizenId, const std::string& channel, const std::string& address,
            std::int64_t now);
  // Every address of the citizen on `channel`, oldest first ("phone": their numbers).
  std::vector<std::string> addresses(std::int64_t citizenId, const std::string& channel);

 private:
  Store& store_;
};

}  // namespace civicdesk::store
