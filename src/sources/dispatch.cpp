// Format detection and dispatch to the per-format parsers (parsers.h).
#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

#include "interdict/sources.h"
#include "sources/io.h"
#include "sources/parsers.h"

namespace interdict {
namespace {

namespace fs = std::filesystem;
using sources::OfacCsvFiles;

constexpr std::array<std::pair<Format, std::string_view>, 10> kFormatNames{{
    {Format::kAuto, "auto"},
    {Format::kOfacCsv, "ofac-csv"},
    {Format::kOfacXml, "ofac-xml"},
    {Format::kUnXml, "un-xml"},
    {Format::kEuFsfLegacyXml, "eu-fsf-legacy-xml"},
    {Format::kEuFsfXml, "eu-fsf-xml"},
    {Format::kUkHmtCsv, "uk-hmt-csv"},
    {Format::kUsCslCsv, "us-csl-csv"},
    {Format::kBisDpl, "bis-dpl"},
    {Format::kFtmJson, "ftm-json"},
}};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The name of the root element of an XML document, or "".
std::string_view XmlRoot(std::string_view head) {
  std::size_t pos = 0;
  while ((pos = head.find('<', pos)) != std::string_view::npos) {
    if (pos + 1 >= head.size()) return "";
    char next = head[pos + 1];
    if (next == '?' || next == '!') {  // declaration, comment, doctype
      pos += 2;
      continue;
    }
    std::size_t end = head.find_first_of(" \t\r\n/>", pos + 1);
    if (end == std::string_view::npos) return "";
    std::string_view name = head.substr(pos + 1, end - pos - 1);
    if (std::size_t colon = name.find(':'); colon != std::string_view::npos)
      name = name.substr(colon + 1);  // namespace prefix
    return name;
  }
  return "";
}

std::size_t CountFields(std::string_view line, char delimiter) {
  std::size_t n = 1;
  bool quoted = false;
  for (char c : line) {
    if (c == '"') quoted = !quoted;
    if (c == delimiter && !quoted) ++n;
  }
  return n;
}

// Detects the format of one decompressed file from its first bytes.
Result<Format> DetectContent(std::string_view bytes, std::string_view name) {
  std::string_view head = bytes.substr(0, 8192);
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  std::string_view trimmed = sources::Trim(head);
  if (trimmed.empty())
    return Err(Status::ParseError("the file is empty").InFile(std::string(name)));
  if (trimmed.front() == '<') {
    std::string_view root = XmlRoot(trimmed);
    if (root == "sanctionsData") return Format::kOfacXml;
    if (root == "CONSOLIDATED_LIST") return Format::kUnXml;
    if (root == "WHOLE") return Format::kEuFsfLegacyXml;
    if (root == "export") return Format::kEuFsfXml;
    return Err(Status::Unsupported("XML with root element <" + std::string(root) +
                                   "> is not a list format Interdict reads")
                   .InFile(std::string(name)));
  }
  if (trimmed.front() == '{') return Format::kFtmJson;
  std::string_view first_line = trimmed.substr(0, trimmed.find('\n'));
  if (first_line.substr(0, 20) == "_id,source,entity_nu") return Format::kUsCslCsv;
  if (first_line.substr(0, 16) == "\"Name\"\t\"Street_A") return Format::kBisDpl;
  if (first_line.substr(0, 13) == "Last Updated," ||
      first_line.find("Name 6,Name 1") != std::string_view::npos)
    return Format::kUkHmtCsv;
  std::size_t digits = 0;
  while (digits < first_line.size() && std::isdigit(static_cast<unsigned char>(first_line[digits])))
    ++digits;
  if (digits > 0 && digits < first_line.size() && first_line[digits] == ',' &&
      CountFields(first_line, ',') == 12)
    return Format::kOfacCsv;
  return Err(
      Status::Unsupported("not a list format Interdict recognises").InFile(std::string(name)));
}

struct OfacSetPaths {
  fs::path primary, alt, add, comments;
  bool consolidated = false;
};

// Finds the files of an OFAC CSV set in a folder (names are case-insensitive).
std::optional<OfacSetPaths> FindOfacSet(const fs::path& dir) {
  OfacSetPaths set;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (!entry.is_regular_file(ec)) continue;
    std::string n = Lower(entry.path().filename().string());
    if (n == "sdn.csv")
      set.primary = entry.path();
    else if (n == "cons_prim.csv")
      set.primary = entry.path(), set.consolidated = true;
    else if (n == "alt.csv" || n == "cons_alt.csv")
      set.alt = entry.path();
    else if (n == "add.csv" || n == "cons_add.csv")
      set.add = entry.path();
    else if (n == "sdn_comments.csv" || n == "cons_comments.csv")
      set.comments = entry.path();
  }
  if (set.primary.empty()) return std::nullopt;
  return set;
}

SourceFile Provenance(std::string path, std::string_view bytes) {
  return SourceFile{std::move(path), sources::Sha256Hex(bytes), bytes.size()};
}

Result<ListData> ParseOfacFolder(const OfacSetPaths& set, const ParseOptions& options) {
  std::array<std::string, 4> bytes;
  std::array<const fs::path*, 4> paths{&set.primary, &set.alt, &set.add, &set.comments};
  std::uint64_t total = 0;
  std::vector<SourceFile> files;
  for (std::size_t i = 0; i < paths.size(); ++i) {
    if (paths[i]->empty()) continue;
    auto read = sources::ReadFile(*paths[i], options.max_bytes - total);
    if (!read) return Err(read.error());
    bytes[i] = std::move(*read);
    total += bytes[i].size();
    files.push_back(Provenance(paths[i]->string(), bytes[i]));
  }
  std::array<std::string, 4> names;
  for (std::size_t i = 0; i < paths.size(); ++i) names[i] = paths[i]->string();
  OfacCsvFiles in{bytes[0], bytes[1], bytes[2], bytes[3],        names[0],
                  names[1], names[2], names[3], set.consolidated};
  auto data = sources::ParseOfacCsvSet(in);
  if (!data) return data;
  data->files = std::move(files);
  return data;
}

Result<ListData> Dispatch(Format format, std::string_view bytes, std::string_view name) {
  switch (format) {
    case Format::kOfacCsv: {
      bool consolidated =
          Lower(fs::path(std::string(name)).filename().string()).rfind("cons", 0) == 0;
      OfacCsvFiles in;
      in.primary = bytes;
      in.primary_name = name;
      in.consolidated = consolidated;
      return sources::ParseOfacCsvSet(in);
    }
    case Format::kOfacXml:
      return sources::ParseOfacXml(bytes, name);
    case Format::kUnXml:
      return sources::ParseUnXml(bytes, name);
    case Format::kEuFsfLegacyXml:
      return sources::ParseEuFsfLegacyXml(bytes, name);
    case Format::kEuFsfXml:
      return sources::ParseEuFsfXml(bytes, name);
    case Format::kUkHmtCsv:
      return sources::ParseUkHmtCsv(bytes, name);
    case Format::kUsCslCsv:
      return sources::ParseUsCslCsv(bytes, name);
    case Format::kBisDpl:
      return sources::ParseBisDpl(bytes, name);
    case Format::kFtmJson:
      return sources::ParseFtmJson(bytes, name);
    case Format::kAuto:
      break;
  }
  return Err(Status::Internal("no parser for format auto").InFile(std::string(name)));
}

// The single list file inside a ZIP (the largest recognisable entry).
Result<sources::ZipEntry> PickZipEntry(std::vector<sources::ZipEntry> entries,
                                       std::string_view name) {
  std::optional<std::size_t> best;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (!DetectContent(entries[i].bytes, entries[i].name)) continue;
    if (!best || entries[i].bytes.size() > entries[*best].bytes.size()) best = i;
  }
  if (!best)
    return Err(Status::Unsupported("the ZIP archive holds no list file Interdict recognises")
                   .InFile(std::string(name)));
  return std::move(entries[*best]);
}

