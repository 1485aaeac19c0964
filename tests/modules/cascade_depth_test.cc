// Cascades walk data with a work list, never by recursion (DESIGN.md §9): deleting, soft-deleting
// and restoring the root of a very long chain reaches every row once and does not exhaust the
// stack.
#include <catch2/catch.hpp>

#include <string>

#include "linkgraph/database.h"

namespace {

// Rows of `entity`, soft-deleted ones included or not.
int64_t Count(linkgraph::Database& db, const std::string& entity, bool with_deleted) {
  auto r = db.GraphJson(R"({"entity":")" + entity + R"(","fields":["id"],"withDeleted":)" +
                        (with_deleted ? "true" : "false") + "}");
  REQUIRE(r.ok());
  return r->count().value_or(-1);
}

// A self hasMany: node.children hasMany node (cascading deletes), node.parent belongsTo node.
const char* kTree = R"({"modules":[{"name":"tree","models":[{"name":"node",
  "properties":{"id":{"type":"id","primaryKey":true}},
  "relationships":{
    "children":{"type":"hasMany","target":"node","mappedBy":"parent"},
    "parent":{"type":"belongsTo","target":"node","mappedBy":"children","nullable":true}},
  "cascades":{"delete":["children"]}}]}]})";

// The same tree, with tags that belong to a node and do not follow its delete.
const char* kTaggedTree = R"({"modules":[{"name":"tree","models":[{"name":"node",
  "properties":{"id":{"type":"id","primaryKey":true}},
  "relationships":{
    "children":{"type":"hasMany","target":"node","mappedBy":"parent"},
    "parent":{"type":"belongsTo","target":"node","mappedBy":"children","nullable":true},
    "tags":{"type":"hasMany","target":"tag","mappedBy":"node"}},
  "cascades":{"delete":["children"]}},
  {"name":"tag","properties":{"id":{"type":"id","primaryKey":true}},
   "relationships":{"node":{"type":"belongsTo","target":"node","mappedBy":"tags"}}}]}]})";

// A self defineLink: deleting a `prev` row takes the `next` rows linked to it along.
const char* kChain = R"({"modules":[{"name":"chain","models":[{"name":"node",
  "properties":{"id":{"type":"id","primaryKey":true}}}]}],
  "defineLinks":[{"left":{"module":"chain","entity":"node","alias":"prev"},
    "right":{"module":"chain","entity":"node","alias":"next","deleteCascade":true}}]})";

std::string Id(int i) { return "n" + std::to_string(i); }

}  // namespace

TEST_CASE("a 20000 deep hasMany cascade deletes and restores without recursion", "[modules]") {
  constexpr int kDepth = 20000;
  linkgraph::Database db;
  REQUIRE(db.RegisterJson(kTree).ok());
  std::string lines = R"({"id":"n0","parent_id":null})" "\n";
  for (int i = 1; i < kDepth; ++i) {
    lines += R"({"id":")" + Id(i) + R"(","parent_id":")" + Id(i - 1) + "\"}\n";
  }
  auto loaded = db.LoadJsonLines("node", lines);
  REQUIRE(loaded.ok());
  REQUIRE(loaded->rows == kDepth);

  auto soft = db.Service("node").SoftDelete(R"("n0")");
  REQUIRE(soft.ok());
  CHECK(soft->ToJson() == R"({"data":["n0"],"metadata":{"count":1}})");
  CHECK(Count(db, "node", false) == 0);
  CHECK(Count(db, "node", true) == kDepth);

  auto restored = db.Service("node").Restore(R"("n0")");
  REQUIRE(restored.ok());
  CHECK(restored->ToJson() == R"({"data":["n0"],"metadata":{"count":1}})");
  CHECK(Count(db, "node", false) == kDepth);

  // A soft delete in the middle takes the rows below it; restoring it brings them back.
  REQUIRE(db.Service("node").SoftDelete(R"(")" + Id(kDepth / 2) + "\"").ok());
  CHECK(Count(db, "node", false) == kDepth / 2);
  REQUIRE(db.Service("node").Restore(R"(")" + Id(kDepth / 2) + "\"").ok());
  CHECK(Count(db, "node", false) == kDepth);

  auto hard = db.Service("node").Delete(R"("n0")");
  REQUIRE(hard.ok());
  CHECK(hard->ToJson() == R"({"data":["n0"],"metadata":{"count":1}})");
  CHECK(Count(db, "node", true) == 0);
}

