// The SQLite peer's load: JSON Lines parsed with simdjson (as linkgraph's own loads are), rows
// inserted with one prepared statement per table in one transaction, then the indexes and
// ANALYZE.
#include <simdjson.h>

#include <string>

#include "absl/strings/str_cat.h"
#include "bench/harness/peer_sqlite.h"
#include "bench/harness/schema.h"
#include "linkgraph/status.h"

namespace linkgraph::bench {

namespace {

const PeerTable* FindTable(std::string_view name) {
  for (const PeerTable& t : PeerTables()) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

std::string InsertSql(const PeerTable& table) {
  std::string sql = absl::StrCat("INSERT INTO ", std::string(table.name), " VALUES (");
  for (size_t i = 0; i < table.columns.size(); ++i) absl::StrAppend(&sql, i ? ",?" : "?");
  sql += ")";
  return sql;
}

absl::Status LoadFile(sqlite3* db, const PeerTable& table, const std::string& path) {
  LG_ASSIGN_OR_RETURN(std::string text, ReadWholeFile(path));
  LG_ASSIGN_OR_RETURN(Statement insert, Statement::Prepare(db, InsertSql(table)));
  sqlite3_stmt* stmt = insert.get();
  simdjson::ondemand::parser parser;
  simdjson::ondemand::document_stream docs;
  if (parser.iterate_many(text).get(docs) != simdjson::SUCCESS) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": not JSON Lines"));
  }
  int64_t line = 0;
  for (auto doc : docs) {
    ++line;
    simdjson::ondemand::object row;
    if (doc.get_object().get(row) != simdjson::SUCCESS) {
      return absl::InvalidArgumentError(absl::StrCat(path, ":", line, ": not an object"));
    }
    for (auto field : row) {
      std::string_view key;
      if (field.unescaped_key().get(key) != simdjson::SUCCESS) {
        return absl::InvalidArgumentError(absl::StrCat(path, ":", line, ": bad key"));
      }
      int index = -1;
      for (size_t c = 0; c < table.columns.size(); ++c) {
        if (table.columns[c].name == key) index = static_cast<int>(c);
      }
      if (index < 0) {
        return absl::InvalidArgumentError(
            absl::StrCat(path, ":", line, ": unknown column ", std::string(key)));
      }
      simdjson::error_code error;
      if (table.columns[static_cast<size_t>(index)].integer) {
        int64_t v = 0;
        error = field.value().get_int64().get(v);
        sqlite3_bind_int64(stmt, index + 1, v);
      } else {
        std::string_view v;
        error = field.value().get_string().get(v);
        // The unescaped text lives in the parser until the next row; the row is stepped first.
        sqlite3_bind_text(stmt, index + 1, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
      }
      if (error != simdjson::SUCCESS) {
        return absl::InvalidArgumentError(absl::StrCat(
            path, ":", line, ": field ", std::string(key), ": ", simdjson::error_message(error)));
      }
    }
    LG_ASSIGN_OR_RETURN(bool row_returned, insert.Step());
    (void)row_returned;
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
  }
  return absl::OkStatus();
}

}  // namespace

std::string SqliteVersion() { return sqlite3_libversion(); }

SqliteEngine::SqliteEngine() = default;

SqliteEngine::~SqliteEngine() {
  point_.reset();
  if (db_ != nullptr) sqlite3_close(db_);
}

absl::Status SqliteEngine::Exec(std::string_view sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = absl::StrCat("sqlite: ", error != nullptr ? error : "error");
    sqlite3_free(error);
    return absl::InternalError(message);
  }
  return absl::OkStatus();
}

absl::Status SqliteEngine::Load(const Dataset& data) {
  if (sqlite3_open(":memory:", &db_) != SQLITE_OK) {
    return absl::InternalError("sqlite: cannot open an in-memory database");
  }
  LG_RETURN_IF_ERROR(
      Exec("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA temp_store=MEMORY;"));
  LG_RETURN_IF_ERROR(Exec(kPeerDdl));
  LG_RETURN_IF_ERROR(Exec("BEGIN"));
  for (const EntityFile& file : data.files) {
    const PeerTable* table = FindTable(file.table);
    if (table == nullptr) return absl::InternalError(absl::StrCat("no table ", file.table));
    LG_RETURN_IF_ERROR(LoadFile(db_, *table, file.path));
  }
  LG_RETURN_IF_ERROR(Exec("COMMIT"));
  return Exec(kPeerIndexes);
}

int64_t SqliteEngine::AccountedBytes() { return sqlite3_memory_used(); }

absl::Status SqliteEngine::CreateReviews(const std::vector<NewReview>& rows, bool one_commit) {
  LG_ASSIGN_OR_RETURN(Statement insert,
                      Statement::Prepare(db_, "INSERT INTO review VALUES (?, ?, ?, ?, ?, ?, ?, NULL)"));
  if (one_commit) LG_RETURN_IF_ERROR(Exec("BEGIN"));
  sqlite3_stmt* st = insert.get();
  for (const NewReview& r : rows) {
    sqlite3_reset(st);
    auto text = [&](int i, const std::string& v) {
      sqlite3_bind_text(st, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
    };
    text(1, r.id);
    text(2, r.product_id);
    text(3, r.customer_id);
    sqlite3_bind_int(st, 4, r.rating);
    text(5, r.content);
    text(6, r.created_at);
    text(7, r.created_at);
    LG_RETURN_IF_ERROR(insert.Step().status());
  }
  return one_commit ? Exec("COMMIT") : absl::OkStatus();
}

}  // namespace linkgraph::bench
