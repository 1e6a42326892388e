// Concurrency, on every backend: readers on another connection never see a
// half-written version, one Store object may be shared between threads, and
// writers on separate connections (as separate processes would be) number a
// list's versions without gaps or duplicates.
#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>

#include "interdict/store.h"
#include "store_backend.h"
#include "store_test_util.h"
#include "test_util.h"

namespace interdict {
namespace {

constexpr int kEntities = 1000;

// Generation `g` of a list: every entity says which generation it belongs to,
// and the list grows by one entity per generation.
ListData Generation(int g) {
  std::vector<Entity> entities;
  for (int i = 0; i < kEntities + g; ++i) {
    Entity e = testing::Person("un-sc", std::to_string(i), "PERSON " + std::to_string(i));
    e.remarks = "generation " + std::to_string(g);
    entities.push_back(std::move(e));
  }
  return testing::MakeList("un-sc", std::move(entities));
}

using StoreConcurrency = testing::BackendTest;

TEST_P(StoreConcurrency, ReaderOnAnotherConnectionSeesWholeVersionsOnly) {
  Store* writer = store_.get();
  std::unique_ptr<Store> reader = backend_->Open();
  ASSERT_TRUE(reader);
  ASSERT_TRUE(writer->AddVersion(Generation(0), "g0"));

  constexpr int kGenerations = 8;
  std::atomic<bool> done{false};
  std::thread load([&] {
    for (int g = 1; g <= kGenerations; ++g) {
      Result<LoadOutcome> outcome = writer->AddVersion(Generation(g), "g");
      EXPECT_TRUE(outcome) << outcome.error().ToString();
    }
    done = true;
  });

  // Failures inside the loop break out rather than return, so the loading
  // thread is always joined.
  int passes = 0;
  bool consistent = true;
  while (consistent && (!done || passes == 0)) {
    std::set<std::string> remarks;
    int count = 0;
    Status s = reader->ForEachCurrentEntity([&](const Entity& e) {
      remarks.insert(e.remarks);
      ++count;
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    EXPECT_EQ(remarks.size(), 1u) << "a pass mixed two versions";
    consistent = s.ok() && remarks.size() == 1;
    if (!consistent) break;
    int g = std::stoi(remarks.begin()->substr(std::string("generation ").size()));
    EXPECT_EQ(count, kEntities + g) << "a pass saw part of a version";
    consistent = count == kEntities + g;
    ++passes;
  }
  load.join();
  Result<ListVersion> current = reader->CurrentVersion("un-sc");
  ASSERT_TRUE(current);
  EXPECT_EQ(current->number, kGenerations + 1);
  EXPECT_EQ(current->entities, kEntities + kGenerations);
  EXPECT_EQ(current->changed, kEntities + kGenerations - 1);
  EXPECT_EQ(current->added, 1);
  EXPECT_GE(passes, 1);
}

TEST_P(StoreConcurrency, OneStoreSharedByThreads) {
  Store* store = store_.get();
  constexpr int kThreads = 4;
  constexpr int kVersions = 5;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      std::string list = "list-" + std::to_string(t);
      for (int v = 0; v < kVersions; ++v) {
        std::vector<Entity> entities;
        for (int i = 0; i <= v; ++i) {
          entities.push_back(testing::Person(list, std::to_string(i), "N" + std::to_string(i)));
        }
        Result<LoadOutcome> outcome = store->AddVersion(testing::MakeList(list, entities), "t");
        ASSERT_TRUE(outcome) << outcome.error().ToString();
        EXPECT_EQ(outcome->version.number, v + 1);
        EXPECT_TRUE(store->GetEntity(list + ":" + std::to_string(v)));
      }
    });
  }
  for (std::thread& t : threads) t.join();
  Result<std::vector<std::string>> lists = store->Lists();
  ASSERT_TRUE(lists);
  EXPECT_EQ(lists->size(), static_cast<std::size_t>(kThreads));
  for (const std::string& list : *lists) {
    EXPECT_EQ(store->CurrentVersion(list)->entities, kVersions);
    EXPECT_EQ(store->Versions(list)->size(), static_cast<std::size_t>(kVersions));
  }
}

TEST_P(StoreConcurrency, WritersOnSeparateConnectionsNumberVersionsWithoutGaps) {
  constexpr int kWriters = 4;
  constexpr int kLoadsEach = 4;
  std::vector<std::unique_ptr<Store>> stores;
  for (int w = 0; w < kWriters; ++w) stores.push_back(backend_->Open());
  for (const auto& s : stores) ASSERT_NE(s, nullptr);
  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&, w] {
      for (int i = 0; i < kLoadsEach; ++i) {
        // Distinct content per load, so that every load makes a version.
        std::vector<Entity> entities;
        for (int k = 0; k < 50; ++k) {
          entities.push_back(
              testing::Person("un-sc", std::to_string(k), "NAME " + std::to_string(k)));
        }
        entities[0].remarks = "writer " + std::to_string(w) + " load " + std::to_string(i);
        Result<LoadOutcome> outcome =
            stores[w]->AddVersion(testing::MakeList("un-sc", std::move(entities)), "w");
        EXPECT_TRUE(outcome) << outcome.error().ToString();
        EXPECT_TRUE(!outcome || outcome->created);
      }
    });
  }
  for (std::thread& t : threads) t.join();
  Result<std::vector<ListVersion>> versions = store_->Versions("un-sc");
  ASSERT_TRUE(versions) << versions.error().ToString();
  ASSERT_EQ(versions->size(), static_cast<std::size_t>(kWriters * kLoadsEach));
  std::set<std::string> remarks;
  for (std::size_t i = 0; i < versions->size(); ++i) {
    const ListVersion& v = (*versions)[i];
    EXPECT_EQ(v.number, static_cast<std::int64_t>(i + 1));
    EXPECT_EQ(v.entities, 50);
    // Each version is counted against the one committed just before it.
    EXPECT_EQ(v.changed, i == 0 ? 0 : 1) << v.number;
    EXPECT_EQ(v.added, i == 0 ? 50 : 0) << v.number;
    remarks.insert(store_->GetEntity("un-sc:0", v.id)->remarks);
  }
  EXPECT_EQ(remarks.size(), static_cast<std::size_t>(kWriters * kLoadsEach));
  EXPECT_EQ(backend_->Int("SELECT count(*) FROM version_entities"), 50 * kWriters * kLoadsEach);
}

INTERDICT_ON_EVERY_BACKEND(StoreConcurrency);

}  // namespace
}  // namespace interdict
