#include "match/screener.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <optional>
#include <unordered_set>

#include "text/normalize.h"

namespace interdict::match {
namespace {

// "%.2f" (std::to_chars with a precision prints as printf does, without
// the locale and varargs machinery).
void AppendFormat2(std::string& out, double v) {
  char buf[64];
  const auto end = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 2).ptr;
  out.append(buf, end);
}

std::string Format2(double v) {
  std::string s;
  AppendFormat2(s, v);
  return s;
}

// "%+.2f": printf's sign is the sign bit's, zeros included.
std::string SignedFormat2(double v) {
  std::string s = std::signbit(v) ? "" : "+";
  AppendFormat2(s, v);
  return s;
}

void AppendSpan(std::string& out, const std::vector<WeightedToken>& tokens, std::size_t b,
                std::size_t e) {
  for (std::size_t i = b; i < e; ++i) {
    if (i > b) out += ' ';
    out += tokens[i].token->text;
  }
}

std::string JoinSpan(const std::vector<WeightedToken>& tokens, std::size_t b, std::size_t e) {
  std::string s;
  AppendSpan(s, tokens, b, e);
  return s;
}

}  // namespace

Explanation Explain(const std::vector<WeightedToken>& query, const std::vector<WeightedToken>& list,
                    const NameScore& score) {
  Explanation e;
  e.name_score = score.score;
  const double total = score.total_weight > 0 ? score.total_weight : 1;
  std::vector<const AlignedPair*> by_query(query.size(), nullptr);
  for (const AlignedPair& p : score.pairs) by_query[p.q_begin] = &p;
  std::size_t matched = 0;
  std::string rules;
  for (std::size_t i = 0; i < query.size(); ++i) {
    const AlignedPair* p = by_query[i];
    if (p == nullptr) {
      if (std::find(score.unmatched_query.begin(), score.unmatched_query.end(), i) !=
          score.unmatched_query.end()) {
        e.tokens.push_back({query[i].token->text, "", "unmatched", 0, query[i].weight / total});
      }
      continue;
    }
    TokenAlignment a;
    a.query = JoinSpan(query, p->q_begin, p->q_end);
    a.list = JoinSpan(list, p->l_begin, p->l_end);
    a.rule = RuleName(p->match);
    a.similarity = p->match.similarity;
    a.weight = p->weight / total;
    if (!rules.empty()) rules += ", ";
    rules += a.rule;
    matched += p->q_end - p->q_begin;
    e.tokens.push_back(std::move(a));
  }
  for (std::uint8_t j : score.unmatched_list) e.unmatched_list.push_back(list[j].token->text);
  std::string& summary = e.summary;
  // Room for the usual summary and a few adjustments (MakeMatch appends
  // them), so it is allocated once instead of grown step by step.
  std::size_t texts = 0;
  for (const WeightedToken& t : query) texts += t.token->text.size() + 1;
  for (const WeightedToken& t : list) texts += t.token->text.size() + 1;
  summary.reserve(texts + rules.size() + 160);
  AppendSpan(summary, query, 0, query.size());
  summary += " ~ ";
  AppendSpan(summary, list, 0, list.size());
  summary += ": name ";
  AppendFormat2(summary, score.score);
  summary += " (";
  summary += std::to_string(matched);
  summary += '/';
  summary += std::to_string(query.size());
  summary += " query tokens matched";
  if (!rules.empty()) {
    summary += ": ";
    summary += rules;
  }
  if (score.middles_omitted) {
    summary += "; middle names omitted:";
    for (std::size_t k = 0; k < e.unmatched_list.size(); ++k) {
      summary += k == 0 ? " " : ", ";
      summary += e.unmatched_list[k];
    }
  } else if (!e.unmatched_list.empty()) {
    summary += "; ";
    summary += std::to_string(e.unmatched_list.size());
    summary += " list tokens unmatched";
  }
  summary += ')';
  return e;
}

