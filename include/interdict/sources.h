// Reading official list files into the entity model.
//
// ParseList() reads one list from a file, a ZIP, a gzip file or a folder (an
// OFAC CSV set is a folder of sdn.csv/alt.csv/add.csv/sdn_comments.csv). The
// format is detected from content unless one is given. Parsing is pure: it
// touches no store, and a failure returns a Status naming the file, the line
// or element and what was expected. Functions here are thread-compatible:
// distinct calls may run concurrently.
#ifndef INTERDICT_SOURCES_H_
#define INTERDICT_SOURCES_H_

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "interdict/entity.h"
#include "interdict/status.h"

namespace interdict {

enum class Format : std::uint8_t {
  kAuto = 0,
  kOfacCsv,         // OFAC legacy CSV set: SDN (sdn.csv…) or consolidated (cons_prim.csv…)
  kOfacXml,         // OFAC "enhanced" XML (CONS_ENHANCED.XML, SDN_ENHANCED.XML), plain or zipped
  kUnXml,           // UN Security Council consolidated list XML
  kEuFsfLegacyXml,  // EU FSF "global.xml" <WHOLE><ENTITY> (2016)
  kEuFsfXml,        // EU FSF 1.1 <export><sanctionEntity>
  kUkHmtCsv,        // UK HMT consolidated list CSV (ConList)
  kUsCslCsv,        // US Consolidated Screening List CSV (plain or gzip)
  kBisDpl,          // BIS Denied Persons List, tab-separated
  kFtmJson,         // FollowTheMoney JSON lines (entities or delta ops)
};

std::string_view FormatName(Format) noexcept;  // "ofac-csv", "un-xml", ...
std::optional<Format> ParseFormat(std::string_view) noexcept;

// A source file that went into a parse, for provenance and deduplication.
struct SourceFile {
  std::string path;    // as given
  std::string sha256;  // lower-case hex of the raw bytes
  std::uint64_t size = 0;
};

// Something the parser could read but not fully understand, such as a
// "Linked To:" name that matches no entity in the same list version.
struct ParseWarning {
  Location where;
  std::string message;
};

struct ListData {
  std::string list;       // "ofac-sdn", "un-sc", "ftm-<dataset>", ...
  Format format = Format::kAuto;
  std::string published;  // publication date stated by the file, ISO 8601, or ""
  std::vector<Entity> entities;
  // Delta files (FtM ADD/MOD/DEL) upsert `entities` into the list's current
  // version and delete `deleted_ids`; full files replace the list's contents.
  bool is_delta = false;
  std::vector<std::string> deleted_ids;
  std::vector<ParseWarning> warnings;
  std::vector<SourceFile> files;

  // sha256 over all source files (in path order): the version's identity.
  std::string ContentHash() const;
};

struct ParseOptions {
  Format format = Format::kAuto;
  std::string list;  // overrides the list name the parser would choose
  // Inputs larger than this (after decompression) are refused with kTooLarge.
  std::uint64_t max_bytes = 512ull << 20;
};

// Detects the format of `path` (file, .zip, .gz or folder) from its content.
Result<Format> DetectFormat(const std::filesystem::path& path);

// Parses one list. `path` may be a file, a ZIP holding one list file, a gzip
// file, or a folder holding an OFAC CSV set.
Result<ListData> ParseList(const std::filesystem::path& path, const ParseOptions& options = {});

// Parses one list held in memory (one file's raw bytes, possibly zipped or
// gzipped). `name` is used in error messages and to pick OFAC SDN vs
// consolidated. OFAC CSV sets need several files: use ParseList on a folder.
Result<ListData> ParseBuffer(std::string_view bytes, std::string_view name,
                             const ParseOptions& options = {});

// Finds every list under `root` (recursively): each OFAC CSV set folder is one
// list, every other recognised file is one list. Unrecognised files are
// returned in `skipped` with the reason.
struct DiscoveredList {
  std::filesystem::path path;
  Format format = Format::kAuto;
};
struct Discovery {
  std::vector<DiscoveredList> lists;
  std::vector<std::pair<std::filesystem::path, Status>> skipped;
};
Result<Discovery> DiscoverLists(const std::filesystem::path& root);

}  // namespace interdict

#endif  // INTERDICT_SOURCES_H_
