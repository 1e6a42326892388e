// interdict export --format jsonl [--list L] [--output FILE]: every current
// entity as one EntityToJson() object per line.
#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <system_error>

#include "cli/commands.h"
#include "interdict/json.h"

namespace interdict::cli {
namespace {

struct ExportArgs {
  std::string format = "jsonl";
  std::string list;
  std::string output = "-";
};

Status WriteError(const std::string& path) {
  return Status::IoError("write failed: " + std::generic_category().message(errno)).InFile(path);
}

// Streams the entities to `out`; returns how many were written.
Result<std::int64_t> WriteEntities(Store& store, const ExportArgs& args, std::FILE* out,
                                   const std::string& out_name) {
  std::int64_t count = 0;
  auto write = [&](const Entity& entity) {
    std::string line = EntityToJson(entity);
    line.push_back('\n');
    if (std::fwrite(line.data(), 1, line.size(), out) != line.size()) return WriteError(out_name);
    ++count;
    return Status::Ok();
  };
  if (args.list.empty()) {
    INTERDICT_RETURN_IF_ERROR(store.ForEachCurrentEntity(write));
  } else {
    Result<ListVersion> current = store.CurrentVersion(args.list);
    INTERDICT_RETURN_IF_ERROR(current);
    INTERDICT_RETURN_IF_ERROR(store.ForEachEntity(current->id, write));
  }
  if (std::fflush(out) != 0) return Err(WriteError(out_name));
  return count;
}

// A file is written beside its destination and renamed into place, so a
// failed export never leaves a truncated file where a good one was.
int ExportToFile(Store& store, const ExportArgs& args) {
  const std::string temp = args.output + ".partial";
  std::FILE* out = std::fopen(temp.c_str(), "wb");
  if (out == nullptr) {
    return Fail(
        Status::IoError("cannot create: " + std::generic_category().message(errno)).InFile(temp));
  }
  Result<std::int64_t> count = WriteEntities(store, args, out, temp);
  const bool closed = std::fclose(out) == 0;
  std::error_code ec;
  if (!count || !closed) {
    std::filesystem::remove(temp, ec);
    return Fail(count ? WriteError(temp) : count.error());
  }
  std::filesystem::rename(temp, args.output, ec);
  if (ec) {
    std::filesystem::remove(temp, ec);
    return Fail(Status::IoError("cannot rename into place: " + ec.message()).InFile(args.output));
  }
  std::cerr << "interdict: wrote " << *count << " entities to " << args.output << "\n";
  return kExitOk;
}

int RunExport(const GlobalOptions& options, const ExportArgs& args) {
  Result<std::unique_ptr<Store>> store = OpenStore(options);
  if (!store) return Fail(store.error());
  if (!args.output.empty() && args.output != "-") return ExportToFile(**store, args);
  Result<std::int64_t> count = WriteEntities(**store, args, stdout, "<stdout>");
  if (!count) return Fail(count.error());
  return kExitOk;
}

}  // namespace

void RegisterExport(CLI::App& app, GlobalOptions& options, int& exit_code) {
  auto args = std::make_shared<ExportArgs>();
  auto* cmd = app.add_subcommand("export", "Write every current entity as JSON lines");
  cmd->add_option("--format", args->format, "Output format (only jsonl)")
      ->check(CLI::IsMember({"jsonl"}));
  cmd->add_option("--list", args->list, "Only this list's current version");
  cmd->add_option("--output,-o", args->output, "File to write; - for stdout (the default)");
  cmd->callback([&options, &exit_code, args] { exit_code = RunExport(options, *args); });
}

}  // namespace interdict::cli
