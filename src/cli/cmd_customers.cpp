// interdict customers import FILE: add or update the monitored population
// (CSV or JSON lines) and screen the new and changed records.
// interdict rescreen [--full]: screen everyone against what changed in the
// lists since the last run (or against everything).
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/commands.h"
#include "sources/io.h"

namespace interdict::cli {
namespace {

// Lines for humans.
std::string DescribeRescreen(const RescreenReport& r) {
  std::ostringstream out;
  out << (r.mode == RescreenMode::kFull ? "full" : "delta") << " rescreen"
      << (r.resumed ? " (resumed after an interruption)" : "") << ": " << r.customers
      << " customers against " << r.entities_screened_against << " entities";
  if (r.customers_in_full > 0) out << ", " << r.customers_in_full << " changed customers in full";
  out << "; " << r.hits << " hits, " << r.alerts_opened << " alerts opened, " << r.suppressed
      << " suppressed, " << r.already_open << " already open";
  if (r.delisted_closed + r.delisted_flagged > 0) {
    out << "; delisted: " << r.delisted_closed << " closed, " << r.delisted_flagged << " flagged";
  }
  out << " (" << r.seconds << " s)\n";
  for (const std::string& v : r.versions) out << "  " << v << "\n";
  return out.str();
}

struct CustomerArgs {
  std::string user;
  std::string file;
  bool full = false;
  std::size_t batch = 2000;
  unsigned threads = 0;
};

nlohmann::json ErrorJson(const Status& error) {
  return {{"code", StatusCodeName(error.code())},
          {"message", error.message()},
          {"line", error.location().line},
          {"field", error.location().element}};
}

int RunImport(const GlobalOptions& options, const CustomerArgs& args) {
  // 4 GiB: a population of tens of millions of rows still fits.
  Result<std::string> text = sources::ReadFile(args.file, 4ull << 30);
  if (!text) return Fail(text.error());
  Result<CaseSession> session = OpenCases(options, StoreMode::kCreate);
  if (!session) return Fail(session.error());
  Result<ImportReport> report = session->work->ImportCustomers(args.user, *text, args.file);
  if (!report) return Fail(report.error());
  if (options.json) {
    nlohmann::json errors = nlohmann::json::array();
    for (const Status& e : report->errors) errors.push_back(ErrorJson(e));
    std::cout << nlohmann::json({{"source", report->source},
                                 {"rows", report->rows},
                                 {"added", report->upsert.added},
                                 {"updated", report->upsert.updated},
                                 {"unchanged", report->upsert.unchanged},
                                 {"screened", report->screened},
                                 {"alerts_opened", report->alerts_opened},
                                 {"errors", errors}})
                     .dump(2)
              << "\n";
  } else if (report->errors.empty()) {
    std::cout << args.file << ": " << report->rows << " rows: " << report->upsert.added
              << " added, " << report->upsert.updated << " updated, " << report->upsert.unchanged
              << " unchanged; " << report->screened << " screened, " << report->alerts_opened
              << " alerts opened\n";
  }
  if (report->errors.empty()) return kExitOk;
  for (const Status& e : report->errors) std::cerr << "interdict: " << e.ToString() << "\n";
  std::cerr << "interdict: " << report->errors.size()
            << " bad row(s); nothing was imported (fix them and import again)\n";
  return kExitFailure;
}

int RunRescreen(const GlobalOptions& options, const CustomerArgs& args) {
  CaseworkOptions work_options;
  work_options.batch_size = args.batch;
  work_options.threads = args.threads;
  Result<CaseSession> session = OpenCases(options, StoreMode::kExisting, work_options);
  if (!session) return Fail(session.error());
  Result<RescreenReport> report =
      session->work->Rescreen(args.user, args.full ? RescreenMode::kFull : RescreenMode::kDelta);
  if (!report) return Fail(report.error());
  if (options.json) {
    std::cout << RescreenReportToJson(*report) << "\n";
    return kExitOk;
  }
  std::cout << DescribeRescreen(*report);
  return kExitOk;
}

Result<std::optional<RescreenReport>> AfterListLoad(const GlobalOptions& options,
                                                    std::string_view user,
                                                    const std::vector<LoadOutcome>& loaded,
                                                    bool rescreen) {
  if (loaded.empty()) return std::optional<RescreenReport>();
  Result<CaseSession> session = OpenCases(options, StoreMode::kExisting);
  if (!session) return Err(session.error());
  bool created = false;
  for (const LoadOutcome& outcome : loaded) {
    INTERDICT_RETURN_IF_ERROR(session->work->RecordListLoad(user, outcome));
    created = created || outcome.created;
  }
  if (!rescreen || !created) return std::optional<RescreenReport>();
  Result<std::int64_t> customers = session->cases->CustomerCount();
  if (!customers) return Err(customers.error());
  if (*customers == 0) return std::optional<RescreenReport>();
  // The rule: a new list version screens the monitored population
  // against what it added or changed (Rescreen's delta mode).
  Result<RescreenReport> report = session->work->Rescreen(user, RescreenMode::kDelta);
  if (!report) {
    return Err(std::move(report.error())
                   .Prepend("the lists loaded, but screening the monitored population against "
                            "them failed (run interdict rescreen)"));
  }
  return std::optional<RescreenReport>(std::move(*report));
}

}  // namespace

nlohmann::json ReportAfterListLoad(const GlobalOptions& options, std::string_view user,
                                   const std::vector<LoadOutcome>& loaded, bool rescreen,
                                   int& exit_code) {
  Result<std::optional<RescreenReport>> after = AfterListLoad(options, user, loaded, rescreen);
  if (!after) {
    Fail(after.error());
    if (exit_code == kExitOk) exit_code = kExitPartial;
    return nullptr;
  }
  if (!*after) return nullptr;
  if (options.json) return nlohmann::json::parse(RescreenReportToJson(**after));
  std::cout << DescribeRescreen(**after);
  return nullptr;
}

void RegisterCustomers(CLI::App& app, GlobalOptions& options, int& exit_code) {
  auto args = std::make_shared<CustomerArgs>();
  auto* customers = app.add_subcommand("customers", "The monitored population");
  customers->require_subcommand(1);
  auto* import_cmd = customers->add_subcommand(
      "import",
      "Add or update customers from CSV (id,name,type,dob,country,identifiers) or "
      "JSON lines, then screen the new and changed ones");
  import_cmd->add_option("file", args->file, "CSV or JSON-lines file")->required();
  AddUserOption(import_cmd, args->user);
  import_cmd->callback([&options, &exit_code, args] { exit_code = RunImport(options, *args); });

  auto* rescreen = app.add_subcommand(
      "rescreen", "Screen the population against list changes since the last run (or --full)");
  rescreen->add_flag("--full", args->full, "Screen everyone against every current entity");
  rescreen->add_option("--batch", args->batch, "Customers per transaction and checkpoint")
      ->check(CLI::PositiveNumber);
  rescreen->add_option("--threads", args->threads, "Screening threads (default: all cores)");
  AddUserOption(rescreen, args->user);
  rescreen->callback([&options, &exit_code, args] { exit_code = RunRescreen(options, *args); });
}

}  // namespace interdict::cli
