#pragma once
// Address and message-id fields (RFC 5322 §3.4, §3.6.4) as mailers write them.
#include <string>
#include <string_view>
#include <vector>

namespace civicdesk::channels::email {

struct Mailbox {
  std::string name;     // the display name, RFC 2047-decoded, unquoted; may be empty
  std::string address;  // the addr-spec, lower-cased ("zhangsan@qq.com")
};

// `"张三" <Zhang@Example.cn>, =?GB2312?B?1cXI/Q==?= <z@x.cn>, plain@x.cn (Comment Name),
// group: a@x.cn, b@x.cn;` → one Mailbox per address, in order. Commas inside quotes, angle
// brackets or comments do not split; group names and empty groups ("undisclosed-recipients:;")
// yield nothing; an element without an address is skipped.
std::vector<Mailbox> parseAddressList(std::string_view headerValue);
// The address of a field's first mailbox; "" when the field is absent (null) or names none.
std::string firstAddress(const std::string* field);

// The ids of a Message-ID, In-Reply-To or References field, without the angle brackets, in
// order. A field without any <...> (some webmail) is read as white-space separated ids.
std::vector<std::string> parseMessageIds(std::string_view headerValue);

}  // namespace civicdesk::channels::email
