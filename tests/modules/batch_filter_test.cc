// exec::BatchFilter against the row-at-a-time exec::Evaluate: for many bound filters and every
// root row (soft-deleted ones included), the batch result must equal Evaluate's, whatever the
// batching and whether EXISTS leaves probe, build early or never build, with and without
// with_deleted. Data: deterministic pseudo-random products, reviews (seed link with dangling and
// null keys, soft- and hard-deleted rows, ordered indexes of every orderable type), shipments (a
// seed link on nullable unique number keys), collections through a defineLink pivot (dismissed
// pairs), in-module variants (hasMany/belongsTo) and tags (manyToMany). EXISTS inner filters on
// indexed columns make builds read an index's candidates instead of the whole related table.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <mutex>
#include <random>
#include <shared_mutex>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "modules/access.h"
#include "dsl/parse.h"
#include "engine/exec/batch_filter.h"
#include "engine/exec/eval.h"
#include "engine/plan/bind.h"
#include "linkgraph/database.h"
#include "modules/state.h"

namespace {

using linkgraph::exec::BatchFilter;
using linkgraph::exec::Tri;
using nlohmann::json;

const char* kSchema = R"({"modules":[
  {"name":"product","models":[
    {"name":"product","properties":{
       "id":{"type":"id","primaryKey":true},
       "title":{"type":"text","searchable":true},
       "code":{"type":"text","nullable":true},
       "num":{"type":"number","nullable":true,"unique":true},
       "rank":{"type":"number","nullable":true},
       "price":{"type":"float","nullable":true},
       "active":{"type":"boolean","nullable":true},
       "status":{"type":"enum","values":["draft","live","archived"],"nullable":true}},
     "relationships":{
       "variants":{"type":"hasMany","target":"variant","mappedBy":"product"},
       "tags":{"type":"manyToMany","target":"tag","mappedBy":"products"}},
     "cascades":{"delete":["variants"]}},
    {"name":"variant","properties":{
       "id":{"type":"id","primaryKey":true},"sku":{"type":"text","unique":true},
       "weight":{"type":"number","nullable":true}},
     "relationships":{"product":{"type":"belongsTo","target":"product","mappedBy":"variants"}}},
    {"name":"tag","properties":{"id":{"type":"id","primaryKey":true},"value":{"type":"text"}},
     "relationships":{"products":{"type":"manyToMany","target":"product","mappedBy":"tags"}}}]},
  {"name":"review","models":[{"name":"review","properties":{
     "id":{"type":"id","primaryKey":true},
     "product_id":{"type":"text","nullable":true},
     "rating":{"type":"number","nullable":true,"index":true},
     "body":{"type":"text","nullable":true,"index":true},
     "mood":{"type":"enum","values":["happy","angry","calm"],"nullable":true,"index":true},
     "score":{"type":"float","nullable":true,"index":true},
     "verified":{"type":"boolean","nullable":true,"index":true},
     "seen_at":{"type":"dateTime","nullable":true,"index":true},
     "ref":{"type":"text","nullable":true,"unique":true}}}],
   "links":[{"alias":"product_reviews","foreignKey":"product_id","primaryKey":"id",
             "foreignKeyTargetField":"id"}]},
  {"name":"shipment","models":[{"name":"shipment","properties":{
     "id":{"type":"id","primaryKey":true},
     "product_num":{"type":"number","nullable":true},
     "boxes":{"type":"number","nullable":true}}}],
   "links":[{"alias":"product_shipments","entity":"product","foreignKey":"product_num",
             "primaryKey":"id","foreignKeyTargetField":"num"}]},
  {"name":"collection","models":[{"name":"collection","properties":{
     "id":{"type":"id","primaryKey":true},"title":{"type":"text"}}}]}],
  "defineLinks":[
    {"left":{"module":"product","entity":"product","isList":true},
     "right":{"module":"collection","entity":"collection","isList":true},
     "database":{"extraColumns":{"position":{"type":"number","nullable":true}}}}]})";

constexpr int kProducts = 300;
constexpr int kReviews = 1500;
constexpr int kCollections = 20;
constexpr int kPivotLinks = 400;
constexpr int kVariants = 600;
constexpr int kShipments = 500;
constexpr int kTags = 15;
constexpr int kProductTags = 450;

