// interdict load PATH... [--format F] [--list NAME]
//
// Parses each list and stores it as a new version. A PATH is a file, a ZIP,
// a gzip file or a folder: a folder holding an OFAC CSV set is one list, any
// other folder is searched for lists. Every list is loaded on its own, so one
// bad file does not stop the others.
//
// Each stored version is recorded in the case audit trail (action
// "list.load", as --user) and, when customers are monitored, the population
// is rescreened against what the new versions added or changed (skip it
// with --no-rescreen and run `interdict rescreen` later).
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/output.h"
#include "interdict/sources.h"

namespace interdict::cli {
namespace {

namespace fs = std::filesystem;

struct LoadArgs {
  std::vector<std::string> paths;
  std::string format;
  std::string list;
  std::string user;
  bool no_rescreen = false;
};

// One list to load, found from a PATH argument.
struct Target {
  fs::path path;
  Format format = Format::kAuto;
};

struct Expansion {
  std::vector<Target> targets;
  std::vector<std::pair<fs::path, Status>> skipped;  // unrecognised files
  std::vector<Status> errors;                        // PATHs that could not be searched
};

void Expand(const fs::path& path, Format format, Expansion& out) {
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    out.errors.push_back(Status::NotFound("no such file or folder").InFile(path.string()));
    return;
  }
  if (!fs::is_directory(path, ec) || format != Format::kAuto) {
    out.targets.push_back({path, format});
    return;
  }
  if (Result<Format> detected = DetectFormat(path); detected && *detected == Format::kOfacCsv) {
    out.targets.push_back({path, Format::kOfacCsv});
    return;
  }
  Result<Discovery> discovery = DiscoverLists(path);
  if (!discovery) {
    out.errors.push_back(discovery.error());
    return;
  }
  if (discovery->lists.empty()) {
    out.errors.push_back(
        Status::NotFound("no list files found in this folder").InFile(path.string()));
  }
  for (DiscoveredList& list : discovery->lists) out.targets.push_back({list.path, list.format});
  for (auto& skipped : discovery->skipped) out.skipped.push_back(std::move(skipped));
}

void ReportWarnings(const ListData& data) {
  if (data.warnings.empty()) return;
  const ParseWarning& first = data.warnings.front();
  const std::string where = FormatLocation(first.where);
  std::cerr << "interdict: " << data.list << ": " << data.warnings.size()
            << " warning(s); the first: " << where << (where.empty() ? "" : ": ") << first.message
            << "\n";
}

// State across the lists of one run.
struct LoadRun {
  Store* store = nullptr;
  std::string list;  // --list
  bool json = false;
  // Full lists stored so far: list name -> path. A folder may hold one list
  // in two formats (OFAC's consolidated CSV set beside CONS_ENHANCED.ZIP);
  // storing both would make every run add two versions that undo each other.
  std::map<std::string, fs::path> loaded;
  std::size_t failed = 0;
  std::vector<LoadOutcome> stored;  // for the audit trail
};

std::string AbsolutePath(const fs::path& path) {
  std::error_code ec;
  const fs::path absolute = fs::absolute(path, ec);
  return ec ? path.string() : absolute.lexically_normal().string();
}

// Parses and stores one list; the JSON result for --json.
nlohmann::json LoadOne(LoadRun& run, const Target& target) {
  nlohmann::json result = {{"path", target.path.string()}};
  ParseOptions parse;
  parse.format = target.format;
  parse.list = run.list;
  Result<ListData> data = [&] {
    Progress progress("loading " + target.path.filename().string());
    return ParseList(target.path, parse);
  }();
  if (!data) {
    ++run.failed;
    Fail(data.error());
    result["error"] = data.error().ToString();
    return result;
  }
  ReportWarnings(*data);
  if (auto it = run.loaded.find(data->list); it != run.loaded.end() && !data->is_delta) {
    const std::string reason = "holds list " + data->list + ", already loaded from " +
                               it->second.string() + " in this run; load it on its own to store it";
    std::cerr << "interdict: skipped " << target.path.string() << ": " << reason << "\n";
    result["skipped"] = reason;
    return result;
  }
  Result<LoadOutcome> outcome = AddListVersion(*run.store, *data, AbsolutePath(target.path));
  if (!outcome) {
    ++run.failed;
    Fail(outcome.error());
    result["error"] = outcome.error().ToString();
    return result;
  }
  if (!data->is_delta) run.loaded.emplace(data->list, target.path);
  run.stored.push_back(*outcome);
  if (!run.json) std::cout << DescribeOutcome(*outcome) << "\n";
  result.update(OutcomeToJson(*outcome));
  return result;
}

int RunLoad(const GlobalOptions& options, const LoadArgs& args) {
  Format format = Format::kAuto;
  if (!args.format.empty() && args.format != "auto") {
    std::optional<Format> parsed = ParseFormat(args.format);
    if (!parsed) {
      std::cerr << "interdict: unknown format \"" << args.format << "\"\n";
      return kExitUsage;
    }
    format = *parsed;
  }
  Expansion expansion;
  for (const std::string& path : args.paths) Expand(path, format, expansion);
  if (!args.list.empty() && expansion.targets.size() > 1) {
    std::cerr << "interdict: --list names one list, but the paths hold " << expansion.targets.size()
              << "\n";
    return kExitUsage;
  }
  for (const auto& [path, reason] : expansion.skipped) {
    std::cerr << "interdict: skipped " << path.string() << ": " << reason.message() << "\n";
  }
  for (const Status& error : expansion.errors) Fail(error);

  LoadRun run;
  run.list = args.list;
  run.json = options.json;
  run.failed = expansion.errors.size();
  const std::size_t total = run.failed + expansion.targets.size();
  nlohmann::json results = nlohmann::json::array();
  if (!expansion.targets.empty()) {
    Result<std::unique_ptr<Store>> store = OpenStore(options, StoreMode::kCreate);
    if (!store) return Fail(store.error());
    run.store = store->get();
    for (const Target& target : expansion.targets) results.push_back(LoadOne(run, target));
  }
  int exit_code = ExitCodeFor(run.failed, total);
  const nlohmann::json rescreen =
      ReportAfterListLoad(options, args.user, run.stored, !args.no_rescreen, exit_code);
  if (options.json) {
    nlohmann::json skipped = nlohmann::json::array();
    for (const auto& [path, reason] : expansion.skipped) {
      skipped.push_back({{"path", path.string()}, {"reason", reason.message()}});
    }
    for (const Status& error : expansion.errors) {
      results.push_back({{"path", error.location().file}, {"error", error.ToString()}});
    }
    nlohmann::json out = {{"results", results}, {"skipped", skipped}};
    if (!rescreen.is_null()) out["rescreen"] = rescreen;
    std::cout << out.dump(2) << "\n";
  }
  return exit_code;
}

}  // namespace

void RegisterLoad(CLI::App& app, GlobalOptions& options, int& exit_code) {
  auto args = std::make_shared<LoadArgs>();
  auto* cmd = app.add_subcommand(
      "load", "Parse list files (file, ZIP, gzip or folder) and store each as a new version");
  cmd->add_option("paths", args->paths, "Files or folders to load")->required();
  cmd->add_option("--format", args->format,
                  "Format of every PATH instead of detecting it: " + FormatNames());
  cmd->add_option("--list", args->list, "Store under this list name (only with a single list)");
  cmd->add_flag("--no-rescreen", args->no_rescreen,
                "Do not screen the monitored customers against the new versions now");
  AddUserOption(cmd, args->user);
  cmd->callback([&options, &exit_code, args] { exit_code = RunLoad(options, *args); });
}

}  // namespace interdict::cli
