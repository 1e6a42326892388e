// Casework::ScreenTarget: a screener with what an alert needs to know about
// each of its entities. Shared by rescreen.cpp and customer_import.cpp.
#ifndef INTERDICT_CASES_SCREEN_TARGET_H_
#define INTERDICT_CASES_SCREEN_TARGET_H_

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>

#include "interdict/casework.h"
#include "interdict/graph.h"
#include "interdict/screen.h"

namespace interdict {

struct Casework::ScreenTarget {
  struct Info {
    std::string hash;  // SHA-256 of the canonical JSON (the store's blob hash)
    std::int64_t version = 0;
    std::string reason;  // why a hit on it is an alert
  };
  std::unique_ptr<Screener> screener;
  std::unordered_map<std::string, Info> entities;
  // The relation graph, loaded on the first hit, for each alert's basis.
  std::unique_ptr<Network> network;
  std::unordered_map<std::string, std::string> basis;
};

}  // namespace interdict

#endif  // INTERDICT_CASES_SCREEN_TARGET_H_
