// The page of an ordered index (DESIGN.md §5: "a page from an ordered index does not scan the
// table"): published products by created_at desc, take 100, with count — at 10k and 1M
// products. Its time should not grow with the table (target: 1M at most 1.5× 10k). Run:
//   ./build/bench/linkgraph_micro --benchmark_filter=OrderedPage
// Data: `products` products, 3 in 5 published, created_at declared { dateTime, index: true }
// and spread over the table in an order unrelated to the primary key, two products per
// millisecond (ties broken by primary key).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "bench/db_cache.h"
#include "linkgraph/database.h"

namespace {

constexpr const char* kSchema = R"({"modules":[
  {"name":"product","models":[{"name":"product","properties":{
     "id":{"type":"id","prefix":"prod","primaryKey":true},
     "title":{"type":"text"},
     "status":{"type":"enum","values":["draft","published"],"default":"draft"},
     "created_at":{"type":"dateTime","index":true}}}]}]})";

constexpr const char* kPage =
    R"({"entity":"product","fields":["id","title","status","created_at"],)"
    R"("filters":{"status":"published"},"pagination":{"order":{"created_at":"DESC"},"take":100}})";

std::unique_ptr<linkgraph::Database> MakeDb(int products) {
  auto db = std::make_unique<linkgraph::Database>();
  if (!db->RegisterJson(kSchema).ok()) std::abort();
  std::vector<int> when(static_cast<size_t>(products));
  std::iota(when.begin(), when.end(), 0);
  std::shuffle(when.begin(), when.end(), std::mt19937(7));
  std::string lines;
  lines.reserve(static_cast<size_t>(products) * 120);
  for (int i = 0; i < products; ++i) {
    // 2026-01-01T00:00:00Z plus when/2 milliseconds.
    long long ms = 1767225600000LL + when[static_cast<size_t>(i)] / 2;
    char buf[160];
    std::snprintf(buf, sizeof buf,
                  R"({"id":"prod_%07d","title":"Product %d","status":"%s","created_at":%lld})"
                  "\n",
                  i, i, i % 5 < 3 ? "published" : "draft", ms);
    lines += buf;
  }
  if (!db->LoadJsonLines("product", lines).ok()) std::abort();
  return db;
}

linkgraph::Database& Db(int products) { return linkgraph::bench::CachedDb(&MakeDb, products); }

// Published products by created_at desc, take 100, with count: request parse, bind, the walk
// of the created_at index, the count from the enum's counters, and the JSON of the page.
void BM_OrderedPage(benchmark::State& state) {
  linkgraph::Database& db = Db(static_cast<int>(state.range(0)));
  auto check = db.GraphJson(kPage);
  std::string published = "\"count\":" + std::to_string(state.range(0) / 5 * 3);
  if (!check.ok() || check->ToJson().find(published) == std::string::npos) {
    state.SkipWithError("unexpected result");
    return;
  }
  for (auto _ : state) {
    auto r = db.GraphJson(kPage);
    std::string json = r->ToJson();
    benchmark::DoNotOptimize(json);
  }
}
BENCHMARK(BM_OrderedPage)->Arg(10000)->Arg(1000000)->Unit(benchmark::kMicrosecond)
    ->ComputeStatistics("min", [](const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); });

// The same page ordered by title, which has no ordered index: scan + sort, for contrast.
void BM_OrderedPageBySort(benchmark::State& state) {
  linkgraph::Database& db = Db(static_cast<int>(state.range(0)));
  std::string request = kPage;
  request.replace(request.find("created_at\":\"DESC"), 17, "title\":\"DESC");
  for (auto _ : state) {
    auto r = db.GraphJson(request);
    std::string json = r->ToJson();
    benchmark::DoNotOptimize(json);
  }
}
BENCHMARK(BM_OrderedPageBySort)->Arg(10000)->Arg(1000000)->Unit(benchmark::kMicrosecond);

}  // namespace
