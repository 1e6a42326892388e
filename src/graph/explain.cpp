// Queries: why an entity is (or may be) blocked, derived and linked lists,
// and the neighbourhood view. Read-only over Network::Impl.
#include <algorithm>
#include <cstdio>
#include <deque>
#include <tuple>
#include <unordered_map>

#include "graph/link_search.h"
#include "graph/network_impl.h"

namespace interdict {

using graph::EdgeId;
using graph::EdgeKind;
using graph::kNoNode;
using graph::NodeId;
using graph::State;

namespace {

bool Derived(State s) { return s == State::kOwned || s == State::kControlled; }

Basis BasisFor(State s, bool definite) {
  if (s == State::kSeed) return Basis::kListed;
  if (!definite) return Basis::kPossiblyOwned;
  return s == State::kControlled ? Basis::kControlled : Basis::kOwned;
}

std::string Percent(double low, double high) {
  char buffer[64];
  if (high - low < 1e-4) {
    std::snprintf(buffer, sizeof buffer, "%g%%", low);
  } else {
    std::snprintf(buffer, sizeof buffer, "%g-%g%%", low, high);
  }
  return buffer;
}

// "A (35%)", "B (51%; itself owned)", "an unnamed party (up to 40%)".
std::string DescribeHolding(const Holding& holding) {
  std::string who = holding.unknown_party ? (holding.owner_name.empty()
                                                 ? "an unnamed party"
                                                 : "unnamed party \"" + holding.owner_name + "\"")
                                          : holding.owner_id;
  std::string what = holding.control ? "control" : Percent(holding.share_min, holding.share_max);
  if (holding.owner_basis == Basis::kOwned) what += "; itself owned";
  if (holding.owner_basis == Basis::kControlled) what += "; itself controlled";
  return who + " (" + what + ")";
}

std::string JoinHoldings(const std::vector<Holding>& holdings) {
  std::string out;
  for (std::size_t i = 0; i < holdings.size(); ++i) {
    if (i > 0) out += i + 1 == holdings.size() ? " and " : ", ";
    out += DescribeHolding(holdings[i]);
  }
  return out;
}

}  // namespace

// Builds explanations for one query; holds references into the network.
class Explainer {
 public:
  Explainer(const Network::Impl& impl, Regime regime)
      : impl_(impl), g_(impl.graph), regime_(regime), r_(static_cast<int>(regime)) {}

  Derivation Explain(NodeId node) const {
    Derivation d = Start(node);
    if (g_.node(node).listed) {
      d.basis = Basis::kListed;
      d.explanation = "listed on " + g_.node(node).list;
      d.path.push_back({g_.node(node).id, g_.node(node).name, ""});
      return d;
    }
    if (impl_.Aggregates(regime_) ? ExplainAggregate(node, &d) : ExplainPerPerson(node, &d)) {
      return d;
    }
    if (ExplainLink(node, &d)) return d;
    d.explanation = "not listed; no ownership, control or link to a listed entity found";
    return d;
  }

  bool IsDerived(NodeId node) const {
    if (impl_.Aggregates(regime_)) return impl_.possible[r_]->blocked(node);
    return impl_.uk_hits[r_].contains(node);
  }

  // Linked: a path (of allowed relation types) from a listed entity.
  bool ExplainLink(NodeId node, Derivation* d) const {
    std::vector<graph::LinkStep> path = graph::FindLinkPath(g_, impl_.options.link_depths, node);
    if (path.empty()) return false;
    d->basis = Basis::kLinked;
    d->rule = "linked-to discovery (for review; never blocks)";
    FillLinkPath(path, d);
    return true;
  }

  void FillLinkPath(const std::vector<graph::LinkStep>& path, Derivation* d) const {
    for (const graph::LinkStep& step : path) {
      d->path.push_back({g_.node(step.node).id, g_.node(step.node).name,
                         step.edge == kNoNode ? "" : LinkText(step)});
    }
    std::string via;
    for (std::size_t i = 1; i < d->path.size(); ++i)
      via += (i > 1 ? ", " : "") + d->path[i].relation;
    const std::size_t hops = d->path.size() - 1;
    d->explanation = "not listed; linked to listed " + d->path.front().id + " via " + via + " (" +
                     std::to_string(hops) + (hops == 1 ? " hop)" : " hops)");
  }

 private:
  Derivation Start(NodeId node) const {
    Derivation d;
    d.entity_id = g_.node(node).id;
    d.entity_name = g_.node(node).name;
    d.regime = regime_;
    d.rule = impl_.options.rules[r_].citation;
    return d;
  }

  std::string LinkText(const graph::LinkStep& step) const {
    const graph::Edge& edge = g_.edge(step.edge);
    std::string text = step.forward ? std::string(RelationTypeName(edge.type))
                                    : "reverse " + std::string(RelationTypeName(edge.type));
    if (edge.kind == EdgeKind::kOwnership)
      text += " " + graph::ShareText(edge.share_min, edge.share_max);
    return text;
  }

