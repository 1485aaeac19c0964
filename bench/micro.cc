// Micro benchmarks of the query path (Google Benchmark). Run:
//   ./build/bench/linkgraph_micro --benchmark_filter=Point
// Data: the seed's product/review schema, `products` products with 5 reviews each, the reviews
// stored in creation order (not grouped by product).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "dsl/location.h"
#include "dsl/parse.h"
#include "bench/db_cache.h"
#include "linkgraph/database.h"

namespace {

constexpr const char* kSchema = R"({"modules":[
  {"name":"product","models":[{"name":"product","properties":{
     "id":{"type":"id","prefix":"prod","primaryKey":true},"title":{"type":"text"}}}]},
  {"name":"review","models":[{"name":"review","properties":{
     "id":{"type":"id","primaryKey":true},"product_id":{"type":"text"},
     "customer_id":{"type":"text"},"rating":{"type":"number"},"content":{"type":"text"}}}],
   "links":[{"alias":"product_reviews","foreignKey":"product_id","primaryKey":"id",
             "foreignKeyTargetField":"id"}]}]})";

std::string ProductId(int i) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "prod_%07d", i);
  return buf;
}

std::unique_ptr<linkgraph::Database> MakeDb(int products) {
  auto db = std::make_unique<linkgraph::Database>();
  if (!db->RegisterJson(kSchema).ok()) std::abort();
  std::string lines;
  for (int i = 0; i < products; ++i) {
    lines += R"({"id":")" + ProductId(i) + R"(","title":"Product )" + std::to_string(i) + "\"}\n";
  }
  if (!db->LoadJsonLines("product", lines).ok()) std::abort();
  lines.clear();
  uint64_t x = 12345;
  for (int r = 0; r < products * 5; ++r) {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    int p = static_cast<int>((x >> 33) % static_cast<uint64_t>(products));
    char buf[200];
    std::snprintf(buf, sizeof buf,
                  R"({"id":"rev_%08d","product_id":"%s","customer_id":"cus_%05d","rating":%d,"content":"A review of some forty characters, #%d"})",
                  r, ProductId(p).c_str(), r % 50000, 1 + r % 5, r);
    lines += buf;
    lines += '\n';
  }
  if (!db->LoadJsonLines("review", lines).ok()) std::abort();
  return db;
}

linkgraph::Database& Db(int products) { return linkgraph::bench::CachedDb(&MakeDb, products); }

// Q1-style: one product by id with id, title, product_reviews.* — parse + bind + execute + JSON.
void BM_PointQuery(benchmark::State& state) {
  linkgraph::Database& db = Db(static_cast<int>(state.range(0)));
  int i = 0;
  size_t bytes = 0;
  for (auto _ : state) {
    std::string request = R"({"entity":"product","fields":["id","title","product_reviews.*"],"filters":{"id":")" +
                          ProductId(i++ % static_cast<int>(state.range(0))) + "\"}}";
    auto r = db.GraphJson(request);
    std::string json = r->ToJson();
    bytes += json.size();
    benchmark::DoNotOptimize(json);
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
// 1M products load in about a minute (5M reviews); the point query must not grow with the table.
BENCHMARK(BM_PointQuery)->Arg(10000)->Arg(100000)->Arg(1000000)
    ->ComputeStatistics("min", [](const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); });

// Parsing a request alone.
// A selector update naming one row by key (`update product set … where id = 'x'`, the
// service's `{"selector": …}` form): found through the primary-key index, not by evaluating the
// filter over every row. Each iteration is one commit.
void BM_UpdateBySelector(benchmark::State& state) {
  linkgraph::Database& db = Db(static_cast<int>(state.range(0)));
  linkgraph::Service products = db.Service("product");
  int i = 0;
  for (auto _ : state) {
    std::string id = ProductId(i++ % static_cast<int>(state.range(0)));
    auto r = products.Update(R"({"selector":{"id":")" + id + R"("},"data":{"title":"Renamed"}})");
    if (!r.ok() || r->size() != 1) state.SkipWithError("update failed");
  }
}
BENCHMARK(BM_UpdateBySelector)->Arg(10000)->Arg(100000)->Unit(benchmark::kMicrosecond);

void BM_ParseRequest(benchmark::State& state) {
  const std::string request =
      R"({"entity":"product","fields":["id","title","product_reviews.*"],"filters":{"id":"prod_0000042"}})";
  for (auto _ : state) {
    auto r = linkgraph::dsl::ParseRequestJson(request);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_ParseRequest);

// The DSL alone (issue 4's figure): four field selections, one with relation arguments, and a
// three-predicate text filter, parsed into ASTs.
void BM_ParseFieldsAndFilter(benchmark::State& state) {
  const std::vector<std::string> fields = {"id", "title",
                                           "product_reviews(rating >= 4, take: 3).content",
                                           "collections.title"};
  const std::string filter =
      "status = 'published' and product_reviews.rating >= 4 and title ilike '%shirt%'";
  for (auto _ : state) {
    for (uint32_t i = 0; i < fields.size(); ++i) {
      auto f = linkgraph::dsl::ParseField(fields[i], i);
      benchmark::DoNotOptimize(f);
    }
    linkgraph::dsl::TextWhere where("filters", filter);
    auto f = linkgraph::dsl::ParseFilterText(filter, std::ref(where));
    benchmark::DoNotOptimize(f);
  }
}
BENCHMARK(BM_ParseFieldsAndFilter);

// A filtered scan counted without rows (take 0): every review's rating and content tested a
// column at a time (exec::BatchFilter); items/s is reviews scanned per second.
void BM_ScanFilter(benchmark::State& state) {
  linkgraph::Database& db = Db(static_cast<int>(state.range(0)));
  const int64_t reviews = state.range(0) * 5;
  for (auto _ : state) {
    auto r = db.GraphJson(R"({"entity":"review","fields":["id"],"pagination":{"take":0},
                              "filters":"rating >= 4 and content like '%#1%'"})");
    benchmark::DoNotOptimize(r->count());
  }
  state.SetItemsProcessed(state.iterations() * reviews);
}
BENCHMARK(BM_ScanFilter)->Arg(100000)->Unit(benchmark::kMillisecond);

// Q3-style: every product with id, title, product_reviews.* to JSON.
void BM_FullJoinJson(benchmark::State& state) {
  linkgraph::Database& db = Db(static_cast<int>(state.range(0)));
  size_t bytes = 0;
  for (auto _ : state) {
    auto r = db.GraphJson(R"({"entity":"product","fields":["id","title","product_reviews.*"]})");
    std::string json = r->ToJson();
    bytes += json.size();
    benchmark::DoNotOptimize(json);
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_FullJoinJson)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
