// ParseOfacCsvSet on the real OFAC SDN (2021) and consolidated (2025) CSV
// sets, and on small hand-written sets for the failure paths.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "sources/parsers.h"
#include "test_util.h"

namespace interdict::sources {
namespace {

using ::interdict::testing::ReadFile;

struct LoadedSet {
  std::string primary, alt, add, comments;
  OfacCsvFiles Files(bool consolidated) const {
    OfacCsvFiles files;
    files.primary = primary;
    files.alt = alt;
    files.add = add;
    files.comments = comments;
    files.primary_name = consolidated ? "cons_prim.csv" : "sdn.csv";
    files.alt_name = consolidated ? "cons_alt.csv" : "alt.csv";
    files.add_name = consolidated ? "cons_add.csv" : "add.csv";
    files.comments_name = consolidated ? "cons_comments.csv" : "sdn_comments.csv";
    files.consolidated = consolidated;
    return files;
  }
};

const Entity* Find(const ListData& data, std::string_view id) {
  auto it = std::find_if(data.entities.begin(), data.entities.end(),
                         [&](const Entity& e) { return e.id == id; });
  return it == data.entities.end() ? nullptr : &*it;
}

const Name* FindName(const Entity& entity, std::string_view full) {
  for (const Name& name : entity.names) {
    if (name.full == full) return &name;
  }
  return nullptr;
}

const Identifier* FindIdentifier(const Entity& entity, IdentifierType type) {
  for (const Identifier& id : entity.identifiers) {
    if (id.type == type) return &id;
  }
  return nullptr;
}

std::string AttributeValue(const Entity& entity, std::string_view key) {
  for (const Attribute& a : entity.attributes) {
    if (a.key == key) return a.value;
  }
  return "";
}

struct Totals {
  std::size_t names = 0, list_aliases = 0, weak_aliases = 0, addresses = 0;
  std::size_t links = 0, resolved_links = 0, free_text_remarks = 0;
  std::map<Schema, std::size_t> schemas;
};

Totals Count(const ListData& data) {
  Totals t;
  for (const Entity& e : data.entities) {
    t.schemas[e.schema]++;
    t.names += e.names.size();
    for (const Name& n : e.names) {
      if (n.kind == NameKind::kPrimary) continue;
      (n.quality == NameQuality::kWeak ? t.weak_aliases : t.list_aliases)++;
    }
    t.addresses += e.addresses.size();
    t.free_text_remarks += std::count_if(e.attributes.begin(), e.attributes.end(),
                                         [](const Attribute& a) { return a.key == "remark"; });
    for (const Relation& r : e.relations) {
      t.links++;
      if (!r.target.empty()) t.resolved_links++;
    }
  }
  return t;
}

TEST(OfacCsvRealTest, SdnSetCountsAndLinks) {
  INTERDICT_SHARED_FILE(dir, "ofac_sdn_2021");
  LoadedSet set{ReadFile(dir / "sdn.csv"), ReadFile(dir / "alt.csv"), ReadFile(dir / "add.csv"),
                ReadFile(dir / "sdn_comments.csv")};
  Result<ListData> data = ParseOfacCsvSet(set.Files(false));
  ASSERT_TRUE(data) << data.error().ToString();
  EXPECT_EQ(data->list, "ofac-sdn");
  EXPECT_EQ(data->format, Format::kOfacCsv);
  ASSERT_EQ(data->entities.size(), 8976u);

  Totals t = Count(*data);
  EXPECT_EQ(t.schemas[Schema::kPerson], 4620u);
  EXPECT_EQ(t.schemas[Schema::kOrganization], 3673u);
  EXPECT_EQ(t.schemas[Schema::kVessel], 406u);
  EXPECT_EQ(t.schemas[Schema::kAircraft], 277u);
  EXPECT_EQ(t.list_aliases, 11910u);  // every alt.csv row
  EXPECT_EQ(t.weak_aliases, 2441u);   // a.k.a./f.k.a. 'X' in the remarks
  EXPECT_EQ(t.names, 8976u + 11910u + 2441u);
  // 13,837 add.csv rows, of which 2,397 are placeholders with every column -0-.
  EXPECT_EQ(t.addresses, 11440u);
  EXPECT_EQ(t.free_text_remarks, 1685u);  // fragments no rule recognises, of ~32,700

  // 3,408 "Linked To:" fragments: 3,397 resolve; 7 name no SDN in this
  // snapshot (e.g. ROSTEC) and 4 name two entities ("MINISTRY OF STATE
  // SECURITY" is both ent 20129 and ent 25437).
  EXPECT_EQ(t.links, 3408u);
  EXPECT_EQ(t.resolved_links, 3397u);
  ASSERT_EQ(data->warnings.size(), 11u);
  std::size_t ambiguous = 0;
  for (const ParseWarning& w : data->warnings) {
    EXPECT_EQ(w.where.file, "sdn.csv");
    EXPECT_GT(w.where.line, 0);
    if (w.message.find("more than one entity") != std::string::npos) ambiguous++;
  }
  EXPECT_EQ(ambiguous, 4u);
  const Entity* demir = Find(*data, "ofac-sdn:27018");
  ASSERT_NE(demir, nullptr);
  ASSERT_EQ(demir->relations.size(), 1u);
  EXPECT_EQ(demir->relations[0].target, "");
  EXPECT_EQ(demir->relations[0].target_name, "PRESIDENCY OF DEFENSE INDUSTRIES");

  std::set<std::string> ids;
  for (const Entity& e : data->entities) ids.insert(e.id);
  EXPECT_EQ(ids.size(), data->entities.size());
}

class OfacSdnTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::filesystem::path dir = ::interdict::testing::SharedDataDir() / "ofac_sdn_2021";
    if (!std::filesystem::exists(dir / "sdn.csv")) return;
    static LoadedSet set{ReadFile(dir / "sdn.csv"), ReadFile(dir / "alt.csv"),
                         ReadFile(dir / "add.csv"), ReadFile(dir / "sdn_comments.csv")};
    Result<ListData> parsed = ParseOfacCsvSet(set.Files(false));
    if (parsed) data_ = new ListData(std::move(*parsed));
  }
  static void TearDownTestSuite() {
    delete data_;
    data_ = nullptr;
  }
  void SetUp() override {
    INTERDICT_SHARED_FILE(sdn, "ofac_sdn_2021/sdn.csv");
    ASSERT_NE(data_, nullptr) << "the SDN set failed to parse";
  }
  const Entity& Get(std::string_view id) {
    const Entity* e = Find(*data_, id);
    EXPECT_NE(e, nullptr) << id;
    static const Entity kEmpty;
    return e == nullptr ? kEmpty : *e;
  }
  static ListData* data_;
};
ListData* OfacSdnTest::data_ = nullptr;

