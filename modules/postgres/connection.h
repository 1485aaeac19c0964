// A PostgreSQL connection through libpq's C API (DESIGN.md §10, issue #23): statements with text
// or binary parameters, their results, and every error as an absl::Status that names the
// server's message and SQLSTATE — never an exception, a crash or a line on stderr (the server's
// notices are kept, not printed).
//
// A Connection is used by one thread at a time (libpq's rule); different connections may be used
// on different threads.
//
// Example:
//   LG_ASSIGN_OR_RETURN(postgres::Connection conn,
//                       postgres::Connection::Open("host=/run/postgresql dbname=shop"));
//   std::vector<postgres::Param> params = {postgres::Param::TextArray({"prod_1", "prod_2"}),
//                                          postgres::Param::Int64(4)};
//   LG_ASSIGN_OR_RETURN(postgres::ResultSet rs,
//       conn.Exec("SELECT id, rating FROM review WHERE product_id = ANY($1) AND rating >= $2",
//                 params));
//   for (int row = 0; row < rs.rows(); ++row) Use(rs.Value(row, 0), rs.Value(row, 1));
//   // A unique violation: AlreadyExists, "PostgreSQL: duplicate key value violates unique
//   // constraint "review_pkey" (SQLSTATE 23505): Key (id)=(rev_1) already exists."
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

// libpq's handles (libpq-fe.h: typedef struct pg_conn PGconn; typedef struct pg_result PGresult),
// declared here so that only connection.cc includes libpq's header.
struct pg_conn;
struct pg_result;

namespace linkgraph::postgres {

using Oid = uint32_t;  // libpq's Oid

// Type OIDs from PostgreSQL's catalog (pg_type.dat; fixed across versions).
inline constexpr Oid kBoolOid = 16;
inline constexpr Oid kInt8Oid = 20;
inline constexpr Oid kTextOid = 25;
inline constexpr Oid kFloat8Oid = 701;
inline constexpr Oid kTextArrayOid = 1009;
inline constexpr Oid kInt8ArrayOid = 1016;
inline constexpr Oid kTimestamptzOid = 1184;
inline constexpr Oid kNumericOid = 1700;
inline constexpr Oid kJsonbOid = 3802;

// The payload URL under which an error's SQLSTATE ("23505") is attached.
inline constexpr std::string_view kSqlStatePayload = "linkgraph/sqlstate";

// The SQLSTATE attached to `status` by this file, or empty (not an error the server reported).
std::string SqlState(const absl::Status& status);

// The Status code of a SQLSTATE: 23505 unique_violation AlreadyExists, other class 23 integrity
// violations FailedPrecondition; classes 22 (data) and 42 (syntax, undefined objects)
// InvalidArgument, but 42501 PermissionDenied; 08 and 57 (connection, shutdown) Unavailable, but
// 08P01 (a binary parameter the server cannot read) InvalidArgument and 57014 query_canceled
// Cancelled (and any error that ended the connection Unavailable); 40 (serialization, deadlock)
// Aborted; 53 and 54 ResourceExhausted; 25, 3F and 55 FailedPrecondition; 28 PermissionDenied; 0A
// Unimplemented; XX001 and XX002 DataLoss, other XX and 58 Internal; anything else Unknown.
absl::StatusCode StatusCodeOfSqlState(std::string_view state);

// How a parameter or a result column travels: as text, or in PostgreSQL's binary format.
enum class Format : int { kText = 0, kBinary = 1 };

// One statement parameter ($1, $2, …): NULL, text the server parses as the parameter's type, or
// bytes in the binary format of the type `type`. Owns its bytes.
class Param {
 public:
  // NULL. `type` 0 lets the server infer the parameter's type from the statement.
  static Param Null(Oid type = 0);
  // Text the server parses; it may not contain a NUL byte (Exec refuses it).
  static Param Text(std::string_view text, Oid type = 0);
  // Bytes already in the binary format of `type`.
  static Param Binary(Oid type, std::string bytes);
  // Binary int8, float8, bool.
  static Param Int64(int64_t value);
  static Param Float64(double value);
  static Param Bool(bool value);
  // A one-dimensional text[] (binary, no NULL element): what `key = ANY($1)` takes.
  static Param TextArray(std::span<const std::string_view> values);
  static Param TextArray(std::span<const std::string> values);
  static Param TextArray(std::initializer_list<std::string_view> values) {
    return TextArray(std::span<const std::string_view>(values.begin(), values.size()));
  }
  // A one-dimensional int8[] (binary, no NULL element).
  static Param Int64Array(std::span<const int64_t> values);

