// interdict lists: every list in the store with its current version.
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/commands.h"
#include "cli/output.h"

namespace interdict::cli {
namespace {

int RunLists(const GlobalOptions& options) {
  Result<std::unique_ptr<Store>> store = OpenStore(options);
  if (!store) return Fail(store.error());
  Result<std::vector<std::string>> lists = (*store)->Lists();
  if (!lists) return Fail(lists.error());

  Table table(
      {"LIST", "VERSIONS", "CURRENT", "LOADED_AT", "PUBLISHED", "ENTITIES", "NAMES", "FORMAT"});
  nlohmann::json json = nlohmann::json::array();
  for (const std::string& list : *lists) {
    Result<std::vector<ListVersion>> versions = (*store)->Versions(list);
    if (!versions) return Fail(versions.error());
    if (versions->empty()) continue;  // Lists() promises at least one; be safe
    const ListVersion& current = versions->back();
    table.AddRow({list, std::to_string(versions->size()), std::to_string(current.number),
                  current.loaded_at, OrDash(current.published), std::to_string(current.entities),
                  std::to_string(current.names), current.format});
    json.push_back(
        {{"list", list}, {"versions", versions->size()}, {"current", VersionToJson(current)}});
  }
  if (options.json) {
    std::cout << json.dump(2) << "\n";
  } else if (table.empty()) {
    std::cout << "The store holds no lists yet; add some with `interdict load PATH` or "
                 "`interdict update`.\n";
  } else {
    table.Print(std::cout);
  }
  return kExitOk;
}

}  // namespace

void RegisterLists(CLI::App& app, GlobalOptions& options, int& exit_code) {
  auto* cmd = app.add_subcommand("lists", "Show each stored list with its current version");
  cmd->callback([&options, &exit_code] { exit_code = RunLists(options); });
}

}  // namespace interdict::cli
