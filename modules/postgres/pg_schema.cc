// An entity's table in PostgreSQL: its DDL, the server's description of an existing one, and
// the comparison of the two.
#include "modules/postgres/pg_schema.h"

#include <cstdio>

#include "absl/strings/str_join.h"
#include "linkgraph/status.h"
#include "modules/postgres/connection.h"

namespace linkgraph::postgres {
namespace {

using catalog::ColumnDef;
using catalog::ColumnType;
using catalog::EntityDef;

// `name`, or when it is longer than PostgreSQL keeps, its first 54 bytes, `_` and 8 hex digits
// of a hash of the whole name (FNV-1a: the same on every machine and run, so a registration
// finds the indexes an earlier one made). Names are ASCII identifiers: no character is cut.
std::string FitIdentifier(std::string name) {
  if (name.size() <= kMaxIdentifierBytes) return name;
  uint32_t hash = 2166136261u;
  for (unsigned char c : name) hash = (hash ^ c) * 16777619u;
  char suffix[10];
  std::snprintf(suffix, sizeof suffix, "_%08x", hash);
  name.resize(kMaxIdentifierBytes - 9);
  return name + suffix;
}

std::string KindName(std::string_view relkind) {
  if (relkind == "v") return "view";
  if (relkind == "m") return "materialized view";
  if (relkind == "f") return "foreign table";
  if (relkind == "S") return "sequence";
  if (relkind == "c") return "composite type";
  if (relkind == "i" || relkind == "I") return "index";
  return "relation of kind '" + std::string(relkind) + "'";
}

bool IsTable(std::string_view relkind) { return relkind == "r" || relkind == "p"; }

std::string ColumnList(const std::vector<std::string>& names) {
  std::string out = "(";
  out += absl::StrJoin(names, ", ");
  out += ')';
  return out;
}

}  // namespace

std::string QuoteIdentifier(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string QuoteLiteral(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

std::string_view PgTypeName(ColumnType type) {
  switch (type) {
    case ColumnType::kId:
    case ColumnType::kText:
    case ColumnType::kEnum:
      return "text";
    case ColumnType::kNumber:
      return "bigint";
    case ColumnType::kFloat:
      return "double precision";
    case ColumnType::kBigNumber:
      return "numeric";
    case ColumnType::kBoolean:
      return "boolean";
    case ColumnType::kDateTime:
      return "timestamp with time zone";
    case ColumnType::kJson:
      return "jsonb";
    case ColumnType::kArray:
      return "text[]";
  }
  return "text";
}

absl::StatusOr<std::string> TableName(const EntityDef& entity) {
  if (entity.name.empty() || entity.name.size() > kMaxIdentifierBytes) {
    return absl::InvalidArgumentError("entity " + entity.QualifiedName() +
                                      ": the table name is longer than PostgreSQL's 63 bytes");
  }
  for (const ColumnDef& c : entity.columns) {
    if (c.name.size() > kMaxIdentifierBytes) {
      return absl::InvalidArgumentError("entity " + entity.QualifiedName() + ": column '" + c.name +
                                        "' is longer than PostgreSQL's 63 bytes");
    }
  }
  return entity.name;
}

absl::StatusOr<TableDdl> TableDdlOf(const EntityDef& entity) {
  TableDdl ddl;
  LG_ASSIGN_OR_RETURN(ddl.table, TableName(entity));
  const std::string table = QuoteIdentifier(ddl.table);
  std::vector<std::string> parts;
  for (size_t i = 0; i < entity.columns.size(); ++i) {
    const ColumnDef& c = entity.columns[i];
    bool not_null = !c.nullable || i == entity.primary_key;
    parts.push_back(QuoteIdentifier(c.name) + " " + std::string(PgTypeName(c.type)) +
                    (not_null ? " NOT NULL" : ""));
  }
  if (entity.primary_key != catalog::kNoColumn) {
    parts.push_back("PRIMARY KEY (" + QuoteIdentifier(entity.columns[entity.primary_key].name) +
                    ")");
  }
  for (const ColumnDef& c : entity.columns) {
    if (c.type != ColumnType::kEnum || c.enum_values.empty()) continue;
    std::vector<std::string> values;
    for (const std::string& v : c.enum_values) values.push_back(QuoteLiteral(v));
    parts.push_back(
        "CONSTRAINT " + QuoteIdentifier(FitIdentifier(ddl.table + "_" + c.name + "_check")) +
        " CHECK (" + QuoteIdentifier(c.name) + " IN (" + absl::StrJoin(values, ", ") + "))");
  }
  ddl.create_table =
      "CREATE TABLE IF NOT EXISTS " + table + " (" + absl::StrJoin(parts, ", ") + ")";

  // Unique among live rows: a partial unique index.
  const std::string live =
      entity.deleted_at == catalog::kNoColumn
          ? ""
          : " WHERE " + QuoteIdentifier(entity.columns[entity.deleted_at].name) + " IS NULL";
  for (size_t i = 0; i < entity.columns.size(); ++i) {
    const ColumnDef& c = entity.columns[i];
    if (i == entity.primary_key) continue;  // the primary key's own index
    const std::string column = " ON " + table + " (" + QuoteIdentifier(c.name) + ")";
    if (c.unique) {
      std::string name = FitIdentifier("IDX_" + ddl.table + "_" + c.name + "_unique");
      ddl.indexes.push_back("CREATE UNIQUE INDEX IF NOT EXISTS " + QuoteIdentifier(name) + column +
                            live);
    }
    if (c.index || (c.hash_indexed && !c.unique)) {
      std::string name = FitIdentifier("IDX_" + ddl.table + "_" + c.name);
      ddl.indexes.push_back("CREATE INDEX IF NOT EXISTS " + QuoteIdentifier(name) + column);
    }
  }
  return ddl;
}

std::vector<std::string> CompareTable(const EntityDef& entity, const FoundTable& found) {
  std::vector<std::string> out;
  auto find = [&](std::string_view name) -> const FoundColumn* {
    for (const FoundColumn& f : found.columns) {
      if (f.name == name) return &f;
    }
    return nullptr;
  };
  for (size_t i = 0; i < entity.columns.size(); ++i) {
    const ColumnDef& c = entity.columns[i];
    const FoundColumn* f = find(c.name);
    if (f == nullptr) {
      out.push_back("column " + c.name + " missing");
      continue;
    }
    std::string_view type = PgTypeName(c.type);
    if (f->type != type) {
      out.push_back("column " + c.name + ": " + std::string(type) + " expected, " + f->type +
                    " found");
    }
    bool not_null = !c.nullable || i == entity.primary_key;
    if (f->not_null != not_null) {
      out.push_back("column " + c.name + ": " + (not_null ? "NOT NULL" : "nullable") +
                    " expected, " + (f->not_null ? "NOT NULL" : "nullable") + " found");
    }
  }
  for (const FoundColumn& f : found.columns) {
    if (entity.FindColumn(f.name) == nullptr)
      out.push_back("column " + f.name + " not in the schema");
  }
  std::vector<std::string> key;
  if (entity.primary_key != catalog::kNoColumn)
    key.push_back(entity.columns[entity.primary_key].name);
  if (found.primary_key != key) {
    out.push_back("primary key " + (key.empty() ? "none" : ColumnList(key)) + " expected, " +
                  (found.primary_key.empty() ? "none" : ColumnList(found.primary_key)) + " found");
  }
  return out;
}

absl::StatusOr<FoundTable> ReadTable(Connection& conn, std::string_view table) {
  FoundTable found;
  LG_ASSIGN_OR_RETURN(
      ResultSet rel,
      conn.Exec("SELECT c.oid, c.relkind::text FROM pg_catalog.pg_class c WHERE c.relname = $1 "
                "AND c.relnamespace = (SELECT n.oid FROM pg_catalog.pg_namespace n WHERE "
                "n.nspname = pg_catalog.current_schema())",
                {Param::Text(table)}));
  if (rel.rows() == 0) return found;
  found.exists = true;
  const Param oid = Param::Text(rel.Value(0, 0), /*oid*/ 26);
  found.kind = std::string(rel.Value(0, 1));
  LG_ASSIGN_OR_RETURN(
      ResultSet columns,
      conn.Exec("SELECT a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), "
                "a.attnotnull FROM pg_catalog.pg_attribute a WHERE a.attrelid = $1 AND "
                "a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum",
                {oid}));
  for (int r = 0; r < columns.rows(); ++r) {
    found.columns.push_back(FoundColumn{std::string(columns.Value(r, 0)),
                                        std::string(columns.Value(r, 1)),
                                        columns.Value(r, 2) == "t"});
  }
  LG_ASSIGN_OR_RETURN(
      ResultSet key,
      conn.Exec("SELECT a.attname FROM pg_catalog.pg_index i CROSS JOIN LATERAL "
                "unnest(i.indkey::pg_catalog.int2[]) WITH ORDINALITY AS k(attnum, n) JOIN "
                "pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum "
                "WHERE i.indrelid = $1 AND i.indisprimary ORDER BY k.n",
                {oid}));
  for (int r = 0; r < key.rows(); ++r) found.primary_key.emplace_back(key.Value(r, 0));
  return found;
}

absl::Status EnsureTable(Connection& conn, const EntityDef& entity) {
  LG_ASSIGN_OR_RETURN(TableDdl ddl, TableDdlOf(entity));
  return InTransaction(conn, [&]() -> absl::Status {
    // Registrations of the same table in several processes take turns (CREATE TABLE IF NOT
    // EXISTS alone can fail on a concurrent one's catalog rows).
    LG_RETURN_IF_ERROR(
        conn.Exec("SELECT pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended("
                  "'linkgraph table ' || coalesce(pg_catalog.current_schema(), '') || '.' || $1, "
                  "0))",
                  {Param::Text(ddl.table)})
            .status());
    LG_ASSIGN_OR_RETURN(FoundTable found, ReadTable(conn, ddl.table));
    if (!found.exists) {
      LG_RETURN_IF_ERROR(conn.Exec(ddl.create_table).status());
    } else if (!IsTable(found.kind)) {
      return absl::FailedPreconditionError("entity " + entity.QualifiedName() + ": " +
                                           QuoteIdentifier(ddl.table) + " is a " +
                                           KindName(found.kind) + ", not a table");
    } else {
      std::vector<std::string> differences = CompareTable(entity, found);
      if (!differences.empty()) {
        return absl::FailedPreconditionError("table " + QuoteIdentifier(ddl.table) +
                                             " does not match entity " + entity.QualifiedName() +
                                             ": " + absl::StrJoin(differences, "; "));
      }
    }
    for (const std::string& index : ddl.indexes) LG_RETURN_IF_ERROR(conn.Exec(index).status());
    return absl::OkStatus();
  });
}

}  // namespace linkgraph::postgres
