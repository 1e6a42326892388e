// interdict: sanctions and watchlist screening from the command line.
#include <cstdio>
#include <exception>
#include <iostream>

#include "cli/commands.h"

namespace interdict::cli {

int Fail(const Status& status) {
  std::cerr << "interdict: " << status.ToString() << "\n";
  return kExitFailure;
}

void RegisterVersion(CLI::App& app, GlobalOptions&, int& exit_code) {
  auto* cmd = app.add_subcommand("version", "Print the version and exit");
  cmd->callback([&exit_code] {
    std::cout << "interdict 0.1.0\n";
    exit_code = kExitOk;
  });
}

}  // namespace interdict::cli

int main(int argc, char** argv) {
  using namespace interdict::cli;
  CLI::App app{"Interdict: sanctions and watchlist screening"};
  app.require_subcommand(1);
  GlobalOptions options;
  app.add_option("--db", options.db, "Store file (default: $INTERDICT_DB or ./interdict.db)")
      ->envname("INTERDICT_DB");
  app.add_flag("--json", options.json, "Machine-readable JSON output");
  int exit_code = kExitOk;
  RegisterVersion(app, options, exit_code);
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
