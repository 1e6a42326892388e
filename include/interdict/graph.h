// The relation graph: who owns, controls or is linked to a listed party.
//
// A Network holds one node per entity of every loaded list plus the user's
// own corporate data (list "own-relations"), and one edge per relation
// (stored on one side by the parsers; both directions are derived here). On
// top of it, each regime's ownership rule is propagated to a fixpoint:
//
//   OFAC  owned >= 50% in aggregate by blocked persons, directly or through
//         entities that are themselves blocked this way (FAQ 398, 401).
//         Control alone does not block.
//   EU    owned > 50%, holdings of several listed persons aggregated, or
//         controlled by a listed person (Commission FAQ 8 on Reg. 269/2014).
//   UK    > 50% held by ONE designated person, directly or through entities
//         that person owns or controls; different persons are aggregated
//         only when a joint arrangement is recorded; or control (OFSI
//         general guidance 4.14).
//
// Every derived designation carries its proof (the blocked holders, their
// shares, the rule, a path from a listed entity). Entities within a few hops
// of a listed one over membership, directorship, family, ... are reported as
// "linked", never as blocked. docs/graph.md documents the rules and sources.
//
// Thread safety: const methods may run concurrently; mutation (Add*, Apply*,
// Remove*, Finish) needs exclusive access.
#ifndef INTERDICT_GRAPH_H_
#define INTERDICT_GRAPH_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "interdict/entity.h"
#include "interdict/screen.h"
#include "interdict/status.h"

namespace interdict {

class Store;

// The list that holds the user's own ownership and officer data.
inline constexpr std::string_view kOwnRelationsList = "own-relations";

enum class Regime : std::uint8_t { kOfac = 0, kEu, kUk };
inline constexpr int kRegimeCount = 3;
std::string_view RegimeName(Regime) noexcept;  // "ofac", "eu", "uk"
std::optional<Regime> ParseRegime(std::string_view) noexcept;

enum class Basis : std::uint8_t {
  kNone = 0,
  kListed,         // on an official list
  kOwned,          // derived: owned by blocked persons under the regime's rule
  kControlled,     // derived: controlled by a blocked person (EU, UK)
  kPossiblyOwned,  // would be owned if missing or ranged shares are at their maximum
  kLinked,         // within N hops of a listed entity: for review, never blocked
};
std::string_view BasisName(Basis) noexcept;  // "listed", "owned", "possibly_owned", ...

// The ownership rule of a regime. DefaultRule() gives the documented rules;
// NetworkOptions may override them (e.g. an EU rule without control).
struct OwnershipRule {
  double threshold = 50;  // percent
  bool inclusive = true;  // ">= threshold" (OFAC) rather than "> threshold"
  bool aggregate = true;  // sum the holdings of different blocked persons
  bool control = false;   // a control relation from a blocked person blocks
  std::string citation;   // the guidance the rule follows
};
OwnershipRule DefaultRule(Regime regime);

// How far linked-to discovery reaches, per relation type: an edge of a type
// may be the h-th step away from a listed entity only when h <= its depth
// (0 = never followed). Family of a director of a listed company is 2 hops.
struct LinkDepths {
  int linked_to = 2;  // OFAC "Linked To:" and other unspecified links
  int ownership = 1;  // minority holdings that do not block
  int control = 1;
  int director = 1;
  int member = 1;
  int employee = 1;  // employees and agents
  int family = 1;
  int associate = 1;
  int Depth(RelationType type) const noexcept;
  int Max() const noexcept;
};

struct NetworkOptions {
  // Relations that ended before this date or start after it are history and
  // do not count. Empty: today (UTC).
  PartialDate as_of;
  LinkDepths link_depths;
  OwnershipRule rules[kRegimeCount] = {DefaultRule(Regime::kOfac), DefaultRule(Regime::kEu),
                                       DefaultRule(Regime::kUk)};
  // Which entities are listed seeds. Default: IsListedEntity.
  std::function<bool(const Entity&)> is_listed;
};

// Whether an entity is a listed (sanctioned) party: every entity of an
// official list, except FollowTheMoney entities that carry neither a
// sanctions programme nor the topic "sanction" (FtM files also hold the
// companies and relatives around a sanctioned party), and nothing from the
// user's own data (kOwnRelationsList).
bool IsListedEntity(const Entity& entity) noexcept;

// One holding that counts towards a derivation: a blocked owner (or
// controller) of the entity and its share.
struct Holding {
  std::string owner_id;
  std::string owner_name;
  Basis owner_basis = Basis::kNone;  // how the owner itself is blocked
  double share_min = 0;              // percent; an unknown share is 0..100
  double share_max = 0;
  bool control = false;        // a control relation, not shares
  bool unknown_party = false;  // held by a party the data does not name
  std::string source;          // where the relation came from
};

// One step of a path from a listed entity down to the explained one.
struct PathStep {
  std::string id;
  std::string name;
  std::string relation;  // how this step is reached from the previous: "owner_of 51%"
};

// Why an entity is (or may be) treated as sanctioned under one regime.
struct Derivation {
  std::string entity_id;
  std::string entity_name;
  Regime regime = Regime::kOfac;
  Basis basis = Basis::kNone;
  std::string rule;          // the rule applied, with its citation
  double aggregate_min = 0;  // percent held by the counted holders
  double aggregate_max = 0;
  std::vector<Holding> holdings;  // the counted holders directly above
  std::vector<PathStep> path;     // from a listed entity to this one
  // "not listed; 60% owned in aggregate by ofac-sdn:X (35%) and ofac-sdn:Y (25%)"
  std::string explanation;
};

// The entities and relations around one entity, for the network view.
struct NetworkNode {
  std::string id;
  std::string name;
  std::string list;
  Basis basis[kRegimeCount] = {};
};
struct NetworkEdge {
  std::string from;  // "<from> <type> <to>", owner -> asset, controller -> controlled
  std::string to;
  RelationType type = RelationType::kLinkedTo;
  std::optional<double> share_min, share_max;
  std::string role;
  std::string source;
  bool current = true;  // false: ended before (or starts after) the as-of date
};
struct Neighbourhood {
  std::string center;
  int depth = 0;
  std::vector<NetworkNode> nodes;  // center first, then by distance and id
  std::vector<NetworkEdge> edges;
};

class Network {
 public:
  explicit Network(NetworkOptions options = {});
  ~Network();
  Network(const Network&) = delete;
  Network& operator=(const Network&) = delete;

