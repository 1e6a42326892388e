// interdict show ID [--version N]: everything the store knows about one
// entity, for a person to read; --json prints the entity's export line.
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/output.h"
#include "interdict/json.h"

namespace interdict::cli {
namespace {

struct ShowArgs {
  std::string id;
  std::int64_t version = 0;  // list version number; 0 = current
};

std::string Join(const std::vector<std::string>& items, std::string_view separator = ", ") {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : std::string(separator)) + item;
  return out;
}

std::string FormatDate(const DateValue& date) {
  if (date.from.empty()) return date.text;
  std::string out = date.approximate ? "circa " + date.from.ToString() : date.from.ToString();
  if (!date.to.empty()) out += " to " + date.to.ToString();
  return out;
}

std::string FormatShare(const Relation& relation) {
  if (!relation.share_min && !relation.share_max) return "";
  char buffer[64];
  const double low = relation.share_min.value_or(*relation.share_max);
  const double high = relation.share_max.value_or(low);
  if (low == high) {
    std::snprintf(buffer, sizeof buffer, "%g%%", low);
  } else {
    std::snprintf(buffer, sizeof buffer, "%g-%g%%", low, high);
  }
  return buffer;
}

std::string FormatParts(const Name& name) {
  std::vector<std::string> parts;
  for (const NamePart& part : name.parts) {
    parts.push_back(std::string(NamePartTypeName(part.type)) + ": " + part.value);
  }
  return Join(parts, "; ");
}

// "label: value" lines for the scalar and short-list fields, skipping empties.
void PrintFacts(const Entity& entity, const ListVersion& version, bool current) {
  std::vector<std::string> dates;
  for (const DateValue& date : entity.birth_dates) dates.push_back(FormatDate(date));
  const std::vector<std::pair<std::string, std::string>> facts = {
      {"List", entity.list + ", version " + std::to_string(version.number) +
                   (current ? " (current)" : "") + ", loaded " + version.loaded_at},
      {"Type", std::string(SchemaName(entity.schema))},
      {"Gender", entity.gender == Gender::kUnknown ? "" : std::string(GenderName(entity.gender))},
      {"Born", Join(dates, "; ")},
      {"Birthplace", Join(entity.birth_places, "; ")},
      {"Nationality", Join(entity.nationalities)},
      {"Citizenship", Join(entity.citizenships)},
      {"Countries", Join(entity.countries)},
      {"Titles", Join(entity.titles, "; ")},
      {"Positions", Join(entity.positions, "; ")},
      {"Programs", Join(entity.programs)},
      {"Listed on", entity.listed_on.ToString()},
      {"Remarks", entity.remarks},
  };
  for (const auto& [label, value] : facts) {
    if (value.empty()) continue;
    std::string padded = label + ":";
    padded.resize(14, ' ');
    std::cout << "  " << padded << value << "\n";
  }
}

void PrintSection(std::string_view title, const Table& table) {
  if (table.empty()) return;
  std::cout << "\n" << title << "\n";
  table.Print(std::cout, "  ");
}

void PrintNames(const Entity& entity) {
  Table table({"KIND", "QUALITY", "SCRIPT", "LANG", "NAME", "PARTS"});
  for (const Name& name : entity.names) {
    table.AddRow({std::string(NameKindName(name.kind)), OrDash(NameQualityName(name.quality)),
                  OrDash(name.script), OrDash(name.language), name.full, FormatParts(name)});
  }
  PrintSection("Names", table);
}

void PrintAddressesAndIds(const Entity& entity) {
  Table addresses({"COUNTRY", "ADDRESS"});
  for (const Address& address : entity.addresses) {
    addresses.AddRow(
        {OrDash(address.country.empty() ? address.country_text : address.country), address.full});
  }
  PrintSection("Addresses", addresses);
  Table identifiers({"TYPE", "VALUE", "COUNTRY", "LABEL", "NOTE"});
  for (const Identifier& id : entity.identifiers) {
    identifiers.AddRow({std::string(IdentifierTypeName(id.type)), id.value, OrDash(id.country),
                        OrDash(id.label), id.note});
  }
  PrintSection("Identifiers", identifiers);
}

// Targets are named from the store where it has them, else as the list wrote
// them.
void PrintRelations(Store& store, const Entity& entity) {
  Table table({"RELATION", "TARGET", "TARGET NAME", "ROLE", "SHARE"});
  for (const Relation& relation : entity.relations) {
    std::string name = relation.target_name;
    if (!relation.target.empty()) {
      if (Result<Entity> target = store.GetEntity(relation.target)) name = target->PrimaryName();
    }
    table.AddRow({std::string(RelationTypeName(relation.type)), OrDash(relation.target),
                  OrDash(name), OrDash(relation.role), OrDash(FormatShare(relation))});
  }
  PrintSection("Relations", table);
}

void PrintAttributes(const Entity& entity) {
  Table table({"KEY", "VALUE"});
  for (const Attribute& attribute : entity.attributes)
    table.AddRow({attribute.key, attribute.value});
  PrintSection("Attributes", table);
}

void PrintVersions(const std::vector<ListVersion>& versions) {
  Table table({"VERSION", "LOADED_AT", "PUBLISHED"});
  for (const ListVersion& v : versions) {
    table.AddRow({std::to_string(v.number), v.loaded_at, OrDash(v.published)});
  }
  PrintSection("In versions", table);
}

// The version of the entity's list to show: number N, or the newest version
// the entity appears in.
Result<ListVersion> PickVersion(Store& store, const std::vector<ListVersion>& appearances,
                                std::int64_t number) {
  if (number == 0) return appearances.back();
  for (const ListVersion& v : appearances) {
    if (v.number == number) return v;
  }
  Result<std::vector<ListVersion>> all = store.Versions(appearances.back().list);
  INTERDICT_RETURN_IF_ERROR(all);
  const bool exists = std::any_of(all->begin(), all->end(),
                                  [number](const ListVersion& v) { return v.number == number; });
  return Err(Status::NotFound(exists ? "the entity is not in version " + std::to_string(number)
                                     : "list " + appearances.back().list + " has no version " +
                                           std::to_string(number)));
}

int RunShow(const GlobalOptions& options, const ShowArgs& args) {
  Result<std::unique_ptr<Store>> opened = OpenStore(options);
  if (!opened) return Fail(opened.error());
  Store& store = **opened;
  Result<std::vector<ListVersion>> appearances = store.EntityVersions(args.id);
  if (!appearances) return Fail(appearances.error());
  if (appearances->empty()) return Fail(Status::NotFound("no entity with id \"" + args.id + "\""));
  Result<ListVersion> version = PickVersion(store, *appearances, args.version);
  if (!version) return Fail(version.error().Prepend(args.id));
  Result<Entity> entity = store.GetEntity(args.id, version->id);
  if (!entity) return Fail(entity.error());
  if (options.json) {
    std::cout << EntityToJson(*entity) << "\n";
    return kExitOk;
  }
  Result<ListVersion> current = store.CurrentVersion(version->list);
  const bool is_current = current && current->id == version->id;
  std::cout << entity->id << "  " << entity->PrimaryName() << "\n";
  PrintFacts(*entity, *version, is_current);
  PrintNames(*entity);
  PrintAddressesAndIds(*entity);
  PrintRelations(store, *entity);
  PrintAttributes(*entity);
  PrintVersions(*appearances);
  return kExitOk;
}

}  // namespace

void RegisterShow(CLI::App& app, GlobalOptions& options, int& exit_code) {
  auto args = std::make_shared<ShowArgs>();
  auto* cmd = app.add_subcommand("show", "Show everything about one entity");
  cmd->add_option("id", args->id, "Entity id, such as ofac-sdn:306 or un-sc:QDi.001")->required();
  cmd->add_option("--version", args->version,
                  "Version number of the entity's list (default: the newest it appears in)")
      ->check(CLI::PositiveNumber);
  cmd->callback([&options, &exit_code, args] { exit_code = RunShow(options, *args); });
}

}  // namespace interdict::cli
