// Migrations (issue #22): Database::Migrate's plans, the data following the schema, each
// refusal, renames and conversions, and migrations of durable databases surviving a reopen.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <atomic>
#include <filesystem>
#include <thread>
#include <string>
#include <vector>

#include "engine/durable/env.h"
#include "engine/durable/fault_env.h"
#include "linkgraph/database.h"
#include "linkgraph/schema_text.h"
#include "modules/durable.h"
#include "tests/support/temp_dir.h"

namespace {

using linkgraph::Database;
using linkgraph::MigrateOptions;
using linkgraph::MigrationPlan;
using linkgraph::Schema;
using linkgraph::testing::TempDir;

// The stored schema (kV1): products, collections, and reviews linked by the seed's link form;
// Schema1 makes variants of it with other product properties and `extra` appended to the
// document (a defineLinks key, say).
std::string Schema1(const std::string& product_props, const std::string& extra = "") {
  return std::string(R"({"modules":[
  {"name":"product","models":[{"name":"product","properties":{)") + product_props + R"(}}]},
  {"name":"collection","models":[{"name":"collection","properties":{
     "id":{"type":"id","primaryKey":true},"name":{"type":"text"}}}]},
  {"name":"review","models":[{"name":"review","properties":{
     "id":{"type":"id","primaryKey":true},"product_id":{"type":"text"},
     "rating":{"type":"number"}}}],
   "links":[{"alias":"product_reviews","foreignKey":"product_id","primaryKey":"id",
             "foreignKeyTargetField":"id"}]}])" + extra + "}";
}

const char* kV1Props = R"("id":{"type":"id","primaryKey":true},"title":{"type":"text"},
     "code":{"type":"text","nullable":true},"stock":{"type":"number","index":true},
     "status":{"type":"text"})";

const std::string kV1 = Schema1(kV1Props);

const char* kProductCollection = R"(,"defineLinks":[{"left":{"module":"product","entity":"product",
     "isList":true},"right":{"module":"collection","entity":"collection","isList":true}}])";

Schema Parse(const std::string& json) {
  auto s = linkgraph::ParseSchemaJson(json);
  INFO(s.status().message());
  REQUIRE(s.ok());
  return *s;
}

void Populate(Database& db) {
  REQUIRE(db.RegisterJson(kV1).ok());
  REQUIRE(db.Service("product").Create(R"([
      {"id":"p1","title":"Mug","code":"M1","stock":3,"status":"draft"},
      {"id":"p2","title":"Cup","stock":1,"status":"published"},
      {"id":"p3","title":"Jug","code":"J1","stock":2,"status":"draft"},
      {"id":"p4","title":"Gone","stock":0,"status":"draft"}])").ok());
  REQUIRE(db.Service("product").Delete(R"(["p4"])").ok());  // a dead row: row ids must hold
  REQUIRE(db.Service("product").SoftDelete(R"(["p3"])").ok());
  REQUIRE(db.Service("collection").Create(R"([{"id":"c1","name":"Kitchen"}])").ok());
  REQUIRE(db.Service("review").Create(R"([{"id":"r1","product_id":"p1","rating":5}])").ok());
}

std::string Graph(Database& db, const std::string& request) {
  auto r = db.GraphJson(request);
  INFO(r.status().message());
  REQUIRE(r.ok());
  return nlohmann::ordered_json::parse(r->ToJson())["data"].dump();
}

std::vector<std::string> Texts(const MigrationPlan& plan) {
  std::vector<std::string> out;
  for (const auto& s : plan.steps) out.push_back(s.text);
  return out;
}

MigrationPlan Migrate(Database& db, const std::string& json, MigrateOptions options = {}) {
  auto plan = db.Migrate(Parse(json), options);
  INFO(plan.status().message());
  REQUIRE(plan.ok());
  return *plan;
}

// The one refused step of migrating to `json`; the migration applies nothing.
linkgraph::MigrationStep Refused(Database& db, const std::string& json,
                                 MigrateOptions options = {}) {
  const std::string before = db.SchemaJson();
  auto applied = db.Migrate(Parse(json), options);
  REQUIRE_FALSE(applied.ok());
  CHECK(applied.status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK(db.SchemaJson() == before);
  options.dry_run = true;
  MigrationPlan plan = Migrate(db, json, options);
  REQUIRE(plan.refused());
  CHECK_FALSE(plan.applied);
  for (const auto& s : plan.steps) {
    if (!s.refusal.empty()) return s;
  }
  FAIL("no refused step");
  return {};
}

}  // namespace

