// Linked-to discovery: paths from listed entities over relations of any
// type, each type followed only up to its configured depth (LinkDepths: an
// edge of type t may be the h-th step from the listed entity when
// h <= depth(t)). Read-only over the graph; thread-compatible.
#ifndef INTERDICT_GRAPH_LINK_SEARCH_H_
#define INTERDICT_GRAPH_LINK_SEARCH_H_

#include <unordered_map>
#include <vector>

#include "graph/graph_data.h"
#include "interdict/graph.h"

namespace interdict::graph {

// One step of a path: the node reached and the edge that reaches it from
// the previous node (kNoNode for the listed start); `forward` when the edge
// points from the previous node to this one.
struct LinkStep {
  NodeId node = kNoNode;
  EdgeId edge = kNoNode;
  bool forward = true;
};

// The shortest allowed path from any listed node to `target`; empty when
// there is none or `target` is itself listed.
std::vector<LinkStep> FindLinkPath(const Graph& graph, const LinkDepths& depths, NodeId target);

// Every unlisted node reachable from a listed one, with its shortest path.
std::unordered_map<NodeId, std::vector<LinkStep>> AllLinkPaths(const Graph& graph,
                                                               const LinkDepths& depths);

}  // namespace interdict::graph

#endif  // INTERDICT_GRAPH_LINK_SEARCH_H_
