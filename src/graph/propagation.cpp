#include "graph/propagation.h"

#include <algorithm>

namespace interdict::graph {
namespace {

// Shares are floats from the data; sums such as 16.7 + 33.3 must still meet
// 50, and 49.9 must not.
constexpr double kEpsilon = 1e-4;

bool Counts(const Edge& edge) noexcept { return !edge.removed && edge.current; }

}  // namespace

void Propagation::Resize() {
  const std::size_t n = graph_.size();
  state_.resize(n, State::kNone);
  held_.resize(n, 0.0);
  parent_.resize(n, kNoNode);
  is_touched_.resize(n, 0);
  rank_.resize(n, 0);
  support_.resize(n, 0.0);
}

void Propagation::Clear() {
  for (NodeId node : touched_) {
    state_[node] = State::kNone;
    held_[node] = 0;
    parent_[node] = kNoNode;
    is_touched_[node] = 0;
  }
  touched_.clear();
}

bool Propagation::Meets(double held) const noexcept {
  return rule_.inclusive ? held >= rule_.threshold - kEpsilon : held > rule_.threshold + kEpsilon;
}

void Propagation::Touch(NodeId node) {
  if (is_touched_[node]) return;
  is_touched_[node] = 1;
  touched_.push_back(node);
}

// Everything counted in held_ comes from nodes blocked earlier, so at this
// moment held_ is exactly the node's support.
void Propagation::Block(NodeId node, State state, NodeId parent) {
  Touch(node);
  state_[node] = state;
  parent_[node] = parent;
  rank_[node] = next_rank_++;
  support_[node] = held_[node];
  worklist_.push_back(node);
}

// At the upper bound, unnamed holders may be blocked persons too, but only
// an entity some blocked node holds is considered at all.
bool Propagation::Enough(NodeId node, double held) const noexcept {
  if (Meets(held)) return true;
  if (bound_ == Bound::kMin || held <= kEpsilon) return false;
  double unnamed = 0;
  for (EdgeId id : graph_.node(node).in) {
    const Edge& edge = graph_.edge(id);
    if (edge.from == kNoNode && edge.kind == EdgeKind::kOwnership && Counts(edge)) {
      unnamed += edge.count_max;
    }
  }
  return Meets(std::min(100.0, held + unnamed));
}

NodeId Propagation::BlockedController(NodeId node, std::uint64_t below) const noexcept {
  if (!rule_.control) return kNoNode;
  for (EdgeId id : graph_.node(node).in) {
    const Edge& edge = graph_.edge(id);
    if (edge.kind == EdgeKind::kControl && Counts(edge) && edge.from != kNoNode &&
        blocked(edge.from) && rank_[edge.from] < below) {
      return edge.from;
    }
  }
  return kNoNode;
}

NodeId Propagation::LargestBlockedHolder(NodeId node, std::uint64_t below) const noexcept {
  NodeId best = kNoNode;
  float best_share = -1;
  for (EdgeId id : graph_.node(node).in) {
    const Edge& edge = graph_.edge(id);
    if (edge.kind != EdgeKind::kOwnership || !Counts(edge) || edge.from == kNoNode) continue;
    if (blocked(edge.from) && rank_[edge.from] < below && Count(edge) > best_share) {
      best = edge.from;
      best_share = Count(edge);
    }
  }
  return best;
}

double Propagation::HeldBelow(NodeId node, std::uint64_t below) const noexcept {
  double held = 0;
  for (EdgeId id : graph_.node(node).in) {
    const Edge& edge = graph_.edge(id);
    if (edge.kind == EdgeKind::kOwnership && Counts(edge) && edge.from != kNoNode &&
        blocked(edge.from) && rank_[edge.from] < below) {
      held += Count(edge);
    }
  }
  return held;
}

bool Propagation::Supported(NodeId node,
                            const std::function<bool(NodeId)>& is_seed) const noexcept {
  return is_seed(node) || Enough(node, support_[node]) ||
         BlockedController(node, rank_[node]) != kNoNode;
}

void Propagation::Seed(NodeId node) {
  if (state_[node] == State::kSeed) return;
  if (state_[node] != State::kNone) {  // already blocked: its holdings are counted
    state_[node] = State::kSeed;
    parent_[node] = kNoNode;
    return;
  }
  Block(node, State::kSeed, kNoNode);
  Drain();
}

void Propagation::Drain() {
  while (!worklist_.empty()) {
    const NodeId holder = worklist_.back();
    worklist_.pop_back();
    for (EdgeId id : graph_.node(holder).out) {
      const Edge& edge = graph_.edge(id);
      if (!Counts(edge)) continue;
      const NodeId asset = edge.to;
      if (edge.kind == EdgeKind::kOwnership) {
        Touch(asset);
        held_[asset] += Count(edge);
        if (state_[asset] == State::kNone && OwnedEnough(asset)) {
          Block(asset, State::kOwned, holder);
        } else if (state_[asset] == State::kControlled && OwnedEnough(asset)) {
          // Already propagated; ownership is the stronger, order-free basis.
          // The parent stays the controller, ranked below: paths follow
          // ranks down, so they never loop.
          state_[asset] = State::kOwned;
        }
      } else if (edge.kind == EdgeKind::kControl && rule_.control &&
                 state_[asset] == State::kNone) {
        Block(asset, State::kControlled, holder);
      }
    }
  }
}

// Unblocks `node` and takes its holdings back; assets ranked above it that
// lose their support go on `stack` to be unblocked in turn.
void Propagation::Unblock(NodeId node, const std::function<bool(NodeId)>& is_seed,
                          std::vector<NodeId>& stack) {
  Touch(node);
  state_[node] = State::kNone;
  parent_[node] = kNoNode;
  const std::uint64_t rank = rank_[node];
  for (EdgeId id : graph_.node(node).out) {
    const Edge& edge = graph_.edge(id);
    if (!Counts(edge)) continue;
    const NodeId asset = edge.to;
    if (edge.kind == EdgeKind::kOwnership) {
      Touch(asset);
      held_[asset] = std::max(0.0, held_[asset] - Count(edge));
      if (blocked(asset) && rank_[asset] > rank) support_[asset] -= Count(edge);
    } else if (edge.kind != EdgeKind::kControl || !rule_.control) {
      continue;
    }
    if (!blocked(asset) || state_[asset] == State::kSeed) continue;
    if (rank_[asset] < rank) {
      // Blocked before `node`, so not by it; but a controlled node that
      // `node`'s holding had upgraded to owned is controlled again.
      if (state_[asset] == State::kOwned && !OwnedEnough(asset)) {
        state_[asset] = State::kControlled;
      }
      continue;
    }
    if (!Supported(asset, is_seed)) {
      stack.push_back(asset);
      continue;
    }
    // Still blocked: perhaps now only by control, or by another holder.
    if (state_[asset] == State::kOwned && !OwnedEnough(asset)) state_[asset] = State::kControlled;
    if (parent_[asset] == node) {
      const NodeId parent = Enough(asset, support_[asset])
                                ? LargestBlockedHolder(asset, rank_[asset])
                                : BlockedController(asset, rank_[asset]);
      parent_[asset] = parent;
    }
  }
}

void Propagation::Recompute(const std::vector<NodeId>& starts,
                            const std::function<bool(NodeId)>& is_seed) {
  // Delete: the starts' holdings and support from the graph as it is now;
  // unblock those no longer supported, and what only they supported.
  std::vector<NodeId> stack;
  for (NodeId node : starts) {
    Touch(node);
    held_[node] = HeldBelow(node, kNoRank);
    if (!blocked(node)) continue;
    support_[node] = HeldBelow(node, rank_[node]);
    if (is_seed(node)) {
      state_[node] = State::kSeed;
      parent_[node] = kNoNode;
    } else if (!Supported(node, is_seed)) {
      stack.push_back(node);
    } else {  // still blocked, perhaps no longer as a seed or by the same holder
      const bool owned = Enough(node, support_[node]);
      state_[node] = OwnedEnough(node) ? State::kOwned : State::kControlled;
      parent_[node] =
          owned ? LargestBlockedHolder(node, rank_[node]) : BlockedController(node, rank_[node]);
    }
  }
  std::vector<NodeId> lost;
  while (!stack.empty()) {
    const NodeId node = stack.back();
    stack.pop_back();
    if (!blocked(node)) continue;
    Unblock(node, is_seed, stack);
    lost.push_back(node);
  }
  // Re-derive: what is still blocked is well-founded, so only the lost
  // nodes and the starts can be blocked again, and Drain() carries it on.
  lost.insert(lost.end(), starts.begin(), starts.end());
  for (NodeId node : lost) {
    if (blocked(node)) continue;
    if (is_seed(node)) {
      Block(node, State::kSeed, kNoNode);
    } else if (OwnedEnough(node)) {
      Block(node, State::kOwned, LargestBlockedHolder(node, kNoRank));
    } else if (NodeId controller = BlockedController(node, kNoRank); controller != kNoNode) {
      Block(node, State::kControlled, controller);
    }
  }
  Drain();
}

}  // namespace interdict::graph
