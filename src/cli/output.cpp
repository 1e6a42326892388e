#include "cli/output.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace interdict::cli {
namespace {

// Characters, not bytes: every byte that does not continue a UTF-8 sequence
// starts one. (East Asian wide characters still count as one column.)
std::size_t DisplayWidth(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

void PrintRow(std::ostream& out, std::string_view indent, const std::vector<std::string>& row,
              const std::vector<std::size_t>& widths) {
  std::string line(indent);
  for (std::size_t i = 0; i < row.size(); ++i) {
    line += row[i];
    if (i + 1 < row.size()) line.append(widths[i] - DisplayWidth(row[i]) + 2, ' ');
  }
  line.erase(line.find_last_not_of(' ') + 1);
  out << line << "\n";
}

constexpr auto kProgressDelay = std::chrono::seconds(1);
constexpr auto kProgressInterval = std::chrono::milliseconds(100);

}  // namespace

void Table::Print(std::ostream& out, std::string_view indent) const {
  std::vector<std::size_t> widths(header_.size(), 0);
  for (std::size_t i = 0; i < header_.size(); ++i) widths[i] = DisplayWidth(header_[i]);
  for (const auto& row : rows_) {
    for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i) {
      widths[i] = std::max(widths[i], DisplayWidth(row[i]));
    }
  }
  PrintRow(out, indent, header_, widths);
  for (auto row : rows_) {
    row.resize(header_.size());
    PrintRow(out, indent, row, widths);
  }
}

bool ProgressEnabled() {
  if (const char* mode = std::getenv("INTERDICT_PROGRESS")) {
    if (std::string_view(mode) == "always") return true;
    if (std::string_view(mode) == "never") return false;
  }
  return isatty(STDERR_FILENO) == 1;
}

Progress::Progress(std::string label) : label_(std::move(label)) {
  if (ProgressEnabled()) thread_ = std::thread([this] { Run(); });
}

Progress::~Progress() {
  if (!thread_.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
  if (drawn_) {
    std::fputs("\r\033[K", stderr);
    std::fflush(stderr);
  }
}

void Progress::Update(std::uint64_t done, std::uint64_t total) noexcept {
  done_.store(done, std::memory_order_relaxed);
  total_.store(total, std::memory_order_relaxed);
}

void Progress::Run() {
  const auto start = std::chrono::steady_clock::now();
  std::unique_lock<std::mutex> lock(mutex_);
  for (int frame = 0;; ++frame) {
    if (wake_.wait_for(lock, kProgressInterval, [this] { return stop_; })) return;
    const auto elapsed = std::chrono::steady_clock::now() - start;
    if (elapsed >= kProgressDelay) Draw(elapsed, frame);
  }
}

void Progress::Draw(std::chrono::steady_clock::duration elapsed, int frame) {
  static constexpr char kSpinner[] = {'|', '/', '-', '\\'};
  const std::uint64_t done = done_.load(std::memory_order_relaxed);
  const std::uint64_t total = total_.load(std::memory_order_relaxed);
  std::string line = "\r\033[K" + label_ + " ";
  if (total > 0) {
    constexpr int kBarWidth = 24;
    const int filled = static_cast<int>(std::min<std::uint64_t>(done, total) * kBarWidth / total);
    line += "[" + std::string(filled, '#') + std::string(kBarWidth - filled, '.') + "] ";
    line += FormatBytes(done) + " / " + FormatBytes(total);
  } else {
    line.push_back(kSpinner[frame % 4]);
    if (done > 0) line += " " + FormatBytes(done);
  }
  const auto tenths = std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count() / 100;
  line += "  " + std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + "s";
  std::fputs(line.c_str(), stderr);
  std::fflush(stderr);
  drawn_ = true;
}

std::string FormatBytes(std::uint64_t bytes) {
  static constexpr const char* kUnits[] = {"B", "KiB", "MiB", "GiB"};
  double value = static_cast<double>(bytes);
  int unit = 0;
  while (value >= 1024 && unit < 3) {
    value /= 1024;
    ++unit;
  }
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, unit == 0 ? "%.0f %s" : "%.1f %s", value, kUnits[unit]);
  return buffer;
}

std::string FormatNames() {
  std::string names;
  for (auto f = static_cast<int>(Format::kOfacCsv); f <= static_cast<int>(Format::kFtmJson); ++f) {
    names += (names.empty() ? "" : ", ") + std::string(FormatName(static_cast<Format>(f)));
  }
  return names;
}

std::string FormatLocation(const Location& where) {
  std::string out = where.file;
  if (where.line > 0) out += (out.empty() ? "line " : ":") + std::to_string(where.line);
  if (!where.element.empty()) out += (out.empty() ? "" : ": ") + where.element;
  return out;
}

std::string OrDash(std::string_view value) { return value.empty() ? "-" : std::string(value); }

std::string DescribeOutcome(const LoadOutcome& outcome) {
  const ListVersion& v = outcome.version;
  if (!outcome.created) {
    return v.list + ": unchanged (version " + std::to_string(v.number) + ", " +
           std::to_string(v.entities) + " entities)";
  }
  return v.list + ": version " + std::to_string(v.number) + ", " + std::to_string(v.entities) +
         " entities, " + std::to_string(v.names) + " names, " + std::to_string(v.relations) +
         " relations (+" + std::to_string(v.added) + " -" + std::to_string(v.removed) + " ~" +
         std::to_string(v.changed) + ")";
}

nlohmann::json OutcomeToJson(const LoadOutcome& outcome) {
  return {{"created", outcome.created}, {"version", VersionToJson(outcome.version)}};
}

}  // namespace interdict::cli
