// Operations: GET /healthz, /readyz, /metrics, /openapi.json.
#include <string_view>

#include "server/http_util.h"
#include "server/routes.h"
#include "server/server.h"

namespace interdict::embedded {
extern const std::string_view openapi_json;
}  // namespace interdict::embedded

namespace interdict::server {

void HandleHealthz(const Call& call) { SendJson(call.res, "{\"status\":\"ok\"}"); }

void HandleReadyz(const Call& call) {
  const std::shared_ptr<const Snapshot> snapshot = call.state.service->snapshot();
  if (snapshot == nullptr) {
    call.res.set_header("Retry-After", "5");
    return SendError(call.res, 503, "unavailable", "no index is loaded yet");
  }
  SendJson(call.res,
           nlohmann::json{{"status", "ready"}, {"index", IndexInfoJson(snapshot->info)}}.dump());
}

void HandleMetrics(const Call& call) {
  std::string out;
  call.state.metrics.Render(out);
  const Service& service = *call.state.service;
  const std::shared_ptr<const Snapshot> snapshot = service.snapshot();
  auto gauge = [&out](std::string_view name, std::string_view help, std::string_view type,
                      double value) {
    out += "# HELP " + std::string(name) + " " + std::string(help) + "\n# TYPE " +
           std::string(name) + " " + std::string(type) + "\n";
    AppendSample(out, name, "", value);
  };
  gauge("interdict_index_ready", "1 when a screening index is loaded.", "gauge", snapshot ? 1 : 0);
  if (snapshot) {
    const IndexInfo& info = snapshot->info;
    gauge("interdict_index_entities", "Entities in the live index.", "gauge",
          static_cast<double>(info.entities));
    gauge("interdict_index_names", "Names in the live index.", "gauge",
          static_cast<double>(info.names));
    gauge("interdict_index_generation", "Index swaps since start.", "gauge",
          static_cast<double>(info.generation));
    gauge("interdict_index_build_seconds", "Time the live index took to build.", "gauge",
          static_cast<double>(info.build_ms) / 1000);
    out +=
        "# HELP interdict_list_version Current version number of each indexed list.\n"
        "# TYPE interdict_list_version gauge\n";
    for (const ListVersion& v : info.versions) {
      AppendSample(out, "interdict_list_version", "list=\"" + LabelValue(v.list) + "\"",
                   static_cast<double>(v.number));
    }
    out +=
        "# HELP interdict_list_entities Entities in the current version of each list.\n"
        "# TYPE interdict_list_entities gauge\n";
    for (const ListVersion& v : info.versions) {
      AppendSample(out, "interdict_list_entities", "list=\"" + LabelValue(v.list) + "\"",
                   static_cast<double>(v.entities));
    }
  }
  gauge("interdict_reloads_total", "Index rebuilds swapped in.", "counter",
        static_cast<double>(service.reloads_ok()));
  gauge("interdict_reload_failures_total", "Index rebuilds that failed.", "counter",
        static_cast<double>(service.reloads_failed()));
  const nlohmann::json last = service.LastUpdate();
  if (last.is_object()) {
    gauge("interdict_last_update_success", "1 if no source failed in the last update.", "gauge",
          last.value("ok", false) ? 1 : 0);
    gauge("interdict_last_update_failed_sources", "Sources that failed in the last update.",
          "gauge", last.value("failed", 0));
  }
  const ConnectionStats& connections = *call.state.connections;
  gauge("interdict_connections_active", "Connections being served.", "gauge",
        static_cast<double>(connections.active.load()));
  gauge("interdict_connections_accepted_total", "Connections accepted.", "counter",
        static_cast<double>(connections.accepted.load()));
  gauge("interdict_connections_shed_total", "Connections refused with 503 under overload.",
        "counter", static_cast<double>(connections.shed.load()));
  gauge("interdict_requests_timed_out_total",
        "Requests cut off by the request deadline or a write timeout.", "counter",
        static_cast<double>(connections.timed_out.load()));
  call.res.status = 200;
  call.res.set_content(std::move(out), "text/plain; version=0.0.4");
}

void HandleOpenApi(const Call& call) {
  call.res.status = 200;
  call.res.set_content(std::string(embedded::openapi_json), kJsonType);
}

}  // namespace interdict::server
