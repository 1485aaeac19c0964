// The schema language against the §8 JSON: the shop's two forms register to the same
// SchemaJson(); every schema of the test cases and examples survives SchemaText() ->
// RegisterText(); the seed's TypeScript, pasted, registers; what the language accepts and ignores.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "linkgraph/database.h"
#include "linkgraph/schema_text.h"
#include "modules/schema_json.h"
#include "modules/schema_writer.h"

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

std::string Read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const fs::path kExamples = fs::path(LG_TESTS_DIR) / ".." / "examples";

// The schema documents of one case file: its schema (or schema_file) and each `register` step.
std::vector<std::string> CaseSchemas(const fs::path& path, bool* expect_error) {
  std::vector<std::string> out;
  Json doc = Json::parse(Read(path), nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return out;
  *expect_error = doc.contains("schema_error");
  if (doc.contains("schema")) out.push_back(doc["schema"].dump());
  if (doc.contains("schema_file")) {
    out.push_back(Read(fs::path(LG_CASES_DIR) / doc["schema_file"].get<std::string>()));
  }
  if (doc.contains("steps") && doc["steps"].is_array()) {
    for (const Json& step : doc["steps"]) {
      if (step.contains("request") && step["request"].is_object() &&
          step["request"].contains("register") && step.contains("expect")) {
        out.push_back(step["request"]["register"].dump());
      }
    }
  }
  return out;
}

// Registers `schemas` (JSON) in order; prints the language; registers that text in a fresh
// database; both must hold the same SchemaJson(). Returns false when the JSON does not register.
bool RoundTrip(const std::vector<std::string>& schemas, const std::string& label) {
  linkgraph::Database json_db;
  for (const std::string& s : schemas) {
    if (!json_db.RegisterJson(s).ok()) return false;
  }
  absl::StatusOr<std::string> text = json_db.SchemaText();
  REQUIRE(text.ok());
  INFO(label << "\n" << *text);
  linkgraph::Database text_db;
  absl::Status registered = text_db.RegisterText(*text);
  REQUIRE(registered.ok());
  CHECK(text_db.SchemaJson() == json_db.SchemaJson());
  // And at the level of Schema: the text of the parsed text is the same text.
  absl::StatusOr<linkgraph::Schema> parsed = linkgraph::ParseSchemaText(*text);
  REQUIRE(parsed.ok());
  absl::StatusOr<linkgraph::Schema> again =
      linkgraph::ParseSchemaText(linkgraph::SchemaToText(*parsed));
  REQUIRE(again.ok());
  CHECK(linkgraph::modules::WriteSchemaJson({*again}) ==
        linkgraph::modules::WriteSchemaJson({*parsed}));
  return true;
}

}  // namespace

TEST_CASE("both forms of the shop schema register to the same SchemaJson", "[schema_text]") {
  linkgraph::Database from_json, from_text;
  REQUIRE(from_json.RegisterJson(Read(kExamples / "shop" / "schema.json")).ok());
  absl::Status s = from_text.RegisterText(Read(kExamples / "shop" / "schema.lg"));
  INFO(s);
  REQUIRE(s.ok());
  CHECK(from_text.SchemaJson() == from_json.SchemaJson());
}

TEST_CASE("every schema of the test cases and examples survives SchemaText", "[schema_text]") {
  int round_trips = 0;
  for (const auto& entry : fs::recursive_directory_iterator(LG_CASES_DIR)) {
    if (entry.path().extension() != ".json") continue;
    bool expect_error = false;
    std::vector<std::string> schemas;
    if (entry.path().parent_path().filename() == "schemas") {
      schemas.push_back(Read(entry.path()));
    } else {
      schemas = CaseSchemas(entry.path(), &expect_error);
    }
    if (schemas.empty()) continue;
    bool ok = RoundTrip(schemas, entry.path().string());
    if (!expect_error && entry.path().parent_path().filename() != "registration") CHECK(ok);
    if (ok) ++round_trips;
  }
  for (const char* example : {"shop/schema.json"}) {
    CHECK(RoundTrip({Read(kExamples / example)}, example));
    ++round_trips;
  }
  for (const char* example : {"shop/schema.lg", "medusa-product/schema.lg"}) {
    linkgraph::Database db;
    absl::Status s = db.RegisterText(Read(kExamples / example));
    INFO(example << ": " << s);
    REQUIRE(s.ok());
    CHECK(RoundTrip({db.SchemaJson()}, example));
    ++round_trips;
  }
  // Every case area holds schemas; far fewer means the walk above found nothing.
  CHECK(round_trips >= 40);
}

