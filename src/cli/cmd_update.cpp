// interdict update [--config FILE] [--only LIST]...: downloads every source of
// the sources config from its official address, verifies it parses, and
// stores it as a new version. One failing source does not stop the others.
// Like `interdict load`, each stored version is recorded in the audit trail
// and the monitored customers are rescreened against what changed.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/output.h"
#include "interdict/update.h"
#include "sources/download.h"

namespace interdict::cli {
namespace {

namespace fs = std::filesystem;

struct UpdateArgs {
  std::string config;
  std::vector<std::string> only;
  std::string user;
  bool no_rescreen = false;
};

fs::path ExecutableDir() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : exe.parent_path();
}

// --config, else $INTERDICT_SOURCES, else config/sources.json in the current
// folder or beside the binary's build folder (a source checkout).
Result<fs::path> FindConfig(const std::string& given) {
  if (!given.empty()) return fs::path(given);
  if (const char* env = std::getenv("INTERDICT_SOURCES"); env != nullptr && *env != '\0') {
    return fs::path(env);
  }
  std::vector<fs::path> candidates = {"config/sources.json"};
  if (const fs::path dir = ExecutableDir(); !dir.empty()) {
    candidates.push_back(dir / "config" / "sources.json");
    candidates.push_back(dir.parent_path() / "config" / "sources.json");
  }
  std::error_code ec;
  for (const fs::path& candidate : candidates) {
    if (fs::is_regular_file(candidate, ec)) return candidate;
  }
  return Err(Status::NotFound(
      "no sources config found (looked for config/sources.json here and beside the binary); "
      "give --config FILE or set INTERDICT_SOURCES"));
}

Result<std::vector<const SourceSpec*>> Select(const SourcesConfig& config,
                                              const std::vector<std::string>& only) {
  std::vector<const SourceSpec*> selected;
  for (const std::string& name : only) {
    const SourceSpec* found = nullptr;
    for (const SourceSpec& source : config.sources) {
      if (source.list == name) found = &source;
    }
    if (found == nullptr) {
      std::string known;
      for (const SourceSpec& source : config.sources) known += " " + source.list;
      return Err(
          Status::NotFound("no source for list \"" + name + "\" in the config; it has:" + known));
    }
    selected.push_back(found);
  }
  if (only.empty()) {
    for (const SourceSpec& source : config.sources) selected.push_back(&source);
  }
  return selected;
}

struct Tally {
  std::size_t updated = 0, unchanged = 0, failed = 0, unreachable = 0;
};

nlohmann::json UpdateOne(Store& store, const SourceSpec& source, const DownloadOptions& download,
                         bool json, Tally& tally, std::vector<LoadOutcome>& stored) {
  nlohmann::json result = {{"list", source.list}};
  Result<FetchedList> fetched = [&] {
    Progress progress("downloading " + source.list);
    return FetchList(source, download, [&progress](std::uint64_t done, std::uint64_t total) {
      progress.Update(done, total);
    });
  }();
  Result<LoadOutcome> outcome =
      fetched ? AddListVersion(store, fetched->data, fetched->source) : Err(fetched.error());
  if (!outcome) {
    ++tally.failed;
    if (sources::IsUnreachable(outcome.error())) ++tally.unreachable;
    std::cerr << "interdict: " << source.list << ": " << outcome.error().ToString() << "\n";
    result["error"] = outcome.error().ToString();
    return result;
  }
  ++(outcome->created ? tally.updated : tally.unchanged);
  stored.push_back(*outcome);
  if (!json) {
    std::cout << DescribeOutcome(*outcome) << "  [" << FormatBytes(fetched->bytes) << " from "
              << fetched->source << "]\n";
  }
  result["source"] = fetched->source;
  result["bytes"] = fetched->bytes;
  result.update(OutcomeToJson(*outcome));
  return result;
}

int RunUpdate(const GlobalOptions& options, const UpdateArgs& args) {
  Result<fs::path> path = FindConfig(args.config);
  if (!path) return Fail(path.error());
  Result<SourcesConfig> config = LoadSourcesConfig(*path);
  if (!config) return Fail(config.error());
  Result<std::vector<const SourceSpec*>> selected = Select(*config, args.only);
  if (!selected) return Fail(selected.error());
  if (selected->empty()) return Fail(Status::InvalidArgument("the config lists no sources"));
  Result<std::unique_ptr<Store>> store = OpenStore(options, StoreMode::kCreate);
  if (!store) return Fail(store.error());

  Tally tally;
  std::vector<LoadOutcome> stored;
  nlohmann::json results = nlohmann::json::array();
  for (const SourceSpec* source : *selected) {
    results.push_back(UpdateOne(**store, *source, config->download, options.json, tally, stored));
  }
  int exit_code = ExitCodeFor(tally.failed, selected->size());
  const nlohmann::json rescreen =
      ReportAfterListLoad(options, args.user, stored, !args.no_rescreen, exit_code);
  if (options.json) {
    nlohmann::json out = {{"results", results},
                          {"updated", tally.updated},
                          {"unchanged", tally.unchanged},
                          {"failed", tally.failed}};
    if (!rescreen.is_null()) out["rescreen"] = rescreen;
    std::cout << out.dump(2) << "\n";
  } else {
    std::cout << "update: " << tally.updated << " updated, " << tally.unchanged << " unchanged, "
              << tally.failed << " failed\n";
  }
  if (tally.unreachable > 0 && tally.unreachable == selected->size()) {
    std::cerr << "interdict: no source could be reached; this machine seems to have no network "
                 "access. Load local copies instead: interdict load FOLDER\n";
  }
  return exit_code;
}

}  // namespace

void RegisterUpdate(CLI::App& app, GlobalOptions& options, int& exit_code) {
  auto args = std::make_shared<UpdateArgs>();
  auto* cmd = app.add_subcommand(
      "update", "Download every list from its official address and store new versions");
  cmd->add_option("--config", args->config,
                  "Sources config (default: $INTERDICT_SOURCES or config/sources.json)");
  cmd->add_option("--only", args->only, "Update only this list (repeatable)");
  cmd->add_flag("--no-rescreen", args->no_rescreen,
                "Do not screen the monitored customers against the new versions now");
  AddUserOption(cmd, args->user);
  cmd->callback([&options, &exit_code, args] { exit_code = RunUpdate(options, *args); });
}

}  // namespace interdict::cli
