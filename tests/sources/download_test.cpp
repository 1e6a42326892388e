// The downloader and its config, against a local HTTP server serving copies
// of the real list files read at test time.
#include "sources/download.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "cli/cli_test_util.h"
#include "interdict/update.h"
#include "test_util.h"

namespace interdict {
namespace {

using testing::LocalServer;
using testing::ReadFile;
using testing::SharedDataDir;
using testing::TempDir;
using testing::WriteFile;

// Fast-failing options so error paths do not slow the suite down.
DownloadOptions QuickOptions() {
  DownloadOptions options;
  options.connect_timeout_seconds = 5;
  options.timeout_seconds = 10;
  options.retries = 0;
  options.backoff_ms = 10;
  return options;
}

SourceSpec OneFile(const std::string& list, const std::string& name, std::string url) {
  SourceSpec source;
  source.list = list;
  source.files.push_back({name, {std::move(url)}});
  return source;
}

// ---- Config ---------------------------------------------------------------

TEST(SourcesConfigTest, OfficialConfigParses) {
  const std::filesystem::path path =
      std::filesystem::path(INTERDICT_SOURCE_DIR) / "config" / "sources.json";
  Result<SourcesConfig> config = LoadSourcesConfig(path);
  ASSERT_TRUE(config) << config.error().ToString();
  // The disabled CONS_ENHANCED.ZIP alternative is left out.
  ASSERT_EQ(config->sources.size(), 7u);
  const SourceSpec& sdn = config->sources[0];
  EXPECT_EQ(sdn.list, "ofac-sdn");
  EXPECT_EQ(sdn.format, Format::kOfacCsv);
  ASSERT_EQ(sdn.files.size(), 4u);
  EXPECT_EQ(sdn.files[0].name, "sdn.csv");
  EXPECT_EQ(sdn.files[0].urls[0],
            "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN.CSV");
  EXPECT_EQ(sdn.files[3].name, "sdn_comments.csv");
  for (const SourceSpec& source : config->sources) {
    SCOPED_TRACE(source.list);
    EXPECT_NE(source.format, Format::kAuto);
    for (const SourceFileSpec& file : source.files) {
      for (const std::string& url : file.urls) EXPECT_TRUE(url.starts_with("https://")) << url;
    }
  }
  EXPECT_EQ(config->sources[2].list, "un-sc");
  EXPECT_EQ(config->sources[2].files[0].urls[0],
            "https://scsanctions.un.org/resources/xml/en/consolidated.xml");
  EXPECT_EQ(config->download.retries, 3);
}

TEST(SourcesConfigTest, ShorthandsAndLocalPathsResolveAgainstTheConfigFolder) {
  Result<SourcesConfig> config = ParseSourcesConfig(
      R"({"download": {"retries": 0, "user_agent": "t/1"},
          "sources": [
            {"list": "a", "url": "https://example.org/x/list.xml?token=1"},
            {"list": "b", "format": "un-xml", "url": "file://data/un.xml"},
            {"list": "c", "path": "../shared", "_comment": "ignored"}]})",
      "cfg.json", "/etc/interdict");
  ASSERT_TRUE(config) << config.error().ToString();
  ASSERT_EQ(config->sources.size(), 3u);
  EXPECT_EQ(config->download.retries, 0);
  EXPECT_EQ(config->download.user_agent, "t/1");
  EXPECT_EQ(config->sources[0].files[0].name, "list.xml");
  EXPECT_EQ(config->sources[0].format, Format::kAuto);
  EXPECT_EQ(config->sources[1].format, Format::kUnXml);
  EXPECT_EQ(config->sources[1].files[0].urls[0], "/etc/interdict/data/un.xml");
  EXPECT_EQ(config->sources[2].path, "/etc/shared");
}

struct BadConfig {
  const char* json;
  const char* element;  // expected Location::element ("" = none)
  const char* message;  // expected to occur in the message
};

