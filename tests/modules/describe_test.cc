// Database::Describe: the fields and relations an entity offers to queries.
#include <algorithm>
#include <filesystem>
#include <string>

#include <catch2/catch.hpp>

#include "linkgraph/database.h"
#include "tests/support/db_support.h"

namespace {

namespace fs = std::filesystem;

const linkgraph::RelationInfo* FindRelation(const linkgraph::EntityInfo& info,
                                            const std::string& name) {
  auto it = std::find_if(info.relations.begin(), info.relations.end(),
                         [&](const linkgraph::RelationInfo& r) { return r.name == name; });
  return it == info.relations.end() ? nullptr : &*it;
}

}  // namespace

TEST_CASE("describe lists an entity's fields and its relations of every kind", "[describe]") {
  auto db = linkgraph::testing::TestDatabase();
  fs::path shop = fs::path(LG_TESTS_DIR) / ".." / "examples" / "shop";
  REQUIRE(db->RegisterJson(linkgraph::testing::ReadFile(shop / "schema.json")).ok());

  absl::StatusOr<linkgraph::EntityInfo> product = db->Describe("product");
  REQUIRE(product.ok());
  CHECK(product->name == "product.product");
  REQUIRE(!product->fields.empty());
  CHECK(product->fields[0].name == "id");
  CHECK(product->fields[0].primary_key);
  CHECK(product->fields[0].type == "id");
  auto deleted_at = std::find_if(product->fields.begin(), product->fields.end(),
                                 [](const linkgraph::FieldInfo& f) { return f.name == "deleted_at"; });
  REQUIRE(deleted_at != product->fields.end());
  CHECK(deleted_at->type == "dateTime");
  CHECK(deleted_at->nullable);

  const linkgraph::RelationInfo* variants = FindRelation(*product, "variants");
  REQUIRE(variants != nullptr);
  CHECK(variants->target == "product.variant");
  CHECK(variants->is_list);
  const linkgraph::RelationInfo* reviews = FindRelation(*product, "product_reviews");
  REQUIRE(reviews != nullptr);
  CHECK(reviews->target == "review.review");
  CHECK(reviews->is_list);
  CHECK(reviews->origin.find("product_reviews") != std::string::npos);
  CHECK(FindRelation(*product, "collections") != nullptr);

  // Through a path, as PrimaryKeyOf resolves it.
  absl::StatusOr<linkgraph::EntityInfo> reached = db->Describe("product", "product_reviews.product");
  REQUIRE(reached.ok());
  CHECK(reached->name == "product.product");
  absl::StatusOr<linkgraph::EntityInfo> review = db->Describe("review");
  REQUIRE(review.ok());
  const linkgraph::RelationInfo* back = FindRelation(*review, "product");
  REQUIRE(back != nullptr);
  CHECK_FALSE(back->is_list);

  CHECK(db->Describe("prodcut").status().code() == absl::StatusCode::kInvalidArgument);
  absl::Status not_relation = db->Describe("product", "title").status();
  CHECK(not_relation.code() == absl::StatusCode::kInvalidArgument);
  CHECK(std::string(not_relation.message()) == "'title' is not a relation of product");
}
