// modules/postgres/pg_schema.h: the table of every entity of the shop example (examples/shop),
// created on a real server ([postgres]: tests/support/pg_server.h) with the natural types, keys
// and indexes; and an existing table that does not match refused with its differences.
#include "modules/postgres/pg_schema.h"

#include <catch2/catch.hpp>
#include <memory>
#include <string>
#include <vector>

#include "engine/catalog/catalog.h"
#include "linkgraph/database.h"
#include "modules/access.h"
#include "modules/postgres/connection.h"
#include "modules/state.h"
#include "tests/support/db_support.h"
#include "tests/support/pg_connect.h"

namespace {

using linkgraph::catalog::EntityDef;
using linkgraph::postgres::Connection;
using linkgraph::postgres::EnsureTable;
using linkgraph::postgres::FoundTable;
using linkgraph::postgres::ReadTable;
using linkgraph::postgres::TableDdlOf;

// The shop example registered, and a snapshot of its catalog.
struct Shop {
  Shop() {
    absl::Status s = db.RegisterJson(
        linkgraph::testing::ReadFile(std::string(LG_TESTS_DIR) + "/../examples/shop/schema.json"));
    REQUIRE(s.ToString() == "OK");
    snapshot = std::make_unique<linkgraph::modules::Snapshot>(
        linkgraph::modules::DatabaseAccess::State(db));
  }
  const EntityDef& Entity(std::string_view name) const {
    absl::StatusOr<linkgraph::catalog::EntityId> id = snapshot->catalog().ResolveEntity(name);
    REQUIRE(id.ok());
    return snapshot->catalog().entity(*id);
  }
  linkgraph::Database db;
  std::unique_ptr<linkgraph::modules::Snapshot> snapshot;
};

// A table's columns as the server describes them: "name type[ NOT NULL]" joined by ", ".
std::string Columns(const FoundTable& t) {
  std::string out;
  for (const auto& c : t.columns) {
    if (!out.empty()) out += ", ";
    out += c.name + " " + c.type + (c.not_null ? " NOT NULL" : "");
  }
  return out;
}

std::string Columns(Connection& conn, std::string_view table) {
  absl::StatusOr<FoundTable> t = ReadTable(conn, table);
  if (!t.ok()) return t.status().ToString();
  if (!t->exists) return "(no table)";
  return Columns(*t);
}

// Every index of the current schema, as pg_indexes shows it, one per line.
std::string Indexes(Connection& conn, std::string_view table = "") {
  absl::StatusOr<linkgraph::postgres::ResultSet> r = conn.Exec(
      "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND "
      "($1 = '' OR tablename = $1) ORDER BY tablename, indexname",
      {linkgraph::postgres::Param::Text(table)});
  if (!r.ok()) return r.status().ToString();
  std::string out;
  for (int i = 0; i < r->rows(); ++i) out += std::string(r->Value(i, 0)) + "\n";
  return out;
}

}  // namespace

TEST_CASE("pg_schema quotes identifiers and literals") {
  using linkgraph::postgres::QuoteIdentifier;
  using linkgraph::postgres::QuoteLiteral;
  CHECK(QuoteIdentifier("review") == "\"review\"");
  CHECK(QuoteIdentifier("firstName") == "\"firstName\"");
  CHECK(QuoteIdentifier("a\"b") == "\"a\"\"b\"");
  CHECK(QuoteLiteral("draft") == "'draft'");
  CHECK(QuoteLiteral("it's \\n") == "'it''s \\n'");
}