TEST_F(OfacSdnTest, BancoNacionalDeCuba) {
  const Entity& bnc = Get("ofac-sdn:306");
  EXPECT_EQ(bnc.list, "ofac-sdn");
  EXPECT_EQ(bnc.schema, Schema::kOrganization);
  EXPECT_EQ(bnc.PrimaryName(), "BANCO NACIONAL DE CUBA");
  EXPECT_TRUE(bnc.names[0].parts.empty());  // only persons are split
  EXPECT_EQ(bnc.programs, std::vector<std::string>{"CUBA"});
  const Name* english = FindName(bnc, "NATIONAL BANK OF CUBA");
  ASSERT_NE(english, nullptr);
  EXPECT_EQ(english->kind, NameKind::kAka);
  EXPECT_EQ(english->quality, NameQuality::kUnspecified);
  const Name* weak = FindName(bnc, "BNC");
  ASSERT_NE(weak, nullptr);
  EXPECT_EQ(weak->kind, NameKind::kAka);
  EXPECT_EQ(weak->quality, NameQuality::kWeak);
  EXPECT_EQ(bnc.remarks, "a.k.a. 'BNC'.");
  const Address* zurich = nullptr;
  for (const Address& a : bnc.addresses) {
    if (a.city == "Zurich CH-8022") zurich = &a;
  }
  ASSERT_NE(zurich, nullptr);
  EXPECT_EQ(zurich->street, "Zweierstrasse 35");
  EXPECT_EQ(zurich->country, "ch");
  EXPECT_EQ(zurich->country_text, "Switzerland");
  EXPECT_EQ(zurich->full, "Zweierstrasse 35, Zurich CH-8022, Switzerland");
}

