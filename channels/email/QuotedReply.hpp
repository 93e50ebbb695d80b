#pragma once
// A citizen's reply without the earlier message it quotes, so the dialog reads what is new.
#include <string>
#include <string_view>

namespace civicdesk::channels::email {

// Removes lines quoted with ">" and everything from the first line that introduces the quoted
// message: "-----原始邮件-----", "------------------ 原始邮件 ------------------" (QQ Mail),
// "-----Original Message-----", "On ... wrote:" and "在 ... 写道：" (also when wrapped over two
// lines), an Outlook rule of underscores, or a quoted header block ("发件人：" / "From:"
// followed within three lines by "发送时间：", "Sent:" or "Date:", as Foxmail and Outlook
// write it). Trailing blank lines go too. When nothing would remain (a message that only
// quotes, or a forward without a comment), `text` is returned whole rather than nothing.
std::string stripQuotedReply(std::string_view text);

}  // namespace civicdesk::channels::email
