// The case-work routes (docs/api.md#case-work) on the real UN SC list: a
// population with listed names in other spellings is imported over HTTP,
// its alerts are worked through the queue, decided (one of two concurrent
// decisions wins, four-eyes), allowlisted, and own designations reach the
// screening index. Every key has a role and a user the work is attributed to.
#include <gtest/gtest.h>

#include <atomic>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "server/keys.h"
#include "server_fixture.h"

namespace interdict::testing {
namespace {

using nlohmann::json;
using server::Role;

constexpr const char* kPopulation =
    "id,name,type,dob,country,identifiers\n"
    "C1,Erik Badeghe,person,,,\n"       // un-sc:CDi.001 ERIC BADEGE
    "C2,Gaston Iyamuremye,person,,,\n"  // un-sc:CDi.003
    "C3,Tomas Lubanga,person,,,\n"      // un-sc:CDi.007 THOMAS LUBANGA
    "C4,Laurent Nkunda,person,,,\n"     // un-sc:CDi.022
    "C5,Sultani Makenga,person,,,\n"    // un-sc:CDi.008
    "C6,Bosco Taganda,person,,,\n"      // un-sc:CDi.030
    "C7,Maria Lopez Garcia,person,1984-05-01,es,\n"
    "C8,Northwind Dairy Cooperative,organization,,nl,\n";

// Keys by user; the label is the user the key acts as.
struct Keys {
  std::string alice, bob, rita, ruth, ada, app;
};

class CasesApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!std::filesystem::exists(UnListPath())) return;
    data_ = new TempDir();
    server::ServerOptions options;
    options.keys_file = data_->path() / "keys";
    keys_ = new Keys{Add(options.keys_file, Role::kAnalyst, "alice"),
                     Add(options.keys_file, Role::kAnalyst, "bob"),
                     Add(options.keys_file, Role::kReviewer, "rita"),
                     Add(options.keys_file, Role::kReviewer, "ruth"),
                     Add(options.keys_file, Role::kAdmin, "ada"),
                     Add(options.keys_file, Role::kScreen, "app")};
    options.service.db_path = (data_->path() / "cases.db").string();
    LoadUnList(options.service.db_path);
    server_ = new TestServer(options);
    ASSERT_TRUE(server_->ok()) << server_->error();
    ASSERT_TRUE(server_->WaitReady());
    auto res = Call("POST", "/v1/customers/import?name=population.csv", keys_->alice, kPopulation,
                    "text/csv");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
    import_ = new json(Json(res));
  }
  static void TearDownTestSuite() {
    delete server_;
    delete keys_;
    delete import_;
    delete data_;
    server_ = nullptr;
  }
  void SetUp() override {
    INTERDICT_SHARED_FILE(un, "un_sc/consolidated.xml");
    ASSERT_NE(server_, nullptr);
    ASSERT_TRUE(server_->ok());
  }

  static std::string Add(const std::filesystem::path& file, Role role, const std::string& user) {
    Result<std::string> key = server::GenerateKey();
    EXPECT_TRUE(key.has_value());
    EXPECT_TRUE(server::AppendKey(file, *key, role, user).ok());
    return *key;
  }

  static httplib::Result Call(const std::string& method, const std::string& path,
                              const std::string& key, const std::string& body = "",
                              const std::string& type = "application/json") {
    auto client = server_->Client();
    httplib::Headers headers;
    if (!key.empty()) headers.emplace("Authorization", "Bearer " + key);
    if (method == "GET") return client->Get(path, headers);
    if (method == "DELETE") return client->Delete(path, headers, body, type);
    if (method == "PUT") return client->Put(path, headers, body, type);
    return client->Post(path, headers, body, type);
  }

  // The one open alert of a customer on `entity`, as the queue lists it.
  static json AlertOf(const std::string& customer, const std::string& entity) {
    auto res = Call("GET", "/v1/alerts?customer=" + customer + "&limit=50", keys_->alice);
    EXPECT_TRUE(res && res->status == 200);
    const json alerts = Json(res)["alerts"];
    for (const json& alert : alerts) {
      if (alert["entity_id"] == entity) return alert;
    }
    ADD_FAILURE() << "no alert for " << customer << " on " << entity << ": " << res->body;
    return json::object();
  }

  static std::string Decide(const std::string& decision, const std::string& comment,
                            std::int64_t expected = 0) {
    json body = {{"decision", decision}, {"comment", comment}};
    if (expected > 0) body["expected_version"] = expected;
    return body.dump();
  }

  static std::string AlertPath(const json& alert, const std::string& tail = "") {
    return "/v1/alerts/" + std::to_string(alert["id"].get<std::int64_t>()) + tail;
  }

  static inline TempDir* data_ = nullptr;
  static inline Keys* keys_ = nullptr;
  static inline TestServer* server_ = nullptr;
  static inline json* import_ = nullptr;
};