TEST_CASE("a 30000 long self defineLink cascade deletes and restores without recursion",
          "[modules]") {
  constexpr int kLength = 30000;
  linkgraph::Database db;
  REQUIRE(db.RegisterJson(kChain).ok());
  std::string rows = "[", links = "[";
  for (int i = 0; i < kLength; ++i) {
    rows += std::string(i ? "," : "") + R"({"id":")" + Id(i) + "\"}";
    if (i + 1 < kLength) {
      links += std::string(i ? "," : "") + R"({"chain":{"prev_id":")" + Id(i) +
               R"(","next_id":")" + Id(i + 1) + "\"}}";
    }
  }
  rows += "]";
  links += "]";
  auto built = db.Write([&](linkgraph::WriteBatch& b) {
    b.Create("node", rows);
    b.Link(links);
  });
  REQUIRE(built.ok());
  CHECK(Count(db, "node_node", false) == kLength - 1);

  // Deleting the last row takes nothing along; deleting the first takes the whole chain.
  auto soft = db.Service("node").SoftDelete(R"("n0")");
  REQUIRE(soft.ok());
  CHECK(Count(db, "node", false) == 0);
  CHECK(Count(db, "node_node", false) == 0);
  CHECK(Count(db, "node", true) == kLength);

  REQUIRE(db.Service("node").Restore(R"("n0")").ok());
  CHECK(Count(db, "node", false) == kLength);
  CHECK(Count(db, "node_node", false) == kLength - 1);

  REQUIRE(db.Service("node").Delete(R"("n0")").ok());
  CHECK(Count(db, "node", true) == 0);
  CHECK(Count(db, "node_node", true) == 0);
}

TEST_CASE("a cascade around a 20000 row cycle reaches each row once", "[modules]") {
  constexpr int kLength = 20000;
  linkgraph::Database db;
  REQUIRE(db.RegisterJson(kChain).ok());
  std::string rows = "[", links = "[";
  for (int i = 0; i < kLength; ++i) {
    rows += std::string(i ? "," : "") + R"({"id":")" + Id(i) + "\"}";
    links += std::string(i ? "," : "") + R"({"chain":{"prev_id":")" + Id(i) +
             R"(","next_id":")" + Id((i + 1) % kLength) + "\"}}";
  }
  rows += "]";
  links += "]";
  REQUIRE(db.Write([&](linkgraph::WriteBatch& b) {
              b.Create("node", rows);
              b.Link(links);
            }).ok());
  auto soft = db.Service("node").SoftDelete(R"(")" + Id(kLength / 3) + "\"");
  REQUIRE(soft.ok());
  CHECK(soft->ToJson() == R"({"data":[")" + Id(kLength / 3) + R"("],"metadata":{"count":1}})");
  CHECK(Count(db, "node", false) == 0);
  REQUIRE(db.Service("node").Restore(R"(")" + Id(kLength / 3) + "\"").ok());
  CHECK(Count(db, "node", false) == kLength);
  CHECK(Count(db, "node_node", false) == kLength);
  REQUIRE(db.Service("node").Delete(R"("n0")").ok());
  CHECK(Count(db, "node", true) == 0);
}

TEST_CASE("a live dependant at the end of a 20000 deep cascade refuses the whole delete",
          "[modules]") {
  constexpr int kDepth = 20000;
  linkgraph::Database db;
  REQUIRE(db.RegisterJson(kTaggedTree).ok());
  std::string lines = R"({"id":"n0","parent_id":null})" "\n";
  for (int i = 1; i < kDepth; ++i) {
    lines += R"({"id":")" + Id(i) + R"(","parent_id":")" + Id(i - 1) + "\"}\n";
  }
  REQUIRE(db.LoadJsonLines("node", lines).ok());
  REQUIRE(db.Service("tag").Create(R"({"id":"t1","node_id":")" + Id(kDepth - 1) + "\"}").ok());
  for (bool soft : {true, false}) {
    auto r = soft ? db.Service("node").SoftDelete(R"("n0")") : db.Service("node").Delete(R"("n0")");
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == absl::StatusCode::kFailedPrecondition);
    CHECK(r.status().message() ==
          "cannot delete node " + Id(kDepth - 1) +
              ": live tag rows t1 belong to it through tag.node");
    CHECK(Count(db, "node", false) == kDepth);
    CHECK(Count(db, "node", true) == kDepth);
  }
  // Without the tag, the same delete goes through.
  REQUIRE(db.Service("tag").Delete(R"("t1")").ok());
  REQUIRE(db.Service("node").Delete(R"("n0")").ok());
  CHECK(Count(db, "node", true) == 0);
}
