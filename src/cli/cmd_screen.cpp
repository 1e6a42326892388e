// `interdict screen`: one name as a table, or a batch of JSON lines / CSV
// rows through all cores; each match carries its basis (listed, owned,
// controlled, possibly owned, linked) from the relation network.
// `interdict compare`: two names, or pairs in batch.
#include <atomic>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <thread>

#include "cli/commands.h"
#include "interdict/graph.h"
#include "interdict/screen.h"
#include "interdict/screen_io.h"
#include "sources/csv.h"

namespace interdict::cli {
namespace {

struct ScreenFlags {
  std::string name;
  std::string input, output;
  std::string format = "jsonl";
  double threshold = kDefaultThreshold;
  int limit = 10;
  unsigned threads = 0;
  std::string type, dob, country;
  bool keep_none = false;
};

Result<std::unique_ptr<Screener>> LoadScreener(const GlobalOptions& options) {
  auto store = OpenStore(options);
  if (!store) return Err(store.error());
  std::string db = options.db.empty() ? DefaultStorePath() : options.db;
  return BuildScreener(**store, db + ".index");
}

// The basis of every entity in the store (listed, owned, ..., linked),
// from the relation network over the same current versions the screener
// indexes.
Result<std::unique_ptr<BasisIndex>> LoadBasis(const GlobalOptions& options) {
  auto store = OpenStore(options);
  if (!store) return Err(store.error());
  Result<std::unique_ptr<Network>> network = LoadNetwork(**store);
  if (!network) return Err(network.error());
  return std::make_unique<BasisIndex>(**network);
}

// What screening needs: the name index, and the basis index that tells
// why a matched entity matters (and drops those it does not).
struct Screening {
  const Screener& screener;
  const BasisIndex& basis;
  ScreenOptions options;
  AnnotateOptions annotate;

  std::vector<ScreenMatch> Screen(const ScreenQuery& query) const {
    return ScreenWithBasis(screener, basis, query, options, annotate);
  }
};

// Runs `work(i)` for i in [0, n) on `threads` threads.
template <typename F>
void ParallelFor(std::size_t n, unsigned threads, F work) {
  std::atomic<std::size_t> next{0};
  auto loop = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < n;) work(i);
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(loop);
  loop();
  for (auto& t : pool) t.join();
}

// Batch lines are processed in chunks so memory stays bounded on huge inputs
// while every thread has work; output keeps the input order.
constexpr std::size_t kChunk = 8192;

int RunJsonlBatch(const Screening& screening, std::istream& in, std::ostream& out,
                  unsigned threads) {
  std::vector<std::string> lines, results;
  std::string line;
  bool done = false;
  while (!done) {
    lines.clear();
    while (lines.size() < kChunk && std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.find_first_not_of(" \t") == std::string::npos) continue;
      lines.push_back(std::move(line));
    }
    done = lines.size() < kChunk;
    results.assign(lines.size(), {});
    ParallelFor(lines.size(), threads, [&](std::size_t i) {
      auto query = ParseScreenQuery(lines[i]);
      results[i] = query ? ScreenResultJson(query->id, screening.Screen(*query))
                         : ScreenErrorJson("", query.error());
    });
    for (const auto& r : results) out << r << '\n';
  }
  return kExitOk;
}

int RunCsvBatch(const Screening& screening, std::istream& in, std::ostream& out, unsigned threads) {
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  sources::CsvReader reader(text, "input");
  sources::CsvRecord header;
  if (!reader.Next(&header))
    return Fail(Status::InvalidArgument("the CSV input has no header row"));
  std::vector<sources::CsvRecord> rows;
  for (sources::CsvRecord r; reader.Next(&r);) rows.push_back(r);
  if (!reader.status().ok()) return Fail(reader.status());
  std::vector<std::string> results(rows.size());
  ParallelFor(rows.size(), threads, [&](std::size_t i) {
    auto query = ScreenQueryFromCsv(header.fields, rows[i].fields);
    std::string id = query ? query->id : "line " + std::to_string(rows[i].line);
    results[i] =
        query ? ScreenCsvRows(id, screening.Screen(*query)) : ScreenCsvErrorRow(id, query.error());
  });
  out << ScreenCsvHeader() << '\n';
  for (const auto& r : results) out << r;
  return kExitOk;
}

