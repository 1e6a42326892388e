// interdict import-relations FILE: the user's own ownership and officer data
// (relations CSV or FtM JSON lines, docs/graph.md) stored as a new version of
// list "own-relations", which replaces the previous import.
#include <iostream>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "sources/io.h"
#include "sources/parsers.h"

namespace interdict::cli {
namespace {

int RunImportRelations(const GlobalOptions& global, const std::string& path) {
  constexpr std::uint64_t kMaxBytes = 512ull << 20;
  Result<std::string> bytes = sources::ReadFile(path, kMaxBytes);
  if (!bytes) return Fail(bytes.error());
  Result<ListData> data = sources::ParseRelations(*bytes, path);
  if (!data) return Fail(data.error());
  data->files = {SourceFile{path, sources::Sha256Hex(*bytes), bytes->size()}};
  Result<std::unique_ptr<Store>> store = OpenStore(global, StoreMode::kCreate);
  if (!store) return Fail(store.error());
  Result<LoadOutcome> outcome = (*store)->AddVersion(*data, path);
  if (!outcome) return Fail(outcome.error());
  std::size_t relations = 0;
  for (const Entity& entity : data->entities) relations += entity.relations.size();
  std::cout << outcome->version.list << " version " << outcome->version.number
            << (outcome->created ? "" : " (unchanged)") << ": " << data->entities.size()
            << " entities, " << relations << " relations\n";
  return kExitOk;
}

}  // namespace

void RegisterImportRelations(CLI::App& app, GlobalOptions& options, int& exit_code) {
  auto path = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("import-relations",
                                 "Import your own ownership and officer data (CSV or FtM JSON)");
  cmd->add_option("file", *path, "Relations CSV or FollowTheMoney JSON lines")->required();
  cmd->callback([&options, &exit_code, path] { exit_code = RunImportRelations(options, *path); });
}

}  // namespace interdict::cli