std::string Id(const char* prefix, int i) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s%03d", prefix, i);
  return buf;
}

void Populate(linkgraph::Database& db) {
  absl::Status registered = db.RegisterJson(kSchema);
  INFO(registered.ToString());
  REQUIRE(registered.ok());
  std::mt19937 rng(20260101);
  auto pick = [&](uint32_t n) { return static_cast<int>(rng() % n); };
  auto chance = [&](uint32_t percent) { return rng() % 100 < percent; };

  static const char* kTitles[] = {"Shirt", "Shirt Blue", "shirt", "Mug", "Mug_Large",
                                  "Cap 50%", "Cap", "Zebra"};
  static const char* kStatus[] = {"draft", "live", "archived"};
  json doc;
  json& products = doc["product"];
  for (int i = 0; i < kProducts; ++i) {
    json p;
    p["id"] = Id("p", i);
    p["title"] = std::string(kTitles[pick(8)]) + " " + std::to_string(pick(12));
    p["code"] = chance(25) ? json(nullptr)
                           : json(std::string(chance(50) ? "C" : "c") + std::to_string(pick(40)));
    p["rank"] = chance(20) ? json(nullptr) : json(pick(10));
    if (!chance(15)) p["num"] = 1000 + i;  // unique, some null
    p["price"] = chance(20) ? json(nullptr) : json(pick(400) / 10.0);
    p["active"] = chance(30) ? json(nullptr) : json(chance(50));
    p["status"] = chance(20) ? json(nullptr) : json(kStatus[pick(3)]);
    products.push_back(p);
  }
  json& collections = doc["collection"];
  for (int i = 0; i < kCollections; ++i) {
    collections.push_back(
        {{"id", Id("c", i)}, {"title", std::string("c") + std::to_string(i % 15)}});
  }
  json& tags = doc["tag"];
  for (int i = 0; i < kTags; ++i) {
    tags.push_back({{"id", Id("t", i)}, {"value", std::string("t") + std::to_string(i % 10)}});
  }
  static const char* kBodies[] = {"good", "Very GOOD", "bad", "meh", "good enough"};
  static const char* kMoods[] = {"happy", "angry", "calm"};
  json& reviews = doc["review"];
  for (int i = 0; i < kReviews; ++i) {
    json r;
    r["id"] = Id("r", i);
    // Reviews cluster on the first products so some products have many, some none.
    int roll = pick(100);
    if (roll < 7) {
      r["product_id"] = Id("px", pick(30));  // dangling
    } else if (roll < 15) {
      r["product_id"] = nullptr;
    } else {
      int target = chance(50) ? pick(kProducts / 3) : pick(kProducts);
      r["product_id"] = Id("p", target);
    }
    r["rating"] = chance(15) ? json(nullptr) : json(1 + pick(5));
    r["body"] = chance(30) ? json(nullptr) : json(kBodies[pick(5)]);
    r["mood"] = chance(20) ? json(nullptr) : json(kMoods[pick(3)]);
    r["score"] = chance(20) ? json(nullptr) : json(pick(50) / 10.0);
    r["verified"] = chance(25) ? json(nullptr) : json(chance(50));
    if (!chance(20)) {
      const int month = 1 + static_cast<int>(pick(12)), day = 1 + static_cast<int>(pick(28));
      r["seen_at"] = std::string("2026-") + (month < 10 ? "0" : "") + std::to_string(month) + "-" +
                     (day < 10 ? "0" : "") + std::to_string(day) + "T00:00:00Z";
    }
    if (!chance(40)) r["ref"] = Id("ref", i);
    reviews.push_back(r);
  }
  json& shipments = doc["shipment"];
  for (int i = 0; i < kShipments; ++i) {
    json sh;
    sh["id"] = Id("s", i);
    int roll = pick(100);
    // Number keys: some dangling, some null.
    sh["product_num"] = roll < 10 ? json(nullptr) : roll < 15 ? json(5000 + pick(10))
                                                              : json(1000 + pick(kProducts));
    sh["boxes"] = chance(20) ? json(nullptr) : json(pick(6));
    shipments.push_back(sh);
  }
  json& variants = doc["variant"];
  for (int i = 0; i < kVariants; ++i) {
    json v;
    v["id"] = Id("v", i);
    v["sku"] = std::string("SKU-") + Id("", i);
    v["product_id"] = Id("p", pick(kProducts / 2));  // half the products have none
    v["weight"] = chance(20) ? json(nullptr) : json(pick(10));
    variants.push_back(v);
  }
  json& product_tags = doc["product_tags"];
  for (int i = 0; i < kProductTags; ++i) {
    product_tags.push_back({{"id", Id("pt", i)},
                            {"product_id", Id("p", pick(kProducts))},
                            {"tag_id", Id("t", pick(kTags))}});
  }
  auto loaded = db.LoadJson(doc.dump());
  INFO(loaded.status().ToString());
  REQUIRE(loaded.ok());

  // defineLink pairs (repeated pairs update the row), then some dismissed.
  json links = json::array();
  std::vector<std::pair<int, int>> pairs;
  for (int i = 0; i < kPivotLinks; ++i) {
    int p = pick(kProducts / 2 + kProducts / 4);
    int c = pick(kCollections);
    pairs.emplace_back(p, c);
    json l = {{"product", {{"product_id", Id("p", p)}}},
              {"collection", {{"collection_id", Id("c", c)}}}};
    if (!chance(30)) l["data"] = {{"position", pick(10)}};
    links.push_back(l);
  }
  auto created = db.Links().Create(links.dump());
  INFO(created.status().ToString());
  REQUIRE(created.ok());
  json dismiss = json::array();
  for (size_t i = 0; i < pairs.size(); i += 9) {
    dismiss.push_back({{"product", {{"product_id", Id("p", pairs[i].first)}}},
                       {"collection", {{"collection_id", Id("c", pairs[i].second)}}}});
  }
  // A dismissed pair dismissed again counts 0 but is fine; one call per pair keeps it simple.
  for (const json& d : dismiss) {
    auto r = db.Links().Dismiss(d.dump());
    INFO(r.status().ToString());
    REQUIRE(r.ok());
  }

  // Soft and hard deletes of reviews.
  json soft_reviews = json::array(), hard_reviews = json::array();
  for (int i = 0; i < kReviews; ++i) {
    int roll = pick(100);
    if (roll < 12) soft_reviews.push_back(Id("r", i));
    else if (roll < 15) hard_reviews.push_back(Id("r", i));
  }
  REQUIRE(db.Service("review").SoftDelete(soft_reviews.dump()).ok());
  REQUIRE(db.Service("review").Delete(hard_reviews.dump()).ok());
  json soft_shipments = json::array();
  for (int i = 0; i < kShipments; i += 7) soft_shipments.push_back(Id("s", i));
  REQUIRE(db.Service("shipment").SoftDelete(soft_shipments.dump()).ok());
  REQUIRE(db.Service("shipment").Delete(R"(["s001","s002","s050"])").ok());
  // Variants soft-deleted on their own.
  json soft_variants = json::array();
  for (int i = 0; i < kVariants; i += 11) soft_variants.push_back(Id("v", i));
  REQUIRE(db.Service("variant").SoftDelete(soft_variants.dump()).ok());
  // Tags and collections soft-deleted.
  REQUIRE(db.Service("tag").SoftDelete(R"(["t003","t011"])").ok());
  REQUIRE(db.Service("collection").SoftDelete(R"(["c004","c017"])").ok());
  // Products: some soft-deleted (their variants follow, their pivot rows are dismissed), a few
  // hard-deleted (dead rows).
  json soft_products = json::array(), hard_products = json::array();
  for (int i = 0; i < kProducts; ++i) {
    if (i % 17 == 3) soft_products.push_back(Id("p", i));
    else if (i % 41 == 7) hard_products.push_back(Id("p", i));
  }
  auto sp = db.Service("product").SoftDelete(soft_products.dump());
  INFO(sp.status().ToString());
  REQUIRE(sp.ok());
  auto hp = db.Service("product").Delete(hard_products.dump());
  INFO(hp.status().ToString());
  REQUIRE(hp.ok());
}

