// Screening the monitored population: full runs, delta runs against what a
// list version added or changed, the re-alert rules, delisting, and the
// progress checkpoints that make a run resumable after a crash.
//
// Crash safety rests on two things: each batch's alerts, "screened" marks and
// progress checkpoint commit in one transaction (RecordScreening), and the
// store refuses a second open alert for a pair. A run killed at any point
// and started again resumes after the last committed batch; anything it
// repeats finds its alerts already open.
#include <atomic>
#include <chrono>
#include <future>
#include <map>
#include <nlohmann/json.hpp>
#include <thread>
#include <unordered_map>

#include "cases/result_util.h"
#include "cases/screen_target.h"
#include "interdict/casework.h"
#include "interdict/graph.h"
#include "interdict/json.h"
#include "interdict/screen_io.h"
#include "sources/io.h"

namespace interdict {

namespace {

constexpr const char* kJobKey = "rescreen.job";  // the run in progress
constexpr const char* kDoneKey =
    "rescreen.done";  // list -> version id everyone was screened against

std::string Dump(const nlohmann::json& json) {
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

template <typename F>
void ParallelFor(std::size_t n, unsigned threads, F work) {
  std::atomic<std::size_t> next{0};
  auto loop = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < n;) work(i);
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads && t < n; ++t) pool.emplace_back(loop);
  loop();
  for (std::thread& t : pool) t.join();
}

// Adds the time since `start` to `total` (nanoseconds) when it goes out of
// scope: the busy time of the background reads and writes.
class BusyTimer {
 public:
  explicit BusyTimer(std::atomic<std::int64_t>& total)
      : total_(total), start_(std::chrono::steady_clock::now()) {}
  ~BusyTimer() {
    total_ += std::chrono::duration_cast<std::chrono::nanoseconds>(
                  std::chrono::steady_clock::now() - start_)
                  .count();
  }
  BusyTimer(const BusyTimer&) = delete;
  BusyTimer& operator=(const BusyTimer&) = delete;

