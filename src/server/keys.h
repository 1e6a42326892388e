// API keys (docs/api.md#keys). A keys file holds one key per line as
//   <sha256 hex of the key> <role> [label]
// with '#' comments; keys themselves are never stored. Roles, each allowed
// what the ones before it are: "screen" (screening and every read, for
// machine clients), then the case-work roles "analyst" (alerts, comments,
// decisions, customer imports), "reviewer" (four-eyes confirmations,
// allowlist removals) and "admin" (loading lists, updates, own
// designations, the audit trail). The label names the key's holder: it is
// the user case work is attributed to (KeyUser).
#ifndef INTERDICT_SERVER_KEYS_H_
#define INTERDICT_SERVER_KEYS_H_

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "interdict/status.h"

namespace interdict::server {

// Ordered: a key may use every route whose role is at most its own.
enum class Role { kNone = 0, kScreen = 1, kAnalyst = 2, kReviewer = 3, kAdmin = 4 };

std::string_view RoleName(Role role) noexcept;
std::optional<Role> ParseRole(std::string_view name) noexcept;

// Lowercase hex SHA-256 of `text`.
std::string Sha256HexOf(std::string_view text);

struct ApiKey {
  Role role = Role::kNone;
  std::string label;
  std::string user;  // KeyUser(): who case work through this key is attributed to
};

// The user a key acts as: its label when that is one word (user names may
// not contain spaces), else "key-" and the first 8 hex digits of its hash,
// so that every key is attributed to a stable name.
std::string KeyUser(std::string_view label, std::string_view hash);

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
