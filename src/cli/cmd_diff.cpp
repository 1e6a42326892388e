// interdict diff LIST [FROM] [TO]: what changed between two versions of a
// list, down to the field.
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/commands.h"
#include "cli/output.h"

namespace interdict::cli {
namespace {

struct DiffArgs {
  std::string list;
  std::int64_t from = 0;  // 0: the version before `to`
  std::int64_t to = 0;    // 0: the current version
};

std::string_view ChangeKindName(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::kAdded:
      return "added";
    case ChangeKind::kRemoved:
      return "removed";
    case ChangeKind::kChanged:
      return "changed";
  }
  return "changed";
}

char ChangeMark(ChangeKind kind) {
  return kind == ChangeKind::kAdded ? '+' : kind == ChangeKind::kRemoved ? '-' : '~';
}

// FieldChange values are JSON text ("" when absent); keep them as JSON.
nlohmann::json JsonValue(const std::string& text) {
  if (text.empty()) return nullptr;
  nlohmann::json value = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  return value.is_discarded() ? nlohmann::json(text) : value;
}

nlohmann::json DiffToJson(const ListDiff& diff) {
  nlohmann::json changes = nlohmann::json::array();
  std::size_t counts[3] = {0, 0, 0};
  for (const EntityChange& change : diff.changes) {
    ++counts[static_cast<int>(change.kind)];
    nlohmann::json item = {
        {"id", change.id}, {"name", change.name}, {"kind", ChangeKindName(change.kind)}};
    if (change.kind == ChangeKind::kChanged) {
      nlohmann::json fields = nlohmann::json::array();
      for (const FieldChange& field : change.fields) {
        fields.push_back({{"path", field.path},
                          {"before", JsonValue(field.before)},
                          {"after", JsonValue(field.after)}});
      }
      item["fields"] = std::move(fields);
    }
    changes.push_back(std::move(item));
  }
  return {{"list", diff.to.list},
          {"from", VersionToJson(diff.from)},
          {"to", VersionToJson(diff.to)},
          {"added", counts[static_cast<int>(ChangeKind::kAdded)]},
          {"removed", counts[static_cast<int>(ChangeKind::kRemoved)]},
          {"changed", counts[static_cast<int>(ChangeKind::kChanged)]},
          {"changes", std::move(changes)}};
}

void PrintDiff(const ListDiff& diff) {
  std::size_t counts[3] = {0, 0, 0};
  for (const EntityChange& change : diff.changes) ++counts[static_cast<int>(change.kind)];
  std::cout << diff.to.list << ": version " << diff.from.number << " (" << diff.from.loaded_at
            << ") -> version " << diff.to.number << " (" << diff.to.loaded_at
            << "): " << counts[static_cast<int>(ChangeKind::kAdded)] << " added, "
            << counts[static_cast<int>(ChangeKind::kRemoved)] << " removed, "
            << counts[static_cast<int>(ChangeKind::kChanged)] << " changed\n";
  for (const EntityChange& change : diff.changes) {
    std::cout << ChangeMark(change.kind) << " " << change.id << "  " << change.name << "\n";
    for (const FieldChange& field : change.fields) {
      std::cout << "    " << field.path << ": " << OrDash(field.before) << " -> "
                << OrDash(field.after) << "\n";
    }
  }
}

int RunDiff(const GlobalOptions& options, const DiffArgs& args) {
  Result<std::unique_ptr<Store>> store = OpenStore(options);
  if (!store) return Fail(store.error());
  Result<ListDiff> diff = (*store)->Diff(args.list, args.from, args.to);
  if (!diff) return Fail(diff.error());
  if (options.json) {
    std::cout << DiffToJson(*diff).dump(2) << "\n";
  } else {
    PrintDiff(*diff);
  }
  return kExitOk;
}

}  // namespace

void RegisterDiff(CLI::App& app, GlobalOptions& options, int& exit_code) {
  auto args = std::make_shared<DiffArgs>();
  auto* cmd = app.add_subcommand(
      "diff", "Entities added, removed and changed (field by field) between two versions");
  cmd->add_option("list", args->list, "List name, such as ofac-sdn")->required();
  cmd->add_option("from", args->from, "Version number to compare from (default: the one before TO)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("to", args->to, "Version number to compare to (default: the current one)")
      ->check(CLI::PositiveNumber);
  cmd->callback([&options, &exit_code, args] { exit_code = RunDiff(options, *args); });
}

}  // namespace interdict::cli
