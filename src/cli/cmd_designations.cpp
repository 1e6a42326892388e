// interdict designations add|edit|remove|list: the organisation's own list
// ("own"), screened and versioned like an official one.
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/output.h"
#include "interdict/countries.h"

namespace interdict::cli {
namespace {

struct DesignationArgs {
  std::string user;
  std::int64_t number = 0;
  std::string name, type = "person";
  std::vector<std::string> aliases, ids, relations, programs, evidence;
  std::string dob, country, reason, expires, remarks;
  bool all = false;
};

// "type:value" pairs, as in screening CSV identifiers.
Result<std::pair<std::string, std::string>> SplitPair(const std::string& text, const char* what) {
  const std::size_t colon = text.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) {
    return Err(Status::InvalidArgument(std::string(what) + " '" + text + "' should be TYPE:VALUE"));
  }
  return std::make_pair(text.substr(0, colon), text.substr(colon + 1));
}

Result<Entity> BuildEntity(const DesignationArgs& args) {
  Entity e;
  std::optional<Schema> schema = ParseSchema(args.type);
  if (!schema || *schema == Schema::kUnknown) {
    return Err(Status::InvalidArgument("--type must be person, organization, vessel or aircraft"));
  }
  e.schema = *schema;
  e.names.push_back({args.name, NameKind::kPrimary, NameQuality::kStrong, "", "", {}});
  for (const std::string& alias : args.aliases) {
    e.names.push_back({alias, NameKind::kAka, NameQuality::kUnspecified, "", "", {}});
  }
  if (!args.dob.empty()) {
    std::optional<PartialDate> dob = PartialDate::Parse(args.dob);
    if (!dob) return Err(Status::InvalidArgument("--dob must be YYYY, YYYY-MM or YYYY-MM-DD"));
    e.birth_dates.push_back({*dob, {}, false, ""});
  }
  if (!args.country.empty()) {
    std::string code = CountryCode(args.country);
    if (code.empty()) return Err(Status::InvalidArgument("unknown country '" + args.country + "'"));
    e.countries.push_back(code);
  }
  for (const std::string& id : args.ids) {
    Result<std::pair<std::string, std::string>> pair = SplitPair(id, "--id");
    if (!pair) return Err(pair.error());
    Identifier identifier;
    identifier.type = ParseIdentifierType(pair->first).value_or(IdentifierType::kOther);
    identifier.label = pair->first;
    identifier.value = pair->second;
    e.identifiers.push_back(std::move(identifier));
  }
  for (const std::string& rel : args.relations) {
    Result<std::pair<std::string, std::string>> pair = SplitPair(rel, "--relation");
    if (!pair) return Err(pair.error());
    std::optional<RelationType> type = ParseRelationType(pair->first);
    if (!type) return Err(Status::InvalidArgument("unknown relation type '" + pair->first + "'"));
    Relation relation;
    relation.type = *type;
    relation.target = pair->second;
    e.relations.push_back(std::move(relation));
  }
  e.programs = args.programs;
  e.remarks = args.remarks;
  return e;
}

int Print(const GlobalOptions& options, const Result<Designation>& d, std::string_view verb) {
  if (!d) return Fail(d.error());
  if (options.json) {
    std::cout << DesignationToJson(*d) << "\n";
  } else {
    std::cout << verb << " " << d->entity.id << " " << d->entity.PrimaryName() << " (revision "
              << d->revision << ")\n";
  }
  return kExitOk;
}

int RunAddOrEdit(const GlobalOptions& options, const DesignationArgs& args) {
  Result<Entity> entity = BuildEntity(args);
  if (!entity) return Fail(entity.error());
  Result<CaseSession> session = OpenCases(options, StoreMode::kCreate);
  if (!session) return Fail(session.error());
  if (args.number == 0) {
    return Print(options,
                 session->work->AddDesignation(args.user, std::move(*entity), args.reason,
                                               args.evidence, args.expires),
                 "designated");
  }
  return Print(options,
               session->work->EditDesignation(args.user, args.number, std::move(*entity),
                                              args.reason, args.evidence, args.expires),
               "updated");
}

int RunRemove(const GlobalOptions& options, const DesignationArgs& args) {
  Result<CaseSession> session = OpenCases(options, StoreMode::kExisting);
  if (!session) return Fail(session.error());
  return Print(options, session->work->RemoveDesignation(args.user, args.number, args.reason),
               "removed");
}

int RunList(const GlobalOptions& options, const DesignationArgs& args) {
  Result<CaseSession> session = OpenCases(options, StoreMode::kExisting);
  if (!session) return Fail(session.error());
  Result<std::vector<Designation>> all = session->cases->Designations();
  if (!all) return Fail(all.error());
  const std::string today = NowUtc().substr(0, 10);
  Table table({"ID", "NAME", "TYPE", "STATUS", "REASON", "AUTHOR", "UPDATED"});
  for (const Designation& d : *all) {
    if (!args.all && !d.ActiveOn(today)) continue;
    if (options.json) {
      std::cout << DesignationToJson(d) << "\n";
      continue;
    }
    const std::string status = !d.removed_at.empty() ? "removed"
                               : d.ActiveOn(today)
                                   ? (d.expires.empty() ? "active" : "until " + d.expires)
                                   : "expired";
    table.AddRow({d.entity.id, d.entity.PrimaryName(), std::string(SchemaName(d.entity.schema)),
                  status, d.reason, d.author, d.updated_at});
  }
  if (!options.json) table.Print(std::cout);
  return kExitOk;
}

void AddEntityOptions(CLI::App* cmd, DesignationArgs& args) {
  cmd->add_option("--name", args.name, "Primary name")->required();
  cmd->add_option("--type", args.type, "person, organization, vessel or aircraft");
  cmd->add_option("--alias", args.aliases, "Another name (repeatable)");
  cmd->add_option("--dob", args.dob, "Date of birth (YYYY[-MM[-DD]])");
  cmd->add_option("--country", args.country, "Country (name or ISO code)");
  cmd->add_option("--id", args.ids, "Identifier TYPE:VALUE, e.g. passport:X123 (repeatable)");
  cmd->add_option("--relation", args.relations,
                  "Relation TYPE:ENTITY_ID, e.g. owned_by:ofac-sdn:123 (repeatable)");
  cmd->add_option("--program", args.programs, "Programme or case tag (repeatable)");
  cmd->add_option("--remarks", args.remarks, "Free text");
  cmd->add_option("--evidence", args.evidence, "Evidence link or reference (repeatable)");
  cmd->add_option("--expires", args.expires, "Last day is the day before YYYY-MM-DD");
  AddUserOption(cmd, args.user);
}

}  // namespace