  Holding MakeHolding(const graph::Edge& edge, Basis owner_basis) const {
    Holding h;
    h.owner_basis = owner_basis;
    h.control = edge.kind == EdgeKind::kControl;
    h.unknown_party = edge.from == kNoNode;
    if (h.unknown_party) {
      h.owner_name = g_.info(edge).target_name;
    } else {
      h.owner_id = g_.node(edge.from).id;
      h.owner_name = g_.node(edge.from).name;
    }
    h.share_min = h.control ? 0 : edge.count_min;
    h.share_max = h.control ? 0 : edge.count_max;
    h.source = g_.info(edge).source;
    return h;
  }

  // The holdings counted at a node: from blocked holders (by `by`), and
  // unnamed holders when the result is only possible.
  std::vector<Holding> Holdings(NodeId node, const graph::Propagation& by, bool definite) const {
    std::vector<Holding> out;
    for (EdgeId id : g_.node(node).in) {
      const graph::Edge& edge = g_.edge(id);
      if (edge.removed || !edge.current) continue;
      const bool ownership = edge.kind == EdgeKind::kOwnership && edge.count_max > 0;
      const bool control = edge.kind == EdgeKind::kControl && by.rule().control;
      if (!ownership && !control) continue;
      if (edge.from == kNoNode) {
        if (!definite && ownership) out.push_back(MakeHolding(edge, Basis::kNone));
      } else if (by.blocked(edge.from)) {
        out.push_back(MakeHolding(edge, BasisFor(by.state(edge.from), true)));
      }
    }
    return out;
  }

  void FillPath(NodeId node, const std::function<NodeId(NodeId)>& parent, Derivation* d) const {
    std::vector<NodeId> chain = {node};
    for (NodeId p = parent(node); p != kNoNode && chain.size() <= g_.size(); p = parent(p)) {
      chain.push_back(p);
    }
    std::reverse(chain.begin(), chain.end());
    for (std::size_t i = 0; i < chain.size(); ++i) {
      std::string relation;
      if (i > 0) relation = EdgeText(chain[i - 1], chain[i]);
      d->path.push_back({g_.node(chain[i]).id, g_.node(chain[i]).name, relation});
    }
  }

  std::string EdgeText(NodeId from, NodeId to) const {
    for (EdgeId id : g_.node(to).in) {
      const graph::Edge& edge = g_.edge(id);
      if (edge.from != from || edge.removed || !edge.current) continue;
      if (edge.kind == EdgeKind::kControl) return "controls";
      if (edge.kind == EdgeKind::kOwnership && edge.count_max > 0) {
        return "owner_of " + graph::ShareText(edge.share_min, edge.share_max);
      }
    }
    return "";
  }

  bool ExplainAggregate(NodeId node, Derivation* d) const {
    const graph::Propagation& sure = *impl_.certain[r_];
    const graph::Propagation& maybe = *impl_.possible[r_];
    const bool definite = Derived(sure.state(node));
    if (!definite && !Derived(maybe.state(node))) return false;
    const graph::Propagation& by = definite ? sure : maybe;
    d->basis = BasisFor(by.state(node), definite);
    d->holdings = Holdings(node, by, definite);
    d->aggregate_min = sure.held(node);
    double unnamed = 0;
    for (const Holding& h : Holdings(node, maybe, false))
      unnamed += h.unknown_party ? h.share_max : 0;
    d->aggregate_max = std::min(100.0, maybe.held(node) + unnamed);
    FillPath(
        node, [&by](NodeId n) { return by.parent(n); }, d);
    Describe(d, " in aggregate by ");
    return true;
  }

  bool ExplainPerPerson(NodeId node, Derivation* d) const {
    auto it = impl_.uk_hits[r_].find(node);
    if (it == impl_.uk_hits[r_].end() || it->second.empty()) return false;
    const std::vector<graph::UkHit>& hits = it->second;
    // Several persons may reach the node: report the strongest, ties by id.
    const graph::UkHit& hit = *std::min_element(
        hits.begin(), hits.end(), [](const graph::UkHit& a, const graph::UkHit& b) {
          return std::make_tuple(!a.definite, -a.held_min, -a.held_max, a.group) <
                 std::make_tuple(!b.definite, -b.held_min, -b.held_max, b.group);
        });
    d->basis = BasisFor(hit.state, hit.definite);
    d->aggregate_min = hit.held_min;
    d->aggregate_max = hit.held_max;
    const NodeId group = hit.group;
    auto hit_of = [this, group](NodeId n) -> const graph::UkHit* {
      auto found = impl_.uk_hits[r_].find(n);
      if (found == impl_.uk_hits[r_].end()) return nullptr;
      for (const graph::UkHit& h : found->second) {
        if (h.group == group) return &h;
      }
      return nullptr;
    };
    for (EdgeId id : hit.edges) {
      const graph::Edge& edge = g_.edge(id);
      if (edge.kind == EdgeKind::kOwnership && edge.count_max <= 0) continue;
      const graph::UkHit* holder = edge.from == kNoNode ? nullptr : hit_of(edge.from);
      const Basis basis = holder == nullptr ? (edge.from == kNoNode ? Basis::kNone : Basis::kListed)
                                            : BasisFor(holder->state, holder->definite);
      d->holdings.push_back(MakeHolding(edge, basis));
    }
    FillPath(
        node,
        [&hit_of](NodeId n) {
          const graph::UkHit* h = hit_of(n);
          return h == nullptr ? kNoNode : h->parent;
        },
        d);
    const std::string& person = g_.node(group).id;
    Describe(d, " by " + person + " (directly or through entities it owns or controls): ");
    return true;
  }