TEST(SourcesConfigTest, ErrorsNameThePlaceAndTheProblem) {
  const BadConfig cases[] = {
      {R"({"sources": [{"list": "a", "url": "https://x/y", "urll": 1}]})", "/sources/0/urll",
       "unknown key"},
      {R"({"sources": [{"list": "a"}]})", "/sources/0", "exactly one of"},
      {R"({"sources": [{"url": "https://x/y"}]})", "/sources/0/list", "missing list name"},
      {R"({"sources": [{"list": "a", "format": "pdf", "url": "https://x"}]})", "/sources/0/format",
       "unknown format"},
      {R"({"sources": [{"list": "a", "url": "ftp://x/y"}]})", "/sources/0/url",
       "unsupported scheme"},
      {R"({"sources": [{"list": "a", "files": [{"name": "../x", "url": "https://x"}]}]})",
       "/sources/0/files/0/name", "plain file name"},
      {R"({"sources": [{"list": "a", "url": "https://x"}, {"list": "a", "url": "https://y"}]})",
       "/sources/1/list", "named twice"},
      {R"({"download": {"retries": -1}, "sources": []})", "/download/retries", "from 0 to 20"},
      {R"({"sources": [{"list": "a", "url": 7}]})", "/sources/0/url", "expected an address"},
      {R"({"sources": {}})", "/sources", "expected an array"},
  };
  for (const BadConfig& c : cases) {
    SCOPED_TRACE(c.json);
    Result<SourcesConfig> config = ParseSourcesConfig(c.json, "cfg.json", "/");
    ASSERT_FALSE(config);
    EXPECT_EQ(config.error().code(), StatusCode::kParseError);
    EXPECT_EQ(config.error().location().file, "cfg.json");
    EXPECT_EQ(config.error().location().element, c.element);
    EXPECT_NE(config.error().message().find(c.message), std::string::npos)
        << config.error().ToString();
  }
}

TEST(SourcesConfigTest, SyntaxErrorGivesTheLine) {
  Result<SourcesConfig> config =
      ParseSourcesConfig("{\n  \"sources\": [\n    {\"list\": \"a\",}\n  ]\n}\n", "cfg.json", "/");
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error().location().line, 3) << config.error().ToString();
  EXPECT_NE(config.error().message().find("invalid JSON"), std::string::npos);
}

TEST(SourcesConfigTest, MissingFileIsAnIoError) {
  Result<SourcesConfig> config = LoadSourcesConfig("/nonexistent/sources.json");
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error().location().file, "/nonexistent/sources.json");
}

// ---- Transport ------------------------------------------------------------

TEST(DownloadTest, FetchesTheBodyAndSendsAUserAgent) {
  INTERDICT_SHARED_FILE(dpl, "us_bis_dpl/dpl.txt");
  const std::string bytes = ReadFile(dpl);
  LocalServer server;
  server.Serve("/dpl.txt", bytes);
  DownloadOptions options = QuickOptions();
  options.user_agent = "interdict-test/1.0";
  Result<std::string> body = sources::DownloadUrl(server.Url("/dpl.txt"), options, 1 << 20);
  ASSERT_TRUE(body) << body.error().ToString();
  EXPECT_EQ(*body, bytes);
  ASSERT_FALSE(server.UserAgents().empty());
  EXPECT_EQ(server.UserAgents().back(), "interdict-test/1.0");
}

TEST(DownloadTest, NotFoundIsNotRetried) {
  LocalServer server;
  DownloadOptions options = QuickOptions();
  options.retries = 3;
  Result<std::string> body = sources::DownloadUrl(server.Url("/missing.csv"), options, 1 << 20);
  ASSERT_FALSE(body);
  EXPECT_EQ(body.error().code(), StatusCode::kNotFound);
  EXPECT_EQ(body.error().location().file, server.Url("/missing.csv"));
  EXPECT_NE(body.error().message().find("HTTP 404"), std::string::npos);
  EXPECT_EQ(server.Hits("/missing.csv"), 1);
}

TEST(DownloadTest, RefusedAccessIsPermissionDeniedAndNamesTheUrl) {
  LocalServer server;
  for (int code : {401, 403}) {
    const std::string path = "/refused-" + std::to_string(code) + ".xml";
    server.Route(path, [code](const httplib::Request&, httplib::Response& response) {
      response.status = code;
      response.set_content("go away", "text/plain");
    });
    DownloadOptions options = QuickOptions();
    options.retries = 3;
    Result<std::string> body = sources::DownloadUrl(server.Url(path), options, 1 << 20);
    ASSERT_FALSE(body) << code;
    EXPECT_EQ(body.error().code(), StatusCode::kPermissionDenied) << code;
    EXPECT_EQ(StatusCodeName(body.error().code()), "permission_denied");
    EXPECT_EQ(body.error().location().file, server.Url(path));
    EXPECT_NE(body.error().message().find("HTTP " + std::to_string(code)), std::string::npos)
        << body.error().message();
    EXPECT_NE(body.error().message().find("access to " + server.Url(path) + " is refused"),
              std::string::npos)
        << body.error().message();
    // Credentials do not appear between attempts: one request, no retries.
    EXPECT_EQ(server.Hits(path), 1) << code;
  }
}

