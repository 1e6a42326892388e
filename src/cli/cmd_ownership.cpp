// interdict ownership --regime ofac|eu|uk [--format json|csv]: every entity
// the regime's ownership and control rule derives from the listed ones, each
// with its holders, shares, rule and path (JSON lines, or CSV).
#include <iostream>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "interdict/graph.h"

namespace interdict::cli {
namespace {

struct OwnershipArgs {
  std::string regime;
  std::string format = "json";
  std::string as_of;
  bool linked = false;
};

int RunOwnership(const GlobalOptions& global, const OwnershipArgs& args) {
  std::optional<Regime> regime = ParseRegime(args.regime);
  if (!regime) return Fail(Status::InvalidArgument("unknown regime \"" + args.regime + "\""));
  NetworkOptions options;
  if (!args.as_of.empty()) {
    std::optional<PartialDate> date = PartialDate::Parse(args.as_of);
    if (!date)
      return Fail(Status::InvalidArgument("--as-of \"" + args.as_of + "\" is not YYYY-MM-DD"));
    options.as_of = *date;
  }
  Result<std::unique_ptr<Store>> store = OpenStore(global);
  if (!store) return Fail(store.error());
  Result<std::unique_ptr<Network>> network = LoadNetwork(**store, std::move(options));
  if (!network) return Fail(network.error());
  std::vector<Derivation> derived = (*network)->Derived(*regime);
  if (args.linked) {
    std::vector<Derivation> linked = (*network)->Linked(*regime);
    derived.insert(derived.end(), linked.begin(), linked.end());
  }
  if (args.format == "csv") {
    std::cout << DerivationsToCsv(derived);
  } else {
    for (const Derivation& d : derived) std::cout << DerivationToJson(d) << "\n";
  }
  std::cerr << derived.size() << " entities derived under " << RegimeName(*regime)
            << (args.linked ? " or linked" : "") << "\n";
  return kExitOk;
}

}  // namespace

void RegisterOwnership(CLI::App& app, GlobalOptions& options, int& exit_code) {
  auto args = std::make_shared<OwnershipArgs>();
  auto* cmd = app.add_subcommand(
      "ownership", "List entities owned or controlled by listed ones under a regime's rule");
  cmd->add_option("--regime", args->regime, "ofac, eu or uk")
      ->required()
      ->check(CLI::IsMember({"ofac", "eu", "uk"}));
  cmd->add_option("--format", args->format, "json (one object per line, default) or csv")
      ->check(CLI::IsMember({"json", "csv"}));
  cmd->add_option("--as-of", args->as_of, "Date the holdings must hold on (default: today)");
  cmd->add_flag("--linked", args->linked, "Also list linked entities (for review)");
  cmd->callback([&options, &exit_code, args] { exit_code = RunOwnership(options, *args); });
}

}  // namespace interdict::cli
