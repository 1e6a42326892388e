// API keys and roles, the loopback rule, load-path and static-file
// containment, and CORS defaults.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "server/http_util.h"
#include "server/keys.h"
#include "server/static_files.h"
#include "server_fixture.h"

namespace interdict::testing {
namespace {

namespace fs = std::filesystem;
using server::KeyRing;
using server::Role;

TEST(KeysTest, GeneratedKeysAreStoredHashed) {
  TempDir dir;
  const fs::path file = dir / "keys";
  auto admin = server::GenerateKey();
  auto reader = server::GenerateKey();
  ASSERT_TRUE(admin && reader);
  EXPECT_NE(*admin, *reader);
  EXPECT_EQ(admin->size(), 68u);
  ASSERT_TRUE(server::AppendKey(file, *admin, Role::kAdmin, "ops").ok());
  ASSERT_TRUE(server::AppendKey(file, *reader, Role::kScreen, "").ok());
  const std::string text = ReadFile(file);
  EXPECT_EQ(text.find(*admin), std::string::npos);
  EXPECT_NE(text.find(server::Sha256HexOf(*admin) + " admin ops\n"), std::string::npos);
  struct stat info {};
  ASSERT_EQ(::stat(file.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);

  auto ring = KeyRing::Load(file);
  ASSERT_TRUE(ring) << ring.error().ToString();
  EXPECT_EQ(ring->size(), 2u);
  ASSERT_TRUE(ring->Find(*admin));
  EXPECT_EQ(ring->Find(*admin)->role, Role::kAdmin);
  EXPECT_EQ(ring->Find(*admin)->label, "ops");
  EXPECT_EQ(ring->Find(*reader)->role, Role::kScreen);
  EXPECT_FALSE(ring->Find("idk_guess"));
  EXPECT_FALSE(ring->Find(""));
}

TEST(KeysTest, MalformedKeysFilesNameTheLine) {
  auto ring = KeyRing::Parse("# comment\n\nnothex admin\n", "keys.txt");
  ASSERT_FALSE(ring);
  EXPECT_EQ(ring.error().location().file, "keys.txt");
  EXPECT_EQ(ring.error().location().line, 3);
  ring = KeyRing::Parse(std::string(64, 'a') + " root\n", "keys.txt");
  ASSERT_FALSE(ring);
  EXPECT_NE(ring.error().message().find("role"), std::string::npos);
  EXPECT_FALSE(KeyRing::Load("/nonexistent/keys"));
  EXPECT_TRUE(KeyRing::Parse(std::string(64, 'A') + " screen  a label\r\n", "k"));
}

TEST(SecurityTest, LoopbackOnlyWithoutKeys) {
  EXPECT_TRUE(server::IsLoopbackHost("127.0.0.1"));
  EXPECT_TRUE(server::IsLoopbackHost("127.3.2.1"));
  EXPECT_TRUE(server::IsLoopbackHost("::1"));
  EXPECT_TRUE(server::IsLoopbackHost("localhost"));
  EXPECT_FALSE(server::IsLoopbackHost("0.0.0.0"));
  EXPECT_FALSE(server::IsLoopbackHost("127.evil.example"));
  EXPECT_FALSE(server::IsLoopbackHost("10.0.0.1"));

  TempDir dir;
  server::ServerOptions options;
  options.host = "0.0.0.0";
  options.service.db_path = (dir / "db").string();
  auto created = server::Server::Create(options);
  ASSERT_FALSE(created);
  EXPECT_NE(created.error().message().find("without API keys"), std::string::npos);
  // An empty keys file is refused too: it would lock everyone out.
  WriteFile(dir / "keys", "# none yet\n");
  options.keys_file = dir / "keys";
  EXPECT_FALSE(server::Server::Create(options));
}

std::string json_body(const std::string& path) { return "{\"path\":\"" + path + "\"}"; }

class KeyedServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    admin_ = *server::GenerateKey();
    reader_ = *server::GenerateKey();
    ASSERT_TRUE(server::AppendKey(keys_dir_ / "keys", admin_, Role::kAdmin, "admin-1").ok());
    ASSERT_TRUE(server::AppendKey(keys_dir_ / "keys", reader_, Role::kScreen, "app").ok());
    fs::create_directories(keys_dir_ / "lists");
    WriteFile(keys_dir_ / "secret.xml", "<not yours/>");
    server::ServerOptions options;
    options.keys_file = keys_dir_ / "keys";
    options.service.load_root = keys_dir_ / "lists";
    server_ = std::make_unique<TestServer>(options);
    ASSERT_TRUE(server_->ok()) << server_->error();
    client_ = server_->Client();
  }
  httplib::Result Post(const std::string& path, const std::string& body, const std::string& key,
                       const char* type = "application/json") {
    httplib::Headers headers;
    if (!key.empty()) headers.emplace("Authorization", "Bearer " + key);
    return client_->Post(path.c_str(), headers, body, type);
  }

