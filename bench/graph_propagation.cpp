// Ownership propagation on a synthetic corporate graph.
//
//   bench_graph_propagation [companies] [edges] [seeds]
//   (default 1,000,000 companies, 5,000,000 edges, 10,000 listed seeds)
//
// Every company holds edges/companies relations to random companies: 60%
// ownership (shares 5-60%, 5% of them unknown and 5% ranged), 38% officer
// (director_of) and 2% control. Printed:
//   build        - AddEntity for every company (graph construction)
//   full         - Finish(): propagation of all three regimes from scratch
//   incremental  - ApplyEntity() listing one more company, and delisting it
//                  (which must restore the derived sets from before)
//   reference    - a second network built from scratch with that listing:
//                  its full propagation time, and whether its derived sets
//                  equal the incrementally updated ones
//   peak RSS     - of the process (the reference network is built after the
//                  first is freed)
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "interdict/graph.h"

namespace interdict {
namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// CPU time of the process: on a shared machine wall time includes waiting
// for a core, so both are printed.
double CpuSeconds() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

// Wall and CPU time of one step.
class Timer {
 public:
  Timer() : wall_(Clock::now()), cpu_(CpuSeconds()) {}
  double wall() const { return Seconds(wall_); }
  double cpu() const { return CpuSeconds() - cpu_; }

 private:
  Clock::time_point wall_;
  double cpu_;
};

double PeakRssGiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / (1024.0 * 1024.0);  // ru_maxrss is KiB
}

struct Shape {
  std::uint32_t companies = 1'000'000;
  std::uint64_t edges = 5'000'000;
  std::uint32_t seeds = 10'000;
};

// Company i, regenerated identically whenever asked for.
Entity MakeCompany(std::uint32_t i, const Shape& shape) {
  std::mt19937_64 rng(0x9E3779B97F4A7C15ull * (i + 1));
  Entity e;
  e.id = "c:" + std::to_string(i);
  e.list = "bench";
  e.schema = Schema::kOrganization;
  Name name;
  name.full = "COMPANY " + std::to_string(i);
  e.names.push_back(std::move(name));
  const std::uint64_t per = shape.edges / shape.companies;
  const std::uint64_t extra = (i < shape.edges % shape.companies) ? 1 : 0;
  for (std::uint64_t k = 0; k < per + extra; ++k) {
    Relation r;
    r.target = "c:" + std::to_string(rng() % shape.companies);
    const unsigned kind = rng() % 100;
    if (kind < 60) {
      r.type = RelationType::kOwnerOf;
      const unsigned share = 5 + rng() % 56;
      const unsigned quality = rng() % 100;
      if (quality < 90) {
        r.share_min = r.share_max = share;
      } else if (quality < 95) {
        r.share_min = share / 2.0;
        r.share_max = share;
      }
    } else if (kind < 98) {
      r.type = RelationType::kDirectorOf;
    } else {
      r.type = RelationType::kControls;
    }
    e.relations.push_back(std::move(r));
  }
  return e;
}

bool HoldsMajority(const Entity& company) {
  for (const Relation& r : company.relations) {
    if (r.type == RelationType::kOwnerOf && r.share_min && *r.share_min > 50) return true;
  }
  return false;
}

bool IsSeed(std::uint32_t i, const Shape& shape) {
  // Spread the seeds evenly over the id space.
  const std::uint32_t stride = shape.companies / shape.seeds;
  return i % stride == 0 && i / stride < shape.seeds;
}

std::unique_ptr<Network> BuildNetwork(const Shape& shape, std::uint32_t extra_seed) {
  NetworkOptions options;
  options.as_of = PartialDate{2025, 1, 1};
  auto network = std::make_unique<Network>(options);
  for (std::uint32_t i = 0; i < shape.companies; ++i) {
    network->AddEntity(MakeCompany(i, shape), IsSeed(i, shape) || i == extra_seed);
  }
  return network;
}

std::vector<std::size_t> DerivedCounts(const Network& network) {
  std::vector<std::size_t> counts;
  for (Regime r : {Regime::kOfac, Regime::kEu, Regime::kUk}) {
    std::size_t owned = 0, possible = 0;
    for (const Derivation& d : network.Derived(r)) {
      (d.basis == Basis::kPossiblyOwned ? possible : owned) += 1;
    }
    counts.push_back(owned);
    counts.push_back(possible);
  }
  return counts;
}