TEST_F(CasesApiTest, ImportScreensTheNewCustomers) {
  const json& report = *import_;
  EXPECT_EQ(report["source"], "api:population.csv");
  EXPECT_EQ(report["rows"], 8);
  EXPECT_EQ(report["added"], 8);
  EXPECT_EQ(report["screened"], 8);
  EXPECT_GE(report["alerts_opened"].get<int>(), 6);
  EXPECT_TRUE(report["errors"].empty());
  // The same file again changes nothing.
  auto res = Call("POST", "/v1/customers/import", keys_->alice, kPopulation, "text/csv");
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(Json(res)["unchanged"], 8);
  EXPECT_EQ(Json(res)["alerts_opened"], 0);

  res = Call("GET", "/v1/customers/C1", keys_->alice);
  ASSERT_EQ(res->status, 200) << res->body;
  const json customer = Json(res);
  EXPECT_EQ(customer["record"]["name"], "Erik Badeghe");
  ASSERT_FALSE(customer["alerts"].empty());
  EXPECT_EQ(customer["alerts"][0]["entity_id"], "un-sc:CDi.001");
  // The benign customers raised nothing.
  EXPECT_TRUE(Json(Call("GET", "/v1/customers/C7", keys_->alice))["alerts"].empty());
  EXPECT_TRUE(Json(Call("GET", "/v1/customers/C8", keys_->alice))["alerts"].empty());
}

TEST_F(CasesApiTest, QueueFiltersAndAlertDetail) {
  const json alert = AlertOf("C1", "un-sc:CDi.001");
  EXPECT_EQ(alert["status"], "open");
  EXPECT_EQ(alert["list"], "un-sc");
  EXPECT_EQ(alert["customer_name"], "Erik Badeghe");
  EXPECT_EQ(alert["entity_name"], "ERIC BADEGE");
  const double score = alert["score"].get<double>();
  EXPECT_GE(score, 0.8);

  auto ids = [](const httplib::Result& res) {
    std::set<std::int64_t> out;
    const json alerts = Json(res)["alerts"];
    for (const json& a : alerts) out.insert(a["id"].get<std::int64_t>());
    return out;
  };
  const std::int64_t id = alert["id"];
  EXPECT_TRUE(ids(Call("GET", "/v1/alerts?status=active&list=un-sc", keys_->alice)).count(id));
  EXPECT_FALSE(ids(Call("GET", "/v1/alerts?status=closed", keys_->alice)).count(id));
  EXPECT_FALSE(ids(Call("GET", "/v1/alerts?list=ofac-sdn", keys_->alice)).count(id));
  EXPECT_FALSE(
      ids(Call("GET", "/v1/alerts?min_score=" + std::to_string(score + 0.001), keys_->alice))
          .count(id));
  EXPECT_TRUE(ids(Call("GET", "/v1/alerts?max_age_days=1", keys_->alice)).count(id));
  EXPECT_FALSE(ids(Call("GET", "/v1/alerts?min_age_days=1", keys_->alice)).count(id));
  EXPECT_FALSE(ids(Call("GET", "/v1/alerts?assignee=nobody", keys_->alice)).count(id));
  // Paging: one per page, and the pages do not overlap.
  auto page1 = Json(Call("GET", "/v1/alerts?limit=1", keys_->alice));
  auto page2 = Json(Call("GET", "/v1/alerts?limit=1&offset=1", keys_->alice));
  ASSERT_EQ(page1["alerts"].size(), 1u);
  ASSERT_EQ(page2["alerts"].size(), 1u);
  EXPECT_TRUE(page1["more"].get<bool>());
  EXPECT_NE(page1["alerts"][0]["id"], page2["alerts"][0]["id"]);

  auto res = Call("GET", AlertPath(alert), keys_->alice);
  ASSERT_EQ(res->status, 200) << res->body;
  const json detail = Json(res);
  EXPECT_EQ(detail["alert"]["id"], id);
  EXPECT_EQ(detail["user"], "alice");
  EXPECT_EQ(detail["customer"]["name"], "Erik Badeghe");
  EXPECT_EQ(detail["entity"]["id"], "un-sc:CDi.001");
  EXPECT_TRUE(detail["alert"]["explanation"].is_object());
  EXPECT_EQ(detail["alert"]["basis"]["ofac"]["basis"], "listed");
  ASSERT_FALSE(detail["history"].empty());
  EXPECT_EQ(detail["history"][0]["action"], "alert.open");
}

