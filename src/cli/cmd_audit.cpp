// interdict audit verify|export: check the hash chain of the audit trail, and
// write it out as JSON lines.
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"

namespace interdict::cli {
namespace {

struct AuditArgs {
  std::string output;
  std::string expect_head;
};

int RunVerify(const GlobalOptions& options, const AuditArgs& args) {
  Result<CaseSession> session = OpenCases(options, StoreMode::kExisting);
  if (!session) return Fail(session.error());
  AuditVerification v = session->work->VerifyAudit();
  Status status = v.status;
  if (status.ok() && !args.expect_head.empty() && args.expect_head != v.head) {
    status = Status::Corrupt("the chain's head is " + v.head + ", not the expected " +
                             args.expect_head + " (rows were removed from the end or rewritten)");
  }
  if (options.json) {
    std::cout << nlohmann::json({{"ok", status.ok()},
                                 {"rows", v.rows},
                                 {"head", v.head},
                                 {"error", status.ok() ? "" : status.ToString()}})
                     .dump()
              << "\n";
    return status.ok() ? kExitOk : kExitFailure;
  }
  if (!status.ok()) return Fail(status);
  std::cout << "audit trail intact: " << v.rows << " rows, head " << v.head << "\n";
  return kExitOk;
}

int RunExport(const GlobalOptions& options, const AuditArgs& args) {
  Result<CaseSession> session = OpenCases(options, StoreMode::kExisting);
  if (!session) return Fail(session.error());
  std::ofstream file;
  if (!args.output.empty()) {
    file.open(args.output, std::ios::binary | std::ios::trunc);
    if (!file) return Fail(Status::IoError("cannot write the export").InFile(args.output));
  }
  std::ostream& out = args.output.empty() ? std::cout : file;
  Status s = session->cases->ForEachAuditEvent([&](const AuditEvent& event) {
    out << AuditEventToJson(event) << '\n';
    return out ? Status::Ok() : Status::IoError("writing the export failed");
  });
  if (!s.ok()) return Fail(s);
  return kExitOk;
}

}  // namespace

void RegisterAudit(CLI::App& app, GlobalOptions& options, int& exit_code) {
  auto args = std::make_shared<AuditArgs>();
  auto* audit = app.add_subcommand("audit", "The hash-chained audit trail");
  audit->require_subcommand(1);
  auto* verify = audit->add_subcommand("verify", "Check every row's hash and the chain");
  verify->add_option("--expect-head", args->expect_head,
                     "Also require this head hash (from an earlier verify) to catch truncation");
  verify->callback([&options, &exit_code, args] { exit_code = RunVerify(options, *args); });
  auto* exp = audit->add_subcommand("export", "Write every row as JSON lines");
  exp->add_option("--output,-o", args->output, "File to write (default: stdout)");
  exp->callback([&options, &exit_code, args] { exit_code = RunExport(options, *args); });
}

}  // namespace interdict::cli