 private:
  std::atomic<std::int64_t>& total_;
  std::chrono::steady_clock::time_point start_;
};

// What changed between the data a decision saw and the data now.
std::string ChangedSides(const Alert& decided, std::string_view customer_hash,
                         std::string_view entity_hash) {
  const bool customer = decided.customer_hash != customer_hash;
  const bool entity = decided.entity_hash != entity_hash;
  if (customer && entity) return "customer record and the listed entity";
  if (customer) return "customer record";
  if (entity) return "listed entity";
  return "";
}

nlohmann::json ParseObject(const std::optional<std::string>& text) {
  if (!text) return nlohmann::json::object();
  nlohmann::json json = nlohmann::json::parse(*text, nullptr, false);
  return json.is_object() ? json : nlohmann::json::object();
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string_view ModeName(RescreenMode mode) {
  return mode == RescreenMode::kFull ? "full" : "delta";
}

}  // namespace

Result<std::unique_ptr<Casework::ScreenTarget>> Casework::FullTarget(
    const std::vector<ListVersion>& versions, std::string_view reason) {
  auto target = std::make_unique<ScreenTarget>();
  std::vector<Entity> entities;
  for (const ListVersion& v : versions) {
    INTERDICT_RETURN_IF_ERROR(lists_.ForEachEntity(v.id, [&](const Entity& e) {
      target->entities[e.id] = {
          sources::Sha256Hex(EntityToJson(e)), v.id,
          std::string(reason) + " (" + v.list + " version " + std::to_string(v.number) + ")"};
      entities.push_back(e);
      return Status::Ok();
    }));
  }
  ASSIGN_OR_RETURN(target->screener, BuildScreener(std::move(entities)));
  return target;
}

Result<std::optional<Alert>> Casework::MakeAlert(const Customer& customer, const ScreenMatch& match,
                                                 const PairHistory& history, ScreenTarget& target,
                                                 RescreenReport& report) {
  auto info = target.entities.find(match.entity_id);
  if (info == target.entities.end()) {
    return Err(Status::Internal("screener returned unknown entity " + match.entity_id));
  }
  if (history.open) {
    ++report.already_open;
    return std::optional<Alert>();
  }
  std::string reason = info->second.reason;
  if (history.last_closed) {
    const Alert& last = *history.last_closed;
    // A false positive stays quiet only while its allowlist entry exists (a
    // reviewer may remove it); a true match stays decided.
    const bool allowlisted = last.status == AlertStatus::kClosedFalsePositive && history.allowed;
    if (allowlisted || last.status == AlertStatus::kClosedTrueMatch) {
      Alert seen = last;
      if (allowlisted) {
        seen.customer_hash = history.allowed->customer_hash;
        seen.entity_hash = history.allowed->entity_hash;
      }
      const std::string changed = ChangedSides(seen, customer.record_hash, info->second.hash);
      if (changed.empty()) {
        ++report.suppressed;
        return std::optional<Alert>();
      }
      reason = "re-alert: the " + changed + " changed since alert " + std::to_string(last.id) +
               " was closed as " + std::string(AlertStatusName(last.status)) + " on " +
               last.closed_at;
    }
  }
  if (!target.network) {
    ASSIGN_OR_RETURN(target.network, LoadNetwork(lists_));
  }
  std::string& basis = target.basis[match.entity_id];
  if (basis.empty()) {
    nlohmann::json regimes = nlohmann::json::object();
    for (int r = 0; r < kRegimeCount; ++r) {
      const Regime regime = static_cast<Regime>(r);
      std::optional<Derivation> d = target.network->BasisOf(match.entity_id, regime);
      if (!d) continue;
      regimes[std::string(RegimeName(regime))] = {{"basis", BasisName(d->basis)},
                                                  {"explanation", d->explanation}};
    }
    basis = Dump(regimes);
  }
  Alert a;
  a.customer_id = customer.record.id;
  a.customer_name = customer.record.name;
  a.entity_id = match.entity_id;
  a.entity_name = match.primary_name;
  a.list = match.list;
  a.score = match.score;
  a.explanation = ExplanationJson(match.explanation);
  a.matched_name = match.name;
  a.list_version = info->second.version;
  a.basis = basis;
  a.reason = std::move(reason);
  a.customer_hash = customer.record_hash;
  a.entity_hash = info->second.hash;
  a.opened_at = options_.clock();
  return std::optional<Alert>(std::move(a));
}

// Batches are pipelined: while the screening threads work on batch N, a
// background task reads batch N+1 and another writes batch N-1, so the
// store is busy while the cores screen. Batches hold distinct customers, so
// batch N's alert rules never depend on batch N-1's writes; writes are issued
// one after the other, so checkpoints only move forward.
Status Casework::ScreenBatches(std::string_view actor, ScreenTarget& target, bool stale_only,
                               bool mark_screened, std::string after, const std::string& job,
                               RescreenReport& report) {
  ASSIGN_OR_RETURN_STATUS(double threshold, Threshold());
  ScreenOptions screen_options;
  screen_options.threshold = threshold;
  screen_options.limit = options_.matches_per_customer;
  const unsigned threads =
      options_.threads != 0 ? options_.threads : std::max(1u, std::thread::hardware_concurrency());
  nlohmann::json job_state =
      job.empty() ? nlohmann::json() : nlohmann::json::parse(job, nullptr, false);
  std::atomic<std::int64_t> read_ns{0}, write_ns{0};
  auto read = [this, stale_only, &read_ns](std::string from) {
    BusyTimer busy(read_ns);
    return cases_.CustomersAfter(from, options_.batch_size, stale_only);
  };
  std::future<Result<BatchOutcome>> writing;
  auto finish_write = [&]() -> Status {
    if (!writing.valid()) return Status::Ok();
    ASSIGN_OR_RETURN_STATUS(BatchOutcome outcome, writing.get());
    report.alerts_opened += static_cast<std::int64_t>(outcome.opened.size());
    report.already_open += outcome.already_open;
    return Status::Ok();
  };
  std::future<Result<std::vector<Customer>>> reading = std::async(std::launch::async, read, after);
  for (;;) {
    ASSIGN_OR_RETURN_STATUS(std::vector<Customer> customers, reading.get());
    if (customers.empty()) break;
    const bool last = customers.size() < options_.batch_size;
    after = customers.back().record.id;
    if (!last) reading = std::async(std::launch::async, read, after);

    const auto screen_start = std::chrono::steady_clock::now();
    std::vector<std::vector<ScreenMatch>> matches(customers.size());
    ParallelFor(customers.size(), threads, [&](std::size_t i) {
      matches[i] = target.screener->Screen(customers[i].record, screen_options);
    });
    report.screen_seconds += SecondsSince(screen_start);

    // What each hit's pair has been through, for the whole batch at once.
    std::vector<CaseStore::Pair> pairs;
    for (std::size_t i = 0; i < customers.size(); ++i) {
      for (const ScreenMatch& match : matches[i]) {
        pairs.emplace_back(customers[i].record.id, match.entity_id);
      }
    }
    INTERDICT_RETURN_STATUS_IF_ERROR(finish_write());
    ASSIGN_OR_RETURN_STATUS(std::vector<PairHistory> histories, cases_.Histories(pairs));
    ScreeningBatch batch;
    batch.actor = std::string(actor);
    batch.screened_at = options_.clock();
    std::size_t hit = 0;
    for (std::size_t i = 0; i < customers.size(); ++i) {
      for (const ScreenMatch& match : matches[i]) {
        ++report.hits;
        ASSIGN_OR_RETURN_STATUS(std::optional<Alert> alert,
                                MakeAlert(customers[i], match, histories[hit++], target, report));
        if (alert) batch.alerts.push_back(std::move(*alert));
      }
      if (mark_screened)
        batch.screened.emplace_back(customers[i].record.id, customers[i].record_hash);
    }
    if (job_state.is_object()) {
      job_state["after"] = after;
      batch.checkpoint_key = kJobKey;
      batch.checkpoint_value = Dump(job_state);
    }
    writing = std::async(std::launch::async, [this, &write_ns, batch = std::move(batch)] {
      BusyTimer busy(write_ns);
      return cases_.RecordScreening(batch);
    });
    (stale_only && !job.empty() ? report.customers_in_full : report.customers) +=
        static_cast<std::int64_t>(customers.size());
    if (last) break;
  }
  Status written = finish_write();
  report.read_seconds += static_cast<double>(read_ns.load()) * 1e-9;
  report.write_seconds += static_cast<double>(write_ns.load()) * 1e-9;
  return written;
}

Status Casework::HandleDelisted(std::string_view actor, const std::vector<std::string>& removed,
                                RescreenReport& report) {
  for (const std::string& entity_id : removed) {
    AlertFilter filter;
    filter.entity_id = entity_id;
    filter.statuses = {AlertStatus::kOpen, AlertStatus::kInReview,
                       AlertStatus::kAwaitingConfirmation};
    filter.limit = 1 << 30;
    ASSIGN_OR_RETURN_STATUS(std::vector<Alert> alerts, cases_.FindAlerts(filter));
    for (Alert& alert : alerts) {
      if (alert.status != AlertStatus::kOpen && alert.entity_delisted) continue;
      nlohmann::json details = {{"from", AlertStatusName(alert.status)}, {"entity", entity_id}};
      const bool close = alert.status == AlertStatus::kOpen;
      alert.updated_at = options_.clock();
      if (close) {
        // Nobody has started on it: the hit no longer exists.
        alert.status = AlertStatus::kClosedDelisted;
        alert.decided_by = std::string(actor);
        alert.closed_at = alert.updated_at;
        alert.decision_note = "the entity was removed from its list";
      } else {
        // Someone is working on it: flag it rather than take it away.
        alert.entity_delisted = true;
      }
      details["to"] = AlertStatusName(alert.status);
      Result<Alert> saved = cases_.UpdateAlert(
          alert, std::nullopt,
          {std::string(actor), close ? "alert.delisted_close" : "alert.delisted_flag",
           "alert:" + std::to_string(alert.id), Dump(details)});
      // A concurrent decision won: the next run sees the new state.
      if (!saved && saved.error().code() == StatusCode::kConflict) continue;
      if (!saved) return saved.error();
      ++(close ? report.delisted_closed : report.delisted_flagged);
    }
  }
  return Status::Ok();
}

Result<RescreenReport> Casework::Rescreen(std::string_view actor, RescreenMode mode) {
  INTERDICT_RETURN_IF_ERROR(Authorize(actor, Role::kAnalyst));
  const auto started = std::chrono::steady_clock::now();
  RescreenReport report;
  ASSIGN_OR_RETURN(std::vector<std::string> list_names, lists_.Lists());
  std::vector<ListVersion> current;
  nlohmann::json targets = nlohmann::json::object();
  for (const std::string& list : list_names) {
    ASSIGN_OR_RETURN(ListVersion v, lists_.CurrentVersion(list));
    targets[list] = v.id;
    current.push_back(std::move(v));
  }
  ASSIGN_OR_RETURN(std::optional<std::string> done_text, cases_.GetCheckpoint(kDoneKey));
  if (!done_text) mode = RescreenMode::kFull;  // nobody has been screened against anything yet
  report.mode = mode;
  const nlohmann::json done = ParseObject(done_text);
  ASSIGN_OR_RETURN(std::optional<std::string> job_text, cases_.GetCheckpoint(kJobKey));
  nlohmann::json job = ParseObject(job_text);
  report.resumed =
      job.value("mode", "") == ModeName(mode) && job.value("targets", nlohmann::json()) == targets;
  if (!report.resumed) {
    job = {{"mode", ModeName(mode)}, {"targets", targets}, {"phase", "all"}, {"after", ""}};
  }

  // What changed since the last completed run, list by list.
  std::vector<Entity> delta_entities;
  std::vector<std::string> removed;
  std::unordered_map<std::string, ScreenTarget::Info> delta_info;
  nlohmann::json observed = nlohmann::json::array();
  for (const ListVersion& v : current) {
    const std::int64_t before = done.value(v.list, std::int64_t{0});
    if (before == v.id) continue;
    std::string description = v.list + " v" + std::to_string(v.number);
    observed.push_back({{"list", v.list},
                        {"version", v.number},
                        {"version_id", v.id},
                        {"sha256", v.sha256},
                        {"loaded_at", v.loaded_at}});
    if (mode == RescreenMode::kFull) {
      report.versions.push_back(description);
      continue;
    }
    const std::string reason_prefix = v.list + " version " + std::to_string(v.number);
    std::int64_t added = 0, changed = 0, gone = 0;
    if (before == 0) {
      INTERDICT_RETURN_IF_ERROR(lists_.ForEachEntity(v.id, [&](const Entity& e) {
        delta_info[e.id] = {sources::Sha256Hex(EntityToJson(e)), v.id,
                            reason_prefix + " listed it"};
        delta_entities.push_back(e);
        ++added;
        return Status::Ok();
      }));
    } else {
      ASSIGN_OR_RETURN(ListVersion previous, lists_.Version(before));
      ASSIGN_OR_RETURN(ListDiff diff, lists_.Diff(v.list, previous.number, v.number));
      for (const EntityChange& change : diff.changes) {
        if (change.kind == ChangeKind::kRemoved) {
          removed.push_back(change.id);
          ++gone;
          continue;
        }
        ASSIGN_OR_RETURN(Entity e, lists_.GetEntity(change.id, v.id));
        const bool is_new = change.kind == ChangeKind::kAdded;
        ++(is_new ? added : changed);
        delta_info[e.id] = {sources::Sha256Hex(EntityToJson(e)), v.id,
                            reason_prefix + (is_new ? " added it" : " changed it")};
        delta_entities.push_back(std::move(e));
      }
    }
    report.versions.push_back(description + " (+" + std::to_string(added) + " ~" +
                              std::to_string(changed) + " -" + std::to_string(gone) + ")");
  }
  if (!report.resumed) {
    // Start the job and record the list versions it screens against in one
    // transaction, so a crash right after does not record them twice.
    const AuditNote note{std::string(actor), "screening.start", "rescreen",
                         Dump({{"mode", ModeName(mode)}, {"versions", observed}})};
    INTERDICT_RETURN_IF_ERROR(cases_.SetCheckpoints({{kJobKey, Dump(job)}}, &note));
  }

  if (mode == RescreenMode::kFull) {
    const auto build_start = std::chrono::steady_clock::now();
    ASSIGN_OR_RETURN(std::unique_ptr<ScreenTarget> full, FullTarget(current, "full rescreen"));
    report.build_seconds += SecondsSince(build_start);
    report.entities_screened_against = static_cast<std::int64_t>(full->entities.size());
    INTERDICT_RETURN_IF_ERROR(
        ScreenBatches(actor, *full, false, true, job.value("after", ""), Dump(job), report));
  } else {
    INTERDICT_RETURN_IF_ERROR(HandleDelisted(actor, removed, report));
    report.entities_screened_against = static_cast<std::int64_t>(delta_entities.size());
    if (job.value("phase", "all") == "all" && !delta_entities.empty()) {
      ScreenTarget delta;
      delta.entities = std::move(delta_info);
      const auto build_start = std::chrono::steady_clock::now();
      ASSIGN_OR_RETURN(delta.screener, BuildScreener(std::move(delta_entities)));
      report.build_seconds += SecondsSince(build_start);
      INTERDICT_RETURN_IF_ERROR(
          ScreenBatches(actor, delta, false, false, job.value("after", ""), Dump(job), report));
    }
    // Customers whose record changed since they were last screened in full.
    ASSIGN_OR_RETURN(std::vector<Customer> stale, cases_.CustomersAfter("", 1, true));
    if (!stale.empty()) {
      job["phase"] = "changed";
      job["after"] = "";
      const auto build_start = std::chrono::steady_clock::now();
      ASSIGN_OR_RETURN(std::unique_ptr<ScreenTarget> full,
                       FullTarget(current, "customer record new or changed"));
      report.build_seconds += SecondsSince(build_start);
      INTERDICT_RETURN_IF_ERROR(ScreenBatches(actor, *full, true, true, "", Dump(job), report));
    }
  }
  report.seconds = SecondsSince(started);
  const AuditNote note{std::string(actor), "screening.run", "rescreen",
                       RescreenReportToJson(report)};
  INTERDICT_RETURN_IF_ERROR(
      cases_.SetCheckpoints({{kDoneKey, Dump(targets)}, {kJobKey, ""}}, &note));
  return report;
}

}  // namespace interdict