TEST_F(OfacSdnTest, PersonFromRemarks) {
  const Entity& saleh = Get("ofac-sdn:17387");
  EXPECT_EQ(saleh.schema, Schema::kPerson);
  ASSERT_FALSE(saleh.names.empty());
  ASSERT_EQ(saleh.names[0].parts.size(), 2u);
  EXPECT_EQ(saleh.names[0].parts[0].type, NamePartType::kFamily);
  EXPECT_EQ(saleh.names[0].parts[0].value, "SALEH");
  EXPECT_EQ(saleh.names[0].parts[1].type, NamePartType::kGiven);
  EXPECT_EQ(saleh.names[0].parts[1].value, "Ali Abdullah");
  EXPECT_EQ(saleh.gender, Gender::kMale);
  ASSERT_EQ(saleh.birth_dates.size(), 4u);
  EXPECT_EQ(saleh.birth_dates[0].from, (PartialDate{1945, 3, 21}));
  EXPECT_EQ(saleh.birth_dates[0].text, "21 Mar 1945");
  EXPECT_EQ(saleh.birth_dates[3].from, (PartialDate{1947, 3, 21}));
  EXPECT_EQ(saleh.birth_places, (std::vector<std::string>{
                                    "Bayt al-Ahmar, Sana'a Governorate, Yemen", "Sana'a, Yemen"}));
  EXPECT_EQ(saleh.nationalities, std::vector<std::string>{"ye"});
  const Identifier* passport = FindIdentifier(saleh, IdentifierType::kPassport);
  ASSERT_NE(passport, nullptr);
  EXPECT_EQ(passport->value, "00016161");
  EXPECT_EQ(passport->country, "ye");
  EXPECT_EQ(passport->note, "issued 19 Jun 2012 expires 18 Jun 2018");
  ASSERT_EQ(saleh.titles.size(), 1u);  // the Title column
  EXPECT_EQ(saleh.titles[0],
            "President of Yemen's General People's Congress party; Former President of the "
            "Republic of Yemen");
}

TEST_F(OfacSdnTest, VesselColumnsAndImo) {
  const Entity& hermann = Get("ofac-sdn:4234");
  EXPECT_EQ(hermann.schema, Schema::kVessel);
  const Identifier* call_sign = FindIdentifier(hermann, IdentifierType::kCallSign);
  ASSERT_NE(call_sign, nullptr);
  EXPECT_EQ(call_sign->value, "CL2685");
  EXPECT_EQ(AttributeValue(hermann, "vessel_type"), "General Cargo");
  EXPECT_EQ(AttributeValue(hermann, "tonnage"), "2597");
  EXPECT_EQ(AttributeValue(hermann, "grt"), "1098");
  EXPECT_EQ(AttributeValue(hermann, "vessel_flag"), "Cuba");
  EXPECT_EQ(AttributeValue(hermann, "vessel_owner"), "Compania Navegacion Golfo S.A.");
  EXPECT_EQ(hermann.countries, std::vector<std::string>{"cu"});

  const Entity& tug = Get("ofac-sdn:26627");
  const Identifier* imo = FindIdentifier(tug, IdentifierType::kImo);
  ASSERT_NE(imo, nullptr);
  EXPECT_EQ(imo->value, "9513282");
  EXPECT_EQ(imo->label, "Vessel Registration Identification");
  ASSERT_EQ(tug.relations.size(), 1u);
  EXPECT_EQ(tug.relations[0].type, RelationType::kLinkedTo);
  EXPECT_EQ(tug.relations[0].target, "ofac-sdn:26367");  // PETROLEOS DE VENEZUELA, S.A.
  EXPECT_TRUE(tug.addresses.empty());                    // its add.csv row is all -0-
}

