// Reading the sources config (config/sources.json); the format is documented
// in docs/cli.md#sources-config.
#include <cstdint>
#include <filesystem>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "interdict/update.h"
#include "sources/download.h"
#include "sources/io.h"

namespace interdict {
namespace {

using nlohmann::json;

constexpr std::uint64_t kMaxConfigBytes = 1 << 20;

// Finds where a JSON text stops being valid, without exceptions: a SAX pass
// that accepts everything and remembers the parser's complaint.
class ErrorLocator : public nlohmann::json_sax<json> {
 public:
  std::size_t position = 0;
  std::string message;

  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t pos, const std::string&,
                   const nlohmann::detail::exception& error) override {
    position = pos;
    message = error.what();
    return false;
  }
};

Status SyntaxError(std::string_view text, std::string_view name) {
  ErrorLocator locator;
  json::sax_parse(text, &locator, json::input_format_t::json, /*strict=*/true,
                  /*ignore_comments=*/false);
  const std::size_t offset = locator.position > 0 ? locator.position - 1 : 0;
  return Status::ParseError("invalid JSON: " + locator.message)
      .InFile(std::string(name))
      .AtLine(sources::LineOfOffset(text, std::min(offset, text.size())));
}

// Reads typed values out of one JSON object, naming the JSON path on error.
class ObjectReader {
 public:
  ObjectReader(const json& object, std::string path, std::string_view file)
      : object_(object), path_(std::move(path)), file_(file) {}

  Status Error(std::string_view key, const std::string& message) const {
    std::string element = key.empty() ? path_ : path_ + "/" + std::string(key);
    return Status::ParseError(message)
        .InFile(std::string(file_))
        .AtElement(element.empty() ? "/" : element);
  }

  // Keys that begin with "_" are comments; anything else unknown is a typo.
  Status CheckKeys(std::initializer_list<std::string_view> known) const {
    for (const auto& [key, value] : object_.items()) {
      if (key.starts_with("_")) continue;
      bool found = false;
      for (std::string_view k : known) found = found || k == key;
      if (!found) return Error(key, "unknown key");
    }
    return Status::Ok();
  }

  Result<std::optional<std::string>> String(std::string_view key) const {
    auto it = object_.find(key);
    if (it == object_.end()) return std::optional<std::string>();
    if (!it->is_string()) return Err(Error(key, "expected a string"));
    return std::optional<std::string>(it->get<std::string>());
  }

  // Integers within [min, max]; leaves `out` alone when the key is absent.
  template <typename T>
  Status Integer(std::string_view key, std::int64_t min, std::int64_t max, T& out) const {
    auto it = object_.find(key);
    if (it == object_.end()) return Status::Ok();
    if (!it->is_number_integer()) return Error(key, "expected an integer");
    const auto value = it->get<std::int64_t>();
    if (value < min || value > max) {
      return Error(
          key, "expected an integer from " + std::to_string(min) + " to " + std::to_string(max));
    }
    out = static_cast<T>(value);
    return Status::Ok();
  }

  const json* Find(std::string_view key) const {
    auto it = object_.find(key);
    return it == object_.end() ? nullptr : &*it;
  }
  const std::string& path() const { return path_; }

