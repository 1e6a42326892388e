// Hand-built networks for the rule tests: a few entities and relations,
// written as compactly as the cases in docs/graph.md.
#ifndef INTERDICT_TESTS_GRAPH_GRAPH_TEST_UTIL_H_
#define INTERDICT_TESTS_GRAPH_GRAPH_TEST_UTIL_H_

#include <optional>
#include <string>
#include <vector>

#include "interdict/graph.h"

namespace interdict::testing {

inline Entity MakeEntity(std::string id, bool listed_list = true) {
  Entity e;
  e.id = std::move(id);
  e.list = listed_list ? "ofac-sdn" : std::string(kOwnRelationsList);
  Name name;
  name.full = e.id + " name";
  e.names.push_back(name);
  return e;
}

inline Relation Owns(std::string target, std::optional<double> low,
                     std::optional<double> high = std::nullopt) {
  Relation r;
  r.type = RelationType::kOwnerOf;
  r.target = std::move(target);
  r.share_min = low;
  r.share_max = high ? high : low;
  return r;
}

inline Relation Rel(RelationType type, std::string target, std::string role = "") {
  Relation r;
  r.type = type;
  r.target = std::move(target);
  r.role = std::move(role);
  return r;
}

// A network of listed seeds and unlisted companies; `relations` are held by
// the entity named first in each pair.
struct Spec {
  std::vector<std::string> listed;
  std::vector<std::string> unlisted;
  std::vector<std::pair<std::string, Relation>> relations;
};

inline Entity EntityOf(const Spec& spec, const std::string& id, bool listed) {
  Entity e = MakeEntity(id, listed);
  for (const auto& [holder, relation] : spec.relations) {
    if (holder == id) e.relations.push_back(relation);
  }
  return e;
}

inline std::unique_ptr<Network> Build(const Spec& spec, NetworkOptions options = {}) {
  if (options.as_of.empty()) options.as_of = PartialDate{2025, 6, 1};
  auto network = std::make_unique<Network>(std::move(options));
  for (const std::string& id : spec.listed) network->AddEntity(EntityOf(spec, id, true), true);
  for (const std::string& id : spec.unlisted) network->AddEntity(EntityOf(spec, id, false), false);
  network->Finish();
  return network;
}

inline Basis BasisIn(const Network& network, const std::string& id, Regime regime) {
  std::optional<Derivation> d = network.BasisOf(id, regime);
  return d ? d->basis : Basis::kNone;
}

}  // namespace interdict::testing

#endif  // INTERDICT_TESTS_GRAPH_GRAPH_TEST_UTIL_H_
