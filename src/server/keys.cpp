// See keys.h.
#include "server/keys.h"

#include <fcntl.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace interdict::server {
namespace {

std::string Hex(const unsigned char* bytes, std::size_t size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(size * 2, '0');
  for (std::size_t i = 0; i < size; ++i) {
    out[2 * i] = kDigits[bytes[i] >> 4];
    out[2 * i + 1] = kDigits[bytes[i] & 0xf];
  }
  return out;
}

bool IsSha256Hex(std::string_view text) {
  if (text.size() != 64) return false;
  for (char c : text) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

}  // namespace

std::string_view RoleName(Role role) noexcept {
  switch (role) {
    case Role::kNone:
      return "none";
    case Role::kScreen:
      return "screen";
    case Role::kAnalyst:
      return "analyst";
    case Role::kReviewer:
      return "reviewer";
    case Role::kAdmin:
      return "admin";
  }
  return "none";
}

std::optional<Role> ParseRole(std::string_view name) noexcept {
  if (name == "screen") return Role::kScreen;
  if (name == "analyst") return Role::kAnalyst;
  if (name == "reviewer") return Role::kReviewer;
  if (name == "admin") return Role::kAdmin;
  return std::nullopt;
}

std::string KeyUser(std::string_view label, std::string_view hash) {
  bool one_word = !label.empty() && label.size() <= 64;
  for (unsigned char c : label) one_word = one_word && c > ' ' && c != 0x7f;
  if (one_word) return std::string(label);
  return "key-" + std::string(hash.substr(0, 8));
}

std::string Sha256HexOf(std::string_view text) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest);
  return Hex(digest, sizeof digest);
}

Result<KeyRing> KeyRing::Load(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Err(Status::IoError(std::string("cannot read the keys file: ") + std::strerror(errno))
                   .InFile(path.string()));
  }
  std::stringstream text;
  text << in.rdbuf();
  return Parse(text.str(), path.string());
}

Result<KeyRing> KeyRing::Parse(std::string_view text, std::string_view file_name) {
  KeyRing ring;
  std::istringstream lines{std::string(text)};
  std::string line;
  for (std::int64_t number = 1; std::getline(lines, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::istringstream fields(line);
    std::string hash, role_name, label;
    fields >> hash;
    if (hash.empty() || hash[0] == '#') continue;
    fields >> role_name;
    std::getline(fields >> std::ws, label);
    auto fail = [&](std::string message) {
      return Err(
          Status::ParseError(std::move(message)).InFile(std::string(file_name)).AtLine(number));
    };
    if (!IsSha256Hex(hash)) return fail("expected the SHA-256 of a key (64 hex digits) first");
    const std::optional<Role> role = ParseRole(role_name);
    if (!role) {
      return fail("expected a role (screen, analyst, reviewer or admin) after the hash");
    }
    for (char& c : hash) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    ring.by_hash_[hash] = ApiKey{*role, label, KeyUser(label, hash)};
  }
  return ring;
}

std::optional<ApiKey> KeyRing::Find(std::string_view key) const {
  if (key.empty() || key.size() > 256) return std::nullopt;
  const auto it = by_hash_.find(Sha256HexOf(key));
  if (it == by_hash_.end()) return std::nullopt;
  return it->second;
}

Result<std::string> GenerateKey() {
  unsigned char bytes[32];
  if (RAND_bytes(bytes, sizeof bytes) != 1) {
    return Err(Status::Internal("the system random generator failed"));
  }
  return "idk_" + Hex(bytes, sizeof bytes);
}

Status AppendKey(const std::filesystem::path& path, std::string_view key, Role role,
                 std::string_view label) {
  if (label.find_first_of("\r\n") != std::string_view::npos) {
    return Status::InvalidArgument("a key label must be one line");
  }
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) {
    return Status::IoError(std::string("cannot open the keys file: ") + std::strerror(errno))
        .InFile(path.string());
  }
  std::string line = Sha256HexOf(key) + " " + std::string(RoleName(role));
  if (!label.empty()) line += " " + std::string(label);
  line += "\n";
  const ssize_t written = ::write(fd, line.data(), line.size());
  const int write_errno = errno;
  ::close(fd);
  if (written != static_cast<ssize_t>(line.size())) {
    return Status::IoError(std::string("cannot write the keys file: ") + std::strerror(write_errno))
        .InFile(path.string());
  }
  return Status();
}

}  // namespace interdict::server
