// Reading raw list files: size limits, gzip and ZIP, hashing, encodings.
// Every function returns a Status naming the file on failure. Thread-safe.
#ifndef INTERDICT_SOURCES_IO_H_
#define INTERDICT_SOURCES_IO_H_

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "interdict/status.h"

namespace interdict::sources {

// Reads a whole file; kTooLarge when it is bigger than max_bytes.
Result<std::string> ReadFile(const std::filesystem::path& path, std::uint64_t max_bytes);

bool IsGzip(std::string_view bytes) noexcept;  // 1f 8b magic
bool IsZip(std::string_view bytes) noexcept;   // "PK\3\4" magic

// Inflates gzip data; kTooLarge when the output would exceed max_bytes
// (guards against decompression bombs), kParseError when corrupt or truncated.
Result<std::string> Gunzip(std::string_view bytes, std::string_view name, std::uint64_t max_bytes);

struct ZipEntry {
  std::string name;
  std::string bytes;
};
// Extracts the regular files of a ZIP archive (total output limited to
// max_bytes).
Result<std::vector<ZipEntry>> Unzip(std::string_view bytes, std::string_view name,
                                    std::uint64_t max_bytes);

// Lower-case hex SHA-256 of the bytes.
std::string Sha256Hex(std::string_view bytes);

// The byte offset of the first invalid UTF-8 sequence, or npos when valid.
std::size_t FindInvalidUtf8(std::string_view bytes) noexcept;

// Returns bytes as UTF-8: unchanged when already valid UTF-8 (a BOM is
// dropped), otherwise decoded as Windows-1252, the encoding older OFAC and
// HMT files use for accented names.
std::string ToUtf8(std::string_view bytes);

// Trims ASCII white space at both ends.
std::string_view Trim(std::string_view s) noexcept;

// 1-based line number of a byte offset (counts '\n' before it).
std::int64_t LineOfOffset(std::string_view text, std::size_t offset) noexcept;

}  // namespace interdict::sources

#endif  // INTERDICT_SOURCES_IO_H_