TEST_F(OfacSdnTest, CommentsContinueRemarks) {
  // sdn.csv cuts ent 28263's remarks at "a.k.a. 'snowsjo"; the comment
  // carries on mid-word with "hn'; Linked To: LAZARUS GROUP."
  const Entity& tian = Get("ofac-sdn:28263");
  EXPECT_EQ(tian.programs, (std::vector<std::string>{"DPRK3", "CYBER2"}));
  EXPECT_NE(tian.remarks.find("a.k.a. 'snowsjohn'; Linked To: LAZARUS GROUP."), std::string::npos);
  const Name* alias = FindName(tian, "snowsjohn");
  ASSERT_NE(alias, nullptr);
  EXPECT_EQ(alias->quality, NameQuality::kWeak);
  ASSERT_EQ(tian.relations.size(), 1u);
  EXPECT_EQ(tian.relations[0].target_name, "LAZARUS GROUP");
  EXPECT_FALSE(tian.relations[0].target.empty());

  const Identifier* wallet = FindIdentifier(tian, IdentifierType::kDigitalCurrencyAddress);
  ASSERT_NE(wallet, nullptr);
  EXPECT_EQ(wallet->label, "Digital Currency Address - XBT");
  EXPECT_EQ(wallet->value, "134r8iHv69xdT6p5qVKTsHrcUEuBVZAYak");
  std::size_t wallets =
      std::count_if(tian.identifiers.begin(), tian.identifiers.end(),
                    [](auto& i) { return i.type == IdentifierType::kDigitalCurrencyAddress; });
  EXPECT_EQ(wallets, 8u);
  const Identifier* email = FindIdentifier(tian, IdentifierType::kEmail);
  ASSERT_NE(email, nullptr);
  EXPECT_EQ(email->value, "417136259@qq.com");

  // The passport of ent 29703 is only in sdn_comments.csv.
  const Identifier* passport = FindIdentifier(Get("ofac-sdn:29703"), IdentifierType::kPassport);
  ASSERT_NE(passport, nullptr);
  EXPECT_EQ(passport->value, "4005504207");
  EXPECT_EQ(passport->country, "ru");
}

TEST(OfacCsvRealTest, ConsolidatedSet) {
  INTERDICT_SHARED_FILE(dir, "ofac_consolidated_nonsdn");
  LoadedSet set{ReadFile(dir / "cons_prim.csv"), ReadFile(dir / "cons_alt.csv"),
                ReadFile(dir / "cons_add.csv"), ReadFile(dir / "cons_comments.csv")};
  Result<ListData> data = ParseOfacCsvSet(set.Files(true));
  ASSERT_TRUE(data) << data.error().ToString();
  EXPECT_EQ(data->list, "ofac-cons");
  ASSERT_EQ(data->entities.size(), 442u);
  Totals t = Count(*data);
  EXPECT_EQ(t.schemas[Schema::kPerson], 79u);
  EXPECT_EQ(t.schemas[Schema::kOrganization], 363u);
  EXPECT_EQ(t.list_aliases, 1073u);
  EXPECT_EQ(t.weak_aliases, 72u);
  EXPECT_EQ(t.addresses, 522u);  // of 574 rows; 52 are all -0-
  EXPECT_EQ(t.links, 283u);
  EXPECT_EQ(t.resolved_links, 282u);
  ASSERT_EQ(data->warnings.size(), 1u);  // "Linked To: HAMAS" is an SDN, not in this list
  EXPECT_EQ(data->warnings[0].where.element, "ofac-cons:9647");
  EXPECT_EQ(data->warnings[0].where.file, "cons_prim.csv");

  const Entity* haniya = Find(*data, "ofac-cons:9639");
  ASSERT_NE(haniya, nullptr);
  EXPECT_EQ(haniya->PrimaryName(), "HANIYA, Ismail Abdul Salah");
  EXPECT_EQ(haniya->programs, std::vector<std::string>{"NS-PLC"});
  ASSERT_EQ(haniya->birth_dates.size(), 1u);
  EXPECT_EQ(haniya->birth_dates[0].from, (PartialDate{1962, 0, 0}));
  EXPECT_EQ(haniya->birth_places, std::vector<std::string>{"Shati"});
  EXPECT_NE(FindName(*haniya, "HANIYYA, Ismaeel"), nullptr);

  // Ent 17014's comment ends its remarks with a weak alias.
  const Entity* rusag = Find(*data, "ofac-cons:17014");
  ASSERT_NE(rusag, nullptr);
  EXPECT_NE(FindName(*rusag, "RUSAG"), nullptr);
}

// Small inline sets for behaviour and failure paths. Rows are written as
// OFAC does: -0- nulls with a trailing space and CRLF line ends.
constexpr std::string_view kNull = "-0- ";