IndexScreener::IndexScreener(std::vector<Entity> entities) {
  first_name_.reserve(entities.size() + 1);
  for (std::uint32_t i = 0; i < entities.size(); ++i) {
    Entity& e = entities[i];
    first_name_.push_back(static_cast<std::uint32_t>(index_.size()));
    std::unordered_set<std::string> seen;
    for (const Name& n : e.names) {
      if (seen.insert(n.full).second) index_.Add(i, n, e.schema == Schema::kPerson);
    }
    EntityFacts facts = FactsOf(e);
    for (const std::string& id : facts.identifiers) by_identifier_[id].push_back(i);
    entities_.Add(std::move(facts));
    e = Entity();  // release memory as we go: entities can be millions
  }
  first_name_.push_back(static_cast<std::uint32_t>(index_.size()));
  entities_.ShrinkToFit();
  index_.Finish();
}

std::size_t IndexScreener::MemoryBytes() const noexcept {
  return index_.MemoryBytes() + first_name_.capacity() * 4 + entities_.MemoryBytes() +
         by_identifier_.size() * 64;
}

std::vector<std::uint32_t> IndexScreener::CandidateNames(std::string_view query_name) const {
  return index_.Candidates(text::PrepareName(query_name), kMaxCandidates);
}

double IndexScreener::PruneBelow(const ScreenQuery& query, const ScreenOptions& options) const {
  // An identifier match lifts any name score; otherwise a name score can
  // gain at most an exact birth date and a country match (adjust.h), so a
  // name certainly below the threshold less those cannot be returned. The
  // margin covers rounding in the bound.
  if (!pruning_ || !query.identifiers.empty()) return 0;
  double gain = 0;
  if (query.dob) gain += std::max({kDobExact, kDobSameYear, kDobNearYear});
  if (!query.country.empty()) gain += kCountryMatch;
  return std::max(0.0, options.threshold - gain - 1e-9);
}

void IndexScreener::ScoreNames(QueryScorer& scorer, const std::vector<std::uint32_t>& names,
                               double at_least, std::vector<Scored>& best) const {
  thread_local std::vector<WeightedToken> list;
  thread_local NameScore s;
  best.clear();
  // Each candidate's record, token ids and tokens are asked for a few
  // names ahead (NameIndex::Prefetch), in three steps as each needs the last.
  constexpr std::size_t kAhead = 4;
  for (std::size_t k = 0; k < names.size(); ++k) {
    if (k + 3 * kAhead < names.size()) index_.Prefetch(names[k + 3 * kAhead], 0);
    if (k + 2 * kAhead < names.size()) index_.Prefetch(names[k + 2 * kAhead], 1);
    if (k + kAhead < names.size()) index_.Prefetch(names[k + kAhead], 2);
    const std::uint32_t name = names[k];
    index_.Tokens(name, list);
    if (at_least > 0 && !scorer.MayReach(list, at_least)) continue;
    scorer.Score(list, s);
    // Below `at_least` a name cannot make a match either: its entity need
    // not be adjusted and ranked (FinalScore) to find that out.
    if (s.score > 0 && s.score >= at_least) {
      best.push_back({index_.entity_of(name), name, s.score, true});
    }
  }
  // Per entity the best name score, ties to the lower name id.
  std::sort(best.begin(), best.end(), [](const Scored& a, const Scored& b) {
    if (a.entity != b.entity) return a.entity < b.entity;
    return a.name_score != b.name_score ? a.name_score > b.name_score : a.name < b.name;
  });
  best.erase(std::unique(best.begin(), best.end(),
                         [](const Scored& a, const Scored& b) { return a.entity == b.entity; }),
             best.end());
}

double IndexScreener::FinalScore(const ScreenQuery& query, const QueryFacts& query_facts,
                                 const Scored& scored, std::vector<Adjustment>& adjustments) const {
  adjustments = Adjust(query, query_facts, entities_.Attributes(scored.entity), scored.name_score);
  if (scored.name_score < kAdjustFloor) {
    std::erase_if(adjustments, [](const Adjustment& a) { return a.factor != "identifier"; });
  }
  double score = scored.name_score;
  for (const Adjustment& a : adjustments) score += a.delta;
  return std::clamp(score, 0.0, 1.0);
}

