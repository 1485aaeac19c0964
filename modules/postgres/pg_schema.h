// PostgreSQL tables for catalog entities (DESIGN.md §10, issue #23 item 2): one table per entity,
// named by the entity (a pivot by its pivot entity name), one column per column of the entity
// in its natural PostgreSQL type, the primary key, and indexes for keys and `index` properties;
// and the check of an existing table against its entity.
//
// Types (spelled as PostgreSQL's format_type() spells them, so that a check's messages compare
// like with like):
//   id, text, enum -> text (an enum with CHECK (col IN (…)))
//   number -> bigint;  float -> double precision;  bigNumber -> numeric;  boolean -> boolean
//   dateTime -> timestamp with time zone;  json -> jsonb;  array -> text[]
// A column is NOT NULL unless nullable. Indexes (btree), named as Medusa names them:
//   "IDX_<table>_<column>" for an `index` property and for a key (a belongsTo or link foreign
//   key, a pivot's keys); "IDX_<table>_<column>_unique", UNIQUE … WHERE deleted_at IS NULL, for
//   a `unique` property (unique among live rows). Names longer than PostgreSQL's 63 bytes are
//   cut and given a hash suffix.
//
// Example:
//   LG_ASSIGN_OR_RETURN(postgres::TableDdl ddl, postgres::TableDdlOf(review));
//   // ddl.create_table == CREATE TABLE IF NOT EXISTS "review" ("id" text NOT NULL, …,
//   //                      "rating" bigint NOT NULL, …, PRIMARY KEY ("id"))
//   // ddl.indexes[0]   == CREATE INDEX IF NOT EXISTS "IDX_review_product_id" ON "review" …
//   LG_RETURN_IF_ERROR(postgres::EnsureTable(conn, review));
//   // or FailedPrecondition: table "review" does not match entity review.review: column
//   // rating: bigint expected, text found; column content missing; column x not in the schema
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "engine/catalog/catalog.h"
#include "engine/catalog/column_type.h"

namespace linkgraph::postgres {

class Connection;

// PostgreSQL's identifier limit (NAMEDATALEN - 1 bytes); longer names are cut by the server.
inline constexpr size_t kMaxIdentifierBytes = 63;

// `name` as a double-quoted identifier, inner double quotes doubled: "review", "a""b".
std::string QuoteIdentifier(std::string_view name);
// `text` as a string literal, inner single quotes doubled: 'draft', 'it''s'. (The server's
// standard_conforming_strings, on by default since 9.1, keeps backslashes literal.)
std::string QuoteLiteral(std::string_view text);

// The PostgreSQL type of a column type, as format_type() spells it.
std::string_view PgTypeName(catalog::ColumnType type);

// The table of `entity`: its name. InvalidArgument when the name, or a column's, is longer than
// 63 bytes (the server would cut it and the table would never match).
absl::StatusOr<std::string> TableName(const catalog::EntityDef& entity);

// The statements that create `entity`'s table and its indexes, each idempotent (IF NOT EXISTS).
struct TableDdl {
  std::string table;                 // unquoted
  std::string create_table;          // CREATE TABLE IF NOT EXISTS …
  std::vector<std::string> indexes;  // CREATE [UNIQUE] INDEX IF NOT EXISTS …, in column order
};
absl::StatusOr<TableDdl> TableDdlOf(const catalog::EntityDef& entity);

// An existing table as the server's catalog describes it.
struct FoundColumn {
  std::string name;
  std::string type;  // format_type(): "bigint", "numeric(10,2)", "character varying(255)"
  bool not_null = false;
};
struct FoundTable {
  bool exists = false;
  std::string kind;                  // pg_class.relkind: "r" table, "p" partitioned, "v" view, …
  std::vector<FoundColumn> columns;  // in column order
  std::vector<std::string> primary_key;  // its columns, in key order; empty when none
};

// The differences between `entity` and `found`, one message each: the entity's columns in order
// ("column rating: bigint expected, text found", "column rating: NOT NULL expected, nullable
// found", "column content missing"), then the table's extra columns ("column x not in the
// schema"), then the primary key ("primary key (id) expected, none found"). Empty when they
// match. REQUIRES: found.exists.
std::vector<std::string> CompareTable(const catalog::EntityDef& entity, const FoundTable& found);

// The relation named `table` in the connection's current schema (the first of its search_path
// that exists), with its columns and primary key; exists == false when there is none.
absl::StatusOr<FoundTable> ReadTable(Connection& conn, std::string_view table);

// Makes `entity`'s table ready, in one transaction holding an advisory lock on the table's name
// (so concurrent registrations neither race nor deadlock): creates the table and its indexes when
// it is missing; when it exists and matches, creates any missing index; when it differs,
// FailedPrecondition `table "review" does not match entity review.review: ` + the differences
// joined by "; ", and nothing is changed. FailedPrecondition too when the name is taken by
// something other than a table (a view). Errors of the server are Statuses (connection.h).
absl::Status EnsureTable(Connection& conn, const catalog::EntityDef& entity);

}  // namespace linkgraph::postgres
