// Allocation failure (DESIGN.md §9): every write and query is run again and again with the N-th
// allocation failing (N = 0, 1, 2, … until one run allocates less than N times). Each failed run
// must return ResourceExhausted — never abort — and leave every table exactly as it was; the
// database must then work as before. A separate executable: it replaces the global operator new.
#include <catch2/catch.hpp>

#include <execinfo.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <new>
#include <sstream>

#include "linkgraph/database.h"
#include "linkgraph/schema_text.h"
#include "linkgraph/links.h"
#include "linkgraph/service.h"
#include "linkgraph/status.h"
#include "tests/support/db_support.h"

namespace {

// -1: no failure planned; otherwise the number of allocations still to succeed.
std::atomic<int64_t> g_countdown{-1};
std::atomic<int64_t> g_injected{0};
// Where the last failure was injected, to name the code that swallowed it.
void* g_where[32];
int g_where_depth = 0;

bool FailNow() {
  if (g_countdown.load(std::memory_order_relaxed) < 0) return false;
  if (g_countdown.fetch_sub(1, std::memory_order_relaxed) != 0) return false;
  g_injected.fetch_add(1, std::memory_order_relaxed);
  g_where_depth = backtrace(g_where, 32);
  return true;
}

void* Allocate(std::size_t n, std::size_t align) {
  if (FailNow()) return nullptr;
  if (n == 0) n = 1;
  if (align <= alignof(std::max_align_t)) return std::malloc(n);
  return std::aligned_alloc(align, (n + align - 1) / align * align);
}

}  // namespace

void* operator new(std::size_t n) {
  void* p = Allocate(n, 0);
  if (p == nullptr) throw std::bad_alloc();
  return p;
}
void* operator new(std::size_t n, std::align_val_t a) {
  void* p = Allocate(n, static_cast<std::size_t>(a));
  if (p == nullptr) throw std::bad_alloc();
  return p;
}
// The nothrow forms never fail here: simdjson allocates its string buffer with them and does not
// check the result. linkgraph asks for the same size with the throwing form first
// (dsl::internal::Iterate), which is where this test makes it fail.
void* operator new(std::size_t n, const std::nothrow_t&) noexcept { return std::malloc(n ? n : 1); }
void* operator new(std::size_t n, std::align_val_t a, const std::nothrow_t&) noexcept {
  std::size_t align = static_cast<std::size_t>(a);
  return std::aligned_alloc(align, ((n ? n : 1) + align - 1) / align * align);
}
void* operator new[](std::size_t n) { return operator new(n); }
void* operator new[](std::size_t n, std::align_val_t a) { return operator new(n, a); }
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept { return std::malloc(n ? n : 1); }
void* operator new[](std::size_t n, std::align_val_t a, const std::nothrow_t&) noexcept {
  return operator new(n, a, std::nothrow);
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }

namespace {

namespace fs = std::filesystem;
using linkgraph::testing::Fingerprint;
using linkgraph::testing::ReadFile;


std::unique_ptr<linkgraph::Database> ShopDatabase() {
  auto db = linkgraph::testing::TestDatabase();
  fs::path shop = fs::path(LG_EXAMPLES_DIR) / "shop";
  REQUIRE(db->RegisterJson(ReadFile(shop / "schema.json")).ok());
  REQUIRE(db->LoadJson(ReadFile(shop / "data.json")).ok());
  return db;
}


// Runs `op` with the N-th allocation failing for N = 0, 1, …; every failed run must be
// ResourceExhausted and change nothing. Returns the number of failed runs; the last run (no
// allocation failed) must succeed, and its result is left in the database.
int RunWithFailures(linkgraph::Database& db, const std::function<absl::Status()>& op) {
  const std::string before = Fingerprint(db);
  for (int64_t n = 0;; ++n) {
    g_injected = 0;
    g_countdown = n;
    absl::Status s = op();
    g_countdown = -1;
    if (g_injected == 0) {
      INFO("run without a failure: " << s);
      CHECK(s.ok());
      return static_cast<int>(n);
    }
    INFO("allocation " << n << " failed: " << s);
    if (s.ok()) backtrace_symbols_fd(g_where, g_where_depth, 2);
    REQUIRE(s.code() == absl::StatusCode::kResourceExhausted);
    const std::string after = Fingerprint(db);
    if (after != before) {
      size_t at = 0;
      while (at < after.size() && at < before.size() && after[at] == before[at]) ++at;
      size_t from = at > 200 ? at - 200 : 0;
      INFO("first difference, before: " << before.substr(from, 400) << "\nafter: "
                                        << after.substr(from, 400));
      backtrace_symbols_fd(g_where, g_where_depth, 2);
      REQUIRE(after == before);
    }
  }
}

absl::Status StatusOf(const absl::StatusOr<linkgraph::Result>& r) { return r.status(); }

}  // namespace

TEST_CASE("a write whose allocation fails returns ResourceExhausted and changes nothing",
          "[fault]") {
  auto db = ShopDatabase();
  int runs = RunWithFailures(*db, [&] {
    return StatusOf(db->Service("product").Create(
        R"([{"id":"prod_new","title":"Kettle","handle":"kettle","status":"published",
             "tags":["kitchen"],"metadata":{"w":1500},
             "variants":[{"sku":"KET-1","title":"Steel","price":"49.90"},
                         {"sku":"KET-2","title":"Black","price":"54.90"}]}])"));
  });
  CHECK(runs > 20);
  runs = RunWithFailures(*db, [&] {
    return StatusOf(db->Service("variant").Update(
        R"({"selector":"sku like 'KET-%'","data":{"title":"A much longer title than before","inventory":7}})"));
  });
  CHECK(runs > 5);
  RunWithFailures(*db, [&] {
    return StatusOf(db->Links().Create(
        R"({"product":{"product_id":"prod_new"},"collection":{"collection_id":"pcol_kitchen"}})"));
  });
  RunWithFailures(*db, [&] { return StatusOf(db->Service("product").SoftDelete(R"(["prod_new"])")); });
  RunWithFailures(*db, [&] { return StatusOf(db->Service("product").Restore(R"(["prod_new"])")); });
  RunWithFailures(*db, [&] { return StatusOf(db->Service("product").Delete(R"(["prod_new"])")); });
}