ScreenMatch IndexScreener::MakeMatch(const std::vector<WeightedToken>& q, QueryScorer& scorer,
                                     const Scored& scored, double score,
                                     std::vector<Adjustment> adjustments) const {
  const std::uint32_t entity = scored.entity;
  ScreenMatch m;
  m.entity_id = std::string(entities_.id(entity));
  m.list = std::string(entities_.list(entity));
  m.name = std::string(index_.text_of(scored.name));
  m.primary_name = std::string(entities_.primary_name(entity));
  m.schema = entities_.schema(entity);
  std::vector<WeightedToken> list;
  index_.Tokens(scored.name, list);
  // Scoring is deterministic: the returned few are scored again for their
  // alignment rather than every candidate keeping its own.
  NameScore name_score;
  if (scored.by_name) scorer.Score(list, name_score);
  m.explanation = Explain(q, list, name_score);
  std::string& summary = m.explanation.summary;
  for (const Adjustment& a : adjustments) {
    summary += "; ";
    summary += a.factor;
    summary += ' ';
    summary += SignedFormat2(a.delta);
  }
  m.explanation.adjustments = std::move(adjustments);
  m.score = score;
  summary += "; score ";
  AppendFormat2(summary, m.score);
  return m;
}

std::vector<ScreenMatch> IndexScreener::ScreenImpl(const ScreenQuery& query,
                                                   const ScreenOptions& options) const {
  const text::PreparedName prepared = text::PrepareName(query.name);
  const std::vector<WeightedToken> q = index_.Weigh(prepared);
  std::vector<std::uint32_t> names;
  if (options.exhaustive) {
    names.reserve(index_.size());
    for (std::uint32_t n = 0; n < index_.size(); ++n) names.push_back(n);
  } else if (!q.empty()) {
    // Of the best candidates, those too far below the threshold are left
    // out. With threshold 0 (sweeps) every candidate is scored.
    // Initials written together ("VV MEDVEDEV") match given names only in
    // scoring (name_initials.cpp), which the estimate cannot see.
    const bool joined_initials = std::any_of(q.begin(), q.end(), IsJoinedInitials);
    const double cut = joined_initials ? 0.0 : options.threshold * kEstimateCut;
    for (const NameIndex::Candidate& c : index_.Candidates(prepared, q, kMaxCandidates, cut)) {
      names.push_back(c.name);
    }
  }
  // An identifier match brings its entity in whatever the name says.
  std::vector<std::uint32_t> by_id;
  for (const QueryIdentifier& id : query.identifiers) {
    const auto it = by_identifier_.find(NormalizeIdentifier(id.value));
    if (it == by_identifier_.end()) continue;
    for (std::uint32_t entity : it->second) {
      by_id.push_back(entity);
      for (std::uint32_t n = first_name_[entity]; n < first_name_[entity + 1]; ++n) {
        names.push_back(n);
      }
    }
  }
  thread_local QueryScorer scorer;
  scorer.Reset(q);
  std::vector<Scored> best;
  ScoreNames(scorer, names, PruneBelow(query, options), best);
  const auto by_entity = [](const Scored& a, const Scored& b) { return a.entity < b.entity; };
  const std::size_t scored_by_name = best.size();
  for (std::uint32_t entity : by_id) {
    // An entity with no usable name still reports its identifier match.
    const Scored probe{entity, 0, 0, false};
    if (first_name_[entity] < first_name_[entity + 1] &&
        !std::binary_search(best.begin(), best.begin() + scored_by_name, probe, by_entity) &&
        std::none_of(best.begin() + scored_by_name, best.end(),
                     [&](const Scored& b) { return b.entity == entity; })) {
      best.push_back({entity, first_name_[entity], 0, false});
    }
  }
  // Final scores first; explanations (the costly strings) only for the
  // matches that are returned.
  struct Ranked {
    double score;
    const Scored* scored;
    std::vector<Adjustment> adjustments;
  };
  std::vector<Ranked> ranked;
  const QueryFacts query_facts = best.empty() ? QueryFacts() : FactsOfQuery(query);
  for (const Scored& scored : best) {
    Ranked r{0, &scored, {}};
    r.score = FinalScore(query, query_facts, scored, r.adjustments);
    if (r.score >= options.threshold) ranked.push_back(std::move(r));
  }
  std::size_t keep = ranked.size();
  if (options.limit >= 0) keep = std::min(keep, static_cast<std::size_t>(options.limit));
  std::partial_sort(
      ranked.begin(), ranked.begin() + keep, ranked.end(), [&](const Ranked& a, const Ranked& b) {
        return a.score != b.score ? a.score > b.score
                                  : entities_.id(a.scored->entity) < entities_.id(b.scored->entity);
      });
  std::vector<ScreenMatch> out;
  out.reserve(keep);
  for (std::size_t i = 0; i < keep; ++i) {
    Ranked& r = ranked[i];
    out.push_back(MakeMatch(q, scorer, *r.scored, r.score, std::move(r.adjustments)));
  }
  return out;
}

