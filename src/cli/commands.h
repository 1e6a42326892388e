// The `interdict` command line: one file per command (cmd_<name>.cpp), each
// registering its subcommand on the app. Commands are thin: they parse flags,
// call the library (include/interdict/) and print. Exit codes:
//   0 success, 1 the operation failed (bad input, not found, ...),
//   2 usage error (CLI11), 3 partial success (some of several sources failed).
// Commands are documented for users in docs/cli.md.
#ifndef INTERDICT_CLI_COMMANDS_H_
#define INTERDICT_CLI_COMMANDS_H_

#include <CLI/CLI.hpp>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "interdict/casework.h"
#include "interdict/status.h"
#include "interdict/store.h"

namespace interdict::cli {

enum ExitCode : int { kExitOk = 0, kExitFailure = 1, kExitUsage = 2, kExitPartial = 3 };

// Flags shared by every command; they may be given before or after it.
struct GlobalOptions {
  std::string db;     // --db; empty means DefaultStorePath()
  bool json = false;  // --json: machine-readable output on stdout
};

// Whether a command may create the store file. Commands that only read say
// kExisting, so a mistyped --db is an error rather than a new empty store.
enum class StoreMode { kCreate, kExisting };

// Opens the store named by --db (or the default).
Result<std::unique_ptr<Store>> OpenStore(const GlobalOptions& options,
                                         StoreMode mode = StoreMode::kExisting);

// Store::AddVersion, except that a delta already applied to the list (a
// version with the same content hash exists) is not applied again: the
// outcome is that version, not created.
Result<LoadOutcome> AddListVersion(Store& store, const ListData& data, std::string_view source);

// Prints "interdict: <status>" to stderr and returns kExitFailure.
int Fail(const Status& status);

// The exit code for a run over several items of which `failed` of `total`
// failed: 0 none, 3 some, 1 all.
int ExitCodeFor(std::size_t failed, std::size_t total);

// Each registers one subcommand. The callback sets `exit_code`.
void RegisterVersion(CLI::App& app, GlobalOptions& options, int& exit_code);
void RegisterLoad(CLI::App& app, GlobalOptions& options, int& exit_code);
void RegisterLists(CLI::App& app, GlobalOptions& options, int& exit_code);
void RegisterShow(CLI::App& app, GlobalOptions& options, int& exit_code);
void RegisterDiff(CLI::App& app, GlobalOptions& options, int& exit_code);
void RegisterExport(CLI::App& app, GlobalOptions& options, int& exit_code);
void RegisterUpdate(CLI::App& app, GlobalOptions& options, int& exit_code);
void RegisterScreen(CLI::App& app, GlobalOptions& options, int& exit_code);
void RegisterCompare(CLI::App& app, GlobalOptions& options, int& exit_code);
void RegisterCustomers(CLI::App& app, GlobalOptions& options, int& exit_code);  // + rescreen
void RegisterAlerts(CLI::App& app, GlobalOptions& options, int& exit_code);
void RegisterDesignations(CLI::App& app, GlobalOptions& options, int& exit_code);
void RegisterAudit(CLI::App& app, GlobalOptions& options, int& exit_code);
void RegisterUsers(CLI::App& app, GlobalOptions& options, int& exit_code);  // + settings

// Case work (defined in cmd_users.cpp): the list store, the case store and
// Casework behind --db, for the commands that act as a user.
struct CaseSession {
  std::unique_ptr<Store> lists;
  std::unique_ptr<CaseStore> cases;
  std::unique_ptr<Casework> work;
};
Result<CaseSession> OpenCases(const GlobalOptions& options, StoreMode mode,
                              CaseworkOptions work_options = {});
// Adds --user NAME (default $USER) to a command that acts as someone.
void AddUserOption(CLI::App* cmd, std::string& user);
// After `interdict load` / `update` (defined in cmd_customers.cpp): records
// each loaded version in the audit trail as `user` and, when `rescreen` and a
// version was created and customers are monitored, runs the delta rescreen.
// Prints the rescreen for humans, or returns it as JSON under --json (null
// when none ran). A failure is reported and turns exit code 0 into 3: the
// lists did load.
nlohmann::json ReportAfterListLoad(const GlobalOptions& options, std::string_view user,
                                   const std::vector<LoadOutcome>& loaded, bool rescreen,
                                   int& exit_code);
void RegisterServe(CLI::App& app, GlobalOptions& options, int& exit_code);
void RegisterKeys(CLI::App& app, GlobalOptions& options, int& exit_code);
void RegisterNetwork(CLI::App& app, GlobalOptions& options, int& exit_code);
void RegisterOwnership(CLI::App& app, GlobalOptions& options, int& exit_code);
void RegisterImportRelations(CLI::App& app, GlobalOptions& options, int& exit_code);

}  // namespace interdict::cli

#endif  // INTERDICT_CLI_COMMANDS_H_