uint8_t ToBatch(Tri t) {
  switch (t) {
    case Tri::kTrue: return linkgraph::exec::kYes;
    case Tri::kFalse: return linkgraph::exec::kNo;
    case Tri::kUnknown: return linkgraph::exec::kMaybe;
  }
  return 255;
}

const char* TriName(uint8_t v) {
  switch (v) {
    case linkgraph::exec::kYes: return "yes";
    case linkgraph::exec::kNo: return "no";
    case linkgraph::exec::kMaybe: return "maybe";
  }
  return "?";
}

struct Case {
  const char* entity;
  const char* filter;  // text form (quoted as a JSON string) or, starting with '{', object form
};

// One evaluation mode: the build divisor (when `set_divisor`; 1 << 20 builds as soon as a probe
// touched a related row, 0 never builds) and the batches: the first `first` rows (0: no separate
// first batch), then batches of `step` rows (0: the rest at once).
struct Mode {
  const char* name;
  bool set_divisor;
  size_t divisor;
  size_t first;
  size_t step;
};

const Mode kModes[] = {
    {"default, one batch", false, 0, 0, 0},
    {"default, batches of 7", false, 0, 7, 7},
    {"forced build, 10 then the rest", true, size_t{1} << 20, 10, 0},
    {"forced build, 10 then batches of 7", true, size_t{1} << 20, 10, 7},
    {"forced build, 1 then batches of 7", true, size_t{1} << 20, 1, 7},
    {"never build, one batch", true, 0, 0, 0},
    {"never build, batches of 7", true, 0, 7, 7},
};

