#include "graph/link_search.h"

#include <algorithm>
#include <cstdint>

namespace interdict::graph {
namespace {

// Calls visit(edge id, other node, forward) for every usable edge at `node`.
template <typename Visit>
void ForEachLink(const Graph& graph, NodeId node, Visit visit) {
  for (EdgeId id : graph.node(node).out) {
    const Edge& edge = graph.edge(id);
    if (!edge.removed && edge.current) visit(id, edge.to, true);
  }
  for (EdgeId id : graph.node(node).in) {
    const Edge& edge = graph.edge(id);
    if (!edge.removed && edge.current && edge.from != kNoNode) visit(id, edge.from, false);
  }
}

std::uint64_t Key(NodeId node, int level) { return (std::uint64_t{node} << 8) | level; }

}  // namespace

std::vector<LinkStep> FindLinkPath(const Graph& graph, const LinkDepths& depths, NodeId target) {
  if (graph.node(target).listed) return {};
  const int max_depth = depths.Max();
  // Searching from the target, a path of `length` steps puts the edge taken
  // at level d (from the target) at position length - d from the listed end.
  for (int length = 1; length <= max_depth; ++length) {
    struct Back {
      NodeId node;
      EdgeId edge;
      bool forward;
    };
    std::unordered_map<std::uint64_t, Back> back;
    std::vector<NodeId> level = {target};
    for (int d = 0; d < length && !level.empty(); ++d) {
      const int position = length - d;
      std::vector<NodeId> next;
      for (NodeId node : level) {
        ForEachLink(graph, node, [&](EdgeId id, NodeId other, bool forward) {
          if (position > depths.Depth(graph.edge(id).type)) return;
          // Walking back from the target: seen from the listed end, the edge
          // points forward when it goes from `other` to `node`.
          if (!back.try_emplace(Key(other, d + 1), Back{node, id, !forward}).second) return;
          next.push_back(other);
        });
      }
      level = std::move(next);
    }
    for (NodeId start : level) {
      if (!graph.node(start).listed) continue;
      std::vector<LinkStep> path = {{start, kNoNode, true}};
      NodeId node = start;
      for (int d = length; d > 0; --d) {
        const Back& step = back.at(Key(node, d));
        path.push_back({step.node, step.edge, step.forward});
        node = step.node;
      }
      return path;
    }
  }
  return {};
}

std::unordered_map<NodeId, std::vector<LinkStep>> AllLinkPaths(const Graph& graph,
                                                               const LinkDepths& depths) {
  struct Visit {
    NodeId parent;
    EdgeId edge;
    bool forward;
  };
  std::unordered_map<NodeId, Visit> seen;
  std::vector<NodeId> level;
  for (NodeId node = 0; node < graph.size(); ++node) {
    if (graph.node(node).listed) {
      seen.emplace(node, Visit{kNoNode, kNoNode, true});
      level.push_back(node);
    }
  }
  // A node first reached at hop h may continue over any edge a later visit
  // could take, so the first visit is the one to keep.
  for (int hop = 1; hop <= depths.Max() && !level.empty(); ++hop) {
    std::vector<NodeId> next;
    for (NodeId node : level) {
      ForEachLink(graph, node, [&](EdgeId id, NodeId other, bool forward) {
        if (hop > depths.Depth(graph.edge(id).type)) return;
        if (seen.try_emplace(other, Visit{node, id, forward}).second) next.push_back(other);
      });
    }
    level = std::move(next);
  }
  std::unordered_map<NodeId, std::vector<LinkStep>> paths;
  for (const auto& [node, visit] : seen) {
    if (visit.parent == kNoNode) continue;
    std::vector<LinkStep> path;
    for (NodeId at = node; at != kNoNode; at = seen.at(at).parent) {
      const Visit& v = seen.at(at);
      path.push_back({at, v.edge, v.forward});
    }
    std::reverse(path.begin(), path.end());
    paths.emplace(node, std::move(path));
  }
  return paths;
}

}  // namespace interdict::graph
