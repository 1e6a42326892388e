// interdict version
#include <iostream>

#include "cli/commands.h"

namespace interdict::cli {

void RegisterVersion(CLI::App& app, GlobalOptions&, int& exit_code) {
  auto* cmd = app.add_subcommand("version", "Print the version and exit");
  cmd->callback([&exit_code] {
    std::cout << "interdict 0.1.0\n";
    exit_code = kExitOk;
  });
}

}  // namespace interdict::cli