void ApplyListOverride(ListData& data, const ParseOptions& options) {
  if (options.list.empty()) return;
  data.list = options.list;
  for (Entity& e : data.entities) e.list = options.list;
}

// Unwraps gzip and ZIP layers; returns the inner bytes and their name.
Result<std::pair<std::string, std::string>> Unwrap(std::string_view bytes, std::string_view name,
                                                   std::uint64_t max_bytes) {
  if (sources::IsGzip(bytes)) {
    auto inner = sources::Gunzip(bytes, name, max_bytes);
    if (!inner) return Err(inner.error());
    std::string inner_name(name);
    if (inner_name.size() > 3 && Lower(inner_name.substr(inner_name.size() - 3)) == ".gz")
      inner_name.resize(inner_name.size() - 3);
    return std::pair{std::move(*inner), std::move(inner_name)};
  }
  if (sources::IsZip(bytes)) {
    auto entries = sources::Unzip(bytes, name, max_bytes);
    if (!entries) return Err(entries.error());
    auto entry = PickZipEntry(std::move(*entries), name);
    if (!entry) return Err(entry.error());
    return std::pair{std::move(entry->bytes), std::string(name) + "!" + entry->name};
  }
  return std::pair{std::string(bytes), std::string(name)};
}

}  // namespace

std::string_view FormatName(Format f) noexcept {
  for (const auto& [format, name] : kFormatNames)
    if (format == f) return name;
  return "";
}

std::optional<Format> ParseFormat(std::string_view s) noexcept {
  for (const auto& [format, name] : kFormatNames)
    if (name == s) return format;
  return std::nullopt;
}

