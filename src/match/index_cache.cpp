#include "match/index_cache.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unicode/uvernum.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "interdict/store.h"
#include "text/name_tables.h"
#include "text/prepared.h"

namespace interdict::match {
namespace {

constexpr std::string_view kMagic = "IDXCACHE";

// What built the cache: its format, the name tables that prepared its
// tokens and the ICU version that transliterated them.
std::uint64_t BuildFingerprint() {
  std::string s = std::to_string(kIndexCacheFormat) + "/" + U_ICU_VERSION + "/";
  ByteWriter w(s);
  w.Put(text::NameTablesFingerprint());
  w.Put(text::CommonNamesFingerprint());  // name roles (text/prepared.h)
  return Checksum64(s);
}

}  // namespace

std::uint64_t Checksum64(std::string_view data) noexcept {
  constexpr std::uint64_t kMul = 0x9E3779B97F4A7C15ull;
  std::uint64_t h = 0x2545F4914F6CDD1Dull ^ data.size();
  std::size_t i = 0;
  for (; i + 8 <= data.size(); i += 8) {
    std::uint64_t word;
    std::memcpy(&word, data.data() + i, 8);
    h = (h ^ word) * kMul;
    h ^= h >> 29;
  }
  for (; i < data.size(); ++i) h = (h ^ static_cast<unsigned char>(data[i])) * kMul;
  h ^= h >> 32;
  return h * kMul;
}

// ---------------------------------------------------------------------------
// The screener's own fields

void IndexScreener::Serialize(ByteWriter& w) const {
  index_.Serialize(w);
  entities_.Serialize(w);
  w.PutVector(first_name_);
}

std::unique_ptr<IndexScreener> IndexScreener::Deserialize(ByteReader& r) {
  std::unique_ptr<IndexScreener> s(new IndexScreener());
  if (!s->index_.Deserialize(r) || !s->entities_.Deserialize(r)) return nullptr;
  r.GetVector(s->first_name_);
  const std::size_t entities = s->entities_.size();
  if (!r.done() || s->first_name_.size() != entities + 1 || s->first_name_.front() != 0 ||
      s->first_name_.back() != s->index_.size() ||
      !std::is_sorted(s->first_name_.begin(), s->first_name_.end())) {
    return nullptr;
  }
  for (std::uint32_t e = 0; e < entities; ++e) {
    for (std::uint32_t n = s->first_name_[e]; n < s->first_name_[e + 1]; ++n) {
      if (s->index_.entity_of(n) != e) return nullptr;
    }
    for (const std::string& id : s->entities_.Attributes(e).identifiers) {
      s->by_identifier_[id].push_back(e);
    }
  }
  return s;
}

// ---------------------------------------------------------------------------
// The file

Result<std::string> IndexCacheKey(Store& store) {
  auto lists = store.Lists();
  if (!lists) return Err(lists.error());
  std::string key;
  for (const std::string& list : *lists) {
    auto version = store.CurrentVersion(list);
    if (!version) {
      if (version.error().code() == StatusCode::kNotFound) continue;
      return Err(version.error());
    }
    key += list + "\t" + std::to_string(version->id) + "\t" + version->sha256 + "\n";
  }
  return key;
}

std::string EncodeIndexCache(const IndexScreener& screener, std::string_view key) {
  std::string payload;
  ByteWriter body(payload);
  screener.Serialize(body);
  std::string file(kMagic);
  ByteWriter w(file);
  w.Put(kIndexCacheFormat);
  w.Put(BuildFingerprint());
  w.PutString(key);
  w.Put<std::uint64_t>(payload.size());
  w.Put(Checksum64(payload));
  file += payload;
  return file;
}

Result<std::unique_ptr<IndexScreener>> DecodeIndexCache(std::string_view file,
                                                        std::string_view key) {
  if (file.substr(0, kMagic.size()) != kMagic) {
    return Err(Status::Corrupt("not an index cache (bad magic)"));
  }
  ByteReader r(file.substr(kMagic.size()));
  const auto format = r.Get<std::uint32_t>();
  const auto fingerprint = r.Get<std::uint64_t>();
  const std::string built_from = r.GetString();
  const auto length = r.Get<std::uint64_t>();
  const auto checksum = r.Get<std::uint64_t>();
  if (!r.ok()) return Err(Status::Corrupt("index cache header truncated"));
  if (format != kIndexCacheFormat || fingerprint != BuildFingerprint()) {
    return Err(Status::NotFound("index cache written by another build"));
  }
  if (built_from != key) return Err(Status::NotFound("index cache is for other list versions"));
  if (length != r.left()) {
    return Err(Status::Corrupt("index cache holds " + std::to_string(r.left()) +
                               " payload bytes, header says " + std::to_string(length)));
  }
  const std::string_view payload = file.substr(file.size() - length);
  if (Checksum64(payload) != checksum) return Err(Status::Corrupt("index cache checksum mismatch"));
  ByteReader body(payload);
  std::unique_ptr<IndexScreener> s = IndexScreener::Deserialize(body);
  if (s == nullptr) return Err(Status::Corrupt("index cache structure invalid"));
  return s;
}

Status WriteIndexCache(const std::string& path, const IndexScreener& screener,
                       std::string_view key) {
  const std::string bytes = EncodeIndexCache(screener, key);
  const std::string tmp = path + ".tmp" + std::to_string(::getpid());
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (f == nullptr) return Status::IoError(tmp + ": " + std::strerror(errno));
  const bool written = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  const bool closed = std::fclose(f) == 0;
  if (!written || !closed || std::rename(tmp.c_str(), path.c_str()) != 0) {
    const Status s = Status::IoError(path + ": " + std::strerror(errno));
    std::remove(tmp.c_str());
    return s;
  }
  return Status::Ok();
}

Result<std::unique_ptr<IndexScreener>> ReadIndexCache(const std::string& path,
                                                      std::string_view key) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Err(Status::NotFound(path + ": " + std::strerror(errno)));
  struct stat st {};
  std::string bytes;
  bool ok = ::fstat(fd, &st) == 0;
  if (ok) {
    // One read of the whole file: the payload is decoded from memory.
    bytes.resize(static_cast<std::size_t>(st.st_size));
    std::size_t done = 0;
    while (ok && done < bytes.size()) {
      const ssize_t n = ::read(fd, bytes.data() + done, bytes.size() - done);
      if (n < 0 && errno == EINTR) continue;
      ok = n > 0;
      if (ok) done += static_cast<std::size_t>(n);
    }
  }
  ::close(fd);
  if (!ok) return Err(Status::IoError(path + ": cannot read the index cache"));
  auto s = DecodeIndexCache(bytes, key);
  if (!s) return Err(std::move(s.error()).Prepend(path));
  return s;
}

}  // namespace interdict::match

