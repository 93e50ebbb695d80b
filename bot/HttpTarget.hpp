#pragma once
// A request target ("/sms/aliyun/a%20b?x=1&y=%E4%BD%A0") split into its decoded path and
// query, as cpp-httplib split it before the event-loop front (bot/HttpServer.hpp): the path
// percent-decoded ('+' kept), the query through channels::parseQueryString ('+' a space), the
// first value of a repeated name kept. Lenient like a browser: a malformed escape ("%zz", a
// lone "%") stays as it was sent; signatures that need the raw form read HttpRequest::target.
#include <map>
#include <string>
#include <string_view>

namespace civicdesk::bot {

struct HttpTarget {
  std::string path;
  std::map<std::string, std::string> query;
};

HttpTarget splitTarget(std::string_view target);

}  // namespace civicdesk::bot