 private:
  const json& object_;
  std::string path_;
  std::string_view file_;
};

Status ReadDownloadOptions(const ObjectReader& reader, DownloadOptions& options) {
  INTERDICT_RETURN_STATUS_IF_ERROR(
      reader.CheckKeys({"connect_timeout_seconds", "timeout_seconds", "max_bytes", "retries",
                        "backoff_ms", "max_redirects", "user_agent"}));
  constexpr std::int64_t kDay = 24 * 3600;
  INTERDICT_RETURN_STATUS_IF_ERROR(
      reader.Integer("connect_timeout_seconds", 1, kDay, options.connect_timeout_seconds));
  INTERDICT_RETURN_STATUS_IF_ERROR(
      reader.Integer("timeout_seconds", 1, kDay, options.timeout_seconds));
  INTERDICT_RETURN_STATUS_IF_ERROR(
      reader.Integer("max_bytes", 1, std::numeric_limits<std::int64_t>::max(), options.max_bytes));
  INTERDICT_RETURN_STATUS_IF_ERROR(reader.Integer("retries", 0, 20, options.retries));
  INTERDICT_RETURN_STATUS_IF_ERROR(reader.Integer("backoff_ms", 0, 600'000, options.backoff_ms));
  INTERDICT_RETURN_STATUS_IF_ERROR(reader.Integer("max_redirects", 0, 50, options.max_redirects));
  Result<std::optional<std::string>> agent = reader.String("user_agent");
  INTERDICT_RETURN_STATUS_IF_ERROR(agent);
  if (*agent) options.user_agent = **agent;
  return Status::Ok();
}

// Local addresses are resolved against the config's folder, so a config can
// sit beside the files it names.
std::string ResolveAddress(const std::string& url, const std::filesystem::path& base_dir) {
  if (sources::IsRemoteUrl(url)) return url;
  std::filesystem::path path = sources::LocalPathOfUrl(url);
  if (path.is_relative()) path = base_dir / path;
  return path.lexically_normal().string();
}

// "url" is one address or an array of alternatives.
Result<std::vector<std::string>> ReadUrls(const ObjectReader& reader,
                                          const std::filesystem::path& base_dir) {
  const json* value = reader.Find("url");
  if (value == nullptr) return Err(reader.Error("url", "missing"));
  std::vector<std::string> urls;
  if (value->is_string()) {
    urls.push_back(value->get<std::string>());
  } else if (value->is_array() && !value->empty()) {
    for (const json& item : *value) {
      if (!item.is_string()) return Err(reader.Error("url", "expected strings in the array"));
      urls.push_back(item.get<std::string>());
    }
  } else {
    return Err(reader.Error("url", "expected an address or a non-empty array of addresses"));
  }
  for (std::string& url : urls) {
    if (url.empty()) return Err(reader.Error("url", "empty address"));
    if (url.find("://") != std::string::npos && !sources::IsRemoteUrl(url) &&
        !url.starts_with("file://")) {
      return Err(reader.Error(
          "url", "unsupported scheme in \"" + url + "\"; expected http://, https:// or file://"));
    }
    url = ResolveAddress(url, base_dir);
  }
  return urls;
}

// The last path segment of the first address, without a query.
std::string NameFromUrl(std::string_view url) {
  url = url.substr(0, url.find_first_of("?#"));
  const std::size_t slash = url.rfind('/');
  return std::string(slash == std::string_view::npos ? url : url.substr(slash + 1));
}

bool IsPlainFileName(std::string_view name) {
  return !name.empty() && name != "." && name != ".." &&
         name.find_first_of("/\\") == std::string_view::npos;
}

Result<SourceFileSpec> ReadFileSpec(const ObjectReader& reader,
                                    const std::filesystem::path& base_dir) {
  SourceFileSpec file;
  Result<std::vector<std::string>> urls = ReadUrls(reader, base_dir);
  INTERDICT_RETURN_IF_ERROR(urls);
  file.urls = std::move(*urls);
  Result<std::optional<std::string>> name = reader.String("name");
  INTERDICT_RETURN_IF_ERROR(name);
  file.name = *name ? **name : NameFromUrl(file.urls.front());
  if (!IsPlainFileName(file.name)) {
    return Err(reader.Error("name", "expected a plain file name such as \"sdn.csv\""));
  }
  return file;
}

Status ReadFiles(const ObjectReader& reader, const json& files, std::string_view name,
                 const std::filesystem::path& base_dir, SourceSpec& source) {
  if (!files.is_array() || files.empty()) {
    return reader.Error("files", "expected a non-empty array of {\"name\", \"url\"} objects");
  }
  for (std::size_t i = 0; i < files.size(); ++i) {
    const std::string path = reader.path() + "/files/" + std::to_string(i);
    if (!files[i].is_object()) {
      return Status::ParseError("expected an object").InFile(std::string(name)).AtElement(path);
    }
    ObjectReader file_reader(files[i], path, name);
    INTERDICT_RETURN_STATUS_IF_ERROR(file_reader.CheckKeys({"name", "url"}));
    Result<SourceFileSpec> file = ReadFileSpec(file_reader, base_dir);
    INTERDICT_RETURN_STATUS_IF_ERROR(file);
    for (const SourceFileSpec& other : source.files) {
      if (other.name == file->name) return file_reader.Error("name", "duplicate file name");
    }
    source.files.push_back(std::move(*file));
  }
  return Status::Ok();
}

Result<SourceSpec> ReadSource(const ObjectReader& reader, std::string_view name,
                              const std::filesystem::path& base_dir) {
  INTERDICT_RETURN_IF_ERROR(reader.CheckKeys(
      {"list", "format", "description", "files", "url", "name", "path", "max_bytes", "enabled"}));
  SourceSpec source;
  Result<std::optional<std::string>> list = reader.String("list");
  INTERDICT_RETURN_IF_ERROR(list);
  if (!*list || (*list)->empty()) return Err(reader.Error("list", "missing list name"));
  source.list = **list;
  Result<std::optional<std::string>> format = reader.String("format");
  INTERDICT_RETURN_IF_ERROR(format);
  if (*format && **format != "auto") {
    std::optional<Format> parsed = ParseFormat(**format);
    if (!parsed) return Err(reader.Error("format", "unknown format \"" + **format + "\""));
    source.format = *parsed;
  }
  Result<std::optional<std::string>> description = reader.String("description");
  INTERDICT_RETURN_IF_ERROR(description);
  source.description = description->value_or("");
  INTERDICT_RETURN_IF_ERROR(
      reader.Integer("max_bytes", 1, std::numeric_limits<std::int64_t>::max(), source.max_bytes));

  const json* files = reader.Find("files");
  const bool has_url = reader.Find("url") != nullptr;
  Result<std::optional<std::string>> path = reader.String("path");
  INTERDICT_RETURN_IF_ERROR(path);
  if ((files != nullptr) + has_url + path->has_value() != 1) {
    return Err(reader.Error("", "expected exactly one of \"files\", \"url\" or \"path\""));
  }
  if (files != nullptr) {
    INTERDICT_RETURN_IF_ERROR(ReadFiles(reader, *files, name, base_dir, source));
  } else if (has_url) {
    Result<SourceFileSpec> file = ReadFileSpec(reader, base_dir);
    INTERDICT_RETURN_IF_ERROR(file);
    source.files.push_back(std::move(*file));
  } else {
    if ((*path)->empty()) return Err(reader.Error("path", "empty path"));
    source.path = ResolveAddress(**path, base_dir);
  }
  return source;
}

}  // namespace

Result<SourcesConfig> ParseSourcesConfig(std::string_view text, std::string_view name,
                                         const std::filesystem::path& base_dir) {
  const json root = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded()) return Err(SyntaxError(text, name));
  if (!root.is_object()) {
    return Err(Status::ParseError("expected a JSON object").InFile(std::string(name)));
  }
  ObjectReader reader(root, "", name);
  INTERDICT_RETURN_IF_ERROR(reader.CheckKeys({"download", "sources"}));
  SourcesConfig config;
  if (const json* download = reader.Find("download")) {
    if (!download->is_object()) return Err(reader.Error("download", "expected an object"));
    INTERDICT_RETURN_IF_ERROR(
        ReadDownloadOptions(ObjectReader(*download, "/download", name), config.download));
  }
  const json* sources = reader.Find("sources");
  if (sources == nullptr || !sources->is_array()) {
    return Err(reader.Error("sources", "expected an array of sources"));
  }
  for (std::size_t i = 0; i < sources->size(); ++i) {
    const std::string path = "/sources/" + std::to_string(i);
    if (!(*sources)[i].is_object()) {
      return Err(
          Status::ParseError("expected an object").InFile(std::string(name)).AtElement(path));
    }
    ObjectReader source_reader((*sources)[i], path, name);
    Result<SourceSpec> source = ReadSource(source_reader, name, base_dir);
    INTERDICT_RETURN_IF_ERROR(source);
    // Disabled sources are checked like the others, then left out: they
    // document alternatives (another format of the same list).
    if (const json* enabled = source_reader.Find("enabled")) {
      if (!enabled->is_boolean())
        return Err(source_reader.Error("enabled", "expected true or false"));
      if (!enabled->get<bool>()) continue;
    }
    for (const SourceSpec& other : config.sources) {
      if (other.list == source->list) {
        return Err(Status::ParseError("list \"" + source->list + "\" is named twice")
                       .InFile(std::string(name))
                       .AtElement(path + "/list"));
      }
    }
    config.sources.push_back(std::move(*source));
  }
  return config;
}

Result<SourcesConfig> LoadSourcesConfig(const std::filesystem::path& path) {
  Result<std::string> text = sources::ReadFile(path, kMaxConfigBytes);
  INTERDICT_RETURN_IF_ERROR(text);
  std::error_code ec;
  std::filesystem::path absolute = std::filesystem::absolute(path, ec);
  if (ec) absolute = path;
  return ParseSourcesConfig(*text, path.string(), absolute.parent_path());
}

}  // namespace interdict
