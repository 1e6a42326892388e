// The relation graph's storage: compact node ids, one edge per relation in a
// canonical direction (owner -> asset, controller -> controlled, person ->
// organisation), and per-node adjacency in both directions.
//
// Edges are never erased, only marked removed, so EdgeIds stay valid for the
// incremental propagation. Not thread-safe; owned by Network::Impl.
#ifndef INTERDICT_GRAPH_GRAPH_DATA_H_
#define INTERDICT_GRAPH_GRAPH_DATA_H_

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "interdict/entity.h"

namespace interdict::graph {

using NodeId = std::uint32_t;
using EdgeId = std::uint32_t;
inline constexpr NodeId kNoNode = std::numeric_limits<NodeId>::max();

// What an edge means to the propagation.
enum class EdgeKind : std::uint8_t {
  kOwnership,  // shares: counts towards the 50% rules
  kControl,    // control other than by shares (EU, UK)
  kJoint,      // a joint arrangement between two holders (UK aggregation)
  kLink,       // everything else: only for linked-to discovery
};

struct Edge {
  NodeId from = kNoNode;  // kNoNode: a party the data does not name
  NodeId to = kNoNode;
  NodeId carrier = kNoNode;  // the entity whose record holds the relation
  std::uint32_t info = 0;    // index into Graph::infos(), 0 = none
  float share_min = -1;      // as stated; < 0 when not stated
  float share_max = -1;
  // What the propagation counts: unknown bounds filled in (0 and 100), and
  // both 0 on a repeat of an owner -> asset pair (see Graph::Rebalance).
  float count_min = 0;
  float count_max = 0;
  RelationType type = RelationType::kLinkedTo;  // never kOwnedBy / kControlledBy
  EdgeKind kind = EdgeKind::kLink;
  bool current = true;  // false: ended before, or starts after, the as-of date
  bool removed = false;
};

struct EdgeInfo {
  std::string role;
  std::string source;
  std::string target_name;  // for unnamed parties
};

struct Node {
  std::string id;
  std::string name;
  std::string list;
  bool listed = false;
  std::vector<EdgeId> out;      // edges from this node
  std::vector<EdgeId> in;       // edges to this node
  std::vector<EdgeId> carried;  // edges this node's record holds
};

class Graph {
 public:
  // The node for `id`, created (unlisted, unnamed) when absent.
  NodeId Intern(std::string_view id);
  NodeId Find(std::string_view id) const noexcept;

  // Adds the relation held by `carrier`'s record. `as_of` decides whether it
  // is current. Returns the edge, or kNoNode for a relation to itself.
  EdgeId AddRelation(NodeId carrier, const Relation& relation, const PartialDate& as_of);
  void RemoveEdge(EdgeId edge);

  // Recomputes count_min/count_max of the current ownership edges from
  // `from` to `to`: several records of one pair describe one holding, so
  // only the first counts, with the largest stated bounds (a stated share
  // beats an unstated one).
  void Rebalance(NodeId from, NodeId to);

  std::size_t size() const noexcept { return nodes_.size(); }
  Node& node(NodeId id) { return nodes_[id]; }
  const Node& node(NodeId id) const { return nodes_[id]; }
  const Edge& edge(EdgeId id) const { return edges_[id]; }
  std::size_t edge_count() const noexcept { return edges_.size(); }
  const EdgeInfo& info(const Edge& edge) const { return infos_[edge.info]; }

  void Reserve(std::size_t nodes, std::size_t edges);

 private:
  std::vector<Node> nodes_;
  std::vector<Edge> edges_;
  std::vector<EdgeInfo> infos_ = {EdgeInfo{}};
  std::unordered_map<std::string, NodeId> by_id_;
};

// True when a relation with these dates is in force on `as_of`. A partial
// end date ("2023") runs to the end of its period.
bool IsCurrent(const DateValue& start, const DateValue& end, const PartialDate& as_of) noexcept;

// The share of an edge as text: "51%", "25-50%", "unknown share".
std::string ShareText(float share_min, float share_max);

}  // namespace interdict::graph

#endif  // INTERDICT_GRAPH_GRAPH_DATA_H_
