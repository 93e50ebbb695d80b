#include "store/DeliveryReports.hpp"

#include <SQLiteCpp/Statement.h>

namespace civicdesk::store {

bool DeliveryReports::apply(const DeliveryReport& report, const Advances& advances) {
  if (auto current = get(report.providerId); current && !advances(current->status, report.status)) {
    return false;
  }
  CachedStatement upsert(store_,
                         "INSERT INTO delivery_reports(provider_id, channel, status, error_code, "
                         "updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(provider_id) DO UPDATE "
                         "SET status = excluded.status, error_code = excluded.error_code, "
                         "updated_at = excluded.updated_at");
  upsert.bind(1, report.providerId);
  upsert.bind(2, report.channel);
  upsert.bind(3, report.status);
  upsert.bind(4, report.errorCode);
  upsert.bind(5, report.updatedAt);
  upsert.exec();
  return true;
}

std::optional<DeliveryReport> DeliveryReports::get(const std::string& providerId) {
  CachedStatement query(store_,
                        "SELECT channel, status, error_code, updated_at FROM delivery_reports "
                        "WHERE provider_id = ?");
  query.bind(1, providerId);
  if (!query.executeStep()) return std::nullopt;
  return DeliveryReport{providerId, query.getColumn(0).getString(), query.getColumn(1).getString(),
                        query.getColumn(2).getString(), query.getColumn(3).getInt64()};
}

}  // namespace civicdesk::store
