#pragma once
// The body of a multipart entity split at its boundary (RFC 2046 §5.1.1): the parts between
// "--boundary" lines, without the preamble and epilogue. Used for multipart messages and for
// multipart/form-data requests alike.
#include <string_view>
#include <vector>

namespace civicdesk::channels::email {

struct MultipartBody {
  std::vector<std::string_view> parts;  // each a header block, empty line and body
  bool closed = false;                  // whether the final "--boundary--" was there
};

// A delimiter is a line that starts with "--" + boundary, followed only by white space (or by
// "--" for the last one); the line break before it belongs to it. Without a final delimiter
// (a truncated message) the last part runs to the end of `body`.
MultipartBody splitMultipart(std::string_view body, std::string_view boundary);

}  // namespace civicdesk::channels::email
