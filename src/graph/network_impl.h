// Network's state: the graph, one dense propagation per bound for the
// aggregating regimes (OFAC, EU) and per-person results for the UK rule.
// Shared by network.cpp (building, updates) and explain.cpp (queries).
#ifndef INTERDICT_GRAPH_NETWORK_IMPL_H_
#define INTERDICT_GRAPH_NETWORK_IMPL_H_

#include <memory>
#include <unordered_map>
#include <vector>

#include "graph/graph_data.h"
#include "graph/propagation.h"
#include "interdict/graph.h"

namespace interdict::graph {

// A node the UK rule derives from one designated person (or one group of
// persons under a joint arrangement), identified by the group's first member.
struct UkHit {
  NodeId group = kNoNode;
  bool definite = true;  // false: possibly owned
  State state = State::kOwned;
  float held_min = 0;
  float held_max = 0;
  NodeId parent = kNoNode;
  std::vector<EdgeId> edges;  // the counted ownership / control edges into the node
};

}  // namespace interdict::graph

namespace interdict {

struct Network::Impl {
  explicit Impl(NetworkOptions opts);

  NetworkOptions options;
  graph::Graph graph;
  bool finished = false;
  // Dense propagations for the aggregating regimes, indexed by regime.
  std::unique_ptr<graph::Propagation> certain[kRegimeCount];
  std::unique_ptr<graph::Propagation> possible[kRegimeCount];
  // UK: groups of designated persons (joint arrangements), their results.
  std::vector<graph::NodeId> group_of;  // listed node -> group id, else kNoNode
  std::unordered_map<graph::NodeId, std::vector<graph::NodeId>> members;
  // Results of the non-aggregating regimes, by regime: hits by node, and
  // the nodes each group derives.
  std::unordered_map<graph::NodeId, std::vector<graph::UkHit>> uk_hits[kRegimeCount];
  std::unordered_map<graph::NodeId, std::vector<graph::NodeId>> group_nodes[kRegimeCount];

  bool Aggregates(Regime regime) const { return options.rules[static_cast<int>(regime)].aggregate; }
  void ResizeAll();
  void RunAll();
  // UK-style rules: one run per group, from its members only.
  void BuildGroups();
  void RunGroup(Regime regime, graph::NodeId group);
  void DropGroup(Regime regime, graph::NodeId group);
  // Applies a change: edges whose holdings changed (their `to` nodes are
  // recomputed), and a node whose listing changed.
  void Update(const std::vector<graph::EdgeId>& changed, graph::NodeId node, bool was_listed);
};

}  // namespace interdict

#endif  // INTERDICT_GRAPH_NETWORK_IMPL_H_
