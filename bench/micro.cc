// Micro benchmarks of the query path (Google Benchmark). Run:
//   ./build/bench/linkgraph_micro --benchmark_filter=Point
// Data: the seed's product/review schema, `products` products with 5 reviews each, the reviews
// stored in creation order (not grouped by product).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <map>
#include <cstdio>
#include <memory>
#include <ostream>
#include <streambuf>
#include <string>
#include <vector>

#include "bench/db_cache.h"
#include "dsl/location.h"
#include "dsl/parse.h"
#include "engine/result/json_writer.h"
#include "linkgraph/database.h"
#include "modules/access.h"

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

// The JSON writer alone, on a result shaped like Q3 (every product with product_reviews.*) but
// with every value kind the writer formats: ids, titles and review texts of typical lengths
// (some with quotes, control characters or UTF-8), an enum, ints, floats, booleans, dateTimes
// (whole milliseconds and not), mostly-null columns, and products without reviews (empty
// lists). bytes/s is JSON bytes written per second.
constexpr const char* kJsonSchema = R"({"modules":[
  {"name":"product","models":[{"name":"product","properties":{
     "id":{"type":"id","prefix":"prod","primaryKey":true},"title":{"type":"text"},
     "handle":{"type":"text"},
     "status":{"type":"enum","values":["draft","proposed","published","rejected"]},
     "price":{"type":"float"},"stock":{"type":"number"},"featured":{"type":"boolean"}}}]},
  {"name":"review","models":[{"name":"review","properties":{
     "id":{"type":"id","primaryKey":true},"product_id":{"type":"text"},
     "customer_id":{"type":"text"},"rating":{"type":"number"},"score":{"type":"float"},
     "content":{"type":"text"},"reply":{"type":"text","nullable":true}}}],
   "links":[{"alias":"product_reviews","foreignKey":"product_id","primaryKey":"id",
             "foreignKeyTargetField":"id"}]}]})";

void Check(const absl::Status& s) {
  if (s.ok()) return;
  std::fprintf(stderr, "%s\n", s.ToString().c_str());
  std::abort();
}

std::string DateTimeText(uint64_t x) {
  // 2020-2025, every fourth one with microseconds.
  char buf[40];
  std::snprintf(buf, sizeof buf, "202%d-%02d-%02dT%02d:%02d:%02d.%s",
                static_cast<int>(x % 6), static_cast<int>(1 + (x >> 3) % 12),
                static_cast<int>(1 + (x >> 7) % 28), static_cast<int>((x >> 12) % 24),
                static_cast<int>((x >> 17) % 60), static_cast<int>((x >> 23) % 60),
                (x >> 29) % 4 == 0 ? "123456Z" : "250Z");
  return buf;
}

std::unique_ptr<linkgraph::Database> MakeJsonDb(int products) {
  auto db = std::make_unique<linkgraph::Database>();
  Check(db->RegisterJson(kJsonSchema));
  static const char* const kStatus[] = {"draft", "proposed", "published", "rejected"};
  static const char* const kWords[] = {
      "Great value", "Not what I expected", "Works as described, would buy again",
      "The colour is lovely but the size runs small; order one up",
      "Arrived late \\\"but\\\" intact", "Caf\u00e9 cr\u00e8me \u2014 tr\u00e8s bien",
      "Line one\\nline two\\ttabbed", "Sturdy, quiet, and the battery lasts for days"};
  uint64_t x = 88172645463325252ULL;
  auto next = [&x] {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return x;
  };
  std::string lines;
  char buf[600];
  for (int i = 0; i < products; ++i) {
    const uint64_t h = next();
    std::snprintf(buf, sizeof buf,
                  R"({"id":"%s","title":"%s %d","handle":"product-handle-%d","status":"%s",)"
                  R"("price":%d.%02d,"stock":%d,"featured":%s,"created_at":"%s"})",
                  ProductId(i).c_str(), kWords[h % 8], i, i, kStatus[(h >> 3) % 4],
                  static_cast<int>((h >> 5) % 500), static_cast<int>((h >> 14) % 100),
                  static_cast<int>((h >> 21) % 1000), (h >> 31) % 2 ? "true" : "false",
                  DateTimeText(h >> 32).c_str());
    lines += buf;
    lines += '\n';
  }
  Check(db->LoadJsonLines("product", lines).status());
  lines.clear();
  // 0-10 reviews a product (5 on average, one product in eleven has none), in creation order.
  const int reviews = products * 5;
  for (int r = 0; r < reviews; ++r) {
    const uint64_t h = next();
    const int p = static_cast<int>(h % static_cast<uint64_t>(products));
    const bool reply = (h >> 40) % 8 == 0;
    std::snprintf(buf, sizeof buf,
                  R"({"id":"rev_%08d","product_id":"%s","customer_id":"cus_%05d","rating":%d,)"
                  R"("score":%d.%d,"content":"%s. %s, #%d"%s%s%s,"created_at":"%s"})",
                  r, ProductId(p).c_str(), static_cast<int>((h >> 8) % 50000),
                  static_cast<int>(1 + (h >> 24) % 5), static_cast<int>((h >> 27) % 10),
                  static_cast<int>((h >> 31) % 1000), kWords[(h >> 34) % 8],
                  kWords[(h >> 37) % 8], r, reply ? R"(,"reply":")" : "",
                  reply ? "Thank you for the review" : "", reply ? "\"" : "",
                  DateTimeText(h >> 20).c_str());
    lines += buf;
    lines += '\n';
  }
  Check(db->LoadJsonLines("review", lines).status());
  return db;
}

