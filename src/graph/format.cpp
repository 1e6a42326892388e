// Output formats of the network view and of derivations.
#include <nlohmann/json.hpp>
#include <sstream>

#include "interdict/graph.h"

namespace interdict {
namespace {

using json = nlohmann::ordered_json;

json BasisJson(const NetworkNode& node) {
  json out = json::object();
  for (int r = 0; r < kRegimeCount; ++r) {
    out[std::string(RegimeName(static_cast<Regime>(r)))] = BasisName(node.basis[r]);
  }
  return out;
}

std::string ShareLabel(const NetworkEdge& edge) {
  if (!edge.share_min && !edge.share_max) return "";
  std::ostringstream out;
  if (edge.share_min && edge.share_max && *edge.share_min == *edge.share_max) {
    out << *edge.share_min << "%";
  } else {
    out << (edge.share_min ? *edge.share_min : 0) << "-" << (edge.share_max ? *edge.share_max : 100)
        << "%";
  }
  return out.str();
}

// Escapes text for a double-quoted DOT string or an XML attribute/text.
std::string Escape(std::string_view text, bool xml) {
  std::string out;
  for (char c : text) {
    if (xml && c == '&')
      out += "&amp;";
    else if (xml && c == '<')
      out += "&lt;";
    else if (xml && c == '>')
      out += "&gt;";
    else if (xml && c == '"')
      out += "&quot;";
    else if (!xml && (c == '"' || c == '\\'))
      out += std::string("\\") + c;
    else if (!xml && c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

std::string EdgeLabel(const NetworkEdge& edge) {
  std::string label(RelationTypeName(edge.type));
  const std::string share = ShareLabel(edge);
  if (!share.empty()) label += " " + share;
  if (!edge.current) label += " (ended)";
  return label;
}

}  // namespace

std::string NeighbourhoodToJson(const Neighbourhood& hood, int indent) {
  json out = {{"center", hood.center}, {"depth", hood.depth}};
  json nodes = json::array();
  for (const NetworkNode& node : hood.nodes) {
    nodes.push_back(
        {{"id", node.id}, {"name", node.name}, {"list", node.list}, {"basis", BasisJson(node)}});
  }
  json edges = json::array();
  for (const NetworkEdge& edge : hood.edges) {
    json e = {{"from", edge.from}, {"to", edge.to}, {"type", RelationTypeName(edge.type)}};
    if (edge.share_min) e["share_min"] = *edge.share_min;
    if (edge.share_max) e["share_max"] = *edge.share_max;
    if (!edge.role.empty()) e["role"] = edge.role;
    if (!edge.source.empty()) e["source"] = edge.source;
    e["current"] = edge.current;
    edges.push_back(std::move(e));
  }
  out["nodes"] = std::move(nodes);
  out["edges"] = std::move(edges);
  return out.dump(indent, ' ', false, json::error_handler_t::replace);
}

std::string NeighbourhoodToDot(const Neighbourhood& hood) {
  std::ostringstream out;
  out << "digraph network {\n  rankdir=LR;\n";
  for (const NetworkNode& node : hood.nodes) {
    const Basis basis = node.basis[0];
    const char* color = basis == Basis::kListed                                     ? "red"
                        : basis == Basis::kOwned || basis == Basis::kControlled     ? "orange"
                        : basis == Basis::kPossiblyOwned || basis == Basis::kLinked ? "gold"
                                                                                    : "gray";
    out << "  \"" << Escape(node.id, false) << "\" [label=\"" << Escape(node.name, false) << "\\n"
        << Escape(node.id, false) << "\\nOFAC " << BasisName(node.basis[0]) << ", EU "
        << BasisName(node.basis[1]) << ", UK " << BasisName(node.basis[2]) << "\", color=" << color
        << (node.id == hood.center ? ", penwidth=3" : "") << "];\n";
  }
  for (const NetworkEdge& edge : hood.edges) {
    out << "  \"" << Escape(edge.from, false) << "\" -> \"" << Escape(edge.to, false)
        << "\" [label=\"" << Escape(EdgeLabel(edge), false) << "\""
        << (edge.current ? "" : ", style=dashed") << "];\n";
  }
  out << "}\n";
  return out.str();
}

std::string NeighbourhoodToGraphml(const Neighbourhood& hood) {
  std::ostringstream out;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
         "  <key id=\"name\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>\n"
         "  <key id=\"list\" for=\"node\" attr.name=\"list\" attr.type=\"string\"/>\n";
  for (int r = 0; r < kRegimeCount; ++r) {
    const std::string_view name = RegimeName(static_cast<Regime>(r));
    out << "  <key id=\"basis_" << name << "\" for=\"node\" attr.name=\"basis_" << name
        << "\" attr.type=\"string\"/>\n";
  }
  out << "  <key id=\"type\" for=\"edge\" attr.name=\"type\" attr.type=\"string\"/>\n"
         "  <key id=\"share\" for=\"edge\" attr.name=\"share\" attr.type=\"string\"/>\n"
         "  <key id=\"current\" for=\"edge\" attr.name=\"current\" attr.type=\"boolean\"/>\n"
         "  <graph id=\"network\" edgedefault=\"directed\">\n";
  for (const NetworkNode& node : hood.nodes) {
    out << "    <node id=\"" << Escape(node.id, true) << "\"><data key=\"name\">"
        << Escape(node.name, true) << "</data><data key=\"list\">" << Escape(node.list, true)
        << "</data>";
    for (int r = 0; r < kRegimeCount; ++r) {
      out << "<data key=\"basis_" << RegimeName(static_cast<Regime>(r)) << "\">"
          << BasisName(node.basis[r]) << "</data>";
    }
    out << "</node>\n";
  }
  for (const NetworkEdge& edge : hood.edges) {
    out << "    <edge source=\"" << Escape(edge.from, true) << "\" target=\""
        << Escape(edge.to, true) << "\"><data key=\"type\">" << RelationTypeName(edge.type)
        << "</data><data key=\"share\">" << ShareLabel(edge) << "</data><data key=\"current\">"
        << (edge.current ? "true" : "false") << "</data></edge>\n";
  }
  out << "  </graph>\n</graphml>\n";
  return out.str();
}

std::string DerivationToJson(const Derivation& d) {
  json holdings = json::array();
  for (const Holding& h : d.holdings) {
    json j = {{"owner_id", h.owner_id},
              {"owner_name", h.owner_name},
              {"owner_basis", BasisName(h.owner_basis)}};
    if (h.control) {
      j["control"] = true;
    } else {
      j["share_min"] = h.share_min;
      j["share_max"] = h.share_max;
    }
    if (h.unknown_party) j["unknown_party"] = true;
    if (!h.source.empty()) j["source"] = h.source;
    holdings.push_back(std::move(j));
  }
  json path = json::array();
  for (const PathStep& step : d.path) {
    path.push_back({{"id", step.id}, {"name", step.name}, {"relation", step.relation}});
  }
  json out = {{"id", d.entity_id},
              {"name", d.entity_name},
              {"regime", RegimeName(d.regime)},
              {"basis", BasisName(d.basis)},
              {"aggregate_min", d.aggregate_min},
              {"aggregate_max", d.aggregate_max},
              {"holdings", std::move(holdings)},
              {"path", std::move(path)},
              {"rule", d.rule},
              {"explanation", d.explanation}};
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string DerivationsToCsv(const std::vector<Derivation>& derivations) {
  auto quote = [](std::string_view text) {
    std::string out = "\"";
    for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
  };
  std::ostringstream out;
  out << "id,name,regime,basis,aggregate_min,aggregate_max,holders,path,explanation\n";
  for (const Derivation& d : derivations) {
    std::string holders, path;
    for (const Holding& h : d.holdings) {
      holders += (holders.empty() ? "" : "; ") + (h.unknown_party ? "unnamed" : h.owner_id);
    }
    for (const PathStep& step : d.path) path += (path.empty() ? "" : " > ") + step.id;
    out << quote(d.entity_id) << "," << quote(d.entity_name) << "," << RegimeName(d.regime) << ","
        << BasisName(d.basis) << "," << d.aggregate_min << "," << d.aggregate_max << ","
        << quote(holders) << "," << quote(path) << "," << quote(d.explanation) << "\n";
  }
  return out.str();
}

}  // namespace interdict