  TempDir keys_dir_;
  std::string admin_, reader_;
  std::unique_ptr<TestServer> server_;
  std::unique_ptr<httplib::Client> client_;
};

TEST_F(KeyedServerTest, RolesAreEnforced) {
  auto res = Post("/v1/screen", R"({"name":"x"})", "");
  EXPECT_EQ(res->status, 401);
  EXPECT_EQ(ErrorCode(res), "unauthenticated");
  EXPECT_EQ(res->get_header_value("WWW-Authenticate"), "Bearer");
  EXPECT_EQ(Post("/v1/screen", R"({"name":"x"})", "idk_wrong")->status, 401);
  // A screen key screens (503 here: nothing loaded yet) but may not load.
  EXPECT_EQ(Post("/v1/screen", R"({"name":"x"})", reader_)->status, 503);
  res = Post("/v1/lists/load", R"({"path":"un.xml"})", reader_);
  EXPECT_EQ(res->status, 403);
  EXPECT_EQ(ErrorCode(res), "permission_denied");
  // The X-API-Key header works as well; admin keys may read too.
  httplib::Headers headers = {{"X-API-Key", admin_}};
  EXPECT_EQ(client_->Get("/v1/lists", headers)->status, 200);
  EXPECT_EQ(client_->Get("/metrics")->status, 401);
  // Liveness, readiness and the API description stay open.
  EXPECT_EQ(client_->Get("/healthz")->status, 200);
  EXPECT_EQ(client_->Get("/openapi.json")->status, 200);
}

TEST_F(KeyedServerTest, LoadPathsStayInsideTheLoadRoot) {
  INTERDICT_SHARED_FILE(un, "un_sc/consolidated.xml");
  fs::copy_file(un, keys_dir_ / "lists" / "un.xml");
  fs::create_symlink(keys_dir_ / "secret.xml", keys_dir_ / "lists" / "link.xml");
  for (const char* path : {"../secret.xml", "link.xml", "/etc/passwd"}) {
    auto res = Post("/v1/lists/load", json_body(path), admin_);
    EXPECT_EQ(res->status, 403) << path << ": " << res->body;
    EXPECT_EQ(Json(res)["error"]["field"], "path");
  }
  EXPECT_EQ(Post("/v1/lists/load", json_body("missing.xml"), admin_)->status, 404);
  EXPECT_EQ(Post("/v1/lists/load", R"({"path": 7})", admin_)->status, 400);
  auto res = Post("/v1/lists/load", json_body("un.xml"), admin_);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(Json(res)["version"]["entities"], 1003);
  EXPECT_EQ(Json(res)["version"]["source"],
            (fs::canonical(keys_dir_ / "lists") / "un.xml").string());
}

TEST_F(KeyedServerTest, CorsIsOffByDefault) {
  httplib::Headers headers = {{"Origin", "https://evil.example"}, {"X-API-Key", reader_}};
  auto res = client_->Get("/v1/lists", headers);
  EXPECT_EQ(res->status, 200);
  EXPECT_FALSE(res->has_header("Access-Control-Allow-Origin"));
}

TEST(CorsTest, OnlyTheConfiguredOrigin) {
  server::ServerOptions options;
  options.cors_origin = "http://localhost:5173";
  TestServer server(options);
  ASSERT_TRUE(server.ok()) << server.error();
  auto client = server.Client();
  auto res = client->Get("/healthz", {{"Origin", "http://localhost:5173"}});
  EXPECT_EQ(res->get_header_value("Access-Control-Allow-Origin"), "http://localhost:5173");
  res = client->Get("/healthz", {{"Origin", "https://evil.example"}});
  EXPECT_FALSE(res->has_header("Access-Control-Allow-Origin"));
  res = client->Options("/v1/screen", {{"Origin", "http://localhost:5173"}});
  EXPECT_EQ(res->status, 204);
  EXPECT_NE(res->get_header_value("Access-Control-Allow-Headers").find("Authorization"),
            std::string::npos);
}

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(dir_ / "web" / "assets");
    WriteFile(dir_ / "web" / "index.html", "<!doctype html><title>Interdict</title>");
    WriteFile(dir_ / "web" / "assets" / "app.js", "console.log(1)");
    WriteFile(dir_ / "web" / ".env", "SECRET=1");
    WriteFile(dir_ / "secret.txt", "outside");
    fs::create_symlink(dir_ / "secret.txt", dir_ / "web" / "leak.txt");
  }
  TempDir dir_;
};

