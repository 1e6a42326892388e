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
// Recompute() re-derives the region downstream of changed nodes (edge
// removals, delistings, share changes) and leaves the rest untouched.
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
  // Re-derives everything downstream of `starts` from the graph as it is
  // now; `is_seed` says which nodes are seeds.
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
  bool OwnedEnough(NodeId node) const noexcept;
  NodeId BlockedController(NodeId node) const noexcept;
  NodeId LargestBlockedHolder(NodeId node) const noexcept;
  void Drain();

  const Graph& graph_;
  OwnershipRule rule_;
  Bound bound_;
  std::vector<State> state_;
  std::vector<double> held_;
  std::vector<NodeId> parent_;
  std::vector<std::uint8_t> is_touched_;
  std::vector<NodeId> touched_;
  std::vector<NodeId> worklist_;
  std::vector<std::uint32_t> mark_;  // == epoch_: in the region being recomputed
  std::uint32_t epoch_ = 0;
};

}  // namespace interdict::graph

#endif  // INTERDICT_GRAPH_PROPAGATION_H_
