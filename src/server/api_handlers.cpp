// Screening and browsing: POST /v1/screen, POST /v1/screen/batch,
// GET /v1/entities/{id}, GET /v1/search. Screening results and search hits
// carry each entity's basis (listed, owned, ..., linked) from the snapshot's
// relation network.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <unordered_set>

#include "interdict/graph.h"
#include "interdict/json.h"
#include "interdict/screen_io.h"
#include "server/graph_handlers.h"
#include "server/http_util.h"
#include "server/requests.h"
#include "server/routes.h"
#include "server/server.h"
#include "sources/io.h"

namespace interdict::server {
namespace {

using nlohmann::json;

// Search: prefix hits first, then fuzzy ones, at most this many in all.
constexpr std::size_t kMaxSearchHits = 1000;
constexpr double kFuzzyThreshold = 0.6;
constexpr int kFuzzyLimit = 100;

// The live snapshot, or a 503 written to the response.
std::shared_ptr<const Snapshot> LiveSnapshot(const Call& call) {
  std::shared_ptr<const Snapshot> snapshot = call.state.service->snapshot();
  if (snapshot == nullptr) {
    call.res.set_header("Retry-After", "5");
    SendError(call.res, 503, "unavailable", "no index is loaded yet; load a list first");
  }
  return snapshot;
}

Result<ScreenOptions> OptionsOf(const httplib::Request& req) {
  return ParseScreenOptions(req.get_param_value("threshold"), req.get_param_value("limit"));
}

// ?keep_none=true also returns matches that are neither listed, derived nor
// linked (basis "none"); by default they are dropped (docs/api.md).
Result<AnnotateOptions> AnnotateOptionsOf(const httplib::Request& req) {
  AnnotateOptions options;
  const std::string value = req.get_param_value("keep_none");
  if (value.empty() || value == "false") return options;
  if (value != "true") {
    return Err(Status::InvalidArgument("keep_none must be true or false").AtElement("keep_none"));
  }
  options.keep_none = true;
  return options;
}

// Screens one query and attaches each match's basis from the snapshot's
// relation network.
std::vector<ScreenMatch> ScreenAnnotated(const Snapshot& snapshot, const ScreenQuery& query,
                                         const ScreenOptions& options,
                                         const AnnotateOptions& annotate) {
  return ScreenWithBasis(*snapshot.screener, *snapshot.basis, query, options, annotate);
}

}  // namespace

void HandleScreen(const Call& call) {
  Result<ScreenOptions> options = OptionsOf(call.req);
  if (!options) return SendStatus(call.res, options.error());
  Result<AnnotateOptions> annotate = AnnotateOptionsOf(call.req);
  if (!annotate) return SendStatus(call.res, annotate.error());
  Result<ScreenQuery> query = ParseScreenBody(call.req.body);
  if (!query) return SendStatus(call.res, query.error());
  const std::shared_ptr<const Snapshot> snapshot = LiveSnapshot(call);
  if (snapshot == nullptr) return;
  SendJson(call.res,
           ScreenResultJson(query->id, ScreenAnnotated(*snapshot, *query, *options, *annotate)));
}

void HandleScreenBatch(const Call& call) {
  Result<ScreenOptions> options = OptionsOf(call.req);
  if (!options) return SendStatus(call.res, options.error());
  Result<AnnotateOptions> annotate = AnnotateOptionsOf(call.req);
  if (!annotate) return SendStatus(call.res, annotate.error());
  Result<std::vector<Result<ScreenQuery>>> queries = ParseBatchBody(call.req.body);
  if (!queries) return SendStatus(call.res, queries.error());
  const std::shared_ptr<const Snapshot> snapshot = LiveSnapshot(call);
  if (snapshot == nullptr) return;
  // Result lines are already JSON text; join them rather than re-parse.
  std::string body = "{\"results\":[";
  for (std::size_t i = 0; i < queries->size(); ++i) {
    if (i > 0) body += ',';
    const Result<ScreenQuery>& query = (*queries)[i];
    body +=
        query ? ScreenResultJson(query->id, ScreenAnnotated(*snapshot, *query, *options, *annotate))
              : ScreenErrorJson("", query.error());
  }
  body += "]}";
  SendJson(call.res, std::move(body));
}

void HandleEntity(const Call& call) {
  const std::string& id = call.params.at(0);
  // "/v1/entities/{id}/network" takes one path segment as its id; an id with
  // '/' in it (ftm: ids may have one) lands here with the suffix attached.
  constexpr std::string_view kNetworkSuffix = "/network";
  if (id.size() > kNetworkSuffix.size() && id.ends_with(kNetworkSuffix)) {
    const std::vector<std::string> params = {id.substr(0, id.size() - kNetworkSuffix.size())};
    return HandleEntityNetwork(Call{call.req, call.res, params, call.state});
  }
  Result<std::int64_t> version = IntParam(call.req, "version", 0, 1, INT64_MAX);
  if (!version) return SendStatus(call.res, version.error());
  Store& store = call.state.service->store();
  Result<Entity> entity = store.GetEntity(id, *version);
  if (!entity) {
    Status error = entity.error();
    return SendStatus(call.res, error.code() == StatusCode::kNotFound
                                    ? Status::NotFound("no entity \"" + id + "\"").AtElement("id")
                                    : error);
  }
  Result<std::vector<ListVersion>> versions = store.EntityVersions(id);
  if (!versions) return SendStatus(call.res, versions.error());
  json version_list = json::array();
  for (const ListVersion& v : *versions) version_list.push_back(VersionToJson(v));
  // The basis per regime from the live relation network (the entity as it
  // is now, whatever version is shown).
  std::string basis = "[]";
  if (const std::shared_ptr<const Snapshot> snapshot = call.state.service->snapshot();
      snapshot != nullptr && snapshot->basis != nullptr) {
    basis = RegimeBasesJson(snapshot->basis->Find(id));
  }
  SendJson(call.res, "{\"entity\":" + EntityToJson(*entity) +
                         ",\"versions\":" + version_list.dump() + ",\"basis\":" + basis + "}");
}

void HandleSearch(const Call& call) {
  const std::string q = call.req.get_param_value("q");
  if (sources::Trim(q).empty()) {
    return SendError(call.res, 400, "invalid_argument", "q (the name to look for) is required",
                     "q");
  }
  if (q.size() > kMaxQueryNameBytes) {
    return SendError(call.res, 413, "too_large",
                     "q is longer than " + std::to_string(kMaxQueryNameBytes) + " bytes", "q");
  }
  if (sources::FindInvalidUtf8(q) != std::string_view::npos) {
    return SendError(call.res, 400, "invalid_argument", "q is not valid UTF-8", "q");
  }
  SearchFilter filter;
  filter.list = call.req.get_param_value("list");
  if (const std::string type = call.req.get_param_value("type"); !type.empty()) {
    filter.schema = ParseSchema(type);
    if (!filter.schema || *filter.schema == Schema::kUnknown) {
      return SendError(call.res, 400, "invalid_argument",
                       "type must be person, organization, vessel or aircraft", "type");
    }
  }
  Result<std::int64_t> offset = IntParam(call.req, "offset", 0, 0, kMaxSearchHits);
  if (!offset) return SendStatus(call.res, offset.error());
  Result<std::int64_t> limit = IntParam(call.req, "limit", 20, 1, 100);
  if (!limit) return SendStatus(call.res, limit.error());
  const std::shared_ptr<const Snapshot> snapshot = LiveSnapshot(call);
  if (snapshot == nullptr) return;

  json hits = json::array();
  std::unordered_set<std::string_view> seen;
  for (const PrefixHit& hit : snapshot->search.Prefix(q, filter, kMaxSearchHits)) {
    seen.insert(hit.entity_id);
    hits.push_back({{"entity_id", hit.entity_id},
                    {"list", hit.list},
                    {"name", hit.name},
                    {"primary_name", hit.primary_name},
                    {"schema", SchemaName(hit.schema)},
                    {"score", 1.0},
                    {"match", "prefix"},
                    {"basis", StrongestBasis(snapshot->basis->Find(hit.entity_id))}});
  }
  ScreenQuery query;
  query.name = q;
  const std::vector<ScreenMatch> fuzzy =
      snapshot->screener->Screen(query, ScreenOptions{kFuzzyThreshold, kFuzzyLimit, false});
  for (const ScreenMatch& match : fuzzy) {
    if (hits.size() >= kMaxSearchHits) break;
    if (seen.count(match.entity_id) > 0) continue;
    if (filter.schema && match.schema != *filter.schema) continue;
    if (!filter.list.empty() && match.list != filter.list) continue;
    hits.push_back({{"entity_id", match.entity_id},
                    {"list", match.list},
                    {"name", match.name},
                    {"primary_name", match.primary_name},
                    {"schema", SchemaName(match.schema)},
                    {"score", std::round(match.score * 1e4) / 1e4},
                    {"match", "fuzzy"},
                    {"basis", StrongestBasis(snapshot->basis->Find(match.entity_id))}});
  }
  const std::size_t total = hits.size();
  const std::size_t begin = std::min<std::size_t>(*offset, total);
  const std::size_t end = std::min<std::size_t>(begin + *limit, total);
  json page(json::value_t::array);
  for (std::size_t i = begin; i < end; ++i) page.push_back(std::move(hits[i]));
  SendJson(call.res, json{{"query", q},
                          {"total", total},
                          {"offset", *offset},
                          {"limit", *limit},
                          {"results", std::move(page)}}
                         .dump(-1, ' ', false, json::error_handler_t::replace));
}

}  // namespace interdict::server
