#pragma once
// What SMS gateways reported about our messages, per provider message id. Reports arrive out
// of order; the caller says which moves are forward (the store knows no gateway's statuses).
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "store/Store.hpp"

namespace civicdesk::store {

struct DeliveryReport {
  std::string providerId;
  std::string channel;
  std::string status;
  std::string errorCode;
  std::int64_t updatedAt = 0;
};

class DeliveryReports {
 public:
  using Advances = std::function<bool(std::string_view from, std::string_view to)>;
  explicit DeliveryReports(Store& store) : store_(store) {}
  // Records `report` when there is none for its id yet or advances(current, new) holds;
  // returns whether it changed anything (a late or repeated report does not).
  bool apply(const DeliveryReport& report, const Advances& advances);
  std::optional<DeliveryReport> get(const std::string& providerId);

 private:
  Store& store_;
};

}  // namespace civicdesk::store
