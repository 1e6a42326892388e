// interdict network ID [--depth N] [--format json|dot|graphml]: the entities
// and relations around one entity, with each node's basis under every regime
// and the ownership shares on the edges.
#include <iostream>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "interdict/graph.h"

namespace interdict::cli {
namespace {

struct NetworkArgs {
  std::string id;
  int depth = 2;
  std::string format = "json";
  std::string as_of;
};

// --as-of: relations that ended before this date do not count.
Result<NetworkOptions> OptionsFor(const std::string& as_of) {
  NetworkOptions options;
  if (as_of.empty()) return options;
  std::optional<PartialDate> date = PartialDate::Parse(as_of);
  if (!date) return Err(Status::InvalidArgument("--as-of \"" + as_of + "\" is not YYYY-MM-DD"));
  options.as_of = *date;
  return options;
}

int RunNetwork(const GlobalOptions& global, const NetworkArgs& args) {
  Result<NetworkOptions> options = OptionsFor(args.as_of);
  if (!options) return Fail(options.error());
  Result<std::unique_ptr<Store>> store = OpenStore(global);
  if (!store) return Fail(store.error());
  Result<std::unique_ptr<Network>> network = LoadNetwork(**store, std::move(*options));
  if (!network) return Fail(network.error());
  Result<Neighbourhood> hood = (*network)->Around(args.id, args.depth);
  if (!hood) return Fail(hood.error());
  if (args.format == "dot") {
    std::cout << NeighbourhoodToDot(*hood);
  } else if (args.format == "graphml") {
    std::cout << NeighbourhoodToGraphml(*hood);
  } else {
    std::cout << NeighbourhoodToJson(*hood) << "\n";
  }
  return kExitOk;
}

}  // namespace

void RegisterNetwork(CLI::App& app, GlobalOptions& options, int& exit_code) {
  auto args = std::make_shared<NetworkArgs>();
  auto* cmd = app.add_subcommand("network", "Show the relations around one entity");
  cmd->add_option("id", args->id, "Entity id, such as ofac-sdn:15117")->required();
  cmd->add_option("--depth", args->depth, "Hops from the entity (default 2)")
      ->check(CLI::Range(0, 10));
  cmd->add_option("--format", args->format, "json (default), dot or graphml")
      ->check(CLI::IsMember({"json", "dot", "graphml"}));
  cmd->add_option("--as-of", args->as_of, "Date the relations must hold on (default: today)");
  cmd->callback([&options, &exit_code, args] { exit_code = RunNetwork(options, *args); });
}

}  // namespace interdict::cli
