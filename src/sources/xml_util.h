// Helpers shared by the XML list parsers (OFAC enhanced, UN, EU): a checked
// parse that locates errors by file, line and byte; trimmed, whitespace-
// collapsed element text; and element paths for error messages. Script
// detection (sources/script.h) is included for the parsers' convenience.
//
// pugixml is used with parse_default: it neither loads DTDs nor expands
// entities other than the five predefined ones and character references, so
// external-entity and "billion laughs" documents cannot make it read files
// or blow up memory (an undeclared &lol; stays literal text).
//
// An XmlInput is not thread-safe; distinct inputs may be used concurrently.
#ifndef INTERDICT_SOURCES_XML_UTIL_H_
#define INTERDICT_SOURCES_XML_UTIL_H_

#include <cstdint>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <string_view>

#include "interdict/entity.h"
#include "interdict/status.h"
#include "sources/script.h"

namespace interdict::sources {

// One XML document being parsed, with enough context (the raw text and the
// file name) to turn a node into an error location.
class XmlInput {
 public:
  // `text` must outlive this object; `name` is used in error locations.
  XmlInput(std::string_view text, std::string_view name);

  XmlInput(const XmlInput&) = delete;
  XmlInput& operator=(const XmlInput&) = delete;

  // Checks the text is UTF-8 and well-formed XML, then checks the root
  // element is `root`. Errors name the file, line, byte and what was wrong.
  Status Parse(std::string_view root);

  pugi::xml_node root() const { return doc_.document_element(); }
  const std::string& name() const noexcept { return name_; }

  // An error located at `node`: file, line, byte and element path.
  Status ErrorAt(pugi::xml_node node, std::string message) const;

 private:
  std::string_view text_;
  std::string name_;
  pugi::xml_document doc_;
};

// The text of `node` (its first text or CDATA child) with surrounding white
// space trimmed and inner runs of white space (line breaks, indentation)
// collapsed to one space: "National Identification\n    Number" becomes
// "National Identification Number".
std::string NodeText(pugi::xml_node node);

// NodeText() of the first child element called `child` ("" when absent).
std::string ChildText(pugi::xml_node node, const char* child);

// True for the XML Schema boolean spellings "true" and "1".
bool IsTrue(std::string_view text) noexcept;

// "/sanctionsData/entities/entity[3]/names": the element's position among
// its same-named siblings, counted from 1, for error messages.
std::string ElementPath(pugi::xml_node node);

// Parses "YYYY-MM-DD" (optionally followed by a time or a zone offset, as in
// "2010-12-01-05:00" or "2025-01-10T00:00:00") into a full date.
std::optional<PartialDate> ParseIsoDay(std::string_view text) noexcept;

}  // namespace interdict::sources

#endif  // INTERDICT_SOURCES_XML_UTIL_H_