void RegisterDesignations(CLI::App& app, GlobalOptions& options, int& exit_code) {
  auto args = std::make_shared<DesignationArgs>();
  auto* cmd = app.add_subcommand("designations", "The organisation's own list (\"own\")");
  cmd->require_subcommand(1);
  auto* add = cmd->add_subcommand("add", "Designate a person or organisation");
  AddEntityOptions(add, *args);
  add->add_option("--reason", args->reason, "Why (required)")->required();
  add->callback([&options, &exit_code, args] { exit_code = RunAddOrEdit(options, *args); });
  auto* edit = cmd->add_subcommand("edit", "Replace a designation's details");
  edit->add_option("number", args->number, "The N of own:N")
      ->required()
      ->check(CLI::PositiveNumber);
  AddEntityOptions(edit, *args);
  edit->add_option("--reason", args->reason, "New reason (default: keep)");
  edit->callback([&options, &exit_code, args] { exit_code = RunAddOrEdit(options, *args); });
  auto* remove = cmd->add_subcommand("remove", "End a designation");
  remove->add_option("number", args->number, "The N of own:N")
      ->required()
      ->check(CLI::PositiveNumber);
  remove->add_option("--reason", args->reason, "Why (required)")->required();
  AddUserOption(remove, args->user);
  remove->callback([&options, &exit_code, args] { exit_code = RunRemove(options, *args); });
  auto* list = cmd->add_subcommand("list", "Active designations (--all: also removed, expired)");
  list->add_flag("--all", args->all, "Include removed and expired ones");
  list->callback([&options, &exit_code, args] { exit_code = RunList(options, *args); });
}

}  // namespace interdict::cli
