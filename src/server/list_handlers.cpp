// Lists and their versions: GET /v1/lists, /v1/lists/{list}/versions,
// /v1/lists/{list}/diff, and the admin routes POST /v1/lists/load and
// POST /v1/lists/update.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "server/http_util.h"
#include "server/routes.h"
#include "server/server.h"

namespace interdict::server {
namespace {

using nlohmann::json;

std::string Dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string_view ChangeKindName(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::kAdded:
      return "added";
    case ChangeKind::kRemoved:
      return "removed";
    case ChangeKind::kChanged:
      return "changed";
  }
  return "changed";
}

// Versions of one list; an unknown list is a 404 naming it.
Result<std::vector<ListVersion>> VersionsOf(Store& store, const std::string& list) {
  Result<std::vector<ListVersion>> versions = store.Versions(list);
  if (versions && versions->empty()) {
    return Err(Status::NotFound("no list \"" + list + "\"").AtElement("list"));
  }
  return versions;
}

void SendLoadResult(const Call& call, const Result<LoadResult>& result) {
  if (!result) {
    const Status& error = result.error();
    // A path outside the load root, or path loads switched off: the client
    // may not do this, whatever it retries.
    if (error.location().element == "path" && (error.code() == StatusCode::kUnsupported ||
                                               error.code() == StatusCode::kInvalidArgument)) {
      return SendError(call.res, 403, "permission_denied", error.message(), "path");
    }
    return SendStatus(call.res, error);
  }
  SendJson(call.res, Dump({{"created", result->outcome.created},
                           {"version", VersionToJson(result->outcome.version)},
                           {"warnings", result->warnings},
                           {"index", IndexInfoJson(result->index)}}));
}

}  // namespace

void HandleLists(const Call& call) {
  Service& service = *call.state.service;
  Result<std::vector<std::string>> lists = service.store().Lists();
  if (!lists) return SendStatus(call.res, lists.error());
  json out = json::array();
  for (const std::string& list : *lists) {
    Result<std::vector<ListVersion>> versions = service.store().Versions(list);
    if (!versions) return SendStatus(call.res, versions.error());
    if (versions->empty()) continue;
    out.push_back({{"list", list},
                   {"versions", versions->size()},
                   {"current", VersionToJson(versions->back())}});
  }
  const std::shared_ptr<const Snapshot> snapshot = service.snapshot();
  SendJson(call.res,
           Dump({{"lists", std::move(out)},
                 {"index", snapshot ? IndexInfoJson(snapshot->info) : json(nullptr)},
                 {"last_update", service.LastUpdate()},
                 {"update_interval_seconds", service.options().sources_config.empty()
                                                 ? 0
                                                 : service.options().update_interval_seconds}}));
}

void HandleListVersions(const Call& call) {
  const std::string& list = call.params.at(0);
  Result<std::vector<ListVersion>> versions = VersionsOf(call.state.service->store(), list);
  if (!versions) return SendStatus(call.res, versions.error());
  json out = json::array();
  for (const ListVersion& v : *versions) out.push_back(VersionToJson(v));
  SendJson(call.res, Dump({{"list", list}, {"versions", std::move(out)}}));
}

void HandleListDiff(const Call& call) {
  const std::string& list = call.params.at(0);
  Result<std::int64_t> from = IntParam(call.req, "from", 0, 1, INT64_MAX);
  if (!from) return SendStatus(call.res, from.error());
  Result<std::int64_t> to = IntParam(call.req, "to", 0, 1, INT64_MAX);
  if (!to) return SendStatus(call.res, to.error());
  Result<std::int64_t> offset = IntParam(call.req, "offset", 0, 0, INT64_MAX);
  if (!offset) return SendStatus(call.res, offset.error());
  Result<std::int64_t> limit = IntParam(call.req, "limit", 200, 1, 5000);
  if (!limit) return SendStatus(call.res, limit.error());
  Store& store = call.state.service->store();
  if (Result<std::vector<ListVersion>> versions = VersionsOf(store, list); !versions) {
    return SendStatus(call.res, versions.error());
  }
  Result<ListDiff> diff = store.Diff(list, *from, *to);
  if (!diff) return SendStatus(call.res, diff.error());
  std::size_t counts[3] = {0, 0, 0};
  for (const EntityChange& change : diff->changes) ++counts[static_cast<int>(change.kind)];
  const std::size_t total = diff->changes.size();
  const std::size_t begin = std::min<std::size_t>(static_cast<std::size_t>(*offset), total);
  const std::size_t end = std::min<std::size_t>(begin + static_cast<std::size_t>(*limit), total);
  json changes = json::array();
  for (std::size_t i = begin; i < end; ++i) {
    const EntityChange& change = diff->changes[i];
    json fields = json::array();
    for (const FieldChange& field : change.fields) {
      fields.push_back({{"path", field.path}, {"before", field.before}, {"after", field.after}});
    }
    changes.push_back({{"id", change.id},
                       {"name", change.name},
                       {"kind", ChangeKindName(change.kind)},
                       {"fields", std::move(fields)}});
  }
  SendJson(call.res, Dump({{"list", list},
                           {"from", VersionToJson(diff->from)},
                           {"to", VersionToJson(diff->to)},
                           {"added", counts[static_cast<int>(ChangeKind::kAdded)]},
                           {"removed", counts[static_cast<int>(ChangeKind::kRemoved)]},
                           {"changed", counts[static_cast<int>(ChangeKind::kChanged)]},
                           {"total", total},
                           {"offset", *offset},
                           {"limit", *limit},
                           {"changes", std::move(changes)}}));
}

void HandleLoad(const Call& call) {
  Service& service = *call.state.service;
  const std::string content_type = call.req.get_header_value("Content-Type");
  if (content_type.starts_with("application/json")) {
    const json body = json::parse(call.req.body, nullptr, /*allow_exceptions=*/false);
    if (body.is_discarded()) return SendError(call.res, 400, "parse_error", "malformed JSON");
    if (!body.is_object()) {
      return SendError(call.res, 400, "invalid_argument", "the body must be a JSON object");
    }
    std::string fields[3];  // path, format, list
    const char* names[3] = {"path", "format", "list"};
    for (int i = 0; i < 3; ++i) {
      const auto it = body.find(names[i]);
      if (it == body.end() || it->is_null()) continue;
      if (!it->is_string()) {
        return SendError(call.res, 400, "invalid_argument",
                         std::string(names[i]) + " must be a string", names[i]);
      }
      fields[i] = it->get<std::string>();
    }
    if (fields[0].empty()) {
      return SendError(call.res, 400, "invalid_argument", "path is required", "path");
    }
    return SendLoadResult(call, service.LoadPath(fields[0], fields[1], fields[2]));
  }
  if (call.req.body.empty()) {
    return SendError(call.res, 400, "invalid_argument",
                     "send {\"path\": ...} as application/json, or the list file's bytes", "body");
  }
  SendLoadResult(call, service.LoadBytes(call.req.body, call.req.get_param_value("name"),
                                         call.req.get_param_value("format"),
                                         call.req.get_param_value("list")));
}

void HandleUpdate(const Call& call) {
  Result<json> report = call.state.service->Update();
  if (!report) return SendStatus(call.res, report.error());
  SendJson(call.res, Dump(*report));
}

}  // namespace interdict::server
