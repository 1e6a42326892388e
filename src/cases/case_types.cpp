// Names of the case enums, the canonical forms that are hashed (customer
// records, audit rows) and the clock.
#include <array>
#include <chrono>
#include <ctime>
#include <nlohmann/json.hpp>

#include "interdict/cases.h"
#include "sources/io.h"

namespace interdict {
namespace {

constexpr std::array<std::string_view, 3> kRoleNames = {"analyst", "reviewer", "admin"};
constexpr std::array<std::string_view, 6> kAlertStatusNames = {"open",
                                                               "in_review",
                                                               "awaiting_confirmation",
                                                               "closed_true_match",
                                                               "closed_false_positive",
                                                               "closed_delisted"};

template <typename Enum, std::size_t N>
std::optional<Enum> ParseName(const std::array<std::string_view, N>& names,
                              std::string_view text) noexcept {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == text) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

}  // namespace

std::string_view RoleName(Role role) noexcept { return kRoleNames[static_cast<std::size_t>(role)]; }
std::optional<Role> ParseRole(std::string_view text) noexcept {
  return ParseName<Role>(kRoleNames, text);
}

std::string_view AlertStatusName(AlertStatus status) noexcept {
  return kAlertStatusNames[static_cast<std::size_t>(status)];
}
std::optional<AlertStatus> ParseAlertStatus(std::string_view text) noexcept {
  return ParseName<AlertStatus>(kAlertStatusNames, text);
}
bool IsClosed(AlertStatus status) noexcept {
  return status == AlertStatus::kClosedTrueMatch || status == AlertStatus::kClosedFalsePositive ||
         status == AlertStatus::kClosedDelisted;
}

std::string NowUtc() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

std::string AuditEventHash(const AuditEvent& event) {
  // A JSON array fixes field order and escaping, so the same row always
  // hashes the same on every backend. Invalid UTF-8 is replaced rather than
  // thrown on; the stored text is hashed as stored.
  const nlohmann::json row = {event.seq,    event.at,      event.actor,
                              event.action, event.subject, event.details};
  const std::string canonical = row.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return sources::Sha256Hex(event.prev_hash + "\n" + canonical);
}

std::string CustomerRecordJson(const ScreenQuery& record) {
  nlohmann::json json = {{"id", record.id}, {"name", record.name}};
  if (record.type) json["type"] = SchemaName(*record.type);
  if (record.dob && !record.dob->empty()) json["dob"] = record.dob->ToString();
  if (!record.country.empty()) json["country"] = record.country;
  if (!record.identifiers.empty()) {
    nlohmann::json ids = nlohmann::json::array();
    for (const QueryIdentifier& id : record.identifiers) {
      ids.push_back({{"type", id.type}, {"value", id.value}});
    }
    json["identifiers"] = std::move(ids);
  }
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string CustomerRecordHash(const ScreenQuery& record) {
  return sources::Sha256Hex(CustomerRecordJson(record));
}

bool Designation::ActiveOn(std::string_view today) const noexcept {
  if (!removed_at.empty()) return false;
  return expires.empty() || today < std::string_view(expires);
}

Result<std::vector<PairHistory>> CaseStore::Histories(const std::vector<Pair>& pairs) {
  std::vector<PairHistory> histories;
  histories.reserve(pairs.size());
  for (const auto& [customer_id, entity_id] : pairs) {
    Result<PairHistory> history = History(customer_id, entity_id);
    if (!history) return Err(history.error());
    histories.push_back(std::move(*history));
  }
  return histories;
}

}  // namespace interdict