std::string PrimaryRow(std::string_view ent, std::string_view name, std::string_view type,
                       std::string_view remarks) {
  std::string row =
      std::string(ent) + ",\"" + std::string(name) + "\"," + std::string(type) + ",\"SDGT] [IRGC\"";
  for (int i = 0; i < 7; ++i) row += "," + std::string(kNull);
  return row + "," + std::string(remarks) + "\r\n";
}

class OfacCsvInlineTest : public ::testing::Test {
 protected:
  Result<ListData> Parse() {
    OfacCsvFiles files;
    files.primary = primary_;
    files.alt = alt_;
    files.add = add_;
    files.comments = comments_;
    files.primary_name = "sdn.csv";
    files.alt_name = "alt.csv";
    files.add_name = "add.csv";
    files.comments_name = "sdn_comments.csv";
    return ParseOfacCsvSet(files);
  }
  std::string primary_ = PrimaryRow("10", "DOE, John Q", "\"individual\"",
                                    "\"DOB 1970; Linked To: ACME TRADING CO.\"") +
                         PrimaryRow("20", "ACME TRADING CO.", "-0- ", "-0- ");
  std::string alt_, add_, comments_;
};

TEST_F(OfacCsvInlineTest, ParsesMinimalSet) {
  primary_ += "\x1A";
  alt_ = "10,1,\"aka\",\"DOE, Johnny\",-0- \r\n20,2,\"fka\",\"ACME LTD\",\"weak alias\"\r\n\x1A";
  add_ = "20,5,\"1 Main St\",\"Panama City\",\"Panama\",-0- \r\n20,6,-0- ,-0- ,-0- ,-0- \r\n";
  comments_ = "10,\"; Gender Male.\"\r\n";
  Result<ListData> data = Parse();
  ASSERT_TRUE(data) << data.error().ToString();
  ASSERT_EQ(data->entities.size(), 2u);
  const Entity& doe = data->entities[0];
  EXPECT_EQ(doe.id, "ofac-sdn:10");
  EXPECT_EQ(doe.programs, (std::vector<std::string>{"SDGT", "IRGC"}));
  EXPECT_EQ(doe.remarks, "DOB 1970; Linked To: ACME TRADING CO.; Gender Male.");
  EXPECT_EQ(doe.gender, Gender::kMale);
  ASSERT_EQ(doe.names.size(), 2u);
  EXPECT_EQ(doe.names[1].kind, NameKind::kAka);
  ASSERT_EQ(doe.names[1].parts.size(), 2u);
  EXPECT_EQ(doe.names[1].parts[1].value, "Johnny");
  ASSERT_EQ(doe.relations.size(), 1u);
  EXPECT_EQ(doe.relations[0].target, "ofac-sdn:20");  // "CO." vs "CO." after trimming
  const Entity& acme = data->entities[1];
  EXPECT_EQ(acme.schema, Schema::kOrganization);
  ASSERT_EQ(acme.names.size(), 2u);
  EXPECT_EQ(acme.names[1].kind, NameKind::kFka);
  EXPECT_EQ(acme.names[1].quality, NameQuality::kWeak);
  ASSERT_EQ(acme.addresses.size(), 1u);  // the all-null row adds nothing
  EXPECT_EQ(acme.addresses[0].country, "pa");
  EXPECT_TRUE(data->warnings.empty());
}

TEST_F(OfacCsvInlineTest, WrongFieldCountNamesFileLineAndByte) {
  primary_ += "30,\"SHORT\",-0- \r\n";
  Result<ListData> data = Parse();
  ASSERT_FALSE(data);
  EXPECT_EQ(data.error().code(), StatusCode::kParseError);
  EXPECT_EQ(data.error().location().file, "sdn.csv");
  EXPECT_EQ(data.error().location().line, 3);
  EXPECT_EQ(data.error().location().byte,
            static_cast<std::int64_t>(primary_.find("30,\"SHORT\"")) + 1);
  EXPECT_NE(data.error().message().find("expected 12 fields, found 3"), std::string::npos);
}

TEST_F(OfacCsvInlineTest, RejectsBadEntNum) {
  primary_ = PrimaryRow("12a", "X", "-0- ", "-0- ");
  Result<ListData> data = Parse();
  ASSERT_FALSE(data);
  EXPECT_EQ(data.error().location().line, 1);
  EXPECT_EQ(data.error().location().element, "ent_num");
  EXPECT_NE(data.error().message().find("'12a'"), std::string::npos);
}