TEST_F(CasesApiTest, AssignCommentAndDecideFalsePositiveFillsTheAllowlist) {
  const json alert = AlertOf("C2", "un-sc:CDi.003");
  auto res = Call("POST", AlertPath(alert, "/assign"), keys_->rita, R"({"assignee":"bob"})");
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(Json(res)["assignee"], "bob");
  EXPECT_TRUE(Json(Call("GET", "/v1/alerts?assignee=bob", keys_->alice))["alerts"][0]["id"] ==
              alert["id"]);
  res = Call("POST", AlertPath(alert, "/comments"), keys_->bob, R"({"text":"checking the DOB"})");
  ASSERT_EQ(res->status, 201) << res->body;
  EXPECT_EQ(Json(res)["author"], "bob");
  res = Call("POST", AlertPath(alert, "/decide"), keys_->bob, Decide("in_review", "looking at it"));
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(Json(res)["status"], "in_review");
  res = Call("POST", AlertPath(alert, "/decide"), keys_->bob,
             Decide("false_positive", "customer born 1990 in Lyon; entity born 1960"));
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(Json(res)["status"], "closed_false_positive");
  EXPECT_EQ(Json(res)["decided_by"], "bob");

  const json detail = Json(Call("GET", AlertPath(alert), keys_->alice));
  ASSERT_EQ(detail["comments"].size(), 2u);
  EXPECT_EQ(detail["comments"][0]["text"], "checking the DOB");
  std::vector<std::string> actions;
  for (const json& row : detail["history"])
    actions.push_back(row["actor"].get<std::string>() + " " + row["action"].get<std::string>());
  EXPECT_EQ(actions, (std::vector<std::string>{"alice alert.open", "rita alert.assign",
                                               "bob alert.comment", "bob alert.review",
                                               "bob alert.comment", "bob alert.decide"}));

  res = Call("GET", "/v1/allowlist", keys_->alice);
  ASSERT_EQ(res->status, 200);
  bool found = false;
  const json entries = Json(res)["entries"];
  for (const json& e : entries) {
    if (e["customer_id"] == "C2" && e["entity_id"] == "un-sc:CDi.003") {
      found = true;
      EXPECT_EQ(e["created_by"], "bob");
      EXPECT_EQ(e["alert_id"], alert["id"]);
      EXPECT_EQ(e["customer_name"], "Gaston Iyamuremye");
    }
  }
  EXPECT_TRUE(found);
  // An analyst may not take a pair off the allowlist; a reviewer may, once.
  const std::string pair = "/v1/allowlist?customer=C2&entity=un-sc:CDi.003";
  res = Call("DELETE", pair, keys_->alice);
  EXPECT_EQ(res->status, 403);
  EXPECT_EQ(ErrorCode(res), "permission_denied");
  res = Call("DELETE", pair, keys_->rita);
  ASSERT_EQ(res->status, 200) << res->body;
  res = Call("DELETE", pair, keys_->rita);
  EXPECT_EQ(res->status, 404);
  EXPECT_EQ(ErrorCode(res), "not_found");
}