const linkgraph::Result& JsonResult(int products) {
  static std::map<int, linkgraph::Result> results;
  auto it = results.find(products);
  if (it == results.end()) {
    linkgraph::Database& db = linkgraph::bench::CachedDb(&MakeJsonDb, products);
    auto r = db.GraphJson(R"({"entity":"product","fields":["*","product_reviews.*"]})");
    Check(r.status());
    it = results.emplace(products, *std::move(r)).first;
  }
  return it->second;
}

// The fastest run: on a shared, noisy machine the figure to compare between builds.
double Fastest(const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); }

// An ostream that drops what it is given, so WriteJson is timed without the destination.
class NullBuffer : public std::streambuf {
 protected:
  std::streamsize xsputn(const char*, std::streamsize n) override { return n; }
  int_type overflow(int_type c) override { return traits_type::not_eof(c); }
};

void BM_JsonToString(benchmark::State& state) {
  const linkgraph::Result& r = JsonResult(static_cast<int>(state.range(0)));
  size_t bytes = 0;
  for (auto _ : state) {
    std::string json = r.ToJson();
    bytes += json.size();
    benchmark::DoNotOptimize(json);
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_JsonToString)->Arg(20000)->Unit(benchmark::kMillisecond)->UseRealTime()
    ->ComputeStatistics("min", Fastest);

void BM_JsonToStream(benchmark::State& state) {
  const linkgraph::Result& r = JsonResult(static_cast<int>(state.range(0)));
  const size_t size = r.ToJson().size();
  NullBuffer null;
  std::ostream os(&null);
  for (auto _ : state) r.WriteJson(os);
  state.SetBytesProcessed(static_cast<int64_t>(size * state.iterations()));
}
// Small, in-cache results too: the writer's own speed, without misses on the store's text.
BENCHMARK(BM_JsonToStream)->Arg(200)->Arg(2000)->Arg(20000)->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->ComputeStatistics("min", Fastest);

// The engine's writer on state.range(1) threads (the public Result writes on one).
void BM_JsonToStringThreads(benchmark::State& state) {
  const linkgraph::result::ResultData& data =
      linkgraph::modules::ResultAccess::Data(JsonResult(static_cast<int>(state.range(0))));
  const auto threads = static_cast<unsigned>(state.range(1));
  size_t bytes = 0;
  for (auto _ : state) {
    std::string json;
    linkgraph::result::AppendJson(data, &json, {.threads = threads});
    bytes += json.size();
    benchmark::DoNotOptimize(json);
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_JsonToStringThreads)->Args({20000, 1})->Args({20000, 2})
    ->Unit(benchmark::kMillisecond)->UseRealTime()
    ->ComputeStatistics("min", Fastest);

void BM_JsonToStreamThreads(benchmark::State& state) {
  const linkgraph::result::ResultData& data =
      linkgraph::modules::ResultAccess::Data(JsonResult(static_cast<int>(state.range(0))));
  const auto threads = static_cast<unsigned>(state.range(1));
  std::string json;
  linkgraph::result::AppendJson(data, &json);
  NullBuffer null;
  std::ostream os(&null);
  for (auto _ : state) linkgraph::result::WriteJson(data, os, {.threads = threads});
  state.SetBytesProcessed(static_cast<int64_t>(json.size() * state.iterations()));
}
BENCHMARK(BM_JsonToStreamThreads)->Args({2000, 2})->Args({20000, 1})->Args({20000, 2})
    ->Unit(benchmark::kMillisecond)->UseRealTime()
    ->ComputeStatistics("min", Fastest);

}  // namespace

BENCHMARK_MAIN();
