#pragma once
// Primitives every channel's signature check needs. Comparisons of secrets and signatures are
// constant-time, so a caller cannot learn a valid signature byte by byte from response times.
#include <string>
#include <string_view>

namespace civicdesk::channels {

bool constantTimeEquals(std::string_view a, std::string_view b);

std::string sha1(std::string_view data);  // raw bytes
std::string sha1Hex(std::string_view data);
std::string sha256Hex(std::string_view data);
std::string hmacSha1(std::string_view key, std::string_view data);    // raw bytes
std::string hmacSha256(std::string_view key, std::string_view data);  // raw bytes
std::string toHex(std::string_view bytes);                            // lowercase
std::string base64Encode(std::string_view bytes);                     // standard, padded
// Strict standard base64 (whitespace not allowed); empty optional-like: returns false on error.
bool base64Decode(std::string_view text, std::string& out);

}  // namespace civicdesk::channels