namespace interdict {

Result<std::unique_ptr<Screener>> BuildScreener(Store& store, const std::string& cache_path) {
  // Without a key (or a path) there is nothing to check a cache against.
  Result<std::string> key = Err(Status::NotFound("no cache path"));
  if (!cache_path.empty()) key = match::IndexCacheKey(store);
  if (key) {
    auto cached = match::ReadIndexCache(cache_path, *key);
    if (cached) return std::unique_ptr<Screener>(std::move(*cached));
  }
  std::vector<Entity> entities;
  Status s = store.ForEachCurrentEntity([&](const Entity& e) {
    entities.push_back(e);
    return Status::Ok();
  });
  if (!s.ok()) return Err(std::move(s).Prepend("building the screener"));
  try {
    auto built = std::make_unique<match::IndexScreener>(std::move(entities));
    // A cache that cannot be written (read-only folder, PostgreSQL URI)
    // only costs the next process a rebuild.
    // A list loaded while building would make the snapshot lie about its key.
    if (key) {
      Result<std::string> after = match::IndexCacheKey(store);
      if (after && *after == *key) (void)match::WriteIndexCache(cache_path, *built, *key);
    }
    return std::unique_ptr<Screener>(std::move(built));
  } catch (const std::bad_alloc&) {
    return Err(Status::TooLarge("not enough memory to index the entities"));
  }
}

}  // namespace interdict
