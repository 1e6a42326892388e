// The JSON forms of case records, shared by the CLI (--json) and the server.
#include <nlohmann/json.hpp>

#include "interdict/casework.h"
#include "model/entity_json.h"

namespace interdict {
namespace {

std::string Dump(const nlohmann::json& json) {
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Stored JSON text embedded as JSON (or as a string if it is not JSON).
nlohmann::json Embedded(const std::string& text) {
  if (text.empty()) return nullptr;
  nlohmann::json json = nlohmann::json::parse(text, nullptr, false);
  return json.is_discarded() ? nlohmann::json(text) : json;
}

}  // namespace

std::string AlertToJson(const Alert& a) {
  nlohmann::json json = {{"id", a.id},
                         {"customer_id", a.customer_id},
                         {"customer_name", a.customer_name},
                         {"entity_id", a.entity_id},
                         {"entity_name", a.entity_name},
                         {"matched_name", a.matched_name},
                         {"list", a.list},
                         {"score", a.score},
                         {"explanation", Embedded(a.explanation)},
                         {"list_version", a.list_version},
                         {"basis", Embedded(a.basis)},
                         {"reason", a.reason},
                         {"customer_hash", a.customer_hash},
                         {"entity_hash", a.entity_hash},
                         {"status", AlertStatusName(a.status)},
                         {"assignee", a.assignee},
                         {"decided_by", a.decided_by},
                         {"decision_note", a.decision_note},
                         {"entity_delisted", a.entity_delisted},
                         {"opened_at", a.opened_at},
                         {"updated_at", a.updated_at},
                         {"closed_at", a.closed_at},
                         {"revision", a.revision}};
  if (a.status == AlertStatus::kAwaitingConfirmation) {
    json["proposed"] = AlertStatusName(a.proposed);
    json["proposed_by"] = a.proposed_by;
  }
  return Dump(json);
}

std::string CommentToJson(const AlertComment& c) {
  return Dump({{"id", c.id},
               {"alert_id", c.alert_id},
               {"author", c.author},
               {"text", c.text},
               {"at", c.at}});
}

std::string DesignationToJson(const Designation& d) {
  return Dump({{"id", d.entity.id},
               {"number", d.number},
               {"entity", ToJson(d.entity)},
               {"reason", d.reason},
               {"evidence", d.evidence},
               {"author", d.author},
               {"created_at", d.created_at},
               {"updated_at", d.updated_at},
               {"expires", d.expires},
               {"removed_at", d.removed_at},
               {"removed_by", d.removed_by},
               {"removed_reason", d.removed_reason},
               {"revision", d.revision}});
}

std::string AuditEventToJson(const AuditEvent& e) {
  return Dump({{"seq", e.seq},
               {"at", e.at},
               {"actor", e.actor},
               {"action", e.action},
               {"subject", e.subject},
               {"details", Embedded(e.details)},
               {"prev_hash", e.prev_hash},
               {"hash", e.hash}});
}

std::string RescreenReportToJson(const RescreenReport& r) {
  return Dump({{"mode", r.mode == RescreenMode::kFull ? "full" : "delta"},
               {"resumed", r.resumed},
               {"versions", r.versions},
               {"entities_screened_against", r.entities_screened_against},
               {"customers", r.customers},
               {"customers_in_full", r.customers_in_full},
               {"hits", r.hits},
               {"alerts_opened", r.alerts_opened},
               {"suppressed", r.suppressed},
               {"already_open", r.already_open},
               {"delisted_closed", r.delisted_closed},
               {"delisted_flagged", r.delisted_flagged},
               {"seconds", r.seconds}});
}

}  // namespace interdict