TEST_CASE("the seed's TypeScript registers as pasted", "[schema_text]") {
  constexpr char kSeed[] = R"ts(
// src/modules/review/models/review.ts
import { model } from "@medusajs/framework/utils"

const Review = model.define("review", {
  id: model.id().primaryKey(),
  product_id: model.text(),
  customer_id: model.text(),
  rating: model.integer(),
  content: model.text(),
})

export default Review

// src/modules/review/service.ts
import { MedusaService } from "@medusajs/framework/utils"
import Review from "./models/review"

class ReviewModuleService extends MedusaService({
  Review,
}) {}

export default ReviewModuleService

// src/modules/review/index.ts
import ReviewModuleService from "./service"
import { Module } from "@medusajs/framework/utils"

export const REVIEW_MODULE = "review"

export default Module(REVIEW_MODULE, {
  service: ReviewModuleService,
  links: [
    {
      alias: "product_reviews",
      foreignKey: "product_id",
      primaryKey: "id",
      foreignKeyTargetField: "id",
    },
  ],
})
)ts";
  linkgraph::Database db;
  REQUIRE(db.RegisterText(R"(module product { model.define("product", {
    id: model.id({ prefix: 'prod' }).primaryKey(), title: model.text() }) })").ok());
  absl::Status s = db.RegisterText(kSeed);
  INFO(s);
  REQUIRE(s.ok());
  CHECK(db.SchemaJson() ==
        R"({"modules":[{"name":"product","models":[{"name":"product","properties":{"id":{"type":"id","prefix":"prod","primaryKey":true},"title":{"type":"text"}}}],"links":[]},)"
        R"({"name":"review","models":[{"name":"review","properties":{"id":{"type":"id","primaryKey":true},"product_id":{"type":"text"},"customer_id":{"type":"text"},"rating":{"type":"number"},"content":{"type":"text"}}}],)"
        R"("links":[{"alias":"product_reviews","foreignKey":"product_id","primaryKey":"id","foreignKeyTargetField":"id"}]}],"defineLinks":[]})");
  REQUIRE(db.Service("review").Create(R"({"id":"r1","product_id":"p1","customer_id":"c","rating":5,"content":"ok"})").ok());
  REQUIRE(db.Service("product").Create(R"({"id":"p1","title":"Shirt"})").ok());
  auto r = db.GraphJson(R"({"entity":"product","fields":["id","product_reviews.rating"]})");
  REQUIRE(r.ok());
  CHECK(r->ToJson() ==
        R"({"data":[{"id":"p1","product_reviews":[{"rating":5}]}],"metadata":{"count":1,"skip":0,"take":null}})");
}

TEST_CASE("the language's forms all read the same", "[schema_text]") {
  // Quotes, comments, trailing commas, shorthand and Medusa's linkable form; defaults kept as
  // JSON; every defineLink option.
  absl::StatusOr<linkgraph::Schema> a = linkgraph::ParseSchemaText(R"(
    /* two modules */
    import ProductModule from "@medusajs/medusa/product"
    module product {
      export const Product = model.define('product', {
        id: model.id({ prefix: `prod` }).primaryKey(),
        meta: model.json().default({ a: [1, 'x',], }),   // JS object -> compact JSON
        at: model.dateTime().default("now").index(),
        kind: model.enum(["a", "b"]).default('a').nullable(),
        tags: model.manyToMany(() => Tag, { mappedBy: "products", pivotTable: "product_tags" }),
      });
      const Tag = model.define("tag", {
        id: model.id().primaryKey(),
        products: model.manyToMany(() => Product, { mappedBy: "tags" }),
        parent: model.belongsTo(() => Tag, { mappedBy: "children" }).nullable(),
        children: model.hasMany(() => Tag, { mappedBy: "parent" }),
      }).cascades({ delete: ["children"] });
    }
    module "other" { model.define("thing", { id: model.number().primaryKey(), }); }
    export default defineLink(
      { linkable: ProductModule.linkable.product, isList: true, deleteCascade: true, alias: "ps" },
      { module: "other", entity: "thing", field: "f" },
      { readOnly: false, database: { table: "pt", idPrefix: "pt", extraColumns: {
          rank: { type: "number", nullable: true, default: 1 }, note: model.text() } } },
    )
  )");
  INFO(a.status());
  REQUIRE(a.ok());
  CHECK(linkgraph::modules::WriteSchemaJson({*a}) ==
        R"({"modules":[{"name":"product","models":[{"name":"product","properties":{"id":{"type":"id","prefix":"prod","primaryKey":true},"meta":{"type":"json","default":{"a":[1,"x"]}},"at":{"type":"dateTime","default":"now","index":true},"kind":{"type":"enum","nullable":true,"default":"a","values":["a","b"]}},"relationships":{"tags":{"type":"manyToMany","target":"tag","mappedBy":"products","pivotTable":"product_tags"}}},)"
        R"({"name":"tag","properties":{"id":{"type":"id","primaryKey":true}},"relationships":{"products":{"type":"manyToMany","target":"product","mappedBy":"tags"},"parent":{"type":"belongsTo","target":"tag","mappedBy":"children","nullable":true},"children":{"type":"hasMany","target":"tag","mappedBy":"parent"}},"cascades":{"delete":["children"]}}],"links":[]},)"
        R"({"name":"other","models":[{"name":"thing","properties":{"id":{"type":"number","primaryKey":true}}}],"links":[]}],)"
        R"("defineLinks":[{"left":{"module":"product","entity":"product","alias":"ps","isList":true,"deleteCascade":true},"right":{"module":"other","entity":"thing","field":"f"},"database":{"table":"pt","idPrefix":"pt","extraColumns":{"rank":{"type":"number","nullable":true,"default":1},"note":{"type":"text"}}}}]})");
  // The printed text reads back to the same schema.
  absl::StatusOr<linkgraph::Schema> b = linkgraph::ParseSchemaText(linkgraph::SchemaToText(*a));
  INFO(linkgraph::SchemaToText(*a));
  REQUIRE(b.ok());
  CHECK(linkgraph::modules::WriteSchemaJson({*b}) == linkgraph::modules::WriteSchemaJson({*a}));
}

TEST_CASE("a default written as JSON keeps its text", "[schema_text]") {
  absl::StatusOr<linkgraph::Schema> s = linkgraph::ParseSchemaText(
      R"(module m { model.define("m", { id: model.id().primaryKey(), j: model.json().default({"a": 1.50}), n: model.float().default(1.50) }) })");
  REQUIRE(s.ok());
  CHECK(*s->modules[0].models[0].properties[1].second.default_json == R"({"a": 1.50})");
  CHECK(*s->modules[0].models[0].properties[2].second.default_json == "1.50");
}
