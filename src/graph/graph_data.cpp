#include "graph/graph_data.h"

#include <algorithm>
#include <cstdio>
#include <tuple>

namespace interdict::graph {
namespace {

// A date as a comparable number; missing parts become the start (or end)
// of their period.
int DateKey(const PartialDate& date, bool end_of_period) noexcept {
  const int month = date.month != 0 ? date.month : (end_of_period ? 12 : 1);
  const int day = date.day != 0 ? date.day : (end_of_period ? 31 : 1);
  return date.year * 10000 + month * 100 + day;
}

bool ContainsJointArrangement(std::string_view role) noexcept {
  static constexpr std::string_view kWord = "joint";
  if (role.size() < kWord.size()) return false;
  for (std::size_t i = 0; i + kWord.size() <= role.size(); ++i) {
    bool match = true;
    for (std::size_t j = 0; j < kWord.size() && match; ++j) {
      char c = role[i + j];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      match = c == kWord[j];
    }
    if (match) return true;
  }
  return false;
}

EdgeKind KindOf(RelationType type, std::string_view role) noexcept {
  switch (type) {
    case RelationType::kOwnerOf:
    case RelationType::kOwnedBy:
      return EdgeKind::kOwnership;
    case RelationType::kControls:
    case RelationType::kControlledBy:
      return EdgeKind::kControl;
    case RelationType::kAssociate:
    case RelationType::kLinkedTo:
      return ContainsJointArrangement(role) ? EdgeKind::kJoint : EdgeKind::kLink;
    default:
      return EdgeKind::kLink;
  }
}

float Stated(const std::optional<double>& share) noexcept {
  return share ? static_cast<float>(std::clamp(*share, 0.0, 100.0)) : -1.0f;
}

}  // namespace

bool IsCurrent(const DateValue& start, const DateValue& end, const PartialDate& as_of) noexcept {
  const int today = DateKey(as_of, false);
  if (!start.from.empty() && DateKey(start.from, false) > today) return false;
  const PartialDate& last = end.to.empty() ? end.from : end.to;
  if (!last.empty() && DateKey(last, true) < today) return false;
  return true;
}

std::string ShareText(float share_min, float share_max) {
  char buffer[64];
  if (share_min < 0 && share_max < 0) return "unknown share";
  if (share_min < 0) {
    std::snprintf(buffer, sizeof buffer, "up to %g%%", share_max);
  } else if (share_max < 0) {
    std::snprintf(buffer, sizeof buffer, "at least %g%%", share_min);
  } else if (share_min == share_max) {
    std::snprintf(buffer, sizeof buffer, "%g%%", share_min);
  } else {
    std::snprintf(buffer, sizeof buffer, "%g-%g%%", share_min, share_max);
  }
  return buffer;
}

void Graph::Reserve(std::size_t nodes, std::size_t edges) {
  nodes_.reserve(nodes);
  edges_.reserve(edges);
  by_id_.reserve(nodes);
}

NodeId Graph::Intern(std::string_view id) {
  auto [it, inserted] = by_id_.try_emplace(std::string(id), static_cast<NodeId>(nodes_.size()));
  if (inserted) {
    Node node;
    node.id = std::string(id);
    nodes_.push_back(std::move(node));
  }
  return it->second;
}

NodeId Graph::Find(std::string_view id) const noexcept {
  auto it = by_id_.find(std::string(id));
  return it == by_id_.end() ? kNoNode : it->second;
}

EdgeId Graph::AddRelation(NodeId carrier, const Relation& relation, const PartialDate& as_of) {
  const RelationType type = relation.type;
  const bool reversed = type == RelationType::kOwnedBy || type == RelationType::kControlledBy;
  const NodeId other = relation.target.empty() ? kNoNode : Intern(relation.target);
  if (other == carrier) return kNoNode;
  // Only an unnamed holder is kept: an unnamed asset or contact says nothing.
  if (other == kNoNode && !reversed) return kNoNode;
  Edge edge;
  edge.from = reversed ? other : carrier;
  edge.to = reversed ? carrier : other;
  edge.carrier = carrier;
  edge.type = type == RelationType::kOwnedBy        ? RelationType::kOwnerOf
              : type == RelationType::kControlledBy ? RelationType::kControls
                                                    : type;
  edge.kind = KindOf(type, relation.role);
  edge.share_min = Stated(relation.share_min);
  edge.share_max = Stated(relation.share_max);
  if (edge.share_min > edge.share_max && edge.share_max >= 0)
    std::swap(edge.share_min, edge.share_max);
  edge.current = IsCurrent(relation.start, relation.end, as_of);
  if (!relation.role.empty() || !relation.source.empty() || other == kNoNode) {
    edge.info = static_cast<std::uint32_t>(infos_.size());
    infos_.push_back({relation.role, relation.source, relation.target_name});
  }
  const EdgeId id = static_cast<EdgeId>(edges_.size());
  edges_.push_back(edge);
  if (edge.from != kNoNode) nodes_[edge.from].out.push_back(id);
  nodes_[edge.to].in.push_back(id);
  nodes_[carrier].carried.push_back(id);
  if (edge.kind == EdgeKind::kOwnership) Rebalance(edge.from, edge.to);
  return id;
}

void Graph::RemoveEdge(EdgeId id) {
  Edge& edge = edges_[id];
  if (edge.removed) return;
  edge.removed = true;
  auto erase = [id](std::vector<EdgeId>& list) {
    list.erase(std::remove(list.begin(), list.end(), id), list.end());
  };
  if (edge.from != kNoNode) erase(nodes_[edge.from].out);
  erase(nodes_[edge.to].in);
  erase(nodes_[edge.carrier].carried);
  if (edge.kind == EdgeKind::kOwnership) Rebalance(edge.from, edge.to);
}

void Graph::Rebalance(NodeId from, NodeId to) {
  bool any_stated = false;
  float best_min = 0, best_max = 0;
  Edge* first = nullptr;
  for (EdgeId id : nodes_[to].in) {
    Edge& edge = edges_[id];
    if (edge.kind != EdgeKind::kOwnership || edge.from != from) continue;
    const float low = edge.share_min >= 0 ? edge.share_min : 0;
    const float high = edge.share_max >= 0 ? edge.share_max : 100;
    edge.count_min = edge.count_max = 0;
    if (!edge.current) continue;
    // Unnamed holders are distinct parties: each counts on its own.
    if (from == kNoNode) {
      edge.count_min = low;
      edge.count_max = high;
      continue;
    }
    const bool stated = edge.share_min >= 0 || edge.share_max >= 0;
    if (first == nullptr) first = &edge;
    if (stated && !any_stated) {
      any_stated = true;
      best_min = low;
      best_max = high;
    } else if (stated || !any_stated) {
      best_min = std::max(best_min, low);
      best_max = std::max(best_max, high);
    }
  }
  if (first != nullptr) {
    first->count_min = best_min;
    first->count_max = best_max;
  }
}

}  // namespace interdict::graph