namespace {
// "IMO 9283033", "IMO9283033", "IMO: 9283033" written in a vessel's name is
// its IMO number, not a name. The span [begin, end) of the first such
// mention in `name`, its seven digits at `digits`; nullopt when none (most
// names: they are scanned, not copied).
struct ImoMention {
  std::size_t begin, end, digits;
};
std::optional<ImoMention> FindImoNumber(const std::string& n) {
  for (std::size_t at = n.find_first_of("iI"); at != std::string::npos && at + 3 <= n.size();
       at = n.find_first_of("iI", at + 1)) {
    if ((n[at + 1] | 0x20) != 'm' || (n[at + 2] | 0x20) != 'o') continue;
    if (at > 0 && std::isalnum(static_cast<unsigned char>(n[at - 1]))) continue;
    std::size_t d = at + 3;
    while (d < n.size() &&
           (n[d] == ' ' || n[d] == ':' || n[d] == '.' || n[d] == '#' || n[d] == '-'))
      ++d;
    std::size_t e = d;
    while (e < n.size() && std::isdigit(static_cast<unsigned char>(n[e]))) ++e;
    if (e - d != 7 || (e < n.size() && std::isalnum(static_cast<unsigned char>(n[e])))) continue;
    return ImoMention{at, e, d};
  }
  return std::nullopt;
}
}  // namespace

std::vector<ScreenMatch> IndexScreener::Screen(const ScreenQuery& query,
                                               const ScreenOptions& options) const noexcept {
  try {
    // The IMO number moves from the name to the identifiers.
    if (const std::optional<ImoMention> imo = FindImoNumber(query.name)) {
      ScreenQuery moved = query;
      moved.identifiers.push_back({"imo", query.name.substr(imo->digits, 7)});
      moved.name = query.name.substr(0, imo->begin) + " " + query.name.substr(imo->end);
      return ScreenImpl(moved, options);
    }
    return ScreenImpl(query, options);
  } catch (...) {
    return {};  // only allocation can throw; a screener never takes the process down
  }
}

ScreenMatch IndexScreener::Compare(std::string_view name1, std::string_view name2,
                                   std::optional<Schema> type) const noexcept {
  ScreenMatch m;
  try {
    const text::PreparedName a = text::PrepareName(name1);
    const text::PreparedName b = text::PrepareName(name2);
    const std::vector<WeightedToken> qa = index_.Weigh(a);
    std::vector<WeightedToken> qb = index_.Weigh(b);
    if (type == Schema::kPerson) {  // name2 as a listed person's name, as screening scores it
      std::vector<std::string> texts;
      for (const text::PreparedToken& t : b.tokens) texts.push_back(t.text);
      const std::vector<text::NameRole> roles = IndexedPersonRoles(name2, {}, texts);
      for (std::size_t k = 0; k < roles.size() && k < qb.size(); ++k) qb[k].role = roles[k];
    }
    const NameScore s = ScoreName(qa, qb);  // no dictionary ids: nothing to memoise
    m.name = std::string(name2);
    m.primary_name = m.name;
    m.schema = type.value_or(Schema::kUnknown);
    m.explanation = Explain(qa, qb, s);
    m.score = s.score;
    m.explanation.summary += "; score " + Format2(m.score);
  } catch (...) {
    m = ScreenMatch();
  }
  return m;
}

// ---------------------------------------------------------------------------
// Public entry points

Result<std::unique_ptr<Screener>> BuildScreener(std::vector<Entity> entities) {
  try {
    return std::unique_ptr<Screener>(new IndexScreener(std::move(entities)));
  } catch (const std::bad_alloc&) {
    return Err(Status::TooLarge("not enough memory to index the entities"));
  }
}

}  // namespace interdict::match

namespace interdict {

Result<std::unique_ptr<Screener>> BuildScreener(std::vector<Entity> entities) {
  return match::BuildScreener(std::move(entities));
}

}  // namespace interdict
