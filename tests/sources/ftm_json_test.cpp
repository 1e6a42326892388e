// The FollowTheMoney JSON-lines parser, on the real OpenSanctions fixtures
// and on small inputs for the failure paths; also DetectScript().
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>

#include "sources/ftm_model.h"
#include "sources/parsers.h"
#include "sources/script.h"
#include "test_util.h"

namespace interdict::sources {
namespace {

Result<ListData> ParseShared(const std::filesystem::path& path) {
  return ParseFtmJson(testing::ReadFile(path), path.string());
}

const Entity* FindEntity(const ListData& data, const std::string& id) {
  auto it = std::find_if(data.entities.begin(), data.entities.end(),
                         [&](const Entity& e) { return e.id == id; });
  return it == data.entities.end() ? nullptr : &*it;
}

std::size_t CountWarnings(const ListData& data, const std::string& text) {
  return std::count_if(data.warnings.begin(), data.warnings.end(), [&](const ParseWarning& w) {
    return w.message.find(text) != std::string::npos;
  });
}

TEST(FtmJsonRealFile, ZalaPartiesRelationsAndFolds) {
  INTERDICT_SHARED_FILE(path, "opensanctions_ftm/zala_entities.ftm.json");
  Result<ListData> data = ParseShared(path);
  ASSERT_TRUE(data) << data.error().ToString();
  EXPECT_EQ(data->list, "ftm-zala");
  EXPECT_FALSE(data->is_delta);
  // 91 records: 6 Person + 11 Company become entities; 11 Address, 41
  // Sanction and 1 Passport fold into them; 14 Ownership, 3 Directorship
  // and 4 Family become relations.
  ASSERT_EQ(data->entities.size(), 17u);
  std::map<RelationType, std::size_t> relations;
  for (const Entity& e : data->entities)
    for (const Relation& r : e.relations) ++relations[r.type];
  EXPECT_EQ(relations[RelationType::kOwnerOf], 14u);
  EXPECT_EQ(relations[RelationType::kDirectorOf], 3u);
  EXPECT_EQ(relations[RelationType::kFamily], 4u);
  EXPECT_EQ(relations.size(), 3u);
  // The fixture cuts the graph: 16 addressEntity references point outside
  // it, and its Passport record has no number.
  EXPECT_EQ(CountWarnings(*data, "addressEntity"), 16u);
  EXPECT_EQ(CountWarnings(*data, "Passport without a number"), 1u);
  EXPECT_EQ(data->warnings.size(), 17u);

  const Entity* zakharov = FindEntity(*data, "ftm:NK-aU5ybkbRFJucf8YMwsJvDw");
  ASSERT_NE(zakharov, nullptr);
  EXPECT_EQ(zakharov->schema, Schema::kPerson);
  EXPECT_EQ(zakharov->PrimaryName(), "Alexander Vyacheslavovich ZAKHAROV");  // the caption
  // 11 names and 7 aliases, one alias repeating a name.
  EXPECT_EQ(zakharov->names.size(), 17u);
  EXPECT_EQ(zakharov->names[0].kind, NameKind::kPrimary);
  EXPECT_EQ(zakharov->names[1].kind, NameKind::kAka);
  // 13 Sanction records with 7 distinct programmes; earliest listing 2023-07-01.
  EXPECT_EQ(zakharov->programs.size(), 7u);
  EXPECT_NE(std::find(zakharov->programs.begin(), zakharov->programs.end(), "RUSSIA-EO14024"),
            zakharov->programs.end());
  EXPECT_EQ(zakharov->listed_on, (PartialDate{2023, 7, 1}));
  EXPECT_FALSE(std::none_of(zakharov->attributes.begin(), zakharov->attributes.end(),
                            [](const Attribute& a) { return a.key == "sanction.authority"; }));
  auto cst =
      std::find_if(zakharov->relations.begin(), zakharov->relations.end(), [](const Relation& r) {
        return r.source == "ftm:ru-770bdf5f22537fa2a94176f53fa87fe28ecf94fa";
      });
  ASSERT_NE(cst, zakharov->relations.end());
  EXPECT_EQ(cst->type, RelationType::kOwnerOf);
  EXPECT_EQ(cst->target, "ftm:NK-abdzbEBkqyT29GyREbiURZ");
  EXPECT_EQ(cst->target_name, "LLC CST");
  EXPECT_EQ(cst->share_min, 50.0);
  EXPECT_EQ(cst->share_max, 50.0);
  EXPECT_EQ(cst->start.from, (PartialDate{2015, 11, 25}));
  EXPECT_EQ(cst->end.from, (PartialDate{2023, 3, 2}));

  // Family links are held by the relative's side that the record names "person".
  const Entity* maria = FindEntity(*data, "ftm:NK-2Tbri3s6GgNtAwsSXh4qpL");
  ASSERT_NE(maria, nullptr);
  ASSERT_EQ(maria->relations.size(), 1u);
  EXPECT_EQ(maria->relations[0].type, RelationType::kFamily);
  EXPECT_EQ(maria->relations[0].role, "Family member of");
  EXPECT_EQ(maria->relations[0].target, "ftm:NK-aU5ybkbRFJucf8YMwsJvDw");
  EXPECT_EQ(maria->birth_dates.at(0).from, (PartialDate{1988, 1, 7}));
  auto cyrillic = std::find_if(maria->names.begin(), maria->names.end(), [](const Name& n) {
    return n.full == "Мария Александровна Осетрова";
  });
  ASSERT_NE(cyrillic, maria->names.end());
  EXPECT_EQ(cyrillic->script, "Cyrl");
  EXPECT_EQ(cyrillic->kind, NameKind::kAka);
  // Parts attach to the names containing them: "Мария" and "Осетрова" here.
  std::map<NamePartType, std::string> parts;
  for (const NamePart& p : cyrillic->parts) parts[p.type] = p.value;
  EXPECT_EQ(parts[NamePartType::kGiven], "Мария");
  EXPECT_EQ(parts[NamePartType::kFamily], "Осетрова");
  EXPECT_EQ(maria->names[0].script, "Latn");
  auto inn = std::find_if(maria->identifiers.begin(), maria->identifiers.end(),
                          [](const Identifier& i) { return i.label == "innCode"; });
  ASSERT_NE(inn, maria->identifiers.end());
  EXPECT_EQ(inn->type, IdentifierType::kTaxId);
  EXPECT_EQ(inn->value, "183116181362");
}

TEST(FtmJsonRealFile, T1PeopleAndOrganizations) {
  INTERDICT_SHARED_FILE(path, "opensanctions_ftm/t1_entities.ftm.json");
  Result<ListData> data = ParseShared(path);
  ASSERT_TRUE(data) << data.error().ToString();
  EXPECT_EQ(data->list, "ftm-t1");
  // 7 records: 4 Person + 2 Organization. The fixture's one Address is not
  // the one either organisation references, so both references warn.
  ASSERT_EQ(data->entities.size(), 6u);
  EXPECT_EQ(CountWarnings(*data, "addressEntity"), 2u);
  EXPECT_EQ(data->warnings.size(), 2u);
  const Entity* kuzmenko = FindEntity(*data, "ftm:NK-2Ka3UvopqbpZmVDFjWd4LA");
  ASSERT_NE(kuzmenko, nullptr);
  EXPECT_EQ(kuzmenko->schema, Schema::kPerson);
  EXPECT_EQ(kuzmenko->PrimaryName(), "Vitaly Yurievich KUZMENKO");
  ASSERT_EQ(kuzmenko->birth_dates.size(), 1u);
  EXPECT_EQ(kuzmenko->birth_dates[0].from, (PartialDate{1971, 1, 22}));
  auto dataset = std::find_if(kuzmenko->attributes.begin(), kuzmenko->attributes.end(),
                              [](const Attribute& a) { return a.key == "dataset"; });
  ASSERT_NE(dataset, kuzmenko->attributes.end());
  EXPECT_EQ(dataset->value, "eu_fsf");
}

TEST(FtmJsonRealFile, PartyDonationsIgnorePayments) {
  INTERDICT_SHARED_FILE(path, "opensanctions_ftm/parteispenden_entities.ftm.json");
  Result<ListData> data = ParseShared(path);
  ASSERT_TRUE(data) << data.error().ToString();
  // 475 records: 22 Person + 56 Company + 18 Organization; 89 Address fold
  // in; the 290 Payment records are reported in one warning.
  EXPECT_EQ(data->entities.size(), 96u);
  ASSERT_EQ(data->warnings.size(), 1u);
  EXPECT_NE(data->warnings[0].message.find("ignored 290 Payment"), std::string::npos);
  for (const Entity& e : data->entities) EXPECT_TRUE(e.relations.empty());
  const Entity* dachner = FindEntity(*data, "ftm:f9c295f21b233ac878fbac4d271bb6fd13d7952a");
  ASSERT_NE(dachner, nullptr);
  EXPECT_EQ(dachner->PrimaryName(), "Frau Lina Dachner");
  ASSERT_EQ(dachner->addresses.size(), 1u);
  EXPECT_EQ(dachner->addresses[0].full, "Schillerstraße 19, 76135 Karlsruhe");
  EXPECT_EQ(dachner->addresses[0].country, "de");
}

TEST(FtmJsonRealFile, DeltaFilesAddAndModify) {
  INTERDICT_SHARED_FILE(first, "opensanctions_ftm/t2_20240527194702-wnk_entities.delta.json");
  INTERDICT_SHARED_FILE(second, "opensanctions_ftm/t2_20240528014702-pfh_entities.delta.json");
  Result<ListData> a = ParseShared(first);
  Result<ListData> b = ParseShared(second);
  ASSERT_TRUE(a) << a.error().ToString();
  ASSERT_TRUE(b) << b.error().ToString();
  EXPECT_TRUE(a->is_delta);
  EXPECT_EQ(a->list, "ftm-t2");
  EXPECT_EQ(b->list, "ftm-t2");  // both versions update the same list
  ASSERT_EQ(a->entities.size(), 2u);
  EXPECT_EQ(a->entities[1].PrimaryName(), "Janan Agha");
  EXPECT_EQ(a->entities[1].schema, Schema::kPerson);
  ASSERT_EQ(b->entities.size(), 2u);  // one ADD, one MOD
  EXPECT_EQ(b->entities[1].id, "ftm:NK-2T3S8Hu29ktYnKSTgQp2wL");
  EXPECT_EQ(b->entities[1].PrimaryName(), "Foobar Foobargroup");
  EXPECT_TRUE(b->deleted_ids.empty());
}

TEST(FtmJsonParser, DeleteOperations) {
  Result<ListData> data = ParseFtmJson(
      R"({"op":"DEL","entity":{"id":"gone","schema":"Person"}})"
      "\n"
      R"({"op":"ADD","entity":{"id":"p","schema":"Person","properties":{"name":["A B"]}}})"
      "\n",
      "x/deltas/20240528014702-pfh/entities.delta.json");
  ASSERT_TRUE(data) << data.error().ToString();
  EXPECT_EQ(data->list, "ftm-deltas");
  EXPECT_EQ(data->deleted_ids, std::vector<std::string>{"ftm:gone"});
  ASSERT_EQ(data->entities.size(), 1u);
}

TEST(FtmJsonParser, ErrorsGiveLineAndReason) {
  auto fails = [](const std::string& text, std::int64_t line, const std::string& what) {
    Result<ListData> r = ParseFtmJson(text, "f.json");
    ASSERT_FALSE(r) << text;
    EXPECT_EQ(r.error().code(), StatusCode::kParseError);
    EXPECT_EQ(r.error().location().file, "f.json");
    EXPECT_EQ(r.error().location().line, line) << r.error().ToString();
    EXPECT_NE(r.error().ToString().find(what), std::string::npos) << r.error().ToString();
  };
  const std::string ok = R"({"id":"a","schema":"Person","properties":{"name":["A"]}})";
  fails(ok + "\n\n{\"id\":\"b\",", 3, "malformed JSON");
  fails(ok + "\n[1,2]", 2, "expected a JSON object");
  fails(R"({"schema":"Person"})", 1, "no \"id\"");
  fails(R"({"id":"a","properties":{}})", 1, "no \"schema\"");
  fails(R"({"id":"a","schema":"Person","properties":{"name":"A"}})", 1, "/properties/name");
  fails(ok + "\n" + ok, 2, "duplicate id \"a\" (first on line 1)");
  fails(ok + "\n" + R"({"op":"ADD","entity":{}})", 2, "delta operation in an entities file");
  fails(R"({"op":"PUT","entity":{"id":"a","schema":"Person"}})", 1, "ADD, MOD or DEL");
  fails("{\"id\":\"\xC3\",\"schema\":\"Person\"}", 1, "UTF-8");
  fails("\n\n", 0, "no FtM entities");
  fails(std::string(100000, '[') + "\n", 1, "malformed JSON");  // hostile nesting
}

TEST(FtmJsonParser, UnknownSchemaAndDanglingLinksAreWarnings) {
  Result<ListData> data = ParseFtmJson(
      R"({"id":"p","schema":"Person","properties":{"name":["Ann Lee"],"firstName":["Ann"]}})"
      "\n"
      R"({"id":"x","schema":"Spaceship","properties":{}})"
      "\n"
      R"({"id":"o","schema":"Ownership","properties":{"owner":["p"],"asset":["elsewhere"],"percentage":["25-50%"]}})"
      "\n"
      R"({"id":"s","schema":"Sanction","properties":{"entity":["missing"],"program":["X"]}})"
      "\n",
      "f.json");
  ASSERT_TRUE(data) << data.error().ToString();
  ASSERT_EQ(data->entities.size(), 1u);
  const Entity& ann = data->entities[0];
  ASSERT_EQ(ann.relations.size(), 1u);
  EXPECT_EQ(ann.relations[0].target, "ftm:elsewhere");
  EXPECT_EQ(ann.relations[0].share_min, 25.0);
  EXPECT_EQ(ann.relations[0].share_max, 50.0);
  EXPECT_EQ(ann.names[0].parts.size(), 1u);
  EXPECT_TRUE(ann.programs.empty());
  EXPECT_EQ(CountWarnings(*data, "ignored 1 Spaceship"), 1u);
  EXPECT_EQ(CountWarnings(*data, "Sanction for \"missing\""), 1u);
}

TEST(FtmModel, ParsesSharePercentages) {
  auto share = [](const char* text) {
    Relation r;
    ParseShare(text, &r);
    return std::make_pair(r.share_min, r.share_max);
  };
  EXPECT_EQ(share("50"), std::make_pair(std::optional(50.0), std::optional(50.0)));
  EXPECT_EQ(share("12,5 %"), std::make_pair(std::optional(12.5), std::optional(12.5)));
  EXPECT_EQ(share("<25"), std::make_pair(std::optional<double>(), std::optional(25.0)));
  EXPECT_EQ(share(">50%"), std::make_pair(std::optional(50.0), std::optional<double>()));
  EXPECT_EQ(share("50-25"), std::make_pair(std::optional<double>(), std::optional<double>()));
  EXPECT_EQ(share("150"), std::make_pair(std::optional<double>(), std::optional<double>()));
  EXPECT_EQ(share("majority"), std::make_pair(std::optional<double>(), std::optional<double>()));
}

TEST(DetectScript, NamesTheDominantScript) {
  EXPECT_EQ(DetectScript("Aleksandr Zakharov"), "Latn");
  EXPECT_EQ(DetectScript("Çağlar Müller-Łukasz"), "Latn");
  EXPECT_EQ(DetectScript("Александр Захаров"), "Cyrl");
  EXPECT_EQ(DetectScript("آغا"), "Arab");
  EXPECT_EQ(DetectScript("Εταιρία περιορισμένης ευθύνης “Inter Tobacco”"), "Grek");
  EXPECT_EQ(DetectScript("习近平"), "Hani");
  EXPECT_EQ(DetectScript("トヨタ自動車"), "Jpan");
  EXPECT_EQ(DetectScript("김정은"), "Hang");
  EXPECT_EQ(DetectScript("בנימין"), "Hebr");
  EXPECT_EQ(DetectScript("12-34 (.)"), "");
  EXPECT_EQ(DetectScript(""), "");
  EXPECT_EQ(DetectScript("\xFF\xFE\xC3"), "");  // invalid bytes are skipped
}

}  // namespace
}  // namespace interdict::sources
