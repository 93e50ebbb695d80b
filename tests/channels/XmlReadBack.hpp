#pragma once
// Reads an element of a rendered <xml> reply the way an independent consumer would: pugixml
// with default flags, every text and CDATA section of the element joined. Kept apart from
// the parser under test so a shared bug cannot hide itself.
#include <gtest/gtest.h>

#include <pugixml.hpp>

#include <string>

namespace civicdesk::testing {

inline std::string readBack(const std::string& xml, const char* element) {
  pugi::xml_document doc;
  EXPECT_TRUE(doc.load_string(xml.c_str(), pugi::parse_default)) << xml;
  EXPECT_TRUE(doc.child("xml").child(element)) << "no <" << element << "> in " << xml;
  std::string text;
  for (pugi::xml_node child : doc.child("xml").child(element).children()) text += child.value();
  return text;
}

}  // namespace civicdesk::testing