TEST_F(OfacCsvInlineTest, RejectsDuplicateEntNum) {
  primary_ += PrimaryRow("10", "AGAIN", "-0- ", "-0- ");
  Result<ListData> data = Parse();
  ASSERT_FALSE(data);
  EXPECT_EQ(data.error().location().line, 3);
  EXPECT_NE(data.error().message().find("duplicate ent_num 10 (first at line 1)"),
            std::string::npos);
}

TEST_F(OfacCsvInlineTest, RejectsUnknownSdnType) {
  primary_ = PrimaryRow("10", "X", "\"spaceship\"", "-0- ");
  Result<ListData> data = Parse();
  ASSERT_FALSE(data);
  EXPECT_EQ(data.error().location().element, "SDN_Type");
}

TEST_F(OfacCsvInlineTest, RejectsUnknownAltTypeInAltFile) {
  alt_ = "10,1,\"aka\",\"A\",-0- \r\n10,2,\"alias\",\"B\",-0- \r\n";
  Result<ListData> data = Parse();
  ASSERT_FALSE(data);
  EXPECT_EQ(data.error().location().file, "alt.csv");
  EXPECT_EQ(data.error().location().line, 2);
  EXPECT_EQ(data.error().location().element, "alt_type");
}

TEST_F(OfacCsvInlineTest, RowsForUnknownEntitiesAreWarnings) {
  alt_ = "99,1,\"aka\",\"GHOST\",-0- \r\n";
  add_ = "10,1,-0- ,\"Havana\",\"Cuba\",-0- \r\n98,2,-0- ,\"Paris\",\"France\",-0- \r\n";
  comments_ = "97,\"orphan\"\r\n";
  Result<ListData> data = Parse();
  ASSERT_TRUE(data) << data.error().ToString();
  ASSERT_EQ(data->warnings.size(), 3u);
  EXPECT_EQ(data->warnings[0].where.file, "sdn_comments.csv");
  EXPECT_EQ(data->warnings[1].where.file, "alt.csv");
  EXPECT_EQ(data->warnings[2].where.file, "add.csv");
  EXPECT_EQ(data->warnings[2].where.line, 2);
  EXPECT_NE(data->warnings[2].message.find("ent_num 98"), std::string::npos);
  for (const Entity& e : data->entities) {
    EXPECT_EQ(FindName(e, "GHOST"), nullptr);
  }
  EXPECT_EQ(data->entities[0].addresses.size(), 1u);
}

TEST_F(OfacCsvInlineTest, TruncatedFileIsAnError) {
  primary_ = primary_.substr(0, primary_.find("Linked To"));  // inside a quoted field
  Result<ListData> data = Parse();
  ASSERT_FALSE(data);
  EXPECT_EQ(data.error().location().file, "sdn.csv");
  EXPECT_NE(data.error().message().find("unterminated"), std::string::npos);
}

TEST_F(OfacCsvInlineTest, EmptyPrimaryIsAnError) {
  for (std::string empty : {"", "\x1A", "\r\n\r\n"}) {
    primary_ = empty;
    Result<ListData> data = Parse();
    ASSERT_FALSE(data);
    EXPECT_NE(data.error().message().find("no records"), std::string::npos);
  }
}

TEST_F(OfacCsvInlineTest, Windows1252IsDecoded) {
  primary_ = PrimaryRow("10",
                        "PE\xD1"
                        "A, Jos\xE9",
                        "\"individual\"", "-0- ");
  Result<ListData> data = Parse();
  ASSERT_TRUE(data) << data.error().ToString();
  EXPECT_EQ(data->entities[0].PrimaryName(),
            "PE\xC3\x91"
            "A, Jos\xC3\xA9");
}

TEST_F(OfacCsvInlineTest, HostileInputFailsCleanly) {
  primary_ = std::string("10,\"A\0B\",", 9) + std::string(2 << 20, 'x') + "\r\n";
  Result<ListData> data = Parse();
  ASSERT_FALSE(data);
  EXPECT_EQ(data.error().location().file, "sdn.csv");
  primary_ = "\"\"\"\",,,,,,,,,,,\r\n";
  data = Parse();
  ASSERT_FALSE(data);
  EXPECT_EQ(data.error().location().element, "ent_num");
}

}  // namespace
}  // namespace interdict::sources