TEST_CASE("migrate: a defaulted property and a link added to a populated database", "[migrate]") {
  Database db;
  Populate(db);
  const std::string v2 = Schema1(std::string(kV1Props) +
                                     R"(,"origin":{"type":"text","default":"unknown"})",
                                 kProductCollection);
  MigrateOptions dry;
  dry.dry_run = true;
  MigrationPlan shown = Migrate(db, v2, dry);
  CHECK_FALSE(shown.applied);
  CHECK(Texts(shown) == std::vector<std::string>{
                            "add property product.product.origin (text, default \"unknown\": 3 rows "
                            "filled)",
                            "add link defineLink(product.product, collection.collection) "
                            "(link.product_collection)"});
  CHECK(db.Describe("product")->fields.size() == 8);  // the dry run changed nothing

  MigrationPlan plan = Migrate(db, v2);
  CHECK(plan.applied);
  CHECK(Texts(plan) == Texts(shown));
  CHECK(Graph(db, R"({"entity":"product","fields":["id","origin"],"withDeleted":true})") ==
        R"([{"id":"p1","origin":"unknown"},{"id":"p2","origin":"unknown"},)"
        R"({"id":"p3","origin":"unknown"}])");
  REQUIRE(db.Links().Create(R"({"product":{"product_id":"p1"},"collection":{"collection_id":"c1"}})").ok());
  CHECK(Graph(db, R"({"entity":"collection","fields":["name","products.title","products.origin"]})") ==
        R"([{"name":"Kitchen","products":[{"title":"Mug","origin":"unknown"}]}])");
  // The rows kept their ids, soft deletes and links; writes go on.
  CHECK(Graph(db, R"({"entity":"product","fields":["id","product_reviews.rating"]})") ==
        R"([{"id":"p1","product_reviews":[{"rating":5}]},{"id":"p2","product_reviews":[]}])");
  // The ordered index on stock, rebuilt from the old one's order, takes new rows in order.
  REQUIRE(db.Service("product").Create(R"({"id":"p5","title":"New","stock":1,"status":"draft"})").ok());
  CHECK(Graph(db, R"({"entity":"product","fields":["id"],"filters":{"stock":{"$gte":1}},
      "pagination":{"order":{"stock":"DESC"},"take":4},"withDeleted":true})") ==
        R"([{"id":"p1"},{"id":"p3"},{"id":"p2"},{"id":"p5"}])");
  CHECK(Graph(db, R"({"entity":"product","fields":["origin"],"filters":{"id":"p5"}})") ==
        R"([{"origin":"unknown"}])");
  CHECK(db.Service("product").Create(R"({"id":"p4","title":"Again","stock":1,"status":"draft"})").ok());
  REQUIRE(db.Migrations().size() == 1);
  CHECK(db.Migrations()[0].number == 1);
  CHECK(db.Migrations()[0].steps == Texts(plan));
  // The same schema again: nothing to do.
  CHECK(Migrate(db, v2).steps.empty());
}

TEST_CASE("migrate: drops need --allow-drop when they hold data", "[migrate]") {
  Database db;
  Populate(db);
  // `code` holds values in p1 and p3 (soft-deleted rows hold data too).
  const std::string no_code = Schema1(R"("id":{"type":"id","primaryKey":true},"title":{"type":"text"},
     "stock":{"type":"number","index":true},"status":{"type":"text"})");
  auto step = Refused(db, no_code);
  CHECK(step.text == "drop property product.product.code (2 rows hold a value)");
  CHECK(step.refusal == "2 rows hold a value that would be lost: allow drops (--allow-drop) to drop them");
  CHECK(step.offending == std::vector<std::string>{"p1: 'M1'", "p3: 'J1'"});
  MigrateOptions allow;
  allow.allow_drop = true;
  MigrationPlan plan = Migrate(db, no_code, allow);
  CHECK(plan.applied);
  CHECK(db.Describe("product")->fields.size() == 7);

  // A model holding rows.
  Database db2;
  Populate(db2);
  auto dropped = Refused(db2, R"({"modules":[{"name":"product","models":[{"name":"product","properties":{)" +
                                   std::string(kV1Props) + "}}]}]}");
  CHECK(dropped.text == "drop model collection.collection (1 row)");
  CHECK(dropped.offending == std::vector<std::string>{"c1"});
}