TEST_F(CasesApiTest, OfTwoConcurrentDecisionsExactlyOneWins) {
  const json alert = AlertOf("C3", "un-sc:CDi.007");
  const std::int64_t revision = alert["revision"];
  std::atomic<int> ok{0}, conflict{0};
  std::vector<std::string> errors(2);
  auto decide = [&](int i, const std::string& key, const std::string& decision) {
    auto res = Call("POST", AlertPath(alert, "/decide"), key,
                    Decide(decision, "decided by analyst " + std::to_string(i), revision));
    if (res && res->status == 200) ++ok;
    if (res && res->status == 409) {
      ++conflict;
      errors[i] = ErrorCode(res);
    }
  };
  std::thread a(decide, 0, keys_->alice, "true_match");
  std::thread b(decide, 1, keys_->bob, "false_positive");
  a.join();
  b.join();
  EXPECT_EQ(ok, 1);
  EXPECT_EQ(conflict, 1);
  EXPECT_TRUE(errors[0] == "conflict" || errors[1] == "conflict");
  // A decision against the revision read before is refused too.
  auto res = Call("POST", AlertPath(alert, "/decide"), keys_->alice,
                  Decide("true_match", "late", revision));
  EXPECT_EQ(res->status, 409);
  EXPECT_EQ(ErrorCode(res), "conflict");
}

TEST_F(CasesApiTest, FourEyesNeedsAnotherReviewer) {
  ASSERT_TRUE(server_->server().service().casework()->SetSetting("ada", "four_eyes", "on").ok());
  const json first = AlertOf("C4", "un-sc:CDi.022");
  auto res = Call("POST", AlertPath(first, "/decide"), keys_->alice,
                  Decide("true_match", "same person, same DOB"));
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(Json(res)["status"], "awaiting_confirmation");
  EXPECT_EQ(Json(res)["proposed"], "closed_true_match");
  EXPECT_EQ(Json(res)["proposed_by"], "alice");
  // An analyst key cannot confirm at all.
  res = Call("POST", AlertPath(first, "/confirm"), keys_->bob, R"({"approve":true})");
  EXPECT_EQ(res->status, 403);
  res = Call("POST", AlertPath(first, "/confirm"), keys_->rita,
             R"({"approve":true,"comment":"agreed"})");
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(Json(res)["status"], "closed_true_match");
  EXPECT_EQ(Json(res)["decided_by"], "rita");

  // A reviewer may not confirm a closure they proposed; a second one rejects it.
  const json second = AlertOf("C5", "un-sc:CDi.008");
  res = Call("POST", AlertPath(second, "/decide"), keys_->rita,
             Decide("false_positive", "different person"));
  ASSERT_EQ(res->status, 200) << res->body;
  res = Call("POST", AlertPath(second, "/confirm"), keys_->rita, R"({"approve":true})");
  EXPECT_EQ(res->status, 403);
  EXPECT_NE(Json(res)["error"]["message"].get<std::string>().find("four-eyes"), std::string::npos);
  res = Call("POST", AlertPath(second, "/confirm"), keys_->ruth,
             R"({"approve":false,"comment":"the DOB matches"})");
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(Json(res)["status"], "in_review");
  ASSERT_TRUE(server_->server().service().casework()->SetSetting("ada", "four_eyes", "off").ok());
}

TEST_F(CasesApiTest, RolesGateEveryRoute) {
  const json alert = AlertOf("C6", "un-sc:CDi.030");
  const std::string decide = Decide("true_match", "x");
  // No key: 401; a screen-only key: reads lists but does no case work.
  EXPECT_EQ(Call("GET", "/v1/alerts", "")->status, 401);
  for (auto [method, path] :
       std::vector<std::pair<std::string, std::string>>{{"GET", "/v1/alerts"},
                                                        {"GET", AlertPath(alert)},
                                                        {"POST", AlertPath(alert, "/decide")},
                                                        {"GET", "/v1/allowlist"},
                                                        {"POST", "/v1/customers/import"}}) {
    auto res = Call(method, path, keys_->app, decide);
    EXPECT_EQ(res->status, 403) << method << " " << path;
    EXPECT_EQ(ErrorCode(res), "permission_denied");
  }
  EXPECT_EQ(Call("GET", "/v1/lists", keys_->app)->status, 200);
  // Analysts: no designations, no audit; reviewers: no designations either.
  for (auto [method, path] :
       std::vector<std::pair<std::string, std::string>>{{"POST", "/v1/designations"},
                                                        {"DELETE", "/v1/designations/1?reason=x"},
                                                        {"GET", "/v1/audit/verify"},
                                                        {"GET", "/v1/audit/export"}}) {
    EXPECT_EQ(Call(method, path, keys_->alice)->status, 403) << method << " " << path;
    EXPECT_EQ(Call(method, path, keys_->rita)->status, 403) << method << " " << path;
  }
  const json me = Json(Call("GET", "/v1/me", keys_->rita));
  EXPECT_EQ(me["user"], "rita");
  EXPECT_EQ(me["role"], "reviewer");
  EXPECT_EQ(Json(Call("GET", "/v1/me", keys_->app))["role"], "screen");
}