TEST(DownloadTest, ServerErrorsAreRetriedWithBackoff) {
  LocalServer server;
  std::atomic<int> calls{0};
  server.Route("/flaky", [&calls](const httplib::Request&, httplib::Response& response) {
    if (++calls < 3) {
      response.status = 503;
      return;
    }
    response.set_content("finally", "text/plain");
  });
  DownloadOptions options = QuickOptions();
  options.retries = 2;
  Result<std::string> body = sources::DownloadUrl(server.Url("/flaky"), options, 1 << 20);
  ASSERT_TRUE(body) << body.error().ToString();
  EXPECT_EQ(*body, "finally");
  EXPECT_EQ(calls.load(), 3);

  calls = -10;  // now always failing: gives up after 1 + retries attempts
  Result<std::string> failed = sources::DownloadUrl(server.Url("/flaky"), options, 1 << 20);
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code(), StatusCode::kIoError);
  EXPECT_NE(failed.error().message().find("gave up after 3 attempts"), std::string::npos)
      << failed.error().ToString();
}

TEST(DownloadTest, OversizedBodiesAreRefused) {
  LocalServer server;
  server.Serve("/big", std::string(100'000, 'x'));
  // Without Content-Length the limit is enforced on the bytes received.
  server.Route("/big-chunked", [](const httplib::Request&, httplib::Response& response) {
    response.set_chunked_content_provider("text/plain", [](size_t, httplib::DataSink& sink) {
      const std::string chunk(10'000, 'y');
      for (int i = 0; i < 10; ++i) sink.write(chunk.data(), chunk.size());
      sink.done();
      return true;
    });
  });
  for (const char* path : {"/big", "/big-chunked"}) {
    SCOPED_TRACE(path);
    Result<std::string> body = sources::DownloadUrl(server.Url(path), QuickOptions(), 50'000);
    ASSERT_FALSE(body);
    EXPECT_EQ(body.error().code(), StatusCode::kTooLarge) << body.error().ToString();
  }
  Result<std::string> fits = sources::DownloadUrl(server.Url("/big"), QuickOptions(), 100'000);
  ASSERT_TRUE(fits) << fits.error().ToString();
  EXPECT_EQ(fits->size(), 100'000u);
}

TEST(DownloadTest, SlowServerTimesOut) {
  LocalServer server;
  server.Route("/slow", [&server](const httplib::Request&, httplib::Response& response) {
    server.Stall(std::chrono::seconds(5));
    response.set_content("late", "text/plain");
  });
  DownloadOptions options = QuickOptions();
  options.timeout_seconds = 1;
  const auto start = std::chrono::steady_clock::now();
  Result<std::string> body = sources::DownloadUrl(server.Url("/slow"), options, 1 << 20);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(body);
  EXPECT_EQ(body.error().code(), StatusCode::kIoError);
  EXPECT_NE(body.error().message().find("imed out"), std::string::npos) << body.error().ToString();
  EXPECT_LT(elapsed, std::chrono::seconds(4));
}

TEST(DownloadTest, FollowsRedirectsButNeverToLocalFiles) {
  LocalServer server;
  server.Serve("/new/list.txt", "moved content");
  server.Route("/old", [](const httplib::Request&, httplib::Response& response) {
    response.set_redirect("/new/list.txt");
  });
  server.Route("/evil", [](const httplib::Request&, httplib::Response& response) {
    response.set_redirect("file:///etc/passwd");
  });
  Result<std::string> moved = sources::DownloadUrl(server.Url("/old"), QuickOptions(), 1 << 20);
  ASSERT_TRUE(moved) << moved.error().ToString();
  EXPECT_EQ(*moved, "moved content");
  Result<std::string> evil = sources::DownloadUrl(server.Url("/evil"), QuickOptions(), 1 << 20);
  ASSERT_FALSE(evil);
  EXPECT_EQ(evil.error().code(), StatusCode::kIoError);
}

TEST(DownloadTest, UnreachableServerIsRecognised) {
  // Port 1 on loopback: nothing listens, the connection is refused at once.
  Result<std::string> body =
      sources::DownloadUrl("http://127.0.0.1:1/sdn.csv", QuickOptions(), 1 << 20);
  ASSERT_FALSE(body);
  EXPECT_TRUE(sources::IsUnreachable(body.error())) << body.error().ToString();
  EXPECT_FALSE(sources::IsUnreachable(Status::IoError("disk full")));
}

TEST(DownloadTest, LocalFilesAndUnsupportedSchemes) {
  TempDir dir;
  WriteFile(dir / "a b.txt", "local bytes");
  Result<std::string> plain = sources::DownloadUrl((dir / "a b.txt").string(), QuickOptions(), 100);
  ASSERT_TRUE(plain) << plain.error().ToString();
  EXPECT_EQ(*plain, "local bytes");
  const std::string url = "file://" + dir.path().string() + "/a%20b.txt";
  Result<std::string> by_url = sources::DownloadUrl(url, QuickOptions(), 100);
  ASSERT_TRUE(by_url) << by_url.error().ToString();
  EXPECT_EQ(*by_url, "local bytes");
  EXPECT_EQ(sources::DownloadUrl(url, QuickOptions(), 5).error().code(), StatusCode::kTooLarge);
  EXPECT_EQ(sources::DownloadUrl("ftp://host/x", QuickOptions(), 100).error().code(),
            StatusCode::kUnsupported);
}

// ---- FetchList: download + verify ------------------------------------------

TEST(FetchListTest, UnXmlOverHttpParsesCompletely) {
  INTERDICT_SHARED_FILE(un, "un_sc/consolidated.xml");
  LocalServer server;
  server.Serve("/consolidated.xml", ReadFile(un));
  Result<FetchedList> fetched = FetchList(
      OneFile("un-sc", "consolidated.xml", server.Url("/consolidated.xml")), QuickOptions());
  ASSERT_TRUE(fetched) << fetched.error().ToString();
  EXPECT_EQ(fetched->data.list, "un-sc");
  EXPECT_EQ(fetched->data.entities.size(), 730u + 273u);
  EXPECT_EQ(fetched->bytes, 2'030'620u);
  EXPECT_EQ(fetched->source, server.Url("/consolidated.xml"));
}

TEST(FetchListTest, OfacCsvSetIsFetchedFileByFile) {
  INTERDICT_SHARED_FILE(folder, "ofac_sdn_2021");
  LocalServer server;
  SourceSpec source;
  source.list = "ofac-sdn";
  source.format = Format::kOfacCsv;
  for (const char* name : {"sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"}) {
    server.Serve(std::string("/") + name, ReadFile(folder / name));
    source.files.push_back({name, {server.Url(std::string("/") + name)}});
  }
  Result<FetchedList> fetched = FetchList(source, QuickOptions());
  ASSERT_TRUE(fetched) << fetched.error().ToString();
  EXPECT_EQ(fetched->data.entities.size(), 8976u);
  EXPECT_EQ(fetched->bytes, 2'013'896u + 595'881u + 889'405u + 2'256u);
  // Same content, same identity: equal to parsing the folder directly.
  Result<ListData> direct = ParseList(folder);
  ASSERT_TRUE(direct) << direct.error().ToString();
  EXPECT_EQ(fetched->data.ContentHash(), direct->ContentHash());
}

TEST(FetchListTest, GarbageEmptyAndMissingFilesFail) {
  LocalServer server;
  server.Serve("/garbage.xml", "<html><body>Service unavailable</body></html>");
  server.Serve("/empty.xml", "");
  Result<FetchedList> garbage =
      FetchList(OneFile("un-sc", "consolidated.xml", server.Url("/garbage.xml")), QuickOptions());
  ASSERT_FALSE(garbage);
  EXPECT_EQ(garbage.error().location().file, server.Url("/garbage.xml"))
      << garbage.error().ToString();
  Result<FetchedList> empty =
      FetchList(OneFile("un-sc", "consolidated.xml", server.Url("/empty.xml")), QuickOptions());
  ASSERT_FALSE(empty);
  EXPECT_NE(empty.error().message().find("empty"), std::string::npos);
  Result<FetchedList> missing =
      FetchList(OneFile("un-sc", "consolidated.xml", server.Url("/nope.xml")), QuickOptions());
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code(), StatusCode::kNotFound);
}

TEST(FetchListTest, AnAddressServingGarbageFallsThroughToTheNext) {
  INTERDICT_SHARED_FILE(dpl, "us_bis_dpl/dpl.txt");
  LocalServer server;
  server.Serve("/moved", "<!DOCTYPE html><html>we moved</html>");
  server.Serve("/dpl.txt", ReadFile(dpl));
  SourceSpec source = OneFile("us-dpl", "dpl.txt", server.Url("/moved"));
  source.format = Format::kBisDpl;
  source.files[0].urls.push_back(server.Url("/dpl.txt"));
  Result<FetchedList> fetched = FetchList(source, QuickOptions());
  ASSERT_TRUE(fetched) << fetched.error().ToString();
  EXPECT_EQ(fetched->source, server.Url("/dpl.txt"));
  EXPECT_FALSE(fetched->data.entities.empty());
}

TEST(FetchListTest, LocalFolderSource) {
  INTERDICT_SHARED_FILE(folder, "ofac_consolidated_nonsdn");
  SourceSpec source;
  source.list = "ofac-cons";
  source.format = Format::kOfacCsv;
  source.path = folder;
  Result<FetchedList> fetched = FetchList(source, QuickOptions());
  ASSERT_TRUE(fetched) << fetched.error().ToString();
  EXPECT_EQ(fetched->data.list, "ofac-cons");
  EXPECT_EQ(fetched->data.entities.size(), 442u);
  EXPECT_EQ(fetched->source, folder.string());
}

}  // namespace
}  // namespace interdict
