// Fetching one file by URL: the transport behind FetchList() (update.h).
#ifndef INTERDICT_SOURCES_DOWNLOAD_H_
#define INTERDICT_SOURCES_DOWNLOAD_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "interdict/status.h"
#include "interdict/update.h"

namespace interdict::sources {

// Returns the body of `url`: http:// and https:// through libcurl (HTTPS
// peers verified, redirects followed to http(s) only, retries with backoff on
// transient failures), file:// and plain paths read from disk. Errors name
// the URL; an HTTP error status is kNotFound for 404/410 and kIoError
// otherwise, an oversized body kTooLarge.
Result<std::string> DownloadUrl(std::string_view url, const DownloadOptions& options,
                                std::uint64_t max_bytes, const DownloadProgress& progress = {});

// True when `status` says the server could not be reached at all (no DNS,
// connection refused): the signature of a machine without network access.
bool IsUnreachable(const Status& status) noexcept;

// True for URLs fetched over the network (http:// or https://).
bool IsRemoteUrl(std::string_view url) noexcept;

// The local path a file:// URL or a plain path names.
std::string LocalPathOfUrl(std::string_view url);

}  // namespace interdict::sources

#endif  // INTERDICT_SOURCES_DOWNLOAD_H_
