// Casework: the analyst's workflow over a list Store and a CaseStore.
//
// Every operation names its actor. While no user is registered the system is
// open (any actor name is accepted and attributed, as on a fresh install);
// once users exist the actor must be one of them and roles are enforced:
//   analyst   import customers, rescreen, comment, assign, review, decide
//   reviewer  + confirm or reject a closure proposed by another user (four-eyes)
//   admin     + users, settings, own designations
// A refused action is kPermissionDenied ("permission denied: ...").
//
// Alert lifecycle: open -> in_review -> closed_true_match | closed_false_positive.
// With setting four_eyes=on, a closure becomes awaiting_confirmation until a
// reviewer other than the proposer confirms (closed) or rejects (in_review).
// A rescreen closes open alerts whose entity was delisted (closed_delisted)
// and flags those in review or awaiting confirmation.
//
// Re-alerting: a hit on a pair that has an open alert adds nothing; a pair
// closed as false positive (allowlisted) or as a true match stays quiet while
// the customer's record hash and the entity's content hash are the ones the
// decision saw; when either changes, a new alert says which.
//
// Thread safety: methods may be called from several threads (decisions race
// through the store's optimistic revisions). docs/cases.md has the details.
#ifndef INTERDICT_CASEWORK_H_
#define INTERDICT_CASEWORK_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "interdict/cases.h"
#include "interdict/screen.h"
#include "interdict/status.h"
#include "interdict/store.h"

namespace interdict {

struct CaseworkOptions {
  // Matches kept per customer, and screening threads (0: all cores).
  int matches_per_customer = 10;
  unsigned threads = 0;
  // Customers per screening transaction and progress checkpoint.
  std::size_t batch_size = 2000;
  // The clock ("2026-11-27T10:00:00Z"); tests replace it.
  std::function<std::string()> clock = NowUtc;
};

struct ImportReport {
  std::string source;
  std::int64_t rows = 0;
  UpsertOutcome upsert;
  // Row errors (file, line, column in the location). When any is present
  // nothing was written.
  std::vector<Status> errors;
  std::int64_t screened = 0;
  std::int64_t alerts_opened = 0;
};

enum class RescreenMode : std::uint8_t {
  kDelta = 0,  // everyone against what changed since the last run; changed customers in full
  kFull,       // everyone against every current entity
};

struct RescreenReport {
  RescreenMode mode = RescreenMode::kDelta;
  bool resumed = false;               // continued a run that had been interrupted
  std::vector<std::string> versions;  // "ofac-sdn v2 (+3 ~12 -1)" per list version screened against
  std::int64_t entities_screened_against = 0;  // size of the (delta) screener
  std::int64_t customers = 0;                  // customers screened against it
  std::int64_t customers_in_full = 0;          // changed customers screened in full (delta)
  std::int64_t hits = 0;
  std::int64_t alerts_opened = 0;
  std::int64_t suppressed = 0;  // allowlisted or already decided on unchanged data
  std::int64_t already_open = 0;
  std::int64_t delisted_closed = 0;
  std::int64_t delisted_flagged = 0;
  double seconds = 0;
  // Where the time went: building screeners for the run (reading entities,
  // indexing) and screening (Screener::Screen on every thread), wall time;
  // the rest is waiting on the store and the alert rules. Reading customers
  // and writing batches run in the background while the threads screen:
  // their figures are those tasks' busy time, which overlaps the others.
  double build_seconds = 0;
  double screen_seconds = 0;
  double read_seconds = 0;
  double write_seconds = 0;
};

struct AuditVerification {
  std::int64_t rows = 0;
  std::string head;  // hash of the last row: anchor it elsewhere to detect truncation
  Status status;     // kCorrupt naming the first bad row, or OK
};

enum class Decision : std::uint8_t { kTrueMatch = 0, kFalsePositive };

class Casework {
 public:
  Casework(Store& lists, CaseStore& cases, CaseworkOptions options = {});

  // --- users and settings ---------------------------------------------------
  Status AddUser(std::string_view actor, std::string_view name, Role role);
  // The actor's role (admin for anyone while no user exists), or permission denied.
  Result<Role> Authorize(std::string_view actor, Role needed);
  // four_eyes ("on"/"off") and threshold (0..1); other keys are refused.
  Status SetSetting(std::string_view actor, std::string_view key, std::string_view value);
  // Every setting and the value in effect (its default when never set), by
  // key, in the text SetSetting takes. Anyone who may read alerts may read it.
  Result<std::vector<std::pair<std::string, std::string>>> Settings(std::string_view actor);
  Result<bool> FourEyes();
  Result<double> Threshold();  // setting "threshold", else kDefaultThreshold

