// Case data: users, monitored customers, alerts and decisions, the allowlist,
// the organisation's own designations, progress checkpoints and the
// hash-chained audit trail, behind one persistence interface.
//
// CaseStore is storage only: it keeps records and enforces the invariants a
// database must (one open alert per customer and entity, optimistic
// revisions, an append-only audit chain). The workflow around it (who may do
// what, four-eyes, screening, delta rescreens) is Casework
// (include/interdict/casework.h), written once for every backend.
//
// Every mutating call takes an AuditNote and appends it to the audit trail in
// the same transaction as the change, so no change goes unrecorded and no
// record describes a change that did not happen.
//
// Thread safety: a CaseStore may be used from several threads; calls are
// serialised internally. Several processes may open the same SQLite file or
// PostgreSQL schema.
#ifndef INTERDICT_CASES_H_
#define INTERDICT_CASES_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "interdict/entity.h"
#include "interdict/screen.h"
#include "interdict/status.h"

namespace interdict {

// ---------------------------------------------------------------------------
// Users

// analyst < reviewer < admin: each role may do what the ones before it may.
enum class Role : std::uint8_t { kAnalyst = 0, kReviewer, kAdmin };
std::string_view RoleName(Role) noexcept;  // "analyst", "reviewer", "admin"
std::optional<Role> ParseRole(std::string_view) noexcept;

struct User {
  std::string name;
  Role role = Role::kAnalyst;
  std::string created_at;
  std::string created_by;
};

// ---------------------------------------------------------------------------
// Audit trail

// What a change is, for the audit row written with it. `details` is a JSON
// object (text); "" is written as {}.
struct AuditNote {
  std::string actor;
  std::string action;   // "alert.decide", "customers.import", "designation.add", ...
  std::string subject;  // "alert:12", "customer:C-1", "own:3", "setting:four_eyes"
  std::string details;
};

struct AuditEvent {
  std::int64_t seq = 0;  // 1, 2, 3… without gaps
  std::string at;        // UTC, ISO 8601
  std::string actor;
  std::string action;
  std::string subject;
  std::string details;    // JSON object text
  std::string prev_hash;  // the previous row's hash; 64 zeros for the first row
  std::string hash;       // AuditEventHash(*this)
};

// The hash of the first row's predecessor.
inline constexpr std::string_view kAuditGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

// SHA-256 (hex) of prev_hash and the canonical row content (seq, at, actor,
// action, subject, details as a JSON array). Every backend chains with this.
std::string AuditEventHash(const AuditEvent& event);

// ---------------------------------------------------------------------------
// Customers (the monitored population)

struct Customer {
  ScreenQuery record;         // id, name, type, dob, country, identifiers
  std::string record_hash;    // CustomerRecordHash(record)
  std::string updated_at;     // when the record last changed
  std::string screened_hash;  // record_hash when last screened in full; "" = never
  std::string screened_at;
};

// The canonical JSON of a customer record (sorted keys, empty fields left
// out): the screening query line form of docs/api.md#screening.
std::string CustomerRecordJson(const ScreenQuery& record);
std::string CustomerRecordHash(const ScreenQuery& record);  // SHA-256 hex of the JSON

struct UpsertOutcome {
  std::int64_t added = 0;
  std::int64_t updated = 0;
  std::int64_t unchanged = 0;
  std::vector<std::string> changed_ids;  // added or updated, in input order
};

// ---------------------------------------------------------------------------
// Alerts

enum class AlertStatus : std::uint8_t {
  kOpen = 0,
  kInReview,
  kAwaitingConfirmation,  // four-eyes: a closure waits for a second user
  kClosedTrueMatch,
  kClosedFalsePositive,
  kClosedDelisted,  // closed by a rescreen: the entity left its list while the alert was open
};
std::string_view AlertStatusName(AlertStatus) noexcept;  // "open", "in_review", ...
std::optional<AlertStatus> ParseAlertStatus(std::string_view) noexcept;
bool IsClosed(AlertStatus) noexcept;

struct Alert {
  std::int64_t id = 0;
  std::string customer_id;
  std::string customer_name;
  std::string entity_id;
  std::string entity_name;
  std::string list;
  double score = 0;
  std::string explanation;        // JSON, as ExplanationJson() writes it
  std::string matched_name;       // the list name that matched best
  std::int64_t list_version = 0;  // store version id the hit was found in
  std::string basis;              // JSON: {"ofac": {"basis": "listed", ...}, "eu": ..., "uk": ...}
  std::string
      reason;  // why it was opened ("new customer", "re-alert: customer record changed ...")
  std::string customer_hash;  // both sides' data as screened, for the allowlist
  std::string entity_hash;
  AlertStatus status = AlertStatus::kOpen;
  std::string assignee;
  AlertStatus proposed = AlertStatus::kOpen;  // the closure awaiting confirmation
  std::string proposed_by;
  std::string decided_by;  // who closed it (the confirming user under four-eyes)
  std::string decision_note;
  bool entity_delisted = false;  // flagged by a rescreen while in review
  std::string opened_at;
  std::string updated_at;
  std::string closed_at;
  // Optimistic concurrency: UpdateAlert succeeds only against the revision
  // it was read at, then increments it.
  std::int64_t revision = 1;
};

struct AlertComment {
  std::int64_t id = 0;
  std::int64_t alert_id = 0;
  std::string author;
  std::string text;
  std::string at;
};

// Which alerts FindAlerts returns; unset fields do not filter. Newest first.
struct AlertFilter {
  std::vector<AlertStatus> statuses;
  std::string list;
  std::string customer_id;
  std::string entity_id;
  std::string assignee;
  std::optional<double> min_score;
  std::optional<double> max_score;
  std::string opened_before;  // ISO 8601, exclusive
  std::string opened_after;   // ISO 8601, inclusive
  std::int64_t limit = 100;
  std::int64_t offset = 0;
};

// A (customer, entity) pair closed as a false positive, with the data both
// had: the pair does not alert again until either hash changes.
struct AllowlistEntry {
  std::string customer_id;
  std::string entity_id;
  std::string customer_hash;
  std::string entity_hash;
  std::int64_t alert_id = 0;
  std::string created_by;
  std::string created_at;
};

// What a store knows about a pair before a new hit on it is turned into an
// alert (see Casework's re-alert rules).
struct PairHistory {
  std::optional<Alert> open;         // an alert on the pair that is not closed
  std::optional<Alert> last_closed;  // the most recently closed one
  std::optional<AllowlistEntry> allowed;
};

// One batch of a screening run, written in one transaction: the alerts it
// opens (a pair that already has an open alert keeps it: no duplicate), the
// customers it screened in full, and where the run has got to.
struct ScreeningBatch {
  std::vector<Alert> alerts;  // id, revision and status are assigned by the store
  std::vector<std::pair<std::string, std::string>> screened;  // customer id, record hash
  std::string screened_at;
  std::string checkpoint_key;  // "" = none
  std::string checkpoint_value;
  std::string actor;  // for the "alert.open" audit rows
};

struct BatchOutcome {
  std::vector<std::int64_t> opened;  // ids of the alerts created
  std::int64_t already_open = 0;     // hits on a pair that had an open alert
};

// ---------------------------------------------------------------------------
// Own designations

// The internal list's name and id prefix: entities are "own:<number>".
inline constexpr std::string_view kOwnList = "own";

struct Designation {
  std::int64_t number = 0;  // 0 until saved; the entity id is "own:<number>"
  Entity entity;
  std::string reason;
  std::vector<std::string> evidence;  // links or document references
  std::string author;
  std::string created_at;
  std::string updated_at;
  std::string expires;     // "YYYY-MM-DD" or "": no longer listed from that day
  std::string removed_at;  // "" while designated
  std::string removed_by;
  std::string removed_reason;
  std::int64_t revision = 0;  // 0 until saved

