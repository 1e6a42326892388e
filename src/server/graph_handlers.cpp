// See graph_handlers.h.
#include "server/graph_handlers.h"

#include <algorithm>
#include <string>

#include "interdict/graph.h"
#include "server/http_util.h"
#include "server/server.h"

namespace interdict::server {
namespace {

constexpr std::int64_t kMaxDerivedPage = 1000;

// The live snapshot, or a 503 written to the response.
std::shared_ptr<const Snapshot> GraphSnapshot(const Call& call) {
  std::shared_ptr<const Snapshot> snapshot = call.state.service->snapshot();
  if (snapshot == nullptr || snapshot->network == nullptr) {
    call.res.set_header("Retry-After", "5");
    SendError(call.res, 503, "unavailable", "no index is loaded yet; load a list first");
    return nullptr;
  }
  return snapshot;
}

}  // namespace

void HandleEntityNetwork(const Call& call) {
  const std::string& id = call.params.at(0);
  Result<std::int64_t> depth =
      IntParam(call.req, "depth", kDefaultNetworkDepth, 0, kMaxNetworkDepth);
  if (!depth) return SendStatus(call.res, depth.error());
  const std::shared_ptr<const Snapshot> snapshot = GraphSnapshot(call);
  if (snapshot == nullptr) return;
  Result<Neighbourhood> hood = snapshot->network->Around(id, static_cast<int>(*depth));
  if (!hood) return SendStatus(call.res, Status(hood.error()).AtElement("id"));
  SendJson(call.res, NeighbourhoodToJson(*hood, -1));
}

void HandleDerived(const Call& call) {
  const std::string name = call.req.get_param_value("regime");
  const std::optional<Regime> regime = ParseRegime(name);
  if (!regime) {
    return SendError(call.res, 400, "invalid_argument", "regime must be ofac, eu or uk", "regime");
  }
  Result<std::int64_t> offset = IntParam(call.req, "offset", 0, 0, INT64_MAX);
  if (!offset) return SendStatus(call.res, offset.error());
  Result<std::int64_t> limit = IntParam(call.req, "limit", 100, 1, kMaxDerivedPage);
  if (!limit) return SendStatus(call.res, limit.error());
  const std::shared_ptr<const Snapshot> snapshot = GraphSnapshot(call);
  if (snapshot == nullptr) return;
  // The derivations are JSON text already; join them rather than re-parse.
  const std::vector<std::string>& all = snapshot->derived[static_cast<int>(*regime)];
  const std::size_t begin = std::min<std::size_t>(static_cast<std::size_t>(*offset), all.size());
  const std::size_t end =
      std::min<std::size_t>(begin + static_cast<std::size_t>(*limit), all.size());
  std::string body = "{\"regime\":\"" + std::string(RegimeName(*regime)) +
                     "\",\"total\":" + std::to_string(all.size()) +
                     ",\"offset\":" + std::to_string(*offset) +
                     ",\"limit\":" + std::to_string(*limit) + ",\"results\":[";
  for (std::size_t i = begin; i < end; ++i) {
    if (i > begin) body += ',';
    body += all[i];
  }
  body += "]}";
  SendJson(call.res, std::move(body));
}

}  // namespace interdict::server
