// Golden screening cases: hand-checked queries against the real lists, each
// with the band an analyst expects (tests/match/golden/*.tsv, documented in
// docs/evaluation.md). Analysts edit the TSV files; this test loads the real
// lists, builds the screener once and checks every row.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "interdict/screen.h"
#include "interdict/sources.h"
#include "test_util.h"

namespace interdict {
namespace {

enum class Band { kAlert, kReview, kNoAlert };

// The review band is the 0.1 below the alert threshold.
constexpr double kReviewThreshold = kDefaultThreshold - 0.1;

Band BandOf(double score) {
  if (score >= kDefaultThreshold) return Band::kAlert;
  if (score >= kReviewThreshold) return Band::kReview;
  return Band::kNoAlert;
}

std::string_view BandName(Band band) {
  switch (band) {
    case Band::kAlert:
      return "alert";
    case Band::kReview:
      return "review";
    case Band::kNoAlert:
      return "no-alert";
  }
  return "?";
}

std::optional<Band> ParseBand(std::string_view text) {
  for (Band b : {Band::kAlert, Band::kReview, Band::kNoAlert}) {
    if (BandName(b) == text) return b;
  }
  return std::nullopt;
}

struct GoldenRow {
  std::string where;  // "file.tsv:12"
  std::string query;
  std::vector<std::string> targets;  // entity ids, list names or "*"
  Band band = Band::kNoAlert;
};

std::vector<std::string> Split(const std::string& text, char sep) {
  std::vector<std::string> out;
  std::stringstream in(text);
  for (std::string field; std::getline(in, field, sep);) out.push_back(field);
  return out;
}

// query<TAB>target[|target...]<TAB>band[<TAB>why]; '#' starts a comment line.
Result<std::vector<GoldenRow>> LoadGolden(const std::filesystem::path& tsv) {
  std::ifstream in(tsv, std::ios::binary);
  if (!in) return Err(Status::NotFound("cannot open golden file").InFile(tsv.string()));
  std::vector<GoldenRow> rows;
  std::string line;
  for (std::int64_t line_no = 1; std::getline(in, line); ++line_no) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> fields = Split(line, '\t');
    auto error = [&](const std::string& what) {
      return Err(Status::ParseError(what).InFile(tsv.string()).AtLine(line_no));
    };
    if (fields.size() < 3 || fields.size() > 4) {
      return error("expected query<TAB>target<TAB>band[<TAB>why], got " +
                   std::to_string(fields.size()) + " fields");
    }
    std::optional<Band> band = ParseBand(fields[2]);
    if (!band) return error("band must be alert, review or no-alert, got \"" + fields[2] + "\"");
    if (fields[0].empty() || fields[1].empty()) return error("empty query or target");
    rows.push_back({tsv.filename().string() + ":" + std::to_string(line_no), fields[0],
                    Split(fields[1], '|'), *band});
  }
  return rows;
}

std::vector<std::filesystem::path> GoldenFiles() {
  std::vector<std::filesystem::path> files;
  auto dir = std::filesystem::path(INTERDICT_SOURCE_DIR) / "tests" / "match" / "golden";
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".tsv") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

bool IsEntityId(const std::string& target) { return target.find(':') != std::string::npos; }

bool Matches(const std::string& target, const ScreenMatch& m) {
  return target == "*" || target == m.entity_id || (!IsEntityId(target) && target == m.list);
}

// The lists the golden files refer to, loaded and indexed once per run.
struct Fixture {
  std::string error;
  std::set<std::string> ids, lists;
  std::unique_ptr<Screener> screener;
};

const Fixture& SharedFixture() {
  static const Fixture* fixture = [] {
    auto* f = new Fixture;
    std::vector<Entity> entities;
    for (const char* relative :
         {"ofac_sdn_2021", "ofac_consolidated_nonsdn", "un_sc/consolidated.xml",
          "us_csl/consolidated.csv.gz", "us_bis_dpl/dpl.txt",
          "eu_fsf_legacy_2016/eu_global_v1_excerpt_2016-02-11.xml",
          "uk_hmt_conlist_2016/sanctionsconlist_excerpt_2016-02-12.csv",
          "opensanctions_ftm/zala_entities.ftm.json", "opensanctions_ftm/t1_entities.ftm.json"}) {
      auto list = ParseList(testing::SharedDataDir() / relative);
      if (!list) {
        f->error = list.error().ToString();
        return f;
      }
      for (Entity& e : list->entities) {
        f->ids.insert(e.id);
        f->lists.insert(e.list);
        entities.push_back(std::move(e));
      }
    }
    auto screener = BuildScreener(std::move(entities));
    if (!screener) {
      f->error = screener.error().ToString();
    } else {
      f->screener = std::move(*screener);
    }
    return f;
  }();
  return *fixture;
}

TEST(GoldenBand, FollowsTheDefaultThreshold) {
  EXPECT_EQ(BandOf(1.0), Band::kAlert);
  EXPECT_EQ(BandOf(kDefaultThreshold), Band::kAlert);
  EXPECT_EQ(BandOf(kDefaultThreshold - 0.05), Band::kReview);
  EXPECT_EQ(BandOf(kReviewThreshold), Band::kReview);
  EXPECT_EQ(BandOf(kReviewThreshold - 0.001), Band::kNoAlert);
  EXPECT_EQ(BandOf(0.0), Band::kNoAlert);
}

TEST(GoldenFile, ParsesRowsWithSeveralTargets) {
  testing::TempDir dir;
  testing::WriteFile(dir / "g.tsv",
                     "# comment\n\nA B\tofac-sdn:1|un-sc\talert\twhy\r\nC\t*\tno-alert\n");
  auto rows = LoadGolden(dir / "g.tsv");
  ASSERT_TRUE(rows) << rows.error().ToString();
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].where, "g.tsv:3");
  EXPECT_EQ((*rows)[0].query, "A B");
  EXPECT_EQ((*rows)[0].targets, (std::vector<std::string>{"ofac-sdn:1", "un-sc"}));
  EXPECT_EQ((*rows)[0].band, Band::kAlert);
  EXPECT_EQ((*rows)[1].band, Band::kNoAlert);
}