const Case kCases[] = {
    // Plain comparisons: number with nulls.
    {"product", "rank = 3"},
    {"product", "rank != 3"},
    {"product", "rank > 4"},
    {"product", "rank >= 4"},
    {"product", "rank < 2"},
    {"product", "rank <= 2"},
    {"product", "rank > 2.5"},
    {"product", "rank in (1, 3, 5)"},
    {"product", "rank in (1, null)"},
    {"product", "rank in (null)"},
    {"product", "rank not in (1, 3)"},
    {"product", "rank not in (1, null)"},
    {"product", "rank in (1, 2.5)"},
    {"product", "rank is null"},
    {"product", "rank is not null"},
    {"product", R"({"rank":{"$in":[]}})"},
    {"product", R"({"rank":{"$nin":[]}})"},
    {"product", R"({"rank":{"$not":{"$gt":4}}})"},
    // Float, boolean.
    {"product", "price > 10.5"},
    {"product", "price <= 20"},
    {"product", "price in (1.5, 2, null)"},
    {"product", "active = true"},
    {"product", "active != false"},
    {"product", "active not in (true)"},
    // Enum with nulls.
    {"product", "status = 'live'"},
    {"product", "status != 'draft'"},
    {"product", "status > 'draft'"},
    {"product", "status <= 'draft'"},
    {"product", "status in ('draft', null)"},
    {"product", "status not in ('draft', null)"},
    {"product", "status not in ('archived')"},
    {"product", "status like 'dr%'"},
    {"product", "status ilike '%IVE'"},
    {"product", "status is null"},
    {"product", R"({"status":["live",null]})"},
    // Text.
    {"product", "title = 'Mug 3'"},
    {"product", "title != 'Mug 3'"},
    {"product", "title > 'Mug'"},
    {"product", "title >= 'Shirt 1'"},
    {"product", "title < 'Mug_Large'"},
    {"product", "title <= 'Shirt'"},
    {"product", "title in ('Cap 1', 'shirt 2', 'Zebra 11')"},
    {"product", "title not in ('Cap 1', 'shirt 2')"},
    {"product", "title like 'Shirt%'"},
    {"product", "title ilike 'shirt%'"},
    {"product", R"(title like 'Mug\_L%')"},
    {"product", "title like 'Cap 50%'"},
    {"product", "title like '%a_g%'"},
    {"product", "q = '50%'"},
    {"product", "code is null"},
    {"product", "code = 'C1'"},
    {"product", "code > 'C3'"},
    {"product", "code like 'C1%'"},
    {"product", "code ilike 'c1%'"},
    {"product", "code in ('C1', 'c2', null)"},
    {"product", "code not in ('C1')"},
    {"product", "code not in ('C1', null)"},
    // Connectives.
    {"product", "not rank > 4"},
    {"product", "not (rank > 4 or status = 'live')"},
    {"product", "rank > 4 or status = 'live'"},
    {"product", "rank > 4 and status = 'live'"},
    {"product", "(rank < 3 or code is null) and not status = 'draft'"},
    {"product", "rank > 4 or code like 'C%' or price < 5"},
    {"product", "not (rank > 4 and code like 'C%')"},
    {"product", "(rank = 1 or rank = 2) and (status = 'live' or status is null)"},
    {"product", R"({"$or":[{"rank":{"$gt":6}},{"rank":null}],"status":{"$ne":"archived"}})"},
    // deleted_at.
    {"product", "deleted_at is not null"},
    {"product", "deleted_at is null"},
    {"product", "deleted_at > '2000-01-01T00:00:00Z'"},
    {"product", "deleted_at is null or rank = 2"},
    // EXISTS through the seed link.
    {"product", "product_reviews.rating >= 4"},
    {"product", "product_reviews.(rating >= 4 and rating < 5)"},
    {"product", "not product_reviews exists"},
    {"product", "product_reviews exists"},
    {"product", "product_reviews.rating is null"},
    {"product", "product_reviews.rating not in (1, null)"},
    {"product", "product_reviews.body ilike '%good%'"},
    {"product", "product_reviews.rating > 3 and product_reviews.body ilike '%good%'"},
    {"product", "product_reviews.(rating > 3 and body ilike '%good%')"},
    {"product", "product_reviews.(rating < 2 or body is null)"},
    {"product", "not product_reviews.(rating < 3 or rating is null)"},
    {"product", "product_reviews.deleted_at is not null"},
    {"product", "product_reviews.deleted_at is null"},
    {"product", "product_reviews.rating = 5 or collections.title = 'c3'"},
    {"product", "not (product_reviews.rating >= 4 or variants.weight > 5)"},
    {"product", "rank > 3 and product_reviews.rating >= 4"},
    {"product", "rank > 3 or product_reviews.rating is null"},
    {"product", "status = 'live' and not collections exists"},
    {"product", "not (status = 'live' and product_reviews.rating = 1)"},
    {"product",
     R"({"product_reviews":{"rating":{"$gte":4}},"$or":[{"rank":null},{"rank":{"$lt":3}}]})"},
    {"product", R"({"product_reviews":{"$exists":false}})"},
    {"product",
     R"({"product_reviews":{"$exists":true},"$and":[{"product_reviews":{"rating":1}}]})"},
    // EXISTS whose inner filter an index can serve (a build reads the index's candidates).
    {"product", "product_reviews.id = 'r005'"},
    {"product", "product_reviews.id in ('r001', 'r002', 'r777', 'r999', 'nope')"},
    {"product", "product_reviews.product_id = 'p003'"},
    {"product", "product_reviews.product_id in ('p003', 'p010', 'px001')"},
    {"product", "product_reviews.(product_id = 'p003' and rating > 2)"},
    {"product", "product_reviews.ref in ('ref010', 'ref011', 'ref500', 'ref1200')"},
    {"product", "product_reviews.ref = 'ref042'"},
    {"product", "product_reviews.ref >= 'ref1400'"},
    {"product", "product_reviews.rating = 3"},
    {"product", "product_reviews.rating > 2.5"},
    {"product", "product_reviews.rating <= 1"},
    {"product", "product_reviews.(rating > 2 and rating <= 4)"},
    {"product", "product_reviews.(rating > 4 and rating < 2)"},
    {"product", "product_reviews.(rating >= 4 or rating is null)"},
    {"product", "product_reviews.(rating = 3 and body like 'g%')"},
    {"product", "product_reviews.body >= 'good'"},
    {"product", "product_reviews.body < 'bad'"},
    {"product", "product_reviews.mood > 'angry'"},
    {"product", "product_reviews.mood = 'calm'"},
    {"product", "product_reviews.mood <= 'calm'"},
    {"product", "product_reviews.mood in ('calm', null)"},
    {"product", "product_reviews.score >= 2.5"},
    {"product", "product_reviews.score < 1"},
    {"product", "product_reviews.verified = true"},
    {"product", "product_reviews.verified < true"},
    {"product", "product_reviews.seen_at < '2026-03-01T00:00:00Z'"},
    {"product",
     "product_reviews.(seen_at >= '2026-06-01T00:00:00Z' and seen_at < '2026-07-01T00:00:00Z')"},
    {"product", "not product_reviews.(rating = 5 and mood = 'happy')"},
    {"product", "variants.sku = 'SKU-010'"},
    {"product", "variants.sku in ('SKU-010', 'SKU-011', 'SKU-599')"},
    {"product", "variants.product_id = 'p004'"},
    {"product", "collections.id in ('c001', 'c004')"},
    {"product", "collections_link.collection_id = 'c003'"},
    {"product", "collections_link.(collection_id = 'c003' and position > 4)"},
    {"product", "tags.id = 't002'"},
    {"product", "collections.products.id in ('p001', 'p002', 'p005', 'p010', 'p020')"},
    {"product", "product_reviews.product.collections.id = 'c002'"},
    {"review", "product.id in ('p001', 'p002', 'p003')"},
    {"review", "product.product_reviews.rating = 5"},
    {"review", "product.product_reviews.(mood = 'angry' and seen_at > '2026-10-01T00:00:00Z')"},
    {"collection", "products.product_reviews.id in ('r005', 'r100', 'r200', 'r300')"},
    {"collection", "products_link.product_id in ('p001', 'p002')"},
    // A seed link on number keys (a unique nullable number), with dangling and null keys.
    {"product", "product_shipments exists"},
    {"product", "not product_shipments exists"},
    {"product", "product_shipments.boxes >= 4"},
    {"product", "product_shipments.(boxes is null or boxes = 0)"},
    {"product", "product_shipments.product_num = 1005"},
    {"product", "product_shipments.product_num in (1005, 1010, 1100, 5003)"},
    {"product", "product_shipments.product_num in (1005, 1010.5)"},
    {"product", "product_shipments.id in ('s003', 's007', 's010', 's001')"},
    {"product", "num is null or product_shipments.boxes = 5"},
    {"product", "product_shipments.product.product_reviews.rating = 5"},
    {"shipment", "product exists"},
    {"shipment", "product.rank > 5 or boxes is null"},
    {"shipment", "product.num in (1001, 1002, 1003)"},
    {"shipment", "product.product_shipments.boxes = 5"},
    {"review", "product.product_shipments.boxes > 3"},
    // Through the defineLink pivot, and to the pivot rows.
    {"product", "collections.title = 'c3'"},
    {"product", "collections.title in ('c1', 'c5', 'c9')"},
    {"product", "collections exists"},
    {"product", "not collections exists"},
    {"product", "collections_link.position > 5"},
    {"product", "collections_link.position is null"},
    {"product", "collections_link.deleted_at is not null"},
    // Through in-module relations.
    {"product", "variants.sku like 'SKU-00%'"},
    {"product", "variants.(weight is null)"},
    {"product", "variants.weight >= 8"},
    {"product", "not variants exists"},
    {"product", "tags.value = 't2'"},
    {"product", "tags exists and not product_reviews exists"},
    // Nested EXISTS.
    {"product", "product_reviews.product.collections.title = 'c3'"},
    {"product", "collections.products.product_reviews.rating = 5"},
    {"product", "variants.product.status = 'live'"},
    {"product", "tags.products.rank = 9"},
    {"product", "collections.(title = 'c1' or products.rank = 0)"},
    {"product", "not collections.products.variants.weight = 9"},
    // Other roots.
    {"review", "rating >= 4"},
    {"review", "rating in (2, null) or body like 'good%'"},
    {"review", "product exists"},
    {"review", "not product exists"},
    {"review", "product.status = 'live'"},
    {"review", "rating >= 4 and product.rank > 5"},
    {"review", "product.deleted_at is not null"},
    {"review", "product.collections.title = 'c3'"},
    {"review", "product.product_reviews.rating = 1"},
    {"review", "product.variants.(weight > 5 and sku like 'SKU-0%')"},
    {"review", "not (product.rank < 5 or product.collections exists)"},
    {"review", "product_id is null or product.rank is null"},
    {"collection", "products.rank > 8"},
    {"collection", "products.product_reviews.rating = 5"},
    {"collection", "not products_link exists"},
    {"collection", "products_link.position is null"},
    {"collection", "products_link.product.status = 'draft'"},
    {"collection", "products.(status = 'live' and not product_reviews exists)"},
    {"variant", "product.rank > 5"},
    {"variant", "product.variants.weight > 8"},
    {"variant", "product.tags.value = 't1'"},
    {"variant", "weight is null or product.product_reviews.rating = 2"},
    {"tag", "products.rank = 2"},
    {"tag", "not products.collections exists"},
    {"product_collection", "product.rank > 5 and collection.title = 'c1'"},
    {"product_collection", "product.product_reviews.rating = 5 or position = 3"},
};

