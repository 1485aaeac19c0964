// modules/postgres/connection.h: statements, parameters and results against a real server
// ([postgres]: a throwaway cluster, tests/support/pg_server.h), and every error a Status naming
// the server's message and SQLSTATE.
#include "modules/postgres/connection.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "tests/support/pg_connect.h"
#include "tests/support/pg_server.h"

namespace {

using linkgraph::postgres::Connection;
using linkgraph::postgres::Format;
using linkgraph::postgres::Param;
using linkgraph::postgres::ResultSet;
using linkgraph::postgres::SqlState;

// The one value of a one-row, one-column statement, or the error.
std::string One(Connection& conn, std::string_view sql, std::initializer_list<Param> params = {}) {
  absl::StatusOr<ResultSet> r = conn.Exec(sql, params);
  if (!r.ok()) return r.status().ToString();
  if (r->rows() != 1 || r->columns() != 1) return "rows " + std::to_string(r->rows());
  return r->IsNull(0, 0) ? "NULL" : std::string(r->Value(0, 0));
}

}  // namespace

TEST_CASE("postgres connection strings that cannot work are statuses") {
  absl::StatusOr<Connection> bad = Connection::Open("bogus_option=1");
  CHECK(bad.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(std::string(bad.status().message()).find("bogus_option") != std::string::npos);
  absl::StatusOr<Connection> nul = Connection::Open(std::string_view("host=/tmp\0x", 11));
  CHECK(nul.status().code() == absl::StatusCode::kInvalidArgument);
  // No server there: Unavailable with libpq's reason.
  absl::StatusOr<Connection> none = Connection::Open("host=/nonexistent/lg_pg dbname=x");
  CHECK(none.status().code() == absl::StatusCode::kUnavailable);
  CHECK(std::string(none.status().message()).find("/nonexistent/lg_pg") != std::string::npos);
  Connection closed;
  CHECK_FALSE(closed.connected());
  CHECK(closed.Exec("SELECT 1").status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK(closed.ExecScript("SELECT 1").code() == absl::StatusCode::kFailedPrecondition);
}

TEST_CASE("postgres statements take text and binary parameters", "[postgres]") {
  std::unique_ptr<Connection> conn = linkgraph::testing::PgConnectOrSkip();
  if (conn == nullptr) return;
  CHECK(One(*conn, "SELECT $1::text", {Param::Text("h\xC3\xA9llo")}) == "h\xC3\xA9llo");
  CHECK(One(*conn, "SELECT $1 + 1", {Param::Int64(-43)}) == "-42");
  CHECK(One(*conn, "SELECT $1::bigint", {Param::Int64(INT64_MIN)}) == "-9223372036854775808");
  CHECK(One(*conn, "SELECT $1 * 2", {Param::Float64(1.25)}) == "2.5");
  CHECK(One(*conn, "SELECT NOT $1", {Param::Bool(true)}) == "f");
  CHECK(One(*conn, "SELECT $1::text[]", {Param::TextArray({"a", "b,c", "d\"e", ""})}) ==
        R"({a,"b,c","d\"e",""})");
  CHECK(One(*conn, "SELECT cardinality($1::text[])", {Param::TextArray({})}) == "0");
  std::vector<int64_t> ints = {1, -2, INT64_MAX};
  CHECK(One(*conn, "SELECT $1::int8[]", {Param::Int64Array(ints)}) == "{1,-2,9223372036854775807}");
  CHECK(One(*conn, "SELECT $1::text IS NULL", {Param::Null()}) == "t");
  CHECK(One(*conn, "SELECT $1", {Param::Null(linkgraph::postgres::kInt8Oid)}) == "NULL");
  CHECK(One(*conn, "SELECT $1::numeric", {Param::Text("12.50")}) == "12.50");
  // A binary parameter may hold NUL bytes.
  CHECK(One(*conn, "SELECT length($1)", {Param::Binary(17 /* bytea */, std::string("a\0b", 3))}) ==
        "3");

  // Rows by a key set, one round trip.
  REQUIRE(conn->ExecScript("CREATE TABLE review (id text PRIMARY KEY, rating bigint);"
                           "INSERT INTO review VALUES ('r1', 5), ('r2', 3), ('r3', 1)")
              .ok());
  std::vector<std::string> keys = {"r3", "r1", "nope"};
  absl::StatusOr<ResultSet> rows = conn->Exec(
      "SELECT id, rating FROM review WHERE id = ANY($1) ORDER BY id", {Param::TextArray(keys)});
  REQUIRE(rows.ok());
  REQUIRE(rows->rows() == 2);
  CHECK(rows->columns() == 2);
  CHECK(rows->column_name(1) == "rating");
  CHECK(rows->column_type(1) == linkgraph::postgres::kInt8Oid);
  CHECK(rows->ColumnIndex("rating") == 1);
  CHECK(rows->ColumnIndex("nope") == -1);
  CHECK(rows->Value(0, 0) == "r1");
  CHECK(rows->Value(1, 1) == "1");
  // Out of range: empty, never a crash.
  CHECK(rows->Value(2, 0).empty());
  CHECK(rows->IsNull(0, 7));
  CHECK(rows->column_name(-1).empty());

  // Binary results: int8 in network byte order.
  absl::StatusOr<ResultSet> bin =
      conn->Exec("SELECT rating FROM review WHERE id = $1", {Param::Text("r1")}, Format::kBinary);
  REQUIRE(bin.ok());
  CHECK(bin->Value(0, 0) == std::string("\0\0\0\0\0\0\0\x05", 8));

  absl::StatusOr<ResultSet> updated =
      conn->Exec("UPDATE review SET rating = rating + 1 WHERE rating < $1", {Param::Int64(4)});
  REQUIRE(updated.ok());
  CHECK(updated->affected_rows() == 2);
  CHECK(updated->rows() == 0);
}

TEST_CASE("postgres errors are statuses naming the server's message and SQLSTATE", "[postgres]") {
  std::unique_ptr<Connection> conn = linkgraph::testing::PgConnectOrSkip();
  if (conn == nullptr) return;
  absl::Status syntax = conn->Exec("SELEC 1").status();
  CHECK(syntax.code() == absl::StatusCode::kInvalidArgument);
  CHECK(SqlState(syntax) == "42601");
  CHECK(syntax.message() == "PostgreSQL: syntax error at or near \"SELEC\" (SQLSTATE 42601)");

  absl::Status missing = conn->Exec("SELECT * FROM nope").status();
  CHECK(SqlState(missing) == "42P01");
  CHECK(missing.message() == "PostgreSQL: relation \"nope\" does not exist (SQLSTATE 42P01)");

  REQUIRE(conn->ExecScript("CREATE TABLE t (id bigint PRIMARY KEY, name text NOT NULL)").ok());
  REQUIRE(conn->Exec("INSERT INTO t VALUES (1, 'a')").ok());
  absl::Status dup = conn->Exec("INSERT INTO t VALUES ($1, 'b')", {Param::Int64(1)}).status();
  CHECK(dup.code() == absl::StatusCode::kAlreadyExists);
  CHECK(SqlState(dup) == "23505");
  CHECK(dup.message() ==
        "PostgreSQL: duplicate key value violates unique constraint \"t_pkey\" (SQLSTATE 23505): "
        "Key (id)=(1) already exists.");
  absl::Status null = conn->Exec("INSERT INTO t VALUES (2, NULL)").status();
  CHECK(null.code() == absl::StatusCode::kFailedPrecondition);
  CHECK(SqlState(null) == "23502");
  absl::Status zero = conn->Exec("SELECT 1 / $1", {Param::Int64(0)}).status();
  CHECK(zero.code() == absl::StatusCode::kInvalidArgument);
  CHECK(SqlState(zero) == "22012");
  // A binary value its type cannot read: the server says so (as a protocol violation), and the
  // connection stays.
  absl::Status bytes =
      conn->Exec("SELECT $1", {Param::Binary(linkgraph::postgres::kInt8Oid, "xyz")}).status();
  CHECK(bytes.code() == absl::StatusCode::kInvalidArgument);
  CHECK(SqlState(bytes) == "08P01");
  CHECK(One(*conn, "SELECT 1") == "1");

  // What cannot be sent is refused before it is.
  CHECK(conn->Exec(std::string_view("SELECT 1\0", 9)).status().code() ==
        absl::StatusCode::kInvalidArgument);
  absl::Status nul = conn->Exec("SELECT $1::text", {Param::Text(std::string("a\0b", 3))}).status();
  CHECK(nul.code() == absl::StatusCode::kInvalidArgument);
  CHECK(nul.message() == "PostgreSQL parameter $1: text contains a NUL byte");
  CHECK(SqlState(nul).empty());
  std::vector<Param> too_many(65536, Param::Int64(1));
  CHECK(conn->Exec("SELECT $1", too_many).status().code() == absl::StatusCode::kInvalidArgument);

  // COPY is not a statement Exec runs; the connection stays usable.
  CHECK(conn->Exec("COPY t FROM STDIN").status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(conn->Exec("COPY t TO STDOUT").status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(One(*conn, "SELECT count(*) FROM t") == "1");

  // A failing script leaves nothing behind; a transaction body's failure rolls back.
  absl::Status script =
      conn->ExecScript("INSERT INTO t VALUES (5, 'e'); INSERT INTO t VALUES (5, 'f')");
  CHECK(SqlState(script) == "23505");
  CHECK(One(*conn, "SELECT count(*) FROM t") == "1");
  absl::Status body = linkgraph::postgres::InTransaction(*conn, [&] {
    absl::Status s = conn->Exec("INSERT INTO t VALUES (6, 'g')").status();
    if (!s.ok()) return s;
    return absl::AbortedError("changed my mind");
  });
  CHECK(body == absl::AbortedError("changed my mind"));
  CHECK(One(*conn, "SELECT count(*) FROM t") == "1");
  REQUIRE(linkgraph::postgres::InTransaction(*conn, [&] {
            return conn->Exec("INSERT INTO t VALUES (7, 'h')").status();
          }).ok());
  CHECK(One(*conn, "SELECT count(*) FROM t") == "2");

  // The server's notices are kept, not printed.
  REQUIRE(conn->ExecScript("DO $$ BEGIN RAISE NOTICE 'hello %', 42; END $$").ok());
  CHECK(conn->TakeNotices() == std::vector<std::string>{"NOTICE: hello 42"});
  CHECK(conn->TakeNotices().empty());

  // A connection the server ends: Unavailable, and it says it is no longer connected.
  std::string pid = One(*conn, "SELECT pg_backend_pid()");
  absl::StatusOr<Connection> other =
      Connection::Open(linkgraph::testing::PgServerOrSkip()->ConnInfo());
  REQUIRE(other.ok());
  CHECK(One(*other, "SELECT pg_terminate_backend($1::int, 10000)", {Param::Text(pid)}) == "t");
  absl::Status lost = conn->Exec("SELECT 1").status();
  CHECK(lost.code() == absl::StatusCode::kUnavailable);
  CHECK_FALSE(conn->connected());
  CHECK(conn->Exec("SELECT 1").status().code() == absl::StatusCode::kUnavailable);
}
