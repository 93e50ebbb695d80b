#include "store/Attachments.hpp"

#include <SQLiteCpp/Statement.h>

#include "store/CachedStatement.hpp"
#include "store/SqlSupport.hpp"

namespace civicdesk::store {

std::int64_t Attachments::add(const AttachmentRecord& record) {
  CachedStatement insert(store_,
                         "INSERT INTO attachments(inbound_message_id, filename, content_type, "
                         "size, sha256, data) VALUES (?, ?, ?, ?, ?, ?)");
  insert.bind(1, record.inboundMessageId);
  insert.bind(2, record.filename);
  insert.bind(3, record.contentType);
  insert.bind(4, static_cast<std::int64_t>(record.data.size()));
  insert.bind(5, record.sha256);
  insert.bind(6, record.data.data(), static_cast<int>(record.data.size()));
  return detail::insertForId(insert, store_.db()).value();
}

std::vector<AttachmentRecord> Attachments::list(std::int64_t inboundMessageId) {
  CachedStatement query(store_,
                        "SELECT id, filename, content_type, size, sha256 FROM attachments "
                        "WHERE inbound_message_id = ? ORDER BY id");
  query.bind(1, inboundMessageId);
  std::vector<AttachmentRecord> out;
  while (query.executeStep()) {
    AttachmentRecord r;
    r.id = query.getColumn(0).getInt64();
    r.inboundMessageId = inboundMessageId;
    r.filename = query.getColumn(1).getString();
    r.contentType = query.getColumn(2).getString();
    r.size = query.getColumn(3).getInt64();
    r.sha256 = query.getColumn(4).getString();
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace civicdesk::store