TEST_F(StaticFilesTest, ResolveNeverLeavesTheRoot) {
  server::StaticFiles files(dir_ / "web");
  ASSERT_TRUE(files.enabled());
  const fs::path root = fs::canonical(dir_ / "web");
  EXPECT_EQ(files.Resolve("/"), root / "index.html");
  EXPECT_EQ(files.Resolve("/assets/app.js"), root / "assets" / "app.js");
  EXPECT_EQ(files.Resolve("/entity/un-sc:QDi.001"), root / "index.html");  // UI route
  for (const char* path : {"/../secret.txt", "/assets/../../secret.txt", "/leak.txt", "/.env",
                           "/missing.js", "/..", "/assets/..\\..\\secret.txt"}) {
    EXPECT_TRUE(files.Resolve(path).empty()) << path;
  }
}

TEST_F(StaticFilesTest, ServedOverHttpWithoutTraversal) {
  server::ServerOptions options;
  options.web_root = dir_ / "web";
  TestServer server(options);
  ASSERT_TRUE(server.ok()) << server.error();
  auto client = server.Client();
  auto res = client->Get("/");
  ASSERT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(res->get_header_value("Content-Security-Policy").find("default-src 'self'"),
            std::string::npos);
  EXPECT_EQ(client->Get("/assets/app.js")->body, "console.log(1)");
  // Raw request lines, so no client normalises the dots away.
  for (const char* path :
       {"/../secret.txt", "/%2e%2e/secret.txt", "/assets/%2E%2E/%2E%2E/secret.txt", "/leak.txt",
        "/.env", "/assets/missing.js"}) {
    const std::string response =
        RawRequest(server.port(), "GET " + std::string(path) +
                                      " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    ASSERT_FALSE(response.empty()) << path;
    EXPECT_EQ(response.find("HTTP/1.1 200"), std::string::npos) << path << ": " << response;
    EXPECT_EQ(response.find("outside"), std::string::npos) << path;
    EXPECT_EQ(response.find("SECRET"), std::string::npos) << path;
  }
  // An absolute-looking path is just a UI route: it gets index.html.
  const std::string response = RawRequest(
      server.port(), "GET //etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_NE(response.find("<title>Interdict</title>"), std::string::npos) << response;
  EXPECT_EQ(response.find("root:"), std::string::npos);
}

}  // namespace
}  // namespace interdict::testing
