// API keys (docs/api.md#keys). A keys file holds one key per line as
//   <sha256 hex of the key> <role> [label]
// with '#' comments; keys themselves are never stored. Roles: "screen"
// (screening and every read) and "admin" (also loading lists and updates).
#ifndef INTERDICT_SERVER_KEYS_H_
#define INTERDICT_SERVER_KEYS_H_

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "interdict/status.h"

namespace interdict::server {

enum class Role { kNone = 0, kScreen = 1, kAdmin = 2 };

std::string_view RoleName(Role role) noexcept;
std::optional<Role> ParseRole(std::string_view name) noexcept;

// Lowercase hex SHA-256 of `text`.
std::string Sha256HexOf(std::string_view text);

struct ApiKey {
  Role role = Role::kNone;
  std::string label;
};

class KeyRing {
 public:
  // Reads a keys file; errors name the file and line.
  static Result<KeyRing> Load(const std::filesystem::path& path);
  static Result<KeyRing> Parse(std::string_view text, std::string_view file_name);

  // The key's entry, or nullopt for an unknown key.
  std::optional<ApiKey> Find(std::string_view key) const;
  std::size_t size() const noexcept { return by_hash_.size(); }

 private:
  std::unordered_map<std::string, ApiKey> by_hash_;
};

// A fresh random key ("idk_" + 64 hex digits).
Result<std::string> GenerateKey();

// Appends a key's hash line to `path` (created with mode 0600 if absent).
Status AppendKey(const std::filesystem::path& path, std::string_view key, Role role,
                 std::string_view label);

}  // namespace interdict::server

#endif  // INTERDICT_SERVER_KEYS_H_