std::string ListData::ContentHash() const {
  std::vector<std::string> sums;
  for (const SourceFile& f : files) sums.push_back(f.sha256);
  std::sort(sums.begin(), sums.end());
  std::string joined =
      std::string(FormatName(format)) + "|" + list + "|" + (is_delta ? "delta" : "full");
  for (const std::string& s : sums) joined += "|" + s;
  return sources::Sha256Hex(joined);
}

Result<ListData> ParseBuffer(std::string_view bytes, std::string_view name,
                             const ParseOptions& options) {
  if (bytes.size() > options.max_bytes)
    return Err(Status::TooLarge("input larger than the limit").InFile(std::string(name)));
  auto unwrapped = Unwrap(bytes, name, options.max_bytes);
  if (!unwrapped) return Err(unwrapped.error());
  const auto& [inner, inner_name] = *unwrapped;
  Format format = options.format;
  if (format == Format::kAuto) {
    auto detected = DetectContent(inner, inner_name);
    if (!detected) return Err(detected.error());
    format = *detected;
  }
  auto data = Dispatch(format, inner, inner_name);
  if (!data) return data;
  data->format = format;
  data->files = {Provenance(std::string(name), bytes)};
  ApplyListOverride(*data, options);
  return data;
}

Result<Format> DetectFormat(const fs::path& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    if (FindOfacSet(path)) return Format::kOfacCsv;
    return Err(
        Status::Unsupported("the folder is not an OFAC CSV set (no sdn.csv or cons_prim.csv)")
            .InFile(path.string()));
  }
  auto bytes = sources::ReadFile(path, ParseOptions{}.max_bytes);
  if (!bytes) return Err(bytes.error());
  auto unwrapped = Unwrap(*bytes, path.string(), ParseOptions{}.max_bytes);
  if (!unwrapped) return Err(unwrapped.error());
  return DetectContent(unwrapped->first, unwrapped->second);
}

Result<ListData> ParseList(const fs::path& path, const ParseOptions& options) {
  std::error_code ec;
  if (!fs::exists(path, ec))
    return Err(Status::NotFound("no such file or folder").InFile(path.string()));
  if (fs::is_directory(path, ec)) {
    auto set = FindOfacSet(path);
    if (!set)
      return Err(
          Status::Unsupported("the folder is not an OFAC CSV set (no sdn.csv or cons_prim.csv); "
                              "load its files one by one")
              .InFile(path.string()));
    auto data = ParseOfacFolder(*set, options);
    if (!data) return data;
    data->format = Format::kOfacCsv;
    ApplyListOverride(*data, options);
    return data;
  }
  auto bytes = sources::ReadFile(path, options.max_bytes);
  if (!bytes) return Err(bytes.error());
  // A lone OFAC primary file picks up its companions from the same folder.
  if (auto set = FindOfacSet(path.parent_path());
      set && fs::equivalent(set->primary, path, ec) && options.format != Format::kOfacXml) {
    return ParseList(path.parent_path(), options);
  }
  return ParseBuffer(*bytes, path.string(), options);
}

Result<Discovery> DiscoverLists(const fs::path& root) {
  Discovery found;
  std::error_code ec;
  if (!fs::exists(root, ec))
    return Err(Status::NotFound("no such file or folder").InFile(root.string()));
  if (!fs::is_directory(root, ec)) {
    auto format = DetectFormat(root);
    if (format)
      found.lists.push_back({root, *format});
    else
      found.skipped.emplace_back(root, format.error());
    return found;
  }
  std::vector<fs::path> dirs{root};
  while (!dirs.empty()) {
    fs::path dir = dirs.back();
    dirs.pop_back();
    auto ofac = FindOfacSet(dir);
    if (ofac) found.lists.push_back({dir, Format::kOfacCsv});
    std::vector<fs::path> children;
    for (const auto& entry : fs::directory_iterator(dir, ec)) children.push_back(entry.path());
    std::sort(children.begin(), children.end());
    for (const fs::path& child : children) {
      if (fs::is_directory(child, ec)) {
        dirs.push_back(child);
        continue;
      }
      std::string lower = Lower(child.filename().string());
      bool ofac_member = lower.size() > 4 && lower.substr(lower.size() - 4) == ".csv" &&
                         (lower == "alt.csv" || lower == "add.csv" || lower == "sdn.csv" ||
                          lower == "sdn_comments.csv" || lower.rfind("cons_", 0) == 0);
      if (ofac_member) {
        if (!ofac)
          found.skipped.emplace_back(
              child, Status::Unsupported("part of an incomplete OFAC CSV set: sdn.csv or "
                                         "cons_prim.csv is missing beside it")
                         .InFile(child.string()));
        continue;
      }
      auto format = DetectFormat(child);
      if (format)
        found.lists.push_back({child, *format});
      else
        found.skipped.emplace_back(child, format.error());
    }
  }
  std::sort(found.lists.begin(), found.lists.end(),
            [](const DiscoveredList& a, const DiscoveredList& b) { return a.path < b.path; });
  return found;
}

}  // namespace interdict
