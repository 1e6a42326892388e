// Little-endian binary writing and bounds-checked reading for the on-disk
// index cache (match/index_cache.h).
//
// The reader never trusts a length: every read checks the bytes left and a
// failed read poisons the reader (ok() turns false, later reads return
// zeros), so a decoder can read a whole structure and check once at the end
// without ever touching memory outside the buffer.
#ifndef INTERDICT_MATCH_SERIAL_H_
#define INTERDICT_MATCH_SERIAL_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace interdict::match {

class ByteWriter {
 public:
  explicit ByteWriter(std::string& out) : out_(out) {}

  template <typename T>
  void Put(T v) {
    static_assert(std::is_trivially_copyable_v<T>);
    char buf[sizeof(T)];
    std::memcpy(buf, &v, sizeof(T));
    out_.append(buf, sizeof(T));
  }
  void PutString(std::string_view s) {
    Put<std::uint32_t>(static_cast<std::uint32_t>(s.size()));
    out_.append(s);
  }
  // A vector of plain values as its length and its bytes.
  template <typename T>
  void PutVector(const std::vector<T>& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    Put<std::uint64_t>(v.size());
    out_.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
  }

 private:
  std::string& out_;
};

class ByteReader {
 public:
  explicit ByteReader(std::string_view in) : in_(in) {}

  bool ok() const noexcept { return ok_; }
  bool done() const noexcept { return ok_ && pos_ == in_.size(); }
  std::size_t left() const noexcept { return in_.size() - pos_; }

  template <typename T>
  T Get() noexcept {
    static_assert(std::is_trivially_copyable_v<T>);
    T v{};
    if (!Need(sizeof(T))) return v;
    std::memcpy(&v, in_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return v;
  }
  std::string GetString() {
    const auto n = Get<std::uint32_t>();
    if (!Need(n)) return {};
    std::string s(in_.substr(pos_, n));
    pos_ += n;
    return s;
  }
  template <typename T>
  void GetVector(std::vector<T>& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    v.clear();
    const auto n = Get<std::uint64_t>();
    if (!ok_ || n > left() / sizeof(T)) {
      ok_ = false;
      return;
    }
    v.resize(n);
    // An empty vector's data() may be null, which memcpy may not be given
    // even for zero bytes.
    if (n != 0) std::memcpy(v.data(), in_.data() + pos_, n * sizeof(T));
    pos_ += n * sizeof(T);
  }
  // A count of items each at least `min_bytes` long: refused (and the reader
  // poisoned) when the bytes left cannot hold that many, so a corrupt count
  // never makes the caller reserve gigabytes.
  std::size_t GetCount(std::size_t min_bytes) noexcept {
    const auto n = Get<std::uint64_t>();
    if (!ok_ || (min_bytes > 0 && n > left() / min_bytes)) {
      ok_ = false;
      return 0;
    }
    return static_cast<std::size_t>(n);
  }
  void Fail() noexcept { ok_ = false; }

 private:
  bool Need(std::size_t n) noexcept {
    if (!ok_ || n > left()) {
      ok_ = false;
      return false;
    }
    return true;
  }
  std::string_view in_;
  std::size_t pos_ = 0;
  bool ok_ = true;
};

// A fast 64-bit checksum of a buffer (8 bytes at a time): detects torn and
// corrupted cache files, not adversaries.
std::uint64_t Checksum64(std::string_view data) noexcept;

}  // namespace interdict::match

#endif  // INTERDICT_MATCH_SERIAL_H_