  // --- customers ------------------------------------------------------------
  // CSV with a header row (id,name,type,dob,country,identifiers) or JSON lines
  // (screening query form), detected from the first non-blank character.
  // Writes all rows or, when any row is bad, none; then screens the new and
  // changed records against every current entity.
  Result<ImportReport> ImportCustomers(std::string_view actor, std::string_view text,
                                       std::string_view source);

  // --- alerts ---------------------------------------------------------------
  // Each takes the revision the caller read (0: the current one) and fails
  // with kConflict when someone else changed the alert first.
  Result<Alert> Assign(std::string_view actor, std::int64_t alert_id, std::string_view assignee,
                       std::int64_t revision = 0);
  Result<Alert> StartReview(std::string_view actor, std::int64_t alert_id,
                            std::int64_t revision = 0);
  Result<Alert> Decide(std::string_view actor, std::int64_t alert_id, Decision decision,
                       std::string_view note, std::int64_t revision = 0);
  // Four-eyes: approve closes as proposed; reject returns it to in_review.
  Result<Alert> Confirm(std::string_view actor, std::int64_t alert_id, bool approve,
                        std::string_view note, std::int64_t revision = 0);
  Result<AlertComment> Comment(std::string_view actor, std::int64_t alert_id,
                               std::string_view text);
  Status RemoveAllowlist(std::string_view actor, std::string_view customer_id,
                         std::string_view entity_id);

  // --- own designations -----------------------------------------------------
  // `entity` needs a schema and at least one name; its id and list are set
  // here. Each change writes a new version of list "own" to the list store.
  Result<Designation> AddDesignation(std::string_view actor, Entity entity, std::string_view reason,
                                     std::vector<std::string> evidence, std::string_view expires);
  // Replaces the entity and, when non-empty, reason / evidence / expires.
  Result<Designation> EditDesignation(std::string_view actor, std::int64_t number, Entity entity,
                                      std::string_view reason, std::vector<std::string> evidence,
                                      std::string_view expires);
  Result<Designation> RemoveDesignation(std::string_view actor, std::int64_t number,
                                        std::string_view reason);
  // Writes list "own" from the active designations (a no-op when unchanged):
  // also drops expired ones, and repairs a crash between the two stores.
  Result<LoadOutcome> SyncOwnList(std::string_view actor);

  // --- screening ------------------------------------------------------------
  // Resumes an interrupted run of the same kind when there is one. The first
  // delta run on a store (no run before) is a full one.
  Result<RescreenReport> Rescreen(std::string_view actor, RescreenMode mode);

  // --- audit ----------------------------------------------------------------
  AuditVerification VerifyAudit();
  // Records that a list version was loaded (for front ends that load lists).
  Status RecordListLoad(std::string_view actor, const LoadOutcome& outcome);

  CaseStore& cases() noexcept { return cases_; }
  Store& lists() noexcept { return lists_; }

 private:
  // Reads the alert, applies `change` (which may also fill an allowlist
  // entry) and writes it back at the revision read, with an audit row.
  using AlertChange = std::function<Status(Alert&, std::optional<AllowlistEntry>&)>;
  Result<Alert> Transition(std::string_view actor, std::int64_t alert_id, std::int64_t revision,
                           Role needed, std::string_view action, std::string_view note,
                           const AlertChange& change);
  struct ScreenTarget;
  Status ScreenBatches(std::string_view actor, ScreenTarget& target, bool stale_only,
                       bool mark_screened, std::string after, const std::string& job,
                       RescreenReport& report);
  Status HandleDelisted(std::string_view actor, const std::vector<std::string>& removed,
                        RescreenReport& report);
  Result<std::unique_ptr<ScreenTarget>> FullTarget(const std::vector<ListVersion>& versions,
                                                   std::string_view reason);
  Result<std::optional<Alert>> MakeAlert(const Customer& customer, const ScreenMatch& match,
                                         const PairHistory& history, ScreenTarget& target,
                                         RescreenReport& report);

  Store& lists_;
  CaseStore& cases_;
  CaseworkOptions options_;
};

// JSON forms shared by the CLI and the server.
std::string AlertToJson(const Alert& alert);  // one line
std::string CommentToJson(const AlertComment& comment);
std::string DesignationToJson(const Designation& d);
std::string AuditEventToJson(const AuditEvent& event);
std::string RescreenReportToJson(const RescreenReport& report);

}  // namespace interdict

#endif  // INTERDICT_CASEWORK_H_
