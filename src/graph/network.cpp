// Building the network and keeping its derived state current.
#include <algorithm>
#include <ctime>
#include <numeric>
#include <unordered_set>

#include "graph/network_impl.h"

namespace interdict {

using graph::EdgeId;
using graph::EdgeKind;
using graph::kNoNode;
using graph::NodeId;
using graph::State;

namespace {

PartialDate Today() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  return PartialDate{static_cast<std::int16_t>(utc.tm_year + 1900),
                     static_cast<std::int8_t>(utc.tm_mon + 1),
                     static_cast<std::int8_t>(utc.tm_mday)};
}

bool Propagates(const graph::Edge& edge) {
  return edge.kind == EdgeKind::kOwnership || edge.kind == EdgeKind::kControl;
}

// Whether `edge`, held by `carrier`, is what AddRelation would make of
// `relation`; an entity re-applied unchanged then changes nothing.
bool Describes(const graph::Graph& g, EdgeId id, NodeId carrier, const Relation& relation,
               const PartialDate& as_of) {
  const graph::Edge& edge = g.edge(id);
  const bool reversed =
      relation.type == RelationType::kOwnedBy || relation.type == RelationType::kControlledBy;
  const NodeId other = relation.target.empty() ? kNoNode : g.Find(relation.target);
  if (!relation.target.empty() && other == kNoNode) return false;
  if ((reversed ? edge.from : edge.to) != other || (reversed ? edge.to : edge.from) != carrier) {
    return false;
  }
  const RelationType type = relation.type == RelationType::kOwnedBy        ? RelationType::kOwnerOf
                            : relation.type == RelationType::kControlledBy ? RelationType::kControls
                                                                           : relation.type;
  auto stated = [](const std::optional<double>& s) {
    return s ? static_cast<float>(std::clamp(*s, 0.0, 100.0)) : -1.0f;
  };
  const graph::EdgeInfo& info = g.info(edge);
  return edge.type == type && edge.share_min == stated(relation.share_min) &&
         edge.share_max == stated(relation.share_max) &&
         edge.current == graph::IsCurrent(relation.start, relation.end, as_of) &&
         info.role == relation.role && info.source == relation.source;
}

}  // namespace

Network::Impl::Impl(NetworkOptions opts) : options(std::move(opts)) {
  if (options.as_of.empty()) options.as_of = Today();
  for (int r = 0; r < kRegimeCount; ++r) {
    certain[r] = std::make_unique<graph::Propagation>(graph, options.rules[r], graph::Bound::kMin);
    possible[r] = std::make_unique<graph::Propagation>(graph, options.rules[r], graph::Bound::kMax);
  }
}

void Network::Impl::ResizeAll() {
  for (int r = 0; r < kRegimeCount; ++r) {
    certain[r]->Resize();
    possible[r]->Resize();
  }
  group_of.resize(graph.size(), kNoNode);
}

void Network::Impl::RunAll() {
  ResizeAll();
  BuildGroups();
  for (int r = 0; r < kRegimeCount; ++r) {
    certain[r]->Clear();
    possible[r]->Clear();
    uk_hits[r].clear();
    group_nodes[r].clear();
    if (Aggregates(static_cast<Regime>(r))) {
      for (NodeId node = 0; node < graph.size(); ++node) {
        if (!graph.node(node).listed) continue;
        certain[r]->Seed(node);
        possible[r]->Seed(node);
      }
    } else {
      for (const auto& [group, unused] : members) RunGroup(static_cast<Regime>(r), group);
    }
  }
}

// Union-find over listed nodes joined by a current joint arrangement; a
// group is named by its smallest node id.
void Network::Impl::BuildGroups() {
  std::vector<NodeId> root(graph.size());
  std::iota(root.begin(), root.end(), NodeId{0});
  auto find = [&root](NodeId x) {
    while (root[x] != x) x = root[x] = root[root[x]];
    return x;
  };
  for (EdgeId id = 0; id < graph.edge_count(); ++id) {
    const graph::Edge& edge = graph.edge(id);
    if (edge.kind != EdgeKind::kJoint || edge.removed || !edge.current || edge.from == kNoNode)
      continue;
    if (!graph.node(edge.from).listed || !graph.node(edge.to).listed) continue;
    const NodeId a = find(edge.from), b = find(edge.to);
    root[std::max(a, b)] = std::min(a, b);
  }
  members.clear();
  group_of.assign(graph.size(), kNoNode);
  for (NodeId node = 0; node < graph.size(); ++node) {
    if (!graph.node(node).listed) continue;
    group_of[node] = find(node);
    members[group_of[node]].push_back(node);
  }
}