  // Building: add every entity (in any order), then Finish(). An id seen
  // twice is one node, listed if either record is.
  void AddEntity(const Entity& entity);
  void AddEntity(const Entity& entity, bool listed);
  // Resolves relation targets (unknown ids become unlisted nodes) and runs
  // the full propagation for every regime.
  void Finish();

  // Incremental updates after Finish(): recompute only the part of the graph
  // downstream of the change. ApplyEntity adds or replaces an entity (its
  // listing and the relations it carries); RemoveEntity delists it and drops
  // the relations it carries. kNotFound for an unknown id.
  void ApplyEntity(const Entity& entity);
  void ApplyEntity(const Entity& entity, bool listed);
  Status RemoveEntity(std::string_view id);

  // How an entity stands under a regime; nullopt for an unknown id. Basis
  // kNone (with an explanation) when it is neither listed, derived nor linked.
  std::optional<Derivation> BasisOf(std::string_view id, Regime regime) const;
  // Every derived (owned, controlled, possibly owned) entity, sorted by id.
  std::vector<Derivation> Derived(Regime regime) const;
  // Every linked entity (not listed, not derived under `regime`), by id.
  std::vector<Derivation> Linked(Regime regime) const;
  // The entities within `depth` hops of `id` over every relation type.
  Result<Neighbourhood> Around(std::string_view id, int depth) const;

  std::size_t node_count() const noexcept;
  std::size_t edge_count() const noexcept;  // current and historical relations
  const NetworkOptions& options() const noexcept;

 private:
  friend class Explainer;   // src/graph/explain.cpp
  friend class BasisIndex;  // src/graph/basis_index.cpp
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The basis of every entity under every regime, computed once from a
// Network so that annotating a screening result costs one hash lookup per
// match (no graph walk per request). Immutable; safe to share between
// threads. Rebuild it after the Network changes.
class BasisIndex {
 public:
  explicit BasisIndex(const Network& network);
  ~BasisIndex();
  BasisIndex(const BasisIndex&) = delete;
  BasisIndex& operator=(const BasisIndex&) = delete;

  // The regimes under which `id` is listed, derived or linked, in regime
  // order; empty for an entity that is none of these (or unknown).
  std::vector<RegimeBasis> Find(std::string_view id) const;
  std::size_t listed_count() const noexcept;
  std::size_t derived_count() const noexcept;  // derived or linked under some regime

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The strongest basis of a set of regime bases ("none" when empty).
std::string StrongestBasis(const std::vector<RegimeBasis>& regimes);

struct AnnotateOptions {
  // Keep matches whose entity is neither listed, derived nor linked under
  // any regime (basis "none"): an FtM company with no sanctions link, or a
  // company of the user's own relation data that nothing blocks. By default
  // they are dropped: they are not sanctions hits.
  bool keep_none = false;
};

// Fills basis and derivation of every match and drops the matches of basis
// "none" unless options.keep_none. Keeps the order of the rest.
void AnnotateBasis(const BasisIndex& index, std::vector<ScreenMatch>& matches,
                   const AnnotateOptions& options = {});

// Screens `query` and annotates the matches. Since matches of basis "none"
// are dropped afterwards, the screener is asked for more than options.limit
// (so that dropped ones do not push out a listed match ranked below them),
// and the result is cut back to options.limit.
std::vector<ScreenMatch> ScreenWithBasis(const Screener& screener, const BasisIndex& index,
                                         const ScreenQuery& query, const ScreenOptions& options,
                                         const AnnotateOptions& annotate = {});

// Builds the network over the current version of every list in the store.
Result<std::unique_ptr<Network>> LoadNetwork(Store& store, NetworkOptions options = {});

// Output formats of `interdict network` and `interdict ownership`.
std::string NeighbourhoodToJson(const Neighbourhood& hood, int indent = 2);
std::string NeighbourhoodToDot(const Neighbourhood& hood);
std::string NeighbourhoodToGraphml(const Neighbourhood& hood);
std::string DerivationToJson(const Derivation& derivation);  // one line
// CSV with a header: id,name,regime,basis,aggregate_min,aggregate_max,holders,path,explanation
std::string DerivationsToCsv(const std::vector<Derivation>& derivations);

}  // namespace interdict

#endif  // INTERDICT_GRAPH_H_