TEST_CASE("pg_schema writes the table and indexes of each shop entity") {
  Shop shop;
  absl::StatusOr<linkgraph::postgres::TableDdl> review = TableDdlOf(shop.Entity("review"));
  REQUIRE(review.ok());
  CHECK(review->table == "review");
  CHECK(review->create_table ==
        "CREATE TABLE IF NOT EXISTS \"review\" (\"id\" text NOT NULL, \"product_id\" text NOT "
        "NULL, \"customer_id\" text NOT NULL, \"rating\" bigint NOT NULL, \"content\" text NOT "
        "NULL, \"created_at\" timestamp with time zone NOT NULL, \"updated_at\" timestamp with "
        "time zone NOT NULL, \"deleted_at\" timestamp with time zone, PRIMARY KEY (\"id\"))");
  CHECK(review->indexes ==
        std::vector<std::string>{
            "CREATE INDEX IF NOT EXISTS \"IDX_review_product_id\" ON \"review\" (\"product_id\")",
            "CREATE INDEX IF NOT EXISTS \"IDX_review_customer_id\" ON \"review\" (\"customer_id\")",
            "CREATE INDEX IF NOT EXISTS \"IDX_review_rating\" ON \"review\" (\"rating\")"});

  absl::StatusOr<linkgraph::postgres::TableDdl> product = TableDdlOf(shop.Entity("product"));
  REQUIRE(product.ok());
  CHECK(product->create_table ==
        "CREATE TABLE IF NOT EXISTS \"product\" (\"id\" text NOT NULL, \"title\" text NOT NULL, "
        "\"handle\" text NOT NULL, \"status\" text NOT NULL, \"description\" text, \"weight\" "
        "bigint, \"tags\" text[], \"metadata\" jsonb, \"created_at\" timestamp with time zone NOT "
        "NULL, \"updated_at\" timestamp with time zone NOT NULL, \"deleted_at\" timestamp with "
        "time zone, PRIMARY KEY (\"id\"), CONSTRAINT \"product_status_check\" CHECK (\"status\" "
        "IN ('draft', 'published')))");
  CHECK(product->indexes ==
        std::vector<std::string>{"CREATE UNIQUE INDEX IF NOT EXISTS \"IDX_product_handle_unique\" "
                                 "ON \"product\" (\"handle\") WHERE \"deleted_at\" IS NULL"});

  // The defineLink's pivot: its table is named by the pivot entity.
  absl::StatusOr<linkgraph::postgres::TableDdl> pivot =
      TableDdlOf(shop.Entity("link.product_collection"));
  REQUIRE(pivot.ok());
  CHECK(pivot->table == "product_collection");
  CHECK(pivot->indexes.size() == 2);

  // Names past PostgreSQL's 63 bytes: a table name is refused, an index name is cut and hashed.
  EntityDef long_entity = shop.Entity("review");
  long_entity.name = std::string(64, 'e');
  CHECK(TableDdlOf(long_entity).status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(TableDdlOf(long_entity).status().message() ==
        "entity review." + long_entity.name +
            ": the table name is longer than PostgreSQL's 63 bytes");
  long_entity.name = std::string(50, 'e');
  absl::StatusOr<linkgraph::postgres::TableDdl> cut = TableDdlOf(long_entity);
  REQUIRE(cut.ok());
  REQUIRE(cut->indexes.size() == 3);
  std::vector<std::string> names;
  for (const std::string& index : cut->indexes) {
    size_t open = index.find("\"IDX_"), close = index.find('"', open + 1);
    names.push_back(index.substr(open + 1, close - open - 1));
  }
  // IDX_ + 50 + _product_id is 65 bytes, _customer_id 66: cut to 63; _rating fits (61).
  CHECK(names[0].size() == 63);
  CHECK(names[0].substr(0, 55) == "IDX_" + std::string(50, 'e') + "_");
  CHECK(names[1].size() == 63);
  CHECK(names[0] != names[1]);
  CHECK(names[2] == "IDX_" + std::string(50, 'e') + "_rating");
}

TEST_CASE("pg_schema names every difference between a table and its entity") {
  Shop shop;
  const EntityDef& review = shop.Entity("review");
  FoundTable t;
  t.exists = true;
  t.kind = "r";
  t.columns = {{"id", "text", true},
               {"product_id", "text", false},
               {"customer_id", "text", true},
               {"rating", "text", true},
               {"x", "integer", false},
               {"created_at", "timestamp with time zone", true},
               {"updated_at", "timestamp with time zone", true},
               {"deleted_at", "timestamp with time zone", false}};
  t.primary_key = {"id"};
  CHECK(linkgraph::postgres::CompareTable(review, t) ==
        std::vector<std::string>{"column product_id: NOT NULL expected, nullable found",
                                 "column rating: bigint expected, text found",
                                 "column content missing", "column x not in the schema"});
  t.columns = {{"id", "text", true},
               {"product_id", "text", true},
               {"customer_id", "text", true},
               {"rating", "bigint", true},
               {"content", "text", true},
               {"created_at", "timestamp with time zone", true},
               {"updated_at", "timestamp with time zone", true},
               {"deleted_at", "timestamp with time zone", true}};
  t.primary_key = {};
  CHECK(linkgraph::postgres::CompareTable(review, t) ==
        std::vector<std::string>{"column deleted_at: nullable expected, NOT NULL found",
                                 "primary key (id) expected, none found"});
  t.columns[7].not_null = false;
  t.primary_key = {"id"};
  CHECK(linkgraph::postgres::CompareTable(review, t).empty());
}

TEST_CASE("postgres tables for every entity of the shop schema", "[postgres]") {
  std::unique_ptr<Connection> conn = linkgraph::testing::PgConnectOrSkip();
  if (conn == nullptr) return;
  Shop shop;
  int entities = 0;
  for (const auto& entity : shop.snapshot->catalog().entities()) {
    INFO(entity->QualifiedName());
    REQUIRE(EnsureTable(*conn, *entity).ToString() == "OK");
    ++entities;
  }
  CHECK(entities == 6);

  // Each table matches its entity: the server's own description of it.
  for (const auto& entity : shop.snapshot->catalog().entities()) {
    INFO(entity->QualifiedName());
    absl::StatusOr<FoundTable> t = ReadTable(*conn, entity->name);
    REQUIRE(t.ok());
    CHECK(t->exists);
    CHECK(t->kind == "r");
    CHECK(linkgraph::postgres::CompareTable(*entity, *t).empty());
    CHECK(t->primary_key == std::vector<std::string>{"id"});
  }
  const std::string ts =
      "created_at timestamp with time zone NOT NULL, updated_at timestamp with "
      "time zone NOT NULL, deleted_at timestamp with time zone";
  CHECK(Columns(*conn, "product") ==
        "id text NOT NULL, title text NOT NULL, handle text NOT NULL, status text NOT NULL, "
        "description text, weight bigint, tags text[], metadata jsonb, " +
            ts);
  CHECK(Columns(*conn, "variant") ==
        "id text NOT NULL, sku text NOT NULL, title text NOT NULL, price numeric NOT NULL, "
        "inventory bigint NOT NULL, product_id text NOT NULL, " +
            ts);
  CHECK(Columns(*conn, "customer") ==
        "id text NOT NULL, email text NOT NULL, first_name text NOT NULL, last_name text NOT "
        "NULL, vip boolean NOT NULL, " +
            ts);
  CHECK(Columns(*conn, "review") ==
        "id text NOT NULL, product_id text NOT NULL, customer_id text NOT NULL, rating bigint NOT "
        "NULL, content text NOT NULL, " +
            ts);
  CHECK(Columns(*conn, "collection") ==
        "id text NOT NULL, title text NOT NULL, handle text NOT NULL, " + ts);
  CHECK(Columns(*conn, "product_collection") ==
        "id text NOT NULL, product_id text NOT NULL, collection_id text NOT NULL, position "
        "bigint, " +
            ts);
  CHECK(Columns(*conn, "nope") == "(no table)");

  const std::string indexes =
      "CREATE UNIQUE INDEX \"IDX_collection_handle_unique\" ON public.collection USING btree "
      "(handle) WHERE (deleted_at IS NULL)\n"
      "CREATE UNIQUE INDEX collection_pkey ON public.collection USING btree (id)\n"
      "CREATE UNIQUE INDEX \"IDX_customer_email_unique\" ON public.customer USING btree (email) "
      "WHERE (deleted_at IS NULL)\n"
      "CREATE UNIQUE INDEX customer_pkey ON public.customer USING btree (id)\n"
      "CREATE UNIQUE INDEX \"IDX_product_handle_unique\" ON public.product USING btree (handle) "
      "WHERE (deleted_at IS NULL)\n"
      "CREATE UNIQUE INDEX product_pkey ON public.product USING btree (id)\n"
      "CREATE INDEX \"IDX_product_collection_collection_id\" ON public.product_collection USING "
      "btree (collection_id)\n"
      "CREATE INDEX \"IDX_product_collection_product_id\" ON public.product_collection USING "
      "btree (product_id)\n"
      "CREATE UNIQUE INDEX product_collection_pkey ON public.product_collection USING btree (id)\n"
      "CREATE INDEX \"IDX_review_customer_id\" ON public.review USING btree (customer_id)\n"
      "CREATE INDEX \"IDX_review_product_id\" ON public.review USING btree (product_id)\n"
      "CREATE INDEX \"IDX_review_rating\" ON public.review USING btree (rating)\n"
      "CREATE UNIQUE INDEX review_pkey ON public.review USING btree (id)\n"
      "CREATE INDEX \"IDX_variant_product_id\" ON public.variant USING btree (product_id)\n"
      "CREATE UNIQUE INDEX \"IDX_variant_sku_unique\" ON public.variant USING btree (sku) WHERE "
      "(deleted_at IS NULL)\n"
      "CREATE UNIQUE INDEX variant_pkey ON public.variant USING btree (id)\n";
  CHECK(Indexes(*conn) == indexes);

  // Again: nothing to do. A dropped index comes back.
  REQUIRE(conn->ExecScript("DROP INDEX \"IDX_review_rating\"").ok());
  for (const auto& entity : shop.snapshot->catalog().entities()) {
    REQUIRE(EnsureTable(*conn, *entity).ToString() == "OK");
  }
  CHECK(Indexes(*conn) == indexes);

  // The types hold what the shop's rows hold; an enum's values are checked.
  CHECK(conn->ExecScript(
                "INSERT INTO product VALUES ('prod_1', 'Mug', 'mug', 'published', NULL, 350, "
                "ARRAY['kitchen'], '{\"b\": 1}', now(), now(), NULL)")
            .ToString() == "OK");
  absl::Status bad_enum = conn->ExecScript(
      "INSERT INTO product VALUES ('prod_2', 'Cup', 'cup', 'archived', NULL, NULL, NULL, NULL, "
      "now(), now(), NULL)");
  CHECK(linkgraph::postgres::SqlState(bad_enum) == "23514");
  // Unique among live rows only.
  CHECK(conn->ExecScript("UPDATE product SET deleted_at = now(); INSERT INTO product VALUES "
                         "('prod_3', 'Mug', 'mug', 'draft', NULL, NULL, NULL, NULL, now(), now(), "
                         "NULL)")
            .ToString() == "OK");
  CHECK(linkgraph::postgres::SqlState(conn->ExecScript(
            "INSERT INTO product VALUES ('prod_4', 'Mug', 'mug', 'draft', NULL, NULL, NULL, NULL, "
            "now(), now(), NULL)")) == "23505");
}

TEST_CASE("a postgres table whose columns differ is refused with its differences", "[postgres]") {
  std::unique_ptr<Connection> conn = linkgraph::testing::PgConnectOrSkip();
  if (conn == nullptr) return;
  Shop shop;
  REQUIRE(conn->ExecScript(
                  "CREATE TABLE review (id text PRIMARY KEY, product_id text, customer_id text "
                  "NOT NULL, rating text NOT NULL, x integer, created_at timestamptz NOT NULL, "
                  "updated_at timestamptz NOT NULL, deleted_at timestamptz)")
              .ok());
  const std::string before = Columns(*conn, "review");
  absl::Status s = EnsureTable(*conn, shop.Entity("review"));
  CHECK(s.code() == absl::StatusCode::kFailedPrecondition);
  CHECK(s.message() ==
        "table \"review\" does not match entity review.review: column product_id: NOT NULL "
        "expected, nullable found; column rating: bigint expected, text found; column content "
        "missing; column x not in the schema");
  // Nothing changed: the same columns, and no index was added.
  CHECK(Columns(*conn, "review") == before);
  CHECK(Indexes(*conn, "review") ==
        "CREATE UNIQUE INDEX review_pkey ON public.review USING btree (id)\n");

  // Types with modifiers are other types; another primary key is a difference too.
  REQUIRE(conn->ExecScript(
                  "CREATE TABLE variant (id text NOT NULL, sku varchar(64) NOT NULL, title text "
                  "NOT NULL, price numeric(10,2) NOT NULL, inventory bigint NOT NULL, product_id "
                  "text NOT NULL, created_at timestamp(3) with time zone NOT NULL, updated_at "
                  "timestamptz NOT NULL, deleted_at timestamptz, PRIMARY KEY (sku, id))")
              .ok());
  CHECK(EnsureTable(*conn, shop.Entity("variant")).message() ==
        "table \"variant\" does not match entity product.variant: column sku: text expected, "
        "character varying(64) found; column price: numeric expected, numeric(10,2) found; "
        "column created_at: timestamp with time zone expected, timestamp(3) with time zone "
        "found; primary key (id) expected, (sku, id) found");

  // A name taken by something else than a table.
  REQUIRE(conn->ExecScript("CREATE VIEW collection AS SELECT 'x'::text AS id").ok());
  absl::Status view = EnsureTable(*conn, shop.Entity("collection"));
  CHECK(view.code() == absl::StatusCode::kFailedPrecondition);
  CHECK(view.message() == "entity collection.collection: \"collection\" is a view, not a table");

  // A table in another schema of the search path is not the one of the current schema.
  REQUIRE(conn->ExecScript("CREATE SCHEMA other; CREATE TABLE other.customer (id integer); "
                           "SET search_path TO public, other")
              .ok());
  REQUIRE(EnsureTable(*conn, shop.Entity("customer")).ToString() == "OK");
  CHECK(Columns(*conn, "customer").substr(0, 16) == "id text NOT NULL");

  // A statement the server refuses is its Status, with its SQLSTATE.
  REQUIRE(conn->ExecScript("SET search_path TO nowhere").ok());
  absl::Status nowhere = EnsureTable(*conn, shop.Entity("product"));
  CHECK(linkgraph::postgres::SqlState(nowhere) == "3F000");
}
