#include "sources/xml_util.h"

#include <utility>
#include <vector>

#include "sources/io.h"

namespace interdict::sources {
namespace {

bool IsXmlSpace(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

XmlInput::XmlInput(std::string_view text, std::string_view name) : text_(text), name_(name) {}

Status XmlInput::Parse(std::string_view root) {
  // pugixml copies bytes through unchecked; a list with broken UTF-8 would
  // poison every later stage, so it is refused here with its position.
  INTERDICT_RETURN_STATUS_IF_ERROR(CheckUtf8(text_, name_));
  pugi::xml_parse_result result =
      doc_.load_buffer(text_.data(), text_.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!result) {
    auto offset = static_cast<std::size_t>(result.offset);
    std::string message = std::string("malformed XML: ") + result.description();
    if (result.status == pugi::status_end_element_mismatch && offset + 1 >= text_.size())
      message += " (the document is truncated)";
    return Status::ParseError(std::move(message))
        .InFile(name_)
        .AtLine(LineOfOffset(text_, offset))
        .AtByte(static_cast<std::int64_t>(offset) + 1);
  }
  pugi::xml_node top = doc_.document_element();
  if (std::string_view(top.name()) != root) {
    return ErrorAt(top, "root element is <" + std::string(top.name()) + ">, expected <" +
                            std::string(root) + ">");
  }
  return Status::Ok();
}

Status XmlInput::ErrorAt(pugi::xml_node node, std::string message) const {
  Status status = Status::ParseError(std::move(message)).InFile(name_);
  std::ptrdiff_t offset = node.offset_debug();
  if (offset >= 0) {
    status.AtLine(LineOfOffset(text_, static_cast<std::size_t>(offset)))
        .AtByte(static_cast<std::int64_t>(offset) + 1);
  }
  if (node.type() == pugi::node_element) status.AtElement(ElementPath(node));
  return status;
}

std::string NodeText(pugi::xml_node node) {
  std::string_view raw = node.child_value();
  std::string out;
  out.reserve(raw.size());
  bool pending_space = false;
  for (char c : raw) {
    if (IsXmlSpace(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += c;
  }
  return out;
}

std::string ChildText(pugi::xml_node node, const char* child) {
  return NodeText(node.child(child));
}

bool IsTrue(std::string_view text) noexcept { return text == "true" || text == "1"; }

std::string ElementPath(pugi::xml_node node) {
  std::vector<std::string> steps;
  for (pugi::xml_node n = node; n && n.type() == pugi::node_element; n = n.parent()) {
    int index = 1;
    for (pugi::xml_node s = n.previous_sibling(n.name()); s; s = s.previous_sibling(n.name()))
      ++index;
    bool unique = index == 1 && !n.next_sibling(n.name());
    steps.push_back(unique ? n.name() : std::string(n.name()) + "[" + std::to_string(index) + "]");
  }
  std::string path;
  for (auto it = steps.rbegin(); it != steps.rend(); ++it) path += "/" + *it;
  return path;
}

std::optional<PartialDate> ParseIsoDay(std::string_view text) noexcept {
  if (text.size() < 10) return std::nullopt;
  std::optional<PartialDate> date = PartialDate::Parse(text.substr(0, 10));
  if (!date || date->day == 0) return std::nullopt;
  return date;
}

}  // namespace interdict::sources