void Network::Impl::DropGroup(Regime regime, NodeId group) {
  const int r = static_cast<int>(regime);
  auto it = group_nodes[r].find(group);
  if (it == group_nodes[r].end()) return;
  for (NodeId node : it->second) {
    auto hits = uk_hits[r].find(node);
    if (hits == uk_hits[r].end()) continue;
    std::erase_if(hits->second, [group](const graph::UkHit& hit) { return hit.group == group; });
    if (hits->second.empty()) uk_hits[r].erase(hits);
  }
  group_nodes[r].erase(it);
}

void Network::Impl::RunGroup(Regime regime, NodeId group) {
  const int r = static_cast<int>(regime);
  DropGroup(regime, group);
  auto it = members.find(group);
  if (it == members.end() || it->second.empty()) return;
  graph::Propagation& sure = *certain[r];
  graph::Propagation& maybe = *possible[r];
  sure.Clear();
  maybe.Clear();
  for (NodeId member : it->second) {
    sure.Seed(member);
    maybe.Seed(member);
  }
  auto record = [&](NodeId node, bool definite, const graph::Propagation& by) {
    graph::UkHit hit;
    hit.group = group;
    hit.definite = definite;
    hit.state = by.state(node);
    hit.held_min = static_cast<float>(sure.held(node));
    hit.held_max = static_cast<float>(std::min(100.0, maybe.held(node)));
    hit.parent = by.parent(node);
    for (EdgeId id : graph.node(node).in) {
      const graph::Edge& edge = graph.edge(id);
      if (!Propagates(edge) || edge.removed || !edge.current) continue;
      if (edge.from == kNoNode ? !definite : by.blocked(edge.from)) hit.edges.push_back(id);
    }
    uk_hits[r][node].push_back(std::move(hit));
    group_nodes[r][group].push_back(node);
  };
  for (NodeId node : maybe.touched()) {
    const bool derived = [](State s) {
      return s == State::kOwned || s == State::kControlled;
    }(maybe.state(node));
    if (!derived) continue;
    const bool definite =
        sure.state(node) == State::kOwned || sure.state(node) == State::kControlled;
    record(node, definite, definite ? sure : maybe);
  }
  sure.Clear();
  maybe.Clear();
}

void Network::Impl::Update(const std::vector<EdgeId>& changed, NodeId node, bool was_listed) {
  ResizeAll();
  const bool listed = node != kNoNode && graph.node(node).listed;
  std::vector<NodeId> starts;
  bool joint_changed = false;
  for (EdgeId id : changed) {
    const graph::Edge& edge = graph.edge(id);
    if (Propagates(edge)) starts.push_back(edge.to);
    joint_changed = joint_changed || edge.kind == EdgeKind::kJoint;
  }
  const bool delisted = was_listed && !listed;
  const bool newly_listed = listed && !was_listed;
  if (delisted) starts.push_back(node);
  auto is_seed = [this](NodeId n) { return graph.node(n).listed; };
  for (int r = 0; r < kRegimeCount; ++r) {
    if (!Aggregates(static_cast<Regime>(r))) continue;
    for (graph::Propagation* p : {certain[r].get(), possible[r].get()}) {
      if (!starts.empty()) p->Recompute(starts, is_seed);
      if (newly_listed) p->Seed(node);
    }
  }
  // Per-person rules: rerun the groups the change can reach.
  if (node != kNoNode && (delisted || newly_listed)) {
    for (EdgeId id : graph.node(node).in) joint_changed |= graph.edge(id).kind == EdgeKind::kJoint;
    for (EdgeId id : graph.node(node).out) joint_changed |= graph.edge(id).kind == EdgeKind::kJoint;
  }
  std::unordered_set<NodeId> groups;
  if (joint_changed) {
    for (const auto& [group, unused] : members) groups.insert(group);
    BuildGroups();
    for (const auto& [group, unused] : members) groups.insert(group);
  } else if (delisted || newly_listed) {
    if (delisted && group_of[node] != kNoNode) {
      groups.insert(group_of[node]);
      std::erase(members[group_of[node]], node);
      group_of[node] = kNoNode;
    }
    if (newly_listed) {
      group_of[node] = node;
      members[node] = {node};
      groups.insert(node);
    }
  }
  for (EdgeId id : changed) {
    const NodeId from = graph.edge(id).from;
    if (from == kNoNode) continue;
    if (group_of[from] != kNoNode) groups.insert(group_of[from]);
    for (int r = 0; r < kRegimeCount; ++r) {
      auto hits = uk_hits[r].find(from);
      if (hits == uk_hits[r].end()) continue;
      for (const graph::UkHit& hit : hits->second) groups.insert(hit.group);
    }
  }
  for (int r = 0; r < kRegimeCount; ++r) {
    if (Aggregates(static_cast<Regime>(r))) continue;
    for (NodeId group : groups) RunGroup(static_cast<Regime>(r), group);
  }
  for (auto it = members.begin(); it != members.end();) {
    it = it->second.empty() ? members.erase(it) : std::next(it);
  }
}

