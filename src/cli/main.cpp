// interdict: sanctions and watchlist screening from the command line.
#include <cstdio>
#include <exception>
#include <filesystem>
#include <iostream>

#include "cli/commands.h"

namespace interdict::cli {

int Fail(const Status& status) {
  std::cerr << "interdict: " << status.ToString() << "\n";
  return kExitFailure;
}

int ExitCodeFor(std::size_t failed, std::size_t total) {
  if (failed == 0) return kExitOk;
  return failed < total ? kExitPartial : kExitFailure;
}

Result<std::unique_ptr<Store>> OpenStore(const GlobalOptions& options, StoreMode mode) {
  const std::string path = options.db.empty() ? DefaultStorePath() : options.db;
  std::error_code ec;
  if (mode == StoreMode::kExisting && !IsPostgresLocation(path) &&
      !std::filesystem::exists(path, ec)) {
    return Err(Status::NotFound("no store here; load lists first (interdict load PATH or "
                                "interdict update)")
                   .InFile(path));
  }
  return interdict::OpenStore(path);  // a file, or a PostgreSQL conninfo/URI
}

Result<LoadOutcome> AddListVersion(Store& store, const ListData& data, std::string_view source) {
  // The store identifies parsed content by ContentHash(), which needs files.
  if (data.is_delta && !data.files.empty()) {
    Result<std::vector<ListVersion>> versions = store.Versions(data.list);
    if (!versions && versions.error().code() != StatusCode::kNotFound) return Err(versions.error());
    if (versions) {
      const std::string hash = data.ContentHash();
      for (const ListVersion& version : *versions) {
        if (version.sha256 == hash) return LoadOutcome{version, false};
      }
    }
  }
  return store.AddVersion(data, source);
}

}  // namespace interdict::cli

int main(int argc, char** argv) {
  using namespace interdict::cli;
  CLI::App app{"Interdict: sanctions and watchlist screening"};
  app.require_subcommand(1);
  // Global flags are accepted after the command too: `interdict lists --json`.
  app.fallthrough();
  GlobalOptions options;
  app.add_option("--db", options.db,
                 "Store file or PostgreSQL URI (default: $INTERDICT_DB or ./interdict.db)")
      ->envname("INTERDICT_DB");
  app.add_flag("--json", options.json, "Machine-readable JSON output");
  int exit_code = kExitOk;
  RegisterLoad(app, options, exit_code);
  RegisterUpdate(app, options, exit_code);
  RegisterLists(app, options, exit_code);
  RegisterShow(app, options, exit_code);
  RegisterDiff(app, options, exit_code);
  RegisterExport(app, options, exit_code);
  RegisterScreen(app, options, exit_code);
  RegisterCompare(app, options, exit_code);
  RegisterServe(app, options, exit_code);
  RegisterKeys(app, options, exit_code);
  RegisterNetwork(app, options, exit_code);
  RegisterOwnership(app, options, exit_code);
  RegisterImportRelations(app, options, exit_code);
  RegisterVersion(app, options, exit_code);
  RegisterCustomers(app, options, exit_code);
  RegisterAlerts(app, options, exit_code);
  RegisterDesignations(app, options, exit_code);
  RegisterAudit(app, options, exit_code);
  RegisterUsers(app, options, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kExitOk : kExitUsage;
  } catch (const std::exception& e) {
    // Library calls return Status; anything thrown here is a bug or an
    // allocation failure. Report it instead of aborting.
    std::cerr << "interdict: internal error: " << e.what() << "\n";
    return kExitFailure;
  }
  return exit_code;
}
