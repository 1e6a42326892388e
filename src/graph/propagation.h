// One ownership rule propagated over the graph to its least fixpoint.
//
// A node is blocked when it is a seed, when the holdings of blocked nodes in
// it meet the rule's threshold, or (rules with `control`) when a blocked node
// controls it. Blocking only ever adds holdings, so a worklist from the seeds
// reaches the least fixpoint in O(edges reached) and terminates on cycles: a
// ring of companies owning each other is blocked only if something outside
// the ring pushes it over the threshold.
//
// Bound::kMin counts stated shares at their lower bound (unknown = 0): what
// is certainly owned. Bound::kMax counts upper bounds (unknown = 100) and
// unnamed holders as possibly blocked: what may be owned.
//
// Updates: Seed() is monotone and only walks what the new seed reaches.
// Recompute() handles removals (delistings, dropped edges, share changes)
// without walking everything downstream: each blocked node keeps the rank
// at which it was blocked and its *support*, the holdings of blocked nodes
// ranked below it. Support is well-founded (it never runs through a cycle),
// so a node keeps its state while its support still meets the rule, and only
// nodes whose support fails are unblocked and then re-derived from what is
// still blocked (delete and re-derive, cut off by rank). A delisting costs
// the nodes whose support actually depended on the delisted one.
#ifndef INTERDICT_GRAPH_PROPAGATION_H_
#define INTERDICT_GRAPH_PROPAGATION_H_

#include <cstdint>
#include <functional>
#include <vector>

#include "graph/graph_data.h"
#include "interdict/graph.h"

namespace interdict::graph {

enum class Bound : std::uint8_t { kMin, kMax };

enum class State : std::uint8_t { kNone = 0, kSeed, kOwned, kControlled };

class Propagation {
 public:
  Propagation(const Graph& graph, OwnershipRule rule, Bound bound)
      : graph_(graph), rule_(std::move(rule)), bound_(bound) {}

  // Grows the per-node state to the graph's size (new nodes are unblocked).
  void Resize();
  // Forgets every result; costs the number of nodes touched since.
  void Clear();

  // Makes `node` a seed and propagates what it newly blocks.
  void Seed(NodeId node);
  // Re-derives the state of `starts` (nodes whose listing or incoming edges
  // changed) and of whatever depended on them, from the graph as it is now;
  // `is_seed` says which nodes are seeds.
  void Recompute(const std::vector<NodeId>& starts, const std::function<bool(NodeId)>& is_seed);

  State state(NodeId node) const noexcept { return state_[node]; }
  bool blocked(NodeId node) const noexcept { return state_[node] != State::kNone; }
  // Percent held in `node` by blocked nodes, counted at this bound.
  double held(NodeId node) const noexcept { return held_[node]; }
  // The blocked node whose holding or control blocked this one.
  NodeId parent(NodeId node) const noexcept { return parent_[node]; }
  // Nodes whose state or holdings changed since Clear().
  const std::vector<NodeId>& touched() const noexcept { return touched_; }
  const OwnershipRule& rule() const noexcept { return rule_; }
  Bound bound() const noexcept { return bound_; }

  // The share an edge counts for at this bound.
  float Count(const Edge& edge) const noexcept {
    return bound_ == Bound::kMin ? edge.count_min : edge.count_max;
  }
  // Whether `held` percent meets the rule's threshold.
  bool Meets(double held) const noexcept;

 private:
  void Touch(NodeId node);
  void Block(NodeId node, State state, NodeId parent);
  // Whether `held` percent (plus, at the upper bound, unnamed holders of
  // `node`) meets the threshold.
  bool Enough(NodeId node, double held) const noexcept;
  bool OwnedEnough(NodeId node) const noexcept { return Enough(node, held_[node]); }
  // Blocked holders / controllers ranked below `below` (kNoRank: any).
  NodeId BlockedController(NodeId node, std::uint64_t below) const noexcept;
  NodeId LargestBlockedHolder(NodeId node, std::uint64_t below) const noexcept;
  // Holdings in `node` of blocked nodes ranked below `below`.
  double HeldBelow(NodeId node, std::uint64_t below) const noexcept;
  bool Supported(NodeId node, const std::function<bool(NodeId)>& is_seed) const noexcept;
  void Unblock(NodeId node, const std::function<bool(NodeId)>& is_seed, std::vector<NodeId>& stack);
  void Drain();

  static constexpr std::uint64_t kNoRank = ~std::uint64_t{0};

  const Graph& graph_;
  OwnershipRule rule_;
  Bound bound_;
  std::vector<State> state_;
  std::vector<double> held_;
  std::vector<NodeId> parent_;
  std::vector<std::uint8_t> is_touched_;
  std::vector<NodeId> touched_;
  std::vector<NodeId> worklist_;
  // Blocked nodes: the order in which they were blocked, and the holdings of
  // blocked nodes ranked below them (what keeps them blocked).
  std::vector<std::uint64_t> rank_;
  std::vector<double> support_;
  std::uint64_t next_rank_ = 0;
};

}  // namespace interdict::graph

#endif  // INTERDICT_GRAPH_PROPAGATION_H_
