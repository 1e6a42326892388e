// The `interdict` command line: one file per command (cmd_<name>.cpp), each
// registering its subcommand on the app. Commands are thin: they parse flags,
// call the library (include/interdict/) and print. Exit codes:
//   0 success, 1 the operation failed (bad input, not found, ...),
//   2 usage error (CLI11), 3 partial success (some of several sources failed).
#ifndef INTERDICT_CLI_COMMANDS_H_
#define INTERDICT_CLI_COMMANDS_H_

#include <CLI/CLI.hpp>

#include <memory>
#include <string>

#include "interdict/status.h"
#include "interdict/store.h"

namespace interdict::cli {

enum ExitCode : int { kExitOk = 0, kExitFailure = 1, kExitUsage = 2, kExitPartial = 3 };

// Flags shared by every command.
struct GlobalOptions {
  std::string db;     // --db; empty means DefaultStorePath()
  bool json = false;  // --json: machine-readable output on stdout
};

// Opens the store named by --db (or the default), printing the error on
// failure.
Result<std::unique_ptr<Store>> OpenStore(const GlobalOptions& options);

// Prints "interdict: <status>" to stderr and returns kExitFailure.
int Fail(const Status& status);

// Each registers one subcommand. The callback sets `exit_code`.
void RegisterVersion(CLI::App& app, GlobalOptions& options, int& exit_code);

}  // namespace interdict::cli

#endif  // INTERDICT_CLI_COMMANDS_H_