  bool is_null() const { return null_; }
  Oid type() const { return type_; }
  Format format() const { return format_; }
  const std::string& bytes() const { return bytes_; }

 private:
  Param(bool null, Oid type, Format format, std::string bytes)
      : null_(null), type_(type), format_(format), bytes_(std::move(bytes)) {}

  bool null_;
  Oid type_;
  Format format_;
  std::string bytes_;
};

// The rows a statement returned (or none, for a command), in the format Exec asked for. Movable,
// not copyable; frees libpq's result when it goes.
class ResultSet {
 public:
  ResultSet();
  ~ResultSet();
  ResultSet(ResultSet&& other) noexcept;
  ResultSet& operator=(ResultSet&& other) noexcept;
  ResultSet(const ResultSet&) = delete;
  ResultSet& operator=(const ResultSet&) = delete;

  int rows() const;
  int columns() const;
  // The name of column `col`; empty when out of range.
  std::string_view column_name(int col) const;
  // The type OID of column `col`; 0 when out of range.
  Oid column_type(int col) const;
  // The index of the column named `name`, or -1.
  int ColumnIndex(std::string_view name) const;
  // True when the value is NULL (or the cell is out of range).
  bool IsNull(int row, int col) const;
  // The value's bytes, text or binary as asked; empty for NULL and out of range.
  std::string_view Value(int row, int col) const;
  // The rows an INSERT, UPDATE, DELETE, MERGE, SELECT, MOVE, FETCH or COPY touched; 0 otherwise.
  int64_t affected_rows() const;
  // The command tag: "SELECT 2", "INSERT 0 1", "COMMIT", "ROLLBACK", …; empty for none.
  std::string_view command_tag() const;

 private:
  friend class Connection;
  explicit ResultSet(pg_result* result);

  pg_result* result_ = nullptr;
};

class Connection {
 public:
  // Connects with a libpq connection string (`host=/tmp dbname=shop user=app`, or a
  // `postgresql://` URI) and sets the client encoding to UTF-8. InvalidArgument for a string
  // libpq cannot parse; Unavailable, with libpq's message, when the server cannot be reached or
  // refuses the connection.
  static absl::StatusOr<Connection> Open(std::string_view conninfo);

  Connection();  // not connected: every call is FailedPrecondition
  ~Connection();
  Connection(Connection&& other) noexcept;
  Connection& operator=(Connection&& other) noexcept;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  bool connected() const;

  // Runs one statement with `params` ($1, $2, …), the result in `result_format`. An error the
  // server reports becomes a Status (see ErrorFromServer); InvalidArgument for SQL or a text
  // parameter containing a NUL byte, more than 65,535 parameters or a parameter of 2 GiB or
  // more; Unavailable when the connection is lost. A `COPY … FROM STDIN / TO STDOUT` is refused
  // (InvalidArgument) and leaves the connection usable. After an error the connection is usable
  // unless it was lost (connected() then is false).
  absl::StatusOr<ResultSet> Exec(std::string_view sql, std::span<const Param> params = {},
                                 Format result_format = Format::kText);
  absl::StatusOr<ResultSet> Exec(std::string_view sql, std::initializer_list<Param> params,
                                 Format result_format = Format::kText) {
    return Exec(sql, std::span<const Param>(params.begin(), params.size()), result_format);
  }
  // Runs `sql`, which may hold several statements separated by `;` and no parameters; stops at
  // the first failing one (in an implicit transaction, so nothing of the script remains when one
  // fails, unless it ran its own BEGIN/COMMIT).
  absl::Status ExecScript(std::string_view sql);

  // The notices (and warnings) the server sent since the last call, oldest first: at most the
  // last 100, each "SEVERITY: message".
  std::vector<std::string> TakeNotices();

  // libpq's handle, for what this class does not wrap yet. Null when not connected.
  pg_conn* raw() const;

 private:
  struct State;
  absl::StatusOr<ResultSet> Finish(pg_result* result);

  std::unique_ptr<State> state_;
};

// Runs `body` between BEGIN and COMMIT; when `body` or the COMMIT fails, rolls back and returns
// the failure (the rollback's own failure is not reported over it). A COMMIT the server turns
// into a ROLLBACK (a statement of the transaction failed and `body` went on) is Aborted.
absl::Status InTransaction(Connection& conn, const std::function<absl::Status()>& body);

}  // namespace linkgraph::postgres
