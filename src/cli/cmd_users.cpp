// interdict users add|list and interdict settings set|list: who may act, and
// the case-work configuration (four-eyes, threshold). Also the session
// helpers every case-work command shares.
#include <cstdlib>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/output.h"

namespace interdict::cli {

Result<CaseSession> OpenCases(const GlobalOptions& options, StoreMode mode,
                              CaseworkOptions work_options) {
  CaseSession session;
  Result<std::unique_ptr<Store>> lists = OpenStore(options, mode);
  if (!lists) return Err(lists.error());
  session.lists = std::move(*lists);
  const std::string path = options.db.empty() ? DefaultStorePath() : options.db;
  // The case tables live beside the lists: the same SQLite file, or the
  // same PostgreSQL database and schema.
  Result<std::unique_ptr<CaseStore>> cases = OpenCaseStore(path);
  if (!cases) return Err(cases.error());
  session.cases = std::move(*cases);
  session.work =
      std::make_unique<Casework>(*session.lists, *session.cases, std::move(work_options));
  return session;
}

void AddUserOption(CLI::App* cmd, std::string& user) {
  const char* env = std::getenv("USER");
  user = env != nullptr ? env : "";
  cmd->add_option("--user", user, "Act as this user (default: $USER)");
}

namespace {

struct UserArgs {
  std::string user;
  std::string name;
  std::string role;
  std::string key, value;
};

int RunAddUser(const GlobalOptions& options, const UserArgs& args) {
  std::optional<Role> role = ParseRole(args.role);
  if (!role) {
    return Fail(
        Status::InvalidArgument("unknown role '" + args.role + "' (analyst, reviewer or admin)"));
  }
  Result<CaseSession> session = OpenCases(options, StoreMode::kCreate);
  if (!session) return Fail(session.error());
  Status s = session->work->AddUser(args.user, args.name, *role);
  if (!s.ok()) return Fail(s);
  if (options.json) {
    std::cout << nlohmann::json({{"name", args.name}, {"role", args.role}}).dump() << "\n";
  } else {
    std::cout << "added user " << args.name << " (" << args.role << ")\n";
  }
  return kExitOk;
}

int RunListUsers(const GlobalOptions& options) {
  Result<CaseSession> session = OpenCases(options, StoreMode::kExisting);
  if (!session) return Fail(session.error());
  Result<std::vector<User>> users = session->cases->Users();
  if (!users) return Fail(users.error());
  nlohmann::json json = nlohmann::json::array();
  Table table({"NAME", "ROLE", "ADDED", "BY"});
  for (const User& u : *users) {
    json.push_back({{"name", u.name},
                    {"role", RoleName(u.role)},
                    {"created_at", u.created_at},
                    {"created_by", u.created_by}});
    table.AddRow({u.name, std::string(RoleName(u.role)), u.created_at, u.created_by});
  }
  if (options.json) {
    std::cout << json.dump(2) << "\n";
  } else if (table.empty()) {
    std::cout << "No users yet: anyone may act (as --user or $USER) until the first is added.\n";
  } else {
    table.Print(std::cout);
  }
  return kExitOk;
}

int RunSetSetting(const GlobalOptions& options, const UserArgs& args) {
  Result<CaseSession> session = OpenCases(options, StoreMode::kCreate);
  if (!session) return Fail(session.error());
  Status s = session->work->SetSetting(args.user, args.key, args.value);
  if (!s.ok()) return Fail(s);
  std::cout << args.key << " = " << args.value << "\n";
  return kExitOk;
}

int RunListSettings(const GlobalOptions& options) {
  Result<CaseSession> session = OpenCases(options, StoreMode::kExisting);
  if (!session) return Fail(session.error());
  Result<bool> four_eyes = session->work->FourEyes();
  if (!four_eyes) return Fail(four_eyes.error());
  Result<double> threshold = session->work->Threshold();
  if (!threshold) return Fail(threshold.error());
  if (options.json) {
    std::cout << nlohmann::json({{"four_eyes", *four_eyes}, {"threshold", *threshold}}).dump()
              << "\n";
  } else {
    std::cout << "four_eyes = " << (*four_eyes ? "on" : "off") << "\nthreshold = " << *threshold
              << "\n";
  }
  return kExitOk;
}

}  // namespace

void RegisterUsers(CLI::App& app, GlobalOptions& options, int& exit_code) {
  auto args = std::make_shared<UserArgs>();
  auto* users = app.add_subcommand("users", "Users and roles (analyst, reviewer, admin)");
  users->require_subcommand(1);
  auto* add = users->add_subcommand("add", "Register a user (admin only once users exist)");
  add->add_option("name", args->name, "User name")->required();
  add->add_option("--role", args->role, "analyst, reviewer or admin")->required();
  AddUserOption(add, args->user);
  add->callback([&options, &exit_code, args] { exit_code = RunAddUser(options, *args); });
  auto* list = users->add_subcommand("list", "List the registered users");
  list->callback([&options, &exit_code] { exit_code = RunListUsers(options); });

  auto* settings = app.add_subcommand("settings", "Case-work configuration (audited)");
  settings->require_subcommand(1);
  auto* set = settings->add_subcommand("set", "Set four_eyes (on|off) or threshold (0..1]");
  set->add_option("key", args->key, "four_eyes or threshold")->required();
  set->add_option("value", args->value, "The new value")->required();
  AddUserOption(set, args->user);
  set->callback([&options, &exit_code, args] { exit_code = RunSetSetting(options, *args); });
  auto* show = settings->add_subcommand("list", "Show the settings");
  show->callback([&options, &exit_code] { exit_code = RunListSettings(options); });
}

}  // namespace interdict::cli