Network::Network(NetworkOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
Network::~Network() = default;

void Network::AddEntity(const Entity& entity) {
  AddEntity(entity,
            impl_->options.is_listed ? impl_->options.is_listed(entity) : IsListedEntity(entity));
}

void Network::AddEntity(const Entity& entity, bool listed) {
  if (impl_->finished) return ApplyEntity(entity, listed);
  graph::Graph& g = impl_->graph;
  const NodeId node = g.Intern(entity.id);
  graph::Node& n = g.node(node);
  if (n.name.empty()) n.name = entity.PrimaryName();
  if (n.list.empty() || listed) n.list = entity.list;
  n.listed = n.listed || listed;
  for (const Relation& relation : entity.relations) {
    g.AddRelation(node, relation, impl_->options.as_of);
  }
}

void Network::Finish() {
  impl_->RunAll();
  impl_->finished = true;
}

void Network::ApplyEntity(const Entity& entity) {
  ApplyEntity(entity,
              impl_->options.is_listed ? impl_->options.is_listed(entity) : IsListedEntity(entity));
}

void Network::ApplyEntity(const Entity& entity, bool listed) {
  if (!impl_->finished) return AddEntity(entity, listed);
  graph::Graph& g = impl_->graph;
  const NodeId node = g.Intern(entity.id);
  g.node(node).name = entity.PrimaryName();
  g.node(node).list = entity.list;
  const bool was_listed = g.node(node).listed;
  // Keep the edges the new record still describes; replace the rest.
  std::vector<EdgeId> old = g.node(node).carried;
  std::vector<bool> kept(old.size(), false);
  std::vector<const Relation*> added;
  for (const Relation& relation : entity.relations) {
    bool found = false;
    for (std::size_t i = 0; i < old.size() && !found; ++i) {
      if (!kept[i] && Describes(g, old[i], node, relation, impl_->options.as_of)) {
        kept[i] = found = true;
      }
    }
    if (!found) added.push_back(&relation);
  }
  std::vector<EdgeId> changed;
  for (std::size_t i = 0; i < old.size(); ++i) {
    if (kept[i]) continue;
    g.RemoveEdge(old[i]);
    changed.push_back(old[i]);
  }
  for (const Relation* relation : added) {
    const EdgeId id = g.AddRelation(node, *relation, impl_->options.as_of);
    if (id != kNoNode) changed.push_back(id);
  }
  g.node(node).listed = listed;
  impl_->Update(changed, node, was_listed);
}

Status Network::RemoveEntity(std::string_view id) {
  graph::Graph& g = impl_->graph;
  const NodeId node = g.Find(id);
  if (node == kNoNode)
    return Status::NotFound("no entity \"" + std::string(id) + "\" in the network");
  const bool was_listed = g.node(node).listed;
  std::vector<EdgeId> changed = g.node(node).carried;
  for (EdgeId edge : changed) g.RemoveEdge(edge);
  g.node(node).listed = false;
  if (impl_->finished) impl_->Update(changed, node, was_listed);
  return Status::Ok();
}

std::size_t Network::node_count() const noexcept { return impl_->graph.size(); }
std::size_t Network::edge_count() const noexcept { return impl_->graph.edge_count(); }
const NetworkOptions& Network::options() const noexcept { return impl_->options; }

}  // namespace interdict