void PrintCounts(const char* label, const std::vector<std::size_t>& c) {
  std::printf("%-24s OFAC %zu (+%zu possibly), EU %zu (+%zu), UK %zu (+%zu)\n", label, c[0], c[1],
              c[2], c[3], c[4], c[5]);
}

int Run(const Shape& shape) {
  std::printf("graph: %u companies, %llu edges, %u listed seeds (times: wall / CPU)\n",
              shape.companies, static_cast<unsigned long long>(shape.edges), shape.seeds);
  // A company that is not a seed and holds a majority somewhere, to list
  // incrementally.
  std::uint32_t newcomer = shape.companies / 2 + 1;
  while (IsSeed(newcomer, shape) || !HoldsMajority(MakeCompany(newcomer, shape))) {
    newcomer = (newcomer + 1) % shape.companies;
  }
  Timer build;
  std::unique_ptr<Network> network = BuildNetwork(shape, UINT32_MAX);
  std::printf("build                    %.2f s / %.2f s\n", build.wall(), build.cpu());
  Timer full;
  network->Finish();
  std::printf("full propagation         %.2f s / %.2f s (3 regimes; target < 10 s)\n", full.wall(),
              full.cpu());
  const std::vector<std::size_t> before = DerivedCounts(*network);
  PrintCounts("derived", before);

  const Entity company = MakeCompany(newcomer, shape);
  Timer listing;
  network->ApplyEntity(company, true);
  const double listing_cpu = listing.cpu();
  std::printf("incremental new listing  %.2f ms / %.2f ms (target < 100 ms)\n",
              listing.wall() * 1e3, listing_cpu * 1e3);
  const std::vector<std::size_t> incremental = DerivedCounts(*network);
  PrintCounts("derived after listing", incremental);
  Timer delisting;
  network->ApplyEntity(company, false);
  const double delisting_wall = delisting.wall(), delisting_cpu = delisting.cpu();
  // Delisting the newcomer must give back exactly the state before it.
  const bool restored = DerivedCounts(*network) == before;
  std::printf("incremental delisting    %.2f ms / %.2f ms (target < 100 ms); derived sets %s\n",
              delisting_wall * 1e3, delisting_cpu * 1e3,
              restored ? "back to those before the listing" : "DIFFER from before the listing");
  network->ApplyEntity(company, true);
  std::vector<Derivation> ofac_incremental = network->Derived(Regime::kOfac);
  network.reset();

  Timer rebuild;
  std::unique_ptr<Network> reference = BuildNetwork(shape, newcomer);
  reference->Finish();
  const double reference_cpu = rebuild.cpu();
  const std::vector<std::size_t> expected = DerivedCounts(*reference);
  std::vector<Derivation> ofac_reference = reference->Derived(Regime::kOfac);
  bool same = expected == incremental && ofac_reference.size() == ofac_incremental.size();
  for (std::size_t i = 0; same && i < ofac_reference.size(); ++i) {
    same = ofac_reference[i].entity_id == ofac_incremental[i].entity_id &&
           ofac_reference[i].basis == ofac_incremental[i].basis;
  }
  std::printf(
      "reference: rebuild + full propagation with the listing %.2f s / %.2f s; results %s\n",
      rebuild.wall(), reference_cpu, same ? "identical" : "DIFFER");
  std::printf("incremental listing vs reference (CPU): %.0fx faster\n",
              reference_cpu / std::max(listing_cpu, 1e-9));
  std::printf("peak RSS                 %.2f GiB (target < 4 GiB)\n", PeakRssGiB());
  return same && restored ? 0 : 1;
}

}  // namespace
}  // namespace interdict

int main(int argc, char** argv) {
  interdict::Shape shape;
  if (argc > 1) shape.companies = static_cast<std::uint32_t>(std::strtoul(argv[1], nullptr, 10));
  if (argc > 2) shape.edges = std::strtoull(argv[2], nullptr, 10);
  if (argc > 3) shape.seeds = static_cast<std::uint32_t>(std::strtoul(argv[3], nullptr, 10));
  if (shape.companies == 0 || shape.seeds == 0 || shape.seeds > shape.companies) {
    std::fprintf(stderr, "usage: bench_graph_propagation [companies] [edges] [seeds]\n");
    return 2;
  }
  return interdict::Run(shape);
}