std::string RequestJson(const Case& c) {
  json req;
  req["entity"] = c.entity;
  req["fields"] = {"id"};
  std::string f = c.filter;
  req["filters"] = f[0] == '{' ? json::parse(f) : json(f);
  return req.dump();
}

}  // namespace

TEST_CASE("BatchFilter agrees with Evaluate in every mode and batching", "[batch_filter]") {
  linkgraph::Database db;
  Populate(db);
  linkgraph::Database::State& state = linkgraph::modules::DatabaseAccess::State(db);
  linkgraph::modules::Snapshot snapshot(state);
  const linkgraph::store::Store& store = snapshot.store();

  size_t checked = 0;
  size_t yes_seen = 0, no_seen = 0, maybe_seen = 0;
  for (const Case& c : kCases) {
    auto request = linkgraph::dsl::ParseRequestJson(RequestJson(c));
    INFO("filter on " << c.entity << ": " << c.filter);
    REQUIRE(request.ok());
    auto plan = linkgraph::plan::Bind(*request, snapshot.catalog());
    INFO((plan.ok() ? std::string("bound") : plan.status().ToString()));
    REQUIRE(plan.ok());
    REQUIRE(plan->root->filter.has_value());
    const linkgraph::plan::Predicate& pred = *plan->root->filter;
    const linkgraph::store::Table& table = store.table(plan->root->entity);

    // Every row the caller could see: pk_order holds live and soft-deleted rows, not dead ones.
    std::vector<uint32_t> rows(table.pk_order().begin(), table.pk_order().end());
    std::vector<uint32_t> physical;
    for (uint32_t r = 0; r < table.row_count(); ++r) {
      if (!table.IsDead(r)) physical.push_back(r);
    }
    REQUIRE(rows.size() == physical.size());
    REQUIRE(rows.size() > 10);

    for (bool with_deleted : {false, true}) {
      INFO("with_deleted " << with_deleted);
      std::vector<uint8_t> expected(table.row_count(), 255);
      for (uint32_t r : physical) {
        expected[r] = ToBatch(linkgraph::exec::Evaluate(pred, store, table, r, with_deleted));
        if (expected[r] == linkgraph::exec::kYes) ++yes_seen;
        else if (expected[r] == linkgraph::exec::kNo) ++no_seen;
        else ++maybe_seen;
      }
      for (const Mode& m : kModes) {
        for (const std::vector<uint32_t>* order : {&rows, &physical}) {
          INFO("mode " << m.name << (order == &rows ? ", pk order" : ", physical order"));
          BatchFilter bf(pred, store, table, with_deleted);
          if (m.set_divisor) bf.set_build_threshold_divisor(m.divisor);
          std::vector<uint8_t> out(order->size(), 255);
          size_t begin = 0;
          bool first = true;
          while (begin < order->size()) {
            size_t n = first && m.first > 0 ? m.first : (m.step > 0 ? m.step : order->size());
            first = false;
            n = std::min(n, order->size() - begin);
            bf.Evaluate(std::span<const uint32_t>(order->data() + begin, n), out.data() + begin);
            begin += n;
          }
          size_t mismatches = 0;
          std::string first_mismatch;
          for (size_t i = 0; i < order->size(); ++i) {
            uint32_t r = (*order)[i];
            if (out[i] != expected[r]) {
              if (mismatches++ == 0) {
                first_mismatch = "row " + std::to_string(r) + " (" +
                                 std::string(table.pk_column().GetString(r)) +
                                 "): Evaluate " + TriName(expected[r]) + ", BatchFilter " +
                                 TriName(out[i]);
              }
            }
          }
          INFO(first_mismatch);
          CHECK(mismatches == 0);
          ++checked;
        }
      }
    }
  }
  // The data exercises all three results.
  CHECK(yes_seen > 0);
  CHECK(no_seen > 0);
  CHECK(maybe_seen > 0);
  CHECK(checked == std::size(kCases) * 2 * std::size(kModes) * 2);
}
