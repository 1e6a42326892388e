// What the commands print: aligned text tables, a progress line on stderr,
// and the JSON shapes shared by several commands.
#ifndef INTERDICT_CLI_OUTPUT_H_
#define INTERDICT_CLI_OUTPUT_H_

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "interdict/store.h"
#include "interdict/store_json.h"  // VersionToJson, for every command's --json

namespace interdict::cli {

// A text table whose columns are padded to their widest cell, measured in
// characters (UTF-8 code points) so Cyrillic and Arabic names line up too.
class Table {
 public:
  explicit Table(std::vector<std::string> header) : header_(std::move(header)) {}
  void AddRow(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  bool empty() const { return rows_.empty(); }
  // Writes the header and rows, each line prefixed by `indent`.
  void Print(std::ostream& out, std::string_view indent = "") const;

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

// A one-line progress display on stderr for operations that may take a while.
// It appears only when stderr is a terminal and the operation has run for a
// second (so quick commands and scripts see nothing), is redrawn by a
// background thread, and is erased when the object is destroyed.
// $INTERDICT_PROGRESS=always|never overrides the terminal check.
class Progress {
 public:
  explicit Progress(std::string label);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // Bytes done so far and the expected total (0 = unknown). Thread-safe.
  void Update(std::uint64_t done, std::uint64_t total) noexcept;

 private:
  void Run();
  void Draw(std::chrono::steady_clock::duration elapsed, int frame);

  const std::string label_;
  std::atomic<std::uint64_t> done_{0};
  std::atomic<std::uint64_t> total_{0};
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  bool drawn_ = false;
  std::thread thread_;
};

// Whether progress should be drawn (see Progress).
bool ProgressEnabled();

std::string FormatBytes(std::uint64_t bytes);

// Every format name ParseFormat() accepts, comma-separated, for help texts.
std::string FormatNames();

// "file:line: element" (the parts that are known), as Status::ToString()
// writes a location; for warnings, which are not errors.
std::string FormatLocation(const Location& where);

// `value`, or "-" when it is empty, for table cells.
std::string OrDash(std::string_view value);

// One line describing what AddVersion did:
//   "ofac-sdn: version 2, 8976 entities, 21404 names, 312 relations (+3 -1 ~12)"
//   "ofac-sdn: unchanged (version 2, 8976 entities)"
std::string DescribeOutcome(const LoadOutcome& outcome);
nlohmann::json OutcomeToJson(const LoadOutcome& outcome);

}  // namespace interdict::cli

#endif  // INTERDICT_CLI_OUTPUT_H_
