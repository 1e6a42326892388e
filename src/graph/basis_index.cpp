// BasisIndex and AnnotateBasis: the graph's verdicts attached to screening
// matches. Everything is computed when the index is built, so annotating a
// result is one hash lookup per match.
#include <algorithm>
#include <unordered_map>

#include "graph/network_impl.h"

namespace interdict {
namespace {

// Strongest first: a match is reported by its strongest basis.
constexpr Basis kStrength[] = {Basis::kListed, Basis::kOwned, Basis::kControlled,
                               Basis::kPossiblyOwned, Basis::kLinked};

int StrengthOf(std::string_view basis) {
  for (int i = 0; i < static_cast<int>(std::size(kStrength)); ++i) {
    if (BasisName(kStrength[i]) == basis) return i;
  }
  return static_cast<int>(std::size(kStrength));
}

RegimeBasis FromDerivation(Derivation&& d) {
  RegimeBasis out;
  out.regime = std::string(RegimeName(d.regime));
  out.basis = std::string(BasisName(d.basis));
  out.rule = std::move(d.rule);
  out.aggregate_min = d.aggregate_min;
  out.aggregate_max = d.aggregate_max;
  out.explanation = std::move(d.explanation);
  out.path.reserve(d.path.size());
  for (PathStep& step : d.path) {
    out.path.push_back({std::move(step.id), std::move(step.name), std::move(step.relation)});
  }
  return out;
}

}  // namespace

struct BasisIndex::Impl {
  // Listed entities keep only what the listed basis needs; derived and
  // linked ones their full per-regime derivations.
  struct Entry {
    std::string listed_on;  // the list, when listed
    std::string name;
    std::vector<RegimeBasis> regimes;
  };
  std::unordered_map<std::string, Entry> entries;
  std::string citations[kRegimeCount];
  std::size_t listed = 0;
  std::size_t derived = 0;
};

BasisIndex::BasisIndex(const Network& network) : impl_(std::make_unique<Impl>()) {
  const graph::Graph& g = network.impl_->graph;
  for (graph::NodeId node = 0; node < g.size(); ++node) {
    const graph::Node& n = g.node(node);
    if (!n.listed) continue;
    Impl::Entry& entry = impl_->entries[n.id];
    entry.listed_on = n.list;
    entry.name = n.name;
    ++impl_->listed;
  }
  for (int r = 0; r < kRegimeCount; ++r) {
    const Regime regime = static_cast<Regime>(r);
    impl_->citations[r] = network.options().rules[r].citation;
    // Derived and linked are disjoint under one regime, and each regime is
    // appended in turn, so every entry's regimes stay in regime order.
    std::vector<Derivation> derived = network.Derived(regime);
    std::vector<Derivation> linked = network.Linked(regime);
    for (std::vector<Derivation>* set : {&derived, &linked}) {
      for (Derivation& d : *set) {
        Impl::Entry& entry = impl_->entries[d.entity_id];
        if (entry.regimes.empty()) ++impl_->derived;
        entry.regimes.push_back(FromDerivation(std::move(d)));
      }
    }
  }
}

BasisIndex::~BasisIndex() = default;

std::vector<RegimeBasis> BasisIndex::Find(std::string_view id) const {
  auto it = impl_->entries.find(std::string(id));
  if (it == impl_->entries.end()) return {};
  const Impl::Entry& entry = it->second;
  if (entry.listed_on.empty()) return entry.regimes;
  std::vector<RegimeBasis> out(kRegimeCount);
  for (int r = 0; r < kRegimeCount; ++r) {
    out[r].regime = std::string(RegimeName(static_cast<Regime>(r)));
    out[r].basis = std::string(BasisName(Basis::kListed));
    out[r].rule = impl_->citations[r];
    out[r].explanation = "listed on " + entry.listed_on;
    out[r].path.push_back({it->first, entry.name, ""});
  }
  return out;
}

std::size_t BasisIndex::listed_count() const noexcept { return impl_->listed; }
std::size_t BasisIndex::derived_count() const noexcept { return impl_->derived; }

std::string StrongestBasis(const std::vector<RegimeBasis>& regimes) {
  int best = static_cast<int>(std::size(kStrength));
  for (const RegimeBasis& r : regimes) best = std::min(best, StrengthOf(r.basis));
  return best < static_cast<int>(std::size(kStrength)) ? std::string(BasisName(kStrength[best]))
                                                       : std::string(BasisName(Basis::kNone));
}

void AnnotateBasis(const BasisIndex& index, std::vector<ScreenMatch>& matches,
                   const AnnotateOptions& options) {
  for (ScreenMatch& match : matches) {
    match.derivation = index.Find(match.entity_id);
    match.basis = StrongestBasis(match.derivation);
  }
  if (options.keep_none) return;
  std::erase_if(matches,
                [](const ScreenMatch& match) { return match.basis == BasisName(Basis::kNone); });
}

std::vector<ScreenMatch> ScreenWithBasis(const Screener& screener, const BasisIndex& index,
                                         const ScreenQuery& query, const ScreenOptions& options,
                                         const AnnotateOptions& annotate) {
  ScreenOptions wider = options;
  if (!annotate.keep_none) wider.limit = options.limit * 2 + 10;
  std::vector<ScreenMatch> matches = screener.Screen(query, wider);
  AnnotateBasis(index, matches, annotate);
  if (matches.size() > static_cast<std::size_t>(std::max(options.limit, 0))) {
    matches.resize(static_cast<std::size_t>(std::max(options.limit, 0)));
  }
  return matches;
}

}  // namespace interdict