  // Whether the designation is part of list "own" on `today` (YYYY-MM-DD).
  bool ActiveOn(std::string_view today) const noexcept;
};

// ---------------------------------------------------------------------------
// The store

class CaseStore {
 public:
  virtual ~CaseStore() = default;

  // Users. AddUser: kConflict when the name exists.
  virtual Status AddUser(const User& user, const AuditNote& note) = 0;
  virtual Result<User> GetUser(std::string_view name) = 0;  // kNotFound
  virtual Result<std::vector<User>> Users() = 0;            // by name

  // Configuration (four_eyes, threshold, ...): audited key/value pairs.
  virtual Result<std::optional<std::string>> GetSetting(std::string_view key) = 0;
  virtual Status SetSetting(std::string_view key, std::string_view value,
                            const AuditNote& note) = 0;

  // Customers. UpsertCustomers writes all records or none; `at` stamps the
  // new and changed ones.
  virtual Result<UpsertOutcome> UpsertCustomers(const std::vector<ScreenQuery>& records,
                                                std::string_view at, const AuditNote& note) = 0;
  virtual Result<Customer> GetCustomer(std::string_view id) = 0;  // kNotFound
  // Up to `limit` customers with id > after_id, by id. `stale_only`: only
  // those whose record changed since they were last screened in full.
  virtual Result<std::vector<Customer>> CustomersAfter(std::string_view after_id, std::size_t limit,
                                                       bool stale_only) = 0;
  virtual Result<std::int64_t> CustomerCount() = 0;