TEST(GoldenFile, RejectsMalformedRowsNamingTheLine) {
  testing::TempDir dir;
  testing::WriteFile(dir / "bad_band.tsv", "A\t*\talert\nB\t*\tmaybe\n");
  auto bad_band = LoadGolden(dir / "bad_band.tsv");
  ASSERT_FALSE(bad_band);
  EXPECT_EQ(bad_band.error().code(), StatusCode::kParseError);
  EXPECT_EQ(bad_band.error().location().line, 2);
  EXPECT_NE(bad_band.error().message().find("maybe"), std::string::npos);

  testing::WriteFile(dir / "short.tsv", "only a query\n");
  auto short_row = LoadGolden(dir / "short.tsv");
  ASSERT_FALSE(short_row);
  EXPECT_EQ(short_row.error().location().line, 1);
  EXPECT_NE(short_row.error().location().file.find("short.tsv"), std::string::npos);

  testing::WriteFile(dir / "empty_target.tsv", "A\t\talert\n");
  EXPECT_FALSE(LoadGolden(dir / "empty_target.tsv"));
  EXPECT_EQ(LoadGolden(dir / "absent.tsv").error().code(), StatusCode::kNotFound);
}

TEST(Golden, FilesParseAndHoldAboutAHundredCases) {
  std::size_t rows = 0, negatives = 0;
  for (const auto& file : GoldenFiles()) {
    auto loaded = LoadGolden(file);
    ASSERT_TRUE(loaded) << loaded.error().ToString();
    rows += loaded->size();
    for (const GoldenRow& r : *loaded) negatives += r.band == Band::kNoAlert;
  }
  EXPECT_GE(rows, 100u);
  EXPECT_GE(negatives, 25u);
}

// A typo in a target would make a no-alert row pass for the wrong reason.
TEST(Golden, EveryTargetNamesALoadedEntityOrList) {
  INTERDICT_SHARED_FILE(un, "un_sc/consolidated.xml");
  const Fixture& f = SharedFixture();
  ASSERT_TRUE(f.error.empty()) << f.error;
  for (const auto& file : GoldenFiles()) {
    auto rows = LoadGolden(file);
    ASSERT_TRUE(rows) << rows.error().ToString();
    for (const GoldenRow& row : *rows) {
      for (const std::string& t : row.targets) {
        bool known = t == "*" || (IsEntityId(t) ? f.ids.count(t) > 0 : f.lists.count(t) > 0);
        EXPECT_TRUE(known) << row.where << ": target \"" << t
                           << "\" is not a loaded entity or list";
      }
    }
  }
}

TEST(Golden, EveryRowFallsInItsBand) {
  INTERDICT_SHARED_FILE(un, "un_sc/consolidated.xml");
  const Fixture& f = SharedFixture();
  ASSERT_TRUE(f.error.empty()) << f.error;
  for (const auto& file : GoldenFiles()) {
    auto rows = LoadGolden(file);
    ASSERT_TRUE(rows) << rows.error().ToString();
    for (const GoldenRow& row : *rows) {
      ScreenQuery query;
      query.name = row.query;
      // Anything below the review threshold is no-alert, so it need not be returned.
      std::vector<ScreenMatch> matches = f.screener->Screen(query, {kReviewThreshold, 200});
      const ScreenMatch* best = nullptr;
      for (const ScreenMatch& m : matches) {
        bool wanted = std::any_of(row.targets.begin(), row.targets.end(),
                                  [&](const std::string& t) { return Matches(t, m); });
        if (wanted && (best == nullptr || m.score > best->score)) best = &m;
      }
      Band got = BandOf(best ? best->score : 0.0);
      std::string top = matches.empty() ? "nothing"
                                        : matches[0].entity_id + " \"" + matches[0].name + "\" " +
                                              std::to_string(matches[0].score);
      std::string targets;
      for (const std::string& t : row.targets) targets += (targets.empty() ? "" : "|") + t;
      EXPECT_EQ(BandName(got), BandName(row.band))
          << row.where << ": \"" << row.query << "\" vs " << targets << ": best score "
          << (best ? std::to_string(best->score) + " on " + best->entity_id + " \"" + best->name +
                         "\""
                   : std::string("below review"))
          << "; top result " << top;
    }
  }
}

}  // namespace
}  // namespace interdict