TEST_CASE("migrate: refusals say why, which rows, and what would make it safe", "[migrate]") {
  Database db;
  Populate(db);
  SECTION("a required property without default on a populated model") {
    auto s = Refused(db, Schema1(std::string(kV1Props) + R"(,"weight":{"type":"number"})"));
    CHECK(s.text == "add property product.product.weight (number)");
    CHECK(s.refusal == "3 rows would have no value: give it a default or make it nullable");
    CHECK(s.offending == std::vector<std::string>{"p1", "p2", "p3"});
  }
  SECTION("a type change without a lossless conversion") {
    auto s = Refused(db, Schema1(R"("id":{"type":"id","primaryKey":true},"title":{"type":"number"},
       "code":{"type":"text","nullable":true},"stock":{"type":"number","index":true},"status":{"type":"text"})"));
    CHECK(s.text == "change type of product.product.title: text -> number");
    CHECK(s.refusal == "no lossless conversion from text to number: add a new property and copy the "
                       "values with an update");
  }
  SECTION("text to enum when a value does not fit") {
    auto s = Refused(db, Schema1(R"("id":{"type":"id","primaryKey":true},"title":{"type":"text"},
       "code":{"type":"text","nullable":true},"stock":{"type":"number","index":true},
       "status":{"type":"enum","values":["draft"]})"));
    CHECK(s.text == "change type of product.product.status: text -> enum (draft)");
    CHECK(s.offending == std::vector<std::string>{
                             "p2: 'published' is not a value of enum 'status' (values: draft)"});
  }
  SECTION("a unique rule the data breaks") {
    REQUIRE(db.Service("product").Update(R"({"id":"p2","code":"M1"})").ok());
    auto s = Refused(db, Schema1(R"("id":{"type":"id","primaryKey":true},"title":{"type":"text"},
       "code":{"type":"text","nullable":true,"unique":true},"stock":{"type":"number","index":true},
       "status":{"type":"text"})"));
    CHECK(s.text == "add unique rule on product.product.code");
    CHECK(s.offending == std::vector<std::string>{"p1, p2: 'M1'"});
  }
  SECTION("nullable to required with nulls") {
    auto s = Refused(db, Schema1(R"("id":{"type":"id","primaryKey":true},"title":{"type":"text"},
       "code":{"type":"text"},"stock":{"type":"number","index":true},"status":{"type":"text"})"));
    CHECK(s.text == "make product.product.code required");
    CHECK(s.offending == std::vector<std::string>{"p2"});
  }
  SECTION("a defineLink dropped while link rows hold data") {
    REQUIRE(db.Migrate(Parse(Schema1(kV1Props, kProductCollection))).ok());
    REQUIRE(db.Links().Create(R"({"product":{"product_id":"p1"},"collection":{"collection_id":"c1"}})").ok());
    auto s = Refused(db, kV1);
    CHECK(s.text == "drop link defineLink(product.product, collection.collection) "
                    "(link.product_collection) (1 row)");
    CHECK(s.offending.size() == 1);
  }
  SECTION("another primary key") {
    std::string v2 = kV1;
    const std::string keys = R"("id":{"type":"id","primaryKey":true},"name":{"type":"text"})";
    v2.replace(v2.find(keys), keys.size(), R"("id":{"type":"id"},"name":{"type":"text","primaryKey":true})");
    auto s = Refused(db, v2);
    CHECK(s.refusal == "the primary key of collection.collection cannot change");
  }
  SECTION("a link side that stops being a list while rows link to several") {
    REQUIRE(db.Migrate(Parse(Schema1(kV1Props, kProductCollection))).ok());
    REQUIRE(db.Service("collection").Create(R"({"id":"c2","name":"Garden"})").ok());
    REQUIRE(db.Links().Create(R"([{"product":{"product_id":"p1"},"collection":{"collection_id":"c1"}},
        {"product":{"product_id":"p1"},"collection":{"collection_id":"c2"}}])").ok());
    auto s = Refused(db, Schema1(kV1Props, R"(,"defineLinks":[{"left":{"module":"product",
        "entity":"product","isList":true},"right":{"module":"collection","entity":"collection"}}])"));
    CHECK(s.offending == std::vector<std::string>{"p1 links to c1 and c2"});
  }
}

TEST_CASE("migrate: a unique rule the data keeps, and lossless conversions", "[migrate]") {
  Database db;
  Populate(db);
  MigrationPlan plan = Migrate(db, Schema1(R"("id":{"type":"id","primaryKey":true},"title":{"type":"text"},
       "code":{"type":"text","nullable":true,"unique":true},"stock":{"type":"float","index":true},
       "status":{"type":"enum","values":["draft","published"]})"));
  CHECK(Texts(plan) == std::vector<std::string>{
                           "add unique rule on product.product.code (checked: 1 value)",
                           "change type of product.product.stock: number -> float",
                           "change type of product.product.status: text -> enum (draft, published)"});
  CHECK(Graph(db, R"({"entity":"product","fields":["id","stock","status"],"filters":{"status":"published"}})") ==
        R"([{"id":"p2","stock":1,"status":"published"}])");
  CHECK(db.Service("product").Update(R"({"id":"p2","code":"M1"})").status().code() ==
        absl::StatusCode::kAlreadyExists);
  // number -> bigNumber.
  Database db2;
  Populate(db2);
  Migrate(db2, Schema1(R"("id":{"type":"id","primaryKey":true},"title":{"type":"text"},
       "code":{"type":"text","nullable":true},"stock":{"type":"bigNumber"},"status":{"type":"text"})"));
  CHECK(Graph(db2, R"({"entity":"product","fields":["stock"],"filters":{"id":"p1"}})") ==
        R"([{"stock":3}])");
}

TEST_CASE("migrate: a rename keeps the data, and one naming nothing is refused", "[migrate]") {
  Database db;
  Populate(db);
  const std::string renamed = Schema1(R"("id":{"type":"id","primaryKey":true},"name":{"type":"text"},
       "code":{"type":"text","nullable":true},"stock":{"type":"number","index":true},"status":{"type":"text"})");
  MigrateOptions options;
  options.renames.push_back({"product", "titel", "name"});
  auto bad = db.Migrate(Parse(renamed), options);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(std::string(bad.status().message()) ==
        "rename: product.product has no property 'titel'; did you mean 'title'? (renames[0])");
  // Without the rename it is a drop (refused: data) and an add (refused: no value).
  MigrateOptions dry;
  dry.dry_run = true;
  CHECK(Migrate(db, renamed, dry).refused());
  options.renames[0].from = "title";
  MigrationPlan plan = Migrate(db, renamed, options);
  CHECK(Texts(plan) == std::vector<std::string>{"rename property product.product.title -> name"});
  CHECK(Graph(db, R"({"entity":"product","fields":["name"],"filters":{"id":"p1"}})") ==
        R"([{"name":"Mug"}])");
}

TEST_CASE("migrate: prepared queries re-bind after a migration", "[migrate]") {
  Database db;
  Populate(db);
  auto q = db.PrepareJson(R"({"entity":"product","fields":["id","title"],"filters":{"id":"p1"}})");
  REQUIRE(q.ok());
  REQUIRE(q->Execute({}).ok());
  MigrateOptions options;
  options.renames.push_back({"product", "title", "name"});
  Migrate(db, Schema1(R"("id":{"type":"id","primaryKey":true},"name":{"type":"text"},
       "code":{"type":"text","nullable":true},"stock":{"type":"number","index":true},"status":{"type":"text"})"),
          options);
  auto r = q->Execute({});
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(std::string(r.status().message()), Catch::Contains("title"));
}

TEST_CASE("migrate: a durable database keeps the migration and its history", "[migrate][durable]") {
  TempDir tmp;
  const std::string dir = tmp.path() + "/db";
  const std::string v2 = Schema1(std::string(kV1Props) +
                                     R"(,"origin":{"type":"text","default":"unknown"})",
                                 kProductCollection);
  std::string before_reopen;
  {
    auto db = Database::Open(dir);
    REQUIRE(db.ok());
    Populate(**db);
    REQUIRE((*db)->Migrate(Parse(v2)).ok());
    // Writes after the migration name rows by the ids the migration kept.
    REQUIRE((*db)->Service("product").Update(R"({"id":"p2","origin":"here"})").ok());
    REQUIRE((*db)->Service("review").Delete(R"(["r1"])").ok());
    REQUIRE((*db)->Service("product").Delete(R"(["p1"])").ok());
    REQUIRE((*db)->Links().Create(R"({"product":{"product_id":"p2"},"collection":{"collection_id":"c1"}})").ok());
    before_reopen = Graph(**db, R"({"entity":"product","fields":["*","collections.name"],"withDeleted":true})");
  }
  for (int round = 0; round < 2; ++round) {  // from the log, then from a checkpoint
    auto db = Database::Open(dir);
    INFO(db.status().message());
    REQUIRE(db.ok());
    CHECK(Graph(**db, R"({"entity":"product","fields":["*","collections.name"],"withDeleted":true})") ==
          before_reopen);
    REQUIRE((*db)->Migrations().size() == 1);
    CHECK((*db)->Migrations()[0].steps.size() == 2);
    CHECK((*db)->CheckIntegrity()->empty());
    if (round == 0) REQUIRE((*db)->Checkpoint().ok());
  }
  // Open with the application's schema: the same is fine, another lists the differences.
  linkgraph::DatabaseOptions same;
  same.schema = Parse(v2);
  CHECK(Database::Open(dir, same).ok());
  linkgraph::DatabaseOptions other;
  other.schema = Parse(kV1);
  auto refused = Database::Open(dir, other);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK(std::string(refused.status().message()) ==
        "the database " + dir + " holds a different schema (2 differences: drop property "
        "product.product.origin (2 rows hold a value); drop link "
        "defineLink(product.product, collection.collection) (link.product_collection) (1 row)); "
        "migrate it: linkgraph migrate --db " + dir + " --schema FILE");
  // A new database takes the schema it is opened with.
  auto fresh = Database::Open(tmp.path() + "/fresh", same);
  REQUIRE(fresh.ok());
  CHECK((*fresh)->SchemaJson() == (*Database::Open(dir))->SchemaJson());
}

TEST_CASE("migrate: a migration whose log sync fails is not applied, and writes stop",
          "[migrate][durable]") {
  TempDir tmp;
  linkgraph::durable::FaultEnv env(linkgraph::durable::Env::Default());
  const std::string v2 = Schema1(std::string(kV1Props) +
                                     R"(,"origin":{"type":"text","default":"unknown"})");
  std::string before;
  {
    Database db;
    REQUIRE(linkgraph::modules::OpenDurable(db, tmp.path(), &env).ok());
    Populate(db);
    before = db.SchemaJson();
    env.FailSync(1, absl::UnavailableError("injected sync failure"));
    auto plan = db.Migrate(Parse(v2));
    REQUIRE(plan.status().code() == absl::StatusCode::kUnavailable);
    CHECK(db.SchemaJson() == before);
    CHECK(db.Migrations().empty());
    CHECK(db.Migrate(Parse(v2)).status().code() == absl::StatusCode::kFailedPrecondition);
    CHECK(db.Service("collection").Create(R"({"id":"c9","name":"x"})").status().code() ==
          absl::StatusCode::kFailedPrecondition);
  }
  env.ClearFaults();
  // The record may or may not have reached the disk before the failed sync: after a reopen the
  // database holds one schema or the other, whole, and migrates on.
  Database db;
  REQUIRE(linkgraph::modules::OpenDurable(db, tmp.path(), &env).ok());
  CHECK((db.SchemaJson() == before || db.Migrations().size() == 1));
  REQUIRE(db.Migrate(Parse(v2)).ok());
  CHECK(Graph(db, R"({"entity":"product","fields":["origin"],"filters":{"id":"p1"}})") ==
        R"([{"origin":"unknown"}])");
}

TEST_CASE("migrate: messages name rows on one line, group repeats, and hint at renames",
          "[migrate]") {
  Database db;
  Populate(db);
  REQUIRE(db.Service("product").Restore(R"(["p3"])").ok());
  REQUIRE(db.Service("product").Update(R"([{"id":"p1","code":"two\nlines"},
      {"id":"p2","code":"two\nlines"},{"id":"p3","code":"two\nlines"}])").ok());
  auto unique = Refused(db, Schema1(R"("id":{"type":"id","primaryKey":true},"title":{"type":"text"},
       "code":{"type":"text","nullable":true,"unique":true},"stock":{"type":"number","index":true},
       "status":{"type":"text"})"));
  CHECK(unique.refusal.rfind("2 rows repeat a value another live row holds", 0) == 0);
  CHECK(unique.offending == std::vector<std::string>{"p1, p2, p3: 'two\\nlines'"});
  // title -> name without --rename: the add and the drop are refused, each with the hint.
  auto add = Refused(db, Schema1(R"("id":{"type":"id","primaryKey":true},"name":{"type":"text"},
       "code":{"type":"text","nullable":true},"stock":{"type":"number","index":true},
       "status":{"type":"text"})"));
  CHECK(add.refusal ==
        "3 rows would have no value: give it a default or make it nullable (a rename? --rename "
        "product.title=name keeps the data)");
  // A changed seed-form link reads was/now.
  std::string cascade = kV1;
  const std::string fk = R"("foreignKeyTargetField":"id"})";
  cascade.replace(cascade.find(fk), fk.size(), R"("foreignKeyTargetField":"id","deleteCascade":true})");
  CHECK(Texts(Migrate(db, cascade)) ==
        std::vector<std::string>{"change link review.product_reviews (was product_id -> id; now "
                                 "product_id -> id, deleteCascade)"});
}

TEST_CASE("migrate: Open with a schema that does not register creates nothing", "[migrate][durable]") {
  TempDir tmp;
  linkgraph::DatabaseOptions options;
  options.schema = Parse(R"({"modules":[{"name":"a","models":[{"name":"a","properties":{
      "id":{"type":"id"}}}]}]})");
  auto db = Database::Open(tmp.path() + "/db", options);
  REQUIRE_FALSE(db.ok());
  CHECK(db.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK_FALSE(std::filesystem::exists(tmp.path() + "/db"));
}

TEST_CASE("migrate: queries and writes on other threads run through migrations",
          "[migrate][concurrency]") {
  Database db;
  Populate(db);
  const std::string with_origin = Schema1(std::string(kV1Props) +
                                              R"(,"origin":{"type":"text","default":"unknown"})");
  const Schema v1 = Parse(kV1), v2 = Parse(with_origin);
  MigrateOptions allow;
  allow.allow_drop = true;
  std::atomic<bool> done{false};
  std::atomic<int> queries{0}, writes{0};
  std::thread reader([&] {
    while (!done.load()) {
      auto r = db.GraphJson(R"({"entity":"product","fields":["*","product_reviews.rating"],
                                "withDeleted":true})");
      REQUIRE(r.ok());
      // One schema or the other, whole: every product has an origin, or none does.
      const std::string json = r->ToJson();
      size_t origins = 0;
      for (size_t at = json.find("\"origin\""); at != std::string::npos;
           at = json.find("\"origin\"", at + 1)) {
        ++origins;
      }
      CHECK((origins == 0 || origins == static_cast<size_t>(*r->count())));
      ++queries;
    }
  });
  std::thread writer([&] {
    for (int i = 0; !done.load(); ++i) {
      auto w = db.Service("review").Create(R"({"product_id":"p1","rating":)" +
                                           std::to_string(1 + i % 5) + "}");
      REQUIRE(w.ok());
      ++writes;
    }
  });
  for (int i = 0; i < 20; ++i) {
    // Each migration after at least one more query and one more write.
    const int q = queries.load(), w = writes.load();
    while (queries.load() == q || writes.load() == w) std::this_thread::yield();
    auto plan = db.Migrate(i % 2 == 0 ? v2 : v1, allow);
    INFO(plan.status().message());
    REQUIRE(plan.ok());
    CHECK(plan->applied);
  }
  done = true;
  reader.join();
  writer.join();
  CHECK(db.Migrations().size() == 20);
  auto reviews = db.GraphJson(R"({"entity":"review","fields":["id"],"pagination":{"take":0}})");
  REQUIRE(reviews.ok());
  CHECK(*reviews->count() == 1 + writes.load());
}