void PrintTable(const std::vector<ScreenMatch>& matches) {
  if (matches.empty()) {
    std::cout << "No match at or above the threshold.\n";
    return;
  }
  std::printf("%-4s %-6s %-14s %-22s %-40s %s\n", "#", "score", "basis", "entity", "matched name",
              "explanation");
  int rank = 0;
  for (const ScreenMatch& m : matches) {
    std::printf("%-4d %-6.3f %-14s %-22s %-40s %s\n", ++rank, m.score, m.basis.c_str(),
                m.entity_id.c_str(), m.name.c_str(), m.explanation.summary.c_str());
    if (m.name != m.primary_name)
      std::printf("%-4s %-6s %-14s %-22s (listed as %s)\n", "", "", "", "", m.primary_name.c_str());
    // Not on a list itself: say why it matters, per regime.
    if (m.basis == "listed") continue;
    for (const RegimeBasis& r : m.derivation) {
      std::printf("%-4s %-6s %-14s %s: %s\n", "", "", "", r.regime.c_str(), r.explanation.c_str());
    }
  }
}

int RunScreen(const GlobalOptions& options, const ScreenFlags& flags) {
  auto screener = LoadScreener(options);
  if (!screener) return Fail(screener.error());
  auto basis = LoadBasis(options);
  if (!basis) return Fail(basis.error());
  const Screening screening{**screener, **basis, ScreenOptions{flags.threshold, flags.limit},
                            AnnotateOptions{flags.keep_none}};
  if (!flags.input.empty()) {
    std::ifstream file;
    if (flags.input != "-") {
      file.open(flags.input, std::ios::binary);
      if (!file) return Fail(Status::IoError("cannot open").InFile(flags.input));
    }
    std::ofstream out_file;
    if (!flags.output.empty() && flags.output != "-") {
      out_file.open(flags.output, std::ios::binary | std::ios::trunc);
      if (!out_file) return Fail(Status::IoError("cannot write").InFile(flags.output));
    }
    std::istream& in = flags.input == "-" ? std::cin : file;
    std::ostream& out = out_file.is_open() ? out_file : std::cout;
    unsigned threads =
        flags.threads ? flags.threads : std::max(1u, std::thread::hardware_concurrency());
    return flags.format == "csv" ? RunCsvBatch(screening, in, out, threads)
                                 : RunJsonlBatch(screening, in, out, threads);
  }
  if (flags.name.empty()) return Fail(Status::InvalidArgument("give a NAME or --input FILE"));
  nlohmann::json line = {{"id", "cli"}, {"name", flags.name}};
  if (!flags.type.empty()) line["type"] = flags.type;
  if (!flags.dob.empty()) line["dob"] = flags.dob;
  if (!flags.country.empty()) line["country"] = flags.country;
  auto query = ParseScreenQuery(line.dump());
  if (!query) return Fail(query.error());
  auto matches = screening.Screen(*query);
  if (options.json) {
    std::cout << ScreenResultJson(query->id, matches) << "\n";
  } else {
    PrintTable(matches);
  }
  return kExitOk;
}