TEST_F(CasesApiTest, BadInputGetsJsonErrors) {
  const json alert = AlertOf("C6", "un-sc:CDi.030");
  struct Case {
    std::string method, path, body;
    int status;
    std::string code, field;
  };
  const std::string decide = AlertPath(alert, "/decide");
  for (const Case& c : std::vector<Case>{
           {"POST", decide, R"({"decision":5})", 400, "invalid_argument", "decision"},
           {"POST", decide, R"({"decision":"maybe","comment":"x"})", 400, "invalid_argument",
            "decision"},
           {"POST", decide, R"({"decision":"true_match"})", 400, "invalid_argument", "comment"},
           {"POST", decide, R"({"decision":"true_match","comment":"x","expected_version":"3"})",
            400, "invalid_argument", "expected_version"},
           {"POST", decide, "{\"decision\": ", 400, "parse_error", "body"},
           {"POST", decide, "[1]", 400, "invalid_argument", "body"},
           {"POST", "/v1/alerts/999999/decide", R"({"decision":"true_match","comment":"x"})", 404,
            "not_found", "id"},
           {"GET", "/v1/alerts/999999", "", 404, "not_found", "id"},
           {"GET", "/v1/alerts/abc", "", 404, "not_found", "id"},
           {"GET", "/v1/alerts?status=bogus", "", 400, "invalid_argument", "status"},
           {"GET", "/v1/alerts?min_score=2", "", 400, "invalid_argument", "min_score"},
           {"GET", "/v1/alerts?limit=0", "", 400, "invalid_argument", "limit"},
           {"GET", "/v1/customers/NOPE", "", 404, "not_found", "id"},
           {"POST", AlertPath(alert, "/comments"), R"({"text":""})", 400, "invalid_argument",
            "text"},
           {"POST", AlertPath(alert, "/confirm"), R"({"approve":"yes"})", 400, "invalid_argument",
            "approve"},
           {"DELETE", "/v1/allowlist?customer=C6", "", 400, "invalid_argument", "entity"},
       }) {
    const std::string& key =
        c.path.ends_with("/confirm") || c.method == "DELETE" ? keys_->rita : keys_->alice;
    auto res = Call(c.method, c.path, key, c.body);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, c.status)
        << c.method << " " << c.path << " " << c.body << ": " << res->body;
    EXPECT_EQ(ErrorCode(res), c.code) << c.path;
    EXPECT_EQ(Json(res)["error"]["field"], c.field) << c.path << " " << c.body;
  }
  // The alert is untouched by all that.
  EXPECT_EQ(AlertOf("C6", "un-sc:CDi.030")["revision"], alert["revision"]);
}

TEST_F(CasesApiTest, ABadImportRowWritesNothing) {
  auto res = Call("POST", "/v1/customers/import", keys_->alice,
                  "id,name,type,dob,country,identifiers\n"
                  "N1,Nadia Okafor,person,1980-02-03,ng,\n"
                  "N2,Pieter de Vries,person,1975-13-40,nl,\n"
                  "N3,,person,,,\n",
                  "text/csv");
  ASSERT_EQ(res->status, 400) << res->body;
  const json body = Json(res);
  EXPECT_EQ(body["error"]["code"], "invalid_argument");
  ASSERT_EQ(body["errors"].size(), 2u) << res->body;
  EXPECT_EQ(body["errors"][0]["line"], 3);
  EXPECT_EQ(body["errors"][1]["line"], 4);
  EXPECT_EQ(Call("GET", "/v1/customers/N1", keys_->alice)->status, 404);
}

