#pragma once
// The readable text of an HTML mail body, for mails that carry no text/plain alternative
// (several Chinese webmail clients send HTML only). Not a renderer: enough to read what a
// citizen wrote.
#include <string>
#include <string_view>

namespace civicdesk::channels::email {

// Tags removed; <script>, <style>, <head> and comments dropped with their content; <br> and
// the ends of block elements (p, div, li, tr, h1-h6, blockquote, ...) become line breaks (a
// run of block ends one, as a browser shows it; "<div><br></div>" a blank line);
// source white space collapsed as a browser does; the common named entities (&nbsp; &lt; &gt;
// &amp; &quot; &apos; &ldquo; ... ) and numeric ones (&#20320; &#x4F60;) decoded; at most one
// blank line in a row. `html` must be UTF-8.
std::string htmlToText(std::string_view html);

}  // namespace civicdesk::channels::email
