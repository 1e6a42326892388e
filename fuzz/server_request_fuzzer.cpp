// libFuzzer target: the server's request readers (POST /v1/screen and
// POST /v1/screen/batch bodies, threshold/limit parameters, route matching)
// without the network. Whatever the bytes, the readers must return a value
// or an error that names what was wrong, never crash.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "server/requests.h"
#include "server/routes.h"

namespace {

void CheckError(const interdict::Status& error) {
  if (error.ok() || error.message().empty()) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace interdict::server;
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  if (auto query = ParseScreenBody(text); query) {
    if (query->name.empty() || query->name.size() > interdict::kMaxQueryNameBytes) __builtin_trap();
  } else {
    CheckError(query.error());
  }

  if (auto batch = ParseBatchBody(text); batch) {
    if (batch->empty() || batch->size() > kMaxBatchQueries) __builtin_trap();
    for (const auto& query : *batch) {
      // A bad query's error names its slot: "queries/<i>...".
      if (!query && query.error().location().element.rfind("queries/", 0) != 0) __builtin_trap();
    }
  } else {
    CheckError(batch.error());
  }

  const std::size_t split = text.find('&');
  const std::string_view threshold = text.substr(0, split);
  const std::string_view limit = split == std::string_view::npos ? "" : text.substr(split + 1);
  if (auto options = ParseScreenOptions(threshold, limit); options) {
    if (!(options->threshold >= 0 && options->threshold <= 1) || options->limit < 1 ||
        options->limit > kMaxMatchLimit)
      __builtin_trap();
  } else {
    CheckError(options.error());
  }

  std::vector<std::string> params;
  bool exists = false;
  for (const char* method : {"GET", "POST"}) {
    if (const Route* route = MatchRoute(method, text, params, exists); route != nullptr) {
      if (route->handler == nullptr || !exists) __builtin_trap();
      for (const std::string& param : params) {
        if (param.empty()) __builtin_trap();
      }
    }
  }
  return 0;
}