TEST_F(CasesApiTest, OwnDesignationsReachTheScreeningIndex) {
  const std::string screen = R"({"name":"Zorvath Quilmane","type":"person"})";
  auto top = [&]() -> json {
    auto res = Call("POST", "/v1/screen", keys_->app, screen);
    EXPECT_EQ(res->status, 200);
    const json matches = Json(res)["matches"];
    return matches.empty() ? json() : matches[0];
  };
  EXPECT_TRUE(top().is_null());
  auto res = Call("POST", "/v1/designations", keys_->ada, R"({
      "type": "person", "name": "Zorvath Quillmane", "aliases": ["Z. Quillmane"],
      "dob": "1968-04-02", "country": "Norway",
      "identifiers": [{"type": "passport", "value": "NO1234567"}],
      "reason": "internal fraud investigation 2026-17",
      "evidence": ["https://intranet.example/cases/2026-17"], "expires": "2030-01-01"})");
  ASSERT_EQ(res->status, 201) << res->body;
  const json added = Json(res)["designation"];
  const std::string id = added["id"];
  EXPECT_EQ(added["author"], "ada");
  EXPECT_EQ(added["entity"]["countries"][0], "no");
  EXPECT_EQ(top()["entity_id"], id);

  const std::string number = std::to_string(added["number"].get<std::int64_t>());
  res = Call("PUT", "/v1/designations/" + number, keys_->ada,
             R"({"type": "person", "name": "Zorvath Quillmane-Brandt"})");
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(Json(res)["designation"]["entity"]["names"][0]["name"], "Zorvath Quillmane-Brandt");
  EXPECT_EQ(Json(res)["designation"]["reason"], "internal fraud investigation 2026-17");

  res = Call("GET", "/v1/designations", keys_->alice);
  ASSERT_EQ(res->status, 200);
  EXPECT_EQ(Json(res)["designations"][0]["id"], id);
  EXPECT_TRUE(Json(res)["designations"][0]["active"].get<bool>());

  EXPECT_EQ(Call("DELETE", "/v1/designations/" + number, keys_->ada)->status, 400);
  res = Call("DELETE", "/v1/designations/" + number + "?reason=cleared", keys_->ada);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(Json(res)["designation"]["removed_by"], "ada");
  EXPECT_TRUE(top().is_null() || top()["entity_id"] != id);
  EXPECT_EQ(Call("PUT", "/v1/designations/99999", keys_->ada, R"({"type": "person", "name": "X"})")
                ->status,
            404);
  res = Call("POST", "/v1/designations", keys_->ada, R"({"type": "planet", "name": "X"})");
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(Json(res)["error"]["field"], "type");
}

TEST_F(CasesApiTest, AuditVerifiesAndExportsAttributedRows) {
  auto res = Call("GET", "/v1/audit/verify", keys_->ada);
  ASSERT_EQ(res->status, 200) << res->body;
  const json check = Json(res);
  EXPECT_TRUE(check["ok"].get<bool>()) << res->body;
  EXPECT_GT(check["rows"].get<int>(), 0);
  EXPECT_EQ(check["head"].get<std::string>().size(), 64u);
  res = Call("GET", "/v1/audit/export", keys_->ada);
  ASSERT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/x-ndjson");
  std::istringstream lines(res->body);
  std::int64_t seq = 0;
  bool import_by_alice = false;
  for (std::string line; std::getline(lines, line);) {
    const json row = json::parse(line);
    EXPECT_EQ(row["seq"], ++seq);
    if (row["action"] == "customers.import" && row["actor"] == "alice") import_by_alice = true;
  }
  EXPECT_EQ(seq, check["rows"].get<std::int64_t>());
  EXPECT_TRUE(import_by_alice);
}