// One compare line: {"id","name1","name2","type"} -> {"id","score","explanation"}.
std::string CompareLine(const Screener& screener, const std::string& line) {
  nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
  auto error = [&](Status s) {
    nlohmann::json id = j.is_object() && j.contains("id") ? j["id"] : nlohmann::json(nullptr);
    return nlohmann::json{{"id", id},
                          {"error",
                           {{"code", StatusCodeName(s.code())},
                            {"message", s.message()},
                            {"field", s.location().element}}}}
        .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  };
  if (j.is_discarded()) return error(Status::ParseError("malformed JSON"));
  if (!j.is_object()) return error(Status::InvalidArgument("a pair must be a JSON object"));
  std::string names[2];
  for (int k = 0; k < 2; ++k) {
    const char* field = k == 0 ? "name1" : "name2";
    if (!j.contains(field) || !j[field].is_string())
      return error(
          Status::InvalidArgument(std::string(field) + " must be a string").AtElement(field));
    names[k] = j[field].get<std::string>();
    if (names[k].size() > kMaxQueryNameBytes)
      return error(Status::TooLarge(std::string(field) + " is too long").AtElement(field));
  }
  std::optional<Schema> type;
  if (j.contains("type") && j["type"].is_string()) {
    type = ParseSchema(j["type"].get<std::string>());
    if (!type) return error(Status::InvalidArgument("unknown type").AtElement("type"));
  }
  ScreenMatch m = screener.Compare(names[0], names[1], type);
  nlohmann::json out = {{"id", j.contains("id") ? j["id"] : nlohmann::json(nullptr)},
                        {"score", std::round(m.score * 1e4) / 1e4},
                        {"explanation", nlohmann::json::parse(ExplanationJson(m.explanation))}};
  return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

struct CompareFlags {
  std::vector<std::string> names;
  std::string input, output;
  std::string type;
  unsigned threads = 0;
};

int RunCompare(const GlobalOptions& options, const CompareFlags& flags) {
  // Compare uses the same scorer as screening; token weights come from the
  // loaded lists when a store exists, else from the scorer's defaults.
  std::string db = options.db.empty() ? DefaultStorePath() : options.db;
  auto screener = IsPostgresLocation(db) || std::filesystem::exists(db)
                      ? LoadScreener(options)
                      : BuildScreener(std::vector<Entity>{});
  if (!screener) return Fail(screener.error());
  if (flags.input.empty()) {
    if (flags.names.size() != 2)
      return Fail(Status::InvalidArgument("give two names, or --input FILE"));
    nlohmann::json pair = {{"id", "cli"}, {"name1", flags.names[0]}, {"name2", flags.names[1]}};
    if (!flags.type.empty()) pair["type"] = flags.type;
    std::string result = CompareLine(**screener, pair.dump());
    if (options.json) {
      std::cout << result << "\n";
      return kExitOk;
    }
    auto r = nlohmann::json::parse(result);
    if (r.contains("error"))
      return Fail(Status::InvalidArgument(r["error"]["message"].get<std::string>()));
    std::printf("score %.3f  %s\n", r["score"].get<double>(),
                r["explanation"]["summary"].get<std::string>().c_str());
    for (const auto& t : r["explanation"]["tokens"])
      std::printf("  %-20s %-20s %-10s %.3f\n", t["query"].get<std::string>().c_str(),
                  t["list"].get<std::string>().c_str(), t["rule"].get<std::string>().c_str(),
                  t["similarity"].get<double>());
    return kExitOk;
  }
  std::ifstream file;
  if (flags.input != "-") {
    file.open(flags.input, std::ios::binary);
    if (!file) return Fail(Status::IoError("cannot open").InFile(flags.input));
  }
  std::istream& in = flags.input == "-" ? std::cin : file;
  std::ofstream out_file;
  if (!flags.output.empty() && flags.output != "-") {
    out_file.open(flags.output, std::ios::binary | std::ios::trunc);
    if (!out_file) return Fail(Status::IoError("cannot write").InFile(flags.output));
  }
  std::ostream& out = out_file.is_open() ? out_file : std::cout;
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);)
    if (line.find_first_not_of(" \t\r") != std::string::npos) lines.push_back(line);
  std::vector<std::string> results(lines.size());
  unsigned threads =
      flags.threads ? flags.threads : std::max(1u, std::thread::hardware_concurrency());
  ParallelFor(lines.size(), threads,
              [&](std::size_t i) { results[i] = CompareLine(**screener, lines[i]); });
  for (const auto& r : results) out << r << '\n';
  return kExitOk;
}

}  // namespace

void RegisterCompare(CLI::App& app, GlobalOptions& options, int& exit_code) {
  auto flags = std::make_shared<CompareFlags>();
  auto* cmd =
      app.add_subcommand("compare", "Score two names against each other, or pairs in batch");
  cmd->add_option("names", flags->names, "Two names")->expected(0, 2);
  cmd->add_option("--input", flags->input,
                  "JSON lines of {id, name1, name2, type}, or - for stdin");
  cmd->add_option("--output", flags->output, "Output file, or - for stdout (default)");
  cmd->add_option("--type", flags->type, "person, organization, vessel or aircraft");
  cmd->add_option("--threads", flags->threads, "Worker threads (default: all cores)");
  cmd->callback([&options, &exit_code, flags] { exit_code = RunCompare(options, *flags); });
}

void RegisterScreen(CLI::App& app, GlobalOptions& options, int& exit_code) {
  auto flags = std::make_shared<ScreenFlags>();
  auto* cmd =
      app.add_subcommand("screen", "Screen a name, or a batch of queries, against the lists");
  cmd->add_option("name", flags->name, "The name to screen (any script)");
  cmd->add_option("--input", flags->input,
                  "Batch input: a file of JSON lines or CSV, or - for stdin");
  cmd->add_option("--output", flags->output, "Batch output file, or - for stdout (default)");
  cmd->add_option("--format", flags->format, "Batch format")
      ->check(CLI::IsMember({"jsonl", "csv"}));
  cmd->add_option("--threshold", flags->threshold, "Lowest score reported")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--limit", flags->limit, "Most matches per query")->check(CLI::Range(1, 1000));
  cmd->add_option("--threads", flags->threads, "Worker threads for batches (default: all cores)");
  cmd->add_option("--type", flags->type, "person, organization, vessel or aircraft");
  cmd->add_option("--dob", flags->dob, "Date of birth, YYYY[-MM[-DD]]");
  cmd->add_option("--country", flags->country, "Country, ISO alpha-2");
  cmd->add_flag("--keep-none", flags->keep_none,
                "Also report matches that are neither listed, derived nor linked (basis none)");
  cmd->callback([&options, &exit_code, flags] { exit_code = RunScreen(options, *flags); });
}

}  // namespace interdict::cli
