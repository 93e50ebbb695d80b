#pragma once
// Files that came with an inbound message (email attachments), kept as evidence with their
// SHA-256 so that staff can show a file is the one received.
#include <cstdint>
#include <string>
#include <vector>

#include "store/Store.hpp"

namespace civicdesk::store {

struct AttachmentRecord {
  std::int64_t id = 0;
  std::int64_t inboundMessageId = 0;
  std::string filename;
  std::string contentType;
  std::int64_t size = 0;
  std::string sha256;
  std::string data;  // the bytes (empty in list())
};

class Attachments {
 public:
  explicit Attachments(Store& store) : store_(store) {}
  std::int64_t add(const AttachmentRecord& record);
  // The attachments of one message, without their bytes.
  std::vector<AttachmentRecord> list(std::int64_t inboundMessageId);

 private:
  Store& store_;
};

}  // namespace civicdesk::store