TEST_F(CasesApiTest, SettingsAreReadByAnalystsAndChangedByAdminsWithAnAuditRow) {
  auto res = Call("GET", "/v1/settings", keys_->alice);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(Json(res), json::parse(R"({"settings":{"four_eyes":"off","threshold":"0.80"}})"));
  EXPECT_EQ(Call("GET", "/v1/settings", keys_->app)->status, 403);
  // Analysts and reviewers may not change them; the route refuses before case work.
  for (const std::string* key : {&keys_->alice, &keys_->rita}) {
    res = Call("PUT", "/v1/settings/threshold", *key, R"({"value":"0.9"})");
    EXPECT_EQ(res->status, 403) << res->body;
    EXPECT_EQ(ErrorCode(res), "permission_denied");
  }
  res = Call("PUT", "/v1/settings/threshold", keys_->ada, R"({"value":"0.85"})");
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(Json(res), json::parse(R"({"settings":{"four_eyes":"off","threshold":"0.85"}})"));
  EXPECT_EQ(server_->server().service().casework()->Threshold().value(), 0.85);
  // Bad values and unknown keys are 400 and change nothing.
  res = Call("PUT", "/v1/settings/threshold", keys_->ada, R"({"value":"1.5"})");
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(ErrorCode(res), "invalid_argument");
  EXPECT_EQ(Call("PUT", "/v1/settings/colour", keys_->ada, R"({"value":"red"})")->status, 400);
  res = Call("PUT", "/v1/settings/four_eyes", keys_->ada, R"({"value":true})");
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(Json(res)["error"]["field"], "value");
  EXPECT_EQ(Json(Call("GET", "/v1/settings", keys_->rita))["settings"]["threshold"], "0.85");

  // The change is in the audit trail as ada's configuration change.
  res = Call("GET", "/v1/audit/export", keys_->ada);
  ASSERT_EQ(res->status, 200);
  std::vector<json> changes;
  std::istringstream lines(res->body);
  for (std::string line; std::getline(lines, line);) {
    json row = json::parse(line);
    if (row["action"] == "setting.set" && row["subject"] == "setting:threshold") {
      changes.push_back(std::move(row));
    }
  }
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0]["actor"], "ada");
  EXPECT_EQ(changes[0]["details"], json::parse(R"({"before":null,"value":"0.85"})"));
  res = Call("PUT", "/v1/settings/threshold", keys_->ada, R"({"value":"0.80"})");
  ASSERT_EQ(res->status, 200) << res->body;
}

// Without keys (loopback only) case work acts as the local user.
TEST(CasesApiLocalTest, WithoutKeysTheLocalUserActs) {
  INTERDICT_SHARED_FILE(un, "un_sc/consolidated.xml");
  TempDir dir;
  server::ServerOptions options;
  options.service.db_path = (dir.path() / "local.db").string();
  LoadUnList(options.service.db_path);
  TestServer server(options);
  ASSERT_TRUE(server.ok()) << server.error();
  auto client = server.Client();
  auto res = client->Post("/v1/customers/import", "id,name\nL1,Erik Badeghe\n", "text/csv");
  ASSERT_EQ(res->status, 200) << res->body;
  auto alerts = Json(client->Get("/v1/alerts"))["alerts"];
  ASSERT_EQ(alerts.size(), 1u);
  res = client->Post("/v1/alerts/" + std::to_string(alerts[0]["id"].get<int>()) + "/decide",
                     R"({"decision":"false_positive","comment":"known customer"})",
                     "application/json");
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(Json(res)["decided_by"], "local");
  EXPECT_EQ(Json(client->Get("/v1/me"))["role"], "admin");
}

TEST(KeyUserTest, TheLabelNamesTheUser) {
  const std::string hash = server::Sha256HexOf("k");
  EXPECT_EQ(server::KeyUser("alice", hash), "alice");
  EXPECT_EQ(server::KeyUser("", hash), "key-" + hash.substr(0, 8));
  EXPECT_EQ(server::KeyUser("ops team", hash), "key-" + hash.substr(0, 8));
  EXPECT_EQ(server::ParseRole("reviewer"), Role::kReviewer);
  EXPECT_EQ(server::ParseRole("analyst"), Role::kAnalyst);
  EXPECT_FALSE(server::ParseRole("root").has_value());
  auto ring = server::KeyRing::Parse(hash + " reviewer rita\n", "keys");
  ASSERT_TRUE(ring.has_value());
  EXPECT_EQ(ring->Find("k")->user, "rita");
  EXPECT_EQ(ring->Find("k")->role, Role::kReviewer);
}

}  // namespace
}  // namespace interdict::testing