  // Alerts.
  virtual Result<BatchOutcome> RecordScreening(const ScreeningBatch& batch) = 0;
  virtual Result<Alert> GetAlert(std::int64_t id) = 0;  // kNotFound
  virtual Result<std::vector<Alert>> FindAlerts(const AlertFilter& filter) = 0;
  // Writes `alert` if its stored revision still equals alert.revision
  // (kConflict otherwise) and returns it with the next revision. `allow`, when
  // set, is recorded (replacing the pair's entry) in the same transaction.
  virtual Result<Alert> UpdateAlert(const Alert& alert, const std::optional<AllowlistEntry>& allow,
                                    const AuditNote& note) = 0;
  virtual Result<AlertComment> AddComment(const AlertComment& comment, const AuditNote& note) = 0;
  virtual Result<std::vector<AlertComment>> Comments(std::int64_t alert_id) = 0;  // oldest first
  virtual Result<PairHistory> History(std::string_view customer_id, std::string_view entity_id) = 0;
  // History() of many pairs (a screening batch's hits), in their order. The
  // default asks pair by pair; backends answer a batch in a few statements.
  using Pair = std::pair<std::string, std::string>;  // customer id, entity id
  virtual Result<std::vector<PairHistory>> Histories(const std::vector<Pair>& pairs);

  // Allowlist.
  virtual Result<std::vector<AllowlistEntry>> Allowlist() = 0;  // by customer, entity
  virtual Status RemoveAllowlist(std::string_view customer_id, std::string_view entity_id,
                                 const AuditNote& note) = 0;  // kNotFound

  // Own designations. Saving number 0 creates one (assigning the number and
  // the entity id); otherwise the stored revision must equal d.revision
  // (kConflict). Returns the saved record.
  virtual Result<Designation> SaveDesignation(const Designation& d, const AuditNote& note) = 0;
  virtual Result<Designation> GetDesignation(std::int64_t number) = 0;  // kNotFound
  virtual Result<std::vector<Designation>> Designations() = 0;          // by number

  // Progress of long operations (rescreens). Setting "" removes the key.
  virtual Result<std::optional<std::string>> GetCheckpoint(std::string_view key) = 0;
  virtual Status SetCheckpoints(const std::vector<std::pair<std::string, std::string>>& values,
                                const AuditNote* note) = 0;

  // The audit trail: a standalone event (a screening run, a list load), and
  // every row in order.
  virtual Status Audit(const AuditNote& note) = 0;
  virtual Status ForEachAuditEvent(const std::function<Status(const AuditEvent&)>& visit) = 0;
  // The rows about one subject ("alert:12"), oldest first: an indexed query,
  // not a pass over the trail.
  virtual Result<std::vector<AuditEvent>> AuditEventsAbout(std::string_view subject) = 0;
};

// Opens (creating if needed) the case tables in the SQLite store file at
// `path`; the list store's tables are created too when the file is new.
Result<std::unique_ptr<CaseStore>> OpenSqliteCaseStore(const std::string& path);

// Opens (creating if needed) the case tables in a PostgreSQL database: a
// libpq conninfo or postgresql:// URI, tables in the connection's current
// schema as for OpenPostgresStore. Several processes may share it: decisions
// race through row revisions and the audit chain's appends take turns under
// an advisory lock (docs/cases.md#postgresql).
Result<std::unique_ptr<CaseStore>> OpenPostgresCaseStore(const std::string& conninfo);

// The case store at `location`, like OpenStore(): PostgreSQL when
// IsPostgresLocation(location), else a SQLite file.
Result<std::unique_ptr<CaseStore>> OpenCaseStore(const std::string& location);

// Current UTC time, ISO 8601 with seconds ("2026-11-27T10:00:00Z").
std::string NowUtc();

}  // namespace interdict

#endif  // INTERDICT_CASES_H_