  void Describe(Derivation* d, const std::string& by) const {
    const std::string range = Percent(d->aggregate_min, d->aggregate_max);
    std::string holders = JoinHoldings(d->holdings);
    switch (d->basis) {
      case Basis::kOwned:
        d->explanation =
            "not listed; " + Percent(d->aggregate_min, d->aggregate_min) + " owned" + by + holders;
        break;
      case Basis::kControlled:
        d->explanation = "not listed; controlled" + by + holders;
        break;
      default:
        d->explanation = "not listed; possibly owned (" + range +
                         " held, shares missing or ranged)" + by + holders;
        break;
    }
  }

  const Network::Impl& impl_;
  const graph::Graph& g_;
  Regime regime_;
  int r_;
};

std::optional<Derivation> Network::BasisOf(std::string_view id, Regime regime) const {
  const NodeId node = impl_->graph.Find(id);
  if (node == kNoNode) return std::nullopt;
  return Explainer(*impl_, regime).Explain(node);
}

std::vector<Derivation> Network::Derived(Regime regime) const {
  Explainer explainer(*impl_, regime);
  std::vector<Derivation> out;
  for (NodeId node = 0; node < impl_->graph.size(); ++node) {
    if (impl_->graph.node(node).listed || !explainer.IsDerived(node)) continue;
    out.push_back(explainer.Explain(node));
  }
  std::sort(out.begin(), out.end(),
            [](const Derivation& a, const Derivation& b) { return a.entity_id < b.entity_id; });
  return out;
}

std::vector<Derivation> Network::Linked(Regime regime) const {
  Explainer explainer(*impl_, regime);
  const graph::Graph& g = impl_->graph;
  std::vector<Derivation> out;
  for (const auto& [node, path] : graph::AllLinkPaths(g, impl_->options.link_depths)) {
    if (g.node(node).listed || explainer.IsDerived(node)) continue;
    Derivation d;
    d.entity_id = g.node(node).id;
    d.entity_name = g.node(node).name;
    d.regime = regime;
    d.basis = Basis::kLinked;
    d.rule = "linked-to discovery (for review; never blocks)";
    explainer.FillLinkPath(path, &d);
    out.push_back(std::move(d));
  }
  std::sort(out.begin(), out.end(),
            [](const Derivation& a, const Derivation& b) { return a.entity_id < b.entity_id; });
  return out;
}

Result<Neighbourhood> Network::Around(std::string_view id, int depth) const {
  const graph::Graph& g = impl_->graph;
  const NodeId center = g.Find(id);
  if (center == kNoNode) {
    return Err(Status::NotFound("no entity \"" + std::string(id) + "\" in the network"));
  }
  if (depth < 0) return Err(Status::InvalidArgument("depth must be 0 or more"));
  Neighbourhood hood;
  hood.center = std::string(id);
  hood.depth = depth;
  std::unordered_map<NodeId, int> distance = {{center, 0}};
  std::vector<NodeId> order = {center};
  for (std::size_t i = 0; i < order.size(); ++i) {
    const NodeId node = order[i];
    if (distance[node] >= depth) continue;
    auto visit = [&](NodeId next) {
      if (next == kNoNode || distance.contains(next)) return;
      distance[next] = distance[node] + 1;
      order.push_back(next);
    };
    for (EdgeId e : g.node(node).out) visit(g.edge(e).to);
    for (EdgeId e : g.node(node).in) visit(g.edge(e).from);
  }
  std::stable_sort(order.begin(), order.end(), [&](NodeId a, NodeId b) {
    return distance[a] != distance[b] ? distance[a] < distance[b] : g.node(a).id < g.node(b).id;
  });
  for (NodeId node : order) {
    NetworkNode out{g.node(node).id, g.node(node).name, g.node(node).list, {}};
    for (int r = 0; r < kRegimeCount; ++r) {
      Derivation d = Explainer(*impl_, static_cast<Regime>(r)).Explain(node);
      out.basis[r] = d.basis;
    }
    hood.nodes.push_back(std::move(out));
    for (EdgeId e : g.node(node).out) {
      const graph::Edge& edge = g.edge(e);
      if (!distance.contains(edge.to)) continue;
      NetworkEdge ne{g.node(edge.from).id, g.node(edge.to).id, edge.type,           std::nullopt,
                     std::nullopt,         g.info(edge).role,  g.info(edge).source, edge.current};
      if (edge.share_min >= 0) ne.share_min = edge.share_min;
      if (edge.share_max >= 0) ne.share_max = edge.share_max;
      hood.edges.push_back(std::move(ne));
    }
  }
  return hood;
}

}  // namespace interdict
