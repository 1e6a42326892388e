// Helpers shared by the test suites: where the real list files are, and
// temporary directories that clean up after themselves.
#ifndef INTERDICT_TESTS_TEST_UTIL_H_
#define INTERDICT_TESTS_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

namespace interdict::testing {

// The folder of real official list files: $INTERDICT_SHARED_DATA, else
// ../shared/data beside the source checkout.
inline std::filesystem::path SharedDataDir() {
  if (const char* env = std::getenv("INTERDICT_SHARED_DATA")) return env;
  return std::filesystem::path(INTERDICT_SOURCE_DIR) / ".." / "shared" / "data";
}

// A file under SharedDataDir(); the calling test is skipped, with a message
// saying so, when the folder is absent.
#define INTERDICT_SHARED_FILE(var, relative)                                       \
  const std::filesystem::path var = ::interdict::testing::SharedDataDir() / (relative); \
  if (!std::filesystem::exists(::interdict::testing::SharedDataDir()))             \
    GTEST_SKIP() << "real list data not found at "                                 \
                 << ::interdict::testing::SharedDataDir() << " (set INTERDICT_SHARED_DATA)"; \
  ASSERT_TRUE(std::filesystem::exists(var)) << var << " is missing from the shared data"

// A fresh temporary directory, removed with its contents on destruction.
class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            ("interdict-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

inline std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void WriteFile(const std::filesystem::path& p, const std::string& bytes) {
  std::ofstream out(p, std::ios::binary);
  out << bytes;
}

}  // namespace interdict::testing

#endif  // INTERDICT_TESTS_TEST_UTIL_H_
