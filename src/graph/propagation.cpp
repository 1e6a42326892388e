#include "graph/propagation.h"

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
  mark_.resize(n, 0);
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

void Propagation::Block(NodeId node, State state, NodeId parent) {
  Touch(node);
  state_[node] = state;
  parent_[node] = parent;
  worklist_.push_back(node);
}

// At the upper bound, unnamed holders may be blocked persons too, but only
// an entity some blocked node holds is considered at all.
bool Propagation::OwnedEnough(NodeId node) const noexcept {
  const double held = held_[node];
  if (Meets(held)) return true;
  if (bound_ == Bound::kMin || held <= 0) return false;
  double unnamed = 0;
  for (EdgeId id : graph_.node(node).in) {
    const Edge& edge = graph_.edge(id);
    if (edge.from == kNoNode && edge.kind == EdgeKind::kOwnership && Counts(edge)) {
      unnamed += edge.count_max;
    }
  }
  return Meets(std::min(100.0, held + unnamed));
}

NodeId Propagation::BlockedController(NodeId node) const noexcept {
  if (!rule_.control) return kNoNode;
  for (EdgeId id : graph_.node(node).in) {
    const Edge& edge = graph_.edge(id);
    if (edge.kind == EdgeKind::kControl && Counts(edge) && edge.from != kNoNode &&
        blocked(edge.from)) {
      return edge.from;
    }
  }
  return kNoNode;
}

NodeId Propagation::LargestBlockedHolder(NodeId node) const noexcept {
  NodeId best = kNoNode;
  float best_share = -1;
  for (EdgeId id : graph_.node(node).in) {
    const Edge& edge = graph_.edge(id);
    if (edge.kind != EdgeKind::kOwnership || !Counts(edge) || edge.from == kNoNode) continue;
    if (blocked(edge.from) && Count(edge) > best_share) {
      best = edge.from;
      best_share = Count(edge);
    }
  }
  return best;
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
          state_[asset] = State::kOwned;
          parent_[asset] = holder;
        }
      } else if (edge.kind == EdgeKind::kControl && rule_.control &&
                 state_[asset] == State::kNone) {
        Block(asset, State::kControlled, holder);
      }
    }
  }
}

void Propagation::Recompute(const std::vector<NodeId>& starts,
                            const std::function<bool(NodeId)>& is_seed) {
  if (++epoch_ == 0) {  // wrapped: old marks could collide
    std::fill(mark_.begin(), mark_.end(), 0);
    epoch_ = 1;
  }
  // The region: the starts and every derived node downstream of them.
  std::vector<NodeId> region;
  std::vector<NodeId> stack(starts.begin(), starts.end());
  while (!stack.empty()) {
    const NodeId node = stack.back();
    stack.pop_back();
    if (mark_[node] == epoch_) continue;
    mark_[node] = epoch_;
    region.push_back(node);
    for (EdgeId id : graph_.node(node).out) {
      const NodeId next = graph_.edge(id).to;
      const State s = state_[next];
      if (mark_[next] != epoch_ && (s == State::kOwned || s == State::kControlled)) {
        stack.push_back(next);
      }
    }
  }
  for (NodeId node : region) {
    Touch(node);
    state_[node] = State::kNone;
    parent_[node] = kNoNode;
  }
  // Holdings in the region and just below it, from what is blocked now.
  std::vector<NodeId> recount = region;
  for (NodeId node : region) {
    for (EdgeId id : graph_.node(node).out) {
      const NodeId next = graph_.edge(id).to;
      if (mark_[next] != epoch_) {
        mark_[next] = epoch_;
        recount.push_back(next);
      }
    }
  }
  for (NodeId node : recount) {
    double held = 0;
    for (EdgeId id : graph_.node(node).in) {
      const Edge& edge = graph_.edge(id);
      if (edge.kind == EdgeKind::kOwnership && Counts(edge) && edge.from != kNoNode &&
          blocked(edge.from)) {
        held += Count(edge);
      }
    }
    Touch(node);
    held_[node] = held;
  }
  for (NodeId node : region) {
    if (is_seed(node)) {
      Block(node, State::kSeed, kNoNode);
    } else if (OwnedEnough(node)) {
      Block(node, State::kOwned, LargestBlockedHolder(node));
    } else if (NodeId controller = BlockedController(node); controller != kNoNode) {
      Block(node, State::kControlled, controller);
    }
  }
  Drain();
}

}  // namespace interdict::graph