TEST_CASE("a load whose allocation fails returns ResourceExhausted and changes nothing",
          "[fault]") {
  auto db = ShopDatabase();
  std::string lines;
  for (int i = 0; i < 30; ++i) {
    lines += R"({"id":"rev_f)" + std::to_string(i) +
             R"(","product_id":"prod_mug","customer_id":"cus_01","rating":)" +
             std::to_string(1 + i % 5) + R"(,"content":"Review number )" + std::to_string(i) +
             "\"}\n";
  }
  int runs = RunWithFailures(*db, [&] { return db->LoadJsonLines("review", lines).status(); });
  CHECK(runs > 30);
  RunWithFailures(*db, [&] {
    return db->LoadJson(R"({"customer":[{"id":"cus_f1","email":"f1@example.com","first_name":"F","last_name":"G"}],
                            "review":[{"product_id":"prod_lamp","customer_id":"cus_f1","rating":4,"content":"Bright."}]})")
        .status();
  });
}

TEST_CASE("a migration whose allocation fails returns ResourceExhausted and changes nothing",
          "[fault]") {
  auto db = ShopDatabase();
  // The shop's schema with a defaulted property, a type conversion and a unique rule on the
  // products (their tables rebuilt), and a new model.
  std::string schema = ReadFile(fs::path(LG_EXAMPLES_DIR) / "shop" / "schema.json");
  auto replace = [&](const std::string& from, const std::string& to) {
    const size_t at = schema.find(from);
    REQUIRE(at != std::string::npos);
    schema.replace(at, from.size(), to);
  };
  replace(R"("weight": { "type": "number", "nullable": true },)",
          R"("weight": { "type": "float", "nullable": true },
             "origin": { "type": "text", "default": "unknown" },)");
  replace(R"("title": { "type": "text", "searchable": true },)",
          R"("title": { "type": "text", "searchable": true, "unique": true },)");
  auto parsed = linkgraph::ParseSchemaJson(schema);
  INFO(parsed.status());
  REQUIRE(parsed.ok());
  const std::string before = db->SchemaJson();
  int runs = RunWithFailures(*db, [&] {
    absl::Status s = db->Migrate(*parsed).status();
    if (!s.ok()) CHECK(db->SchemaJson() == before);
    return s;
  });
  CHECK(runs > 30);
  CHECK(db->SchemaJson() != before);
}

TEST_CASE("a Register whose allocation fails returns ResourceExhausted and changes nothing",
          "[fault]") {
  auto db = ShopDatabase();
  const std::string before = db->SchemaJson();
  int runs = RunWithFailures(*db, [&] {
    absl::Status s = db->RegisterJson(R"({"modules":[{"name":"wishlist","models":[{"name":"wish",
        "properties":{"id":{"type":"id","primaryKey":true},"product_id":{"type":"text"},
        "note":{"type":"text","default":"someday"}}}],
        "links":[{"alias":"wishes","foreignKey":"product_id","primaryKey":"id",
                  "foreignKeyTargetField":"id","entity":"product"}]}]})");
    if (!s.ok()) CHECK(db->SchemaJson() == before);
    return s;
  });
  CHECK(runs > 30);
  CHECK(db->SchemaJson() != before);
}

TEST_CASE("a query whose allocation fails returns ResourceExhausted", "[fault]") {
  auto db = ShopDatabase();
  const std::string request =
      R"({"entity":"product","fields":["id","title","variants.sku","product_reviews(rating >= 2, order: rating desc).content","collections.title"],
          "filters":"status = 'published' and product_reviews.rating >= 1","pagination":{"order":"title","take":5}})";
  const std::string want = db->GraphJson(request)->ToJson();
  int runs = RunWithFailures(*db, [&] { return StatusOf(db->GraphJson(request)); });
  CHECK(runs > 20);
  auto prepared = db->PrepareJson(
      R"({"entity":"product","fields":["id","variants.*"],"filters":{"id":{"$param":"id"}}})");
  REQUIRE(prepared.ok());
  const linkgraph::Params params = {{"id", "prod_mug"}};
  RunWithFailures(*db, [&] { return StatusOf(prepared->Execute(params)); });
  RunWithFailures(*db, [&] {
    return db->ExplainJson(request, {.analyze = true}).status();
  });
  CHECK(db->GraphJson(request)->ToJson() == want);
}

TEST_CASE("writing a result whose allocation fails sets the stream's badbit and throws nothing",
          "[fault]") {
  auto db = ShopDatabase();
  auto result = db->GraphJson(R"({"entity":"product","fields":["id","title","variants.sku"]})");
  REQUIRE(result.ok());
  const std::string want = result->ToJson();
  int failed_runs = 0;
  for (int64_t n = 0;; ++n) {
    std::ostringstream os;
    g_injected = 0;
    g_countdown = n;
    bool threw = false;
    try {
      result->WriteJson(os);
    } catch (...) {
      threw = true;
    }
    g_countdown = -1;
    INFO("allocation " << n);
    CHECK_FALSE(threw);
    if (g_injected == 0) {
      CHECK(os.good());
      CHECK(os.str() == want);
      break;
    }
    ++failed_runs;
    CHECK(os.bad());
  }
  CHECK(failed_runs > 0);
}
