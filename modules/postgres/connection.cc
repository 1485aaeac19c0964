// Connection and ResultSet over libpq's C API; the server's errors as Statuses.
#include "modules/postgres/connection.h"

#include <libpq-fe.h>
#include <poll.h>

#include <cerrno>
#include <chrono>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <utility>

#include "absl/strings/cord.h"
#include "linkgraph/status.h"

namespace linkgraph::postgres {
namespace {

constexpr size_t kMaxNotices = 100;
constexpr size_t kMaxParams = 65535;  // the protocol's Int16 parameter count
// Debian's abseil has its own string_view.
const absl::string_view kSqlStateUrl(kSqlStatePayload.data(), kSqlStatePayload.size());

// libpq's messages end in a newline and may continue on tab-indented lines: one line.
std::string OneLine(const char* text) {
  std::string out;
  if (text == nullptr) return out;
  for (const char* p = text; *p != '\0'; ++p) {
    if (*p == '\n' || *p == '\t') {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += *p;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

bool Lost(const PGconn* conn) { return PQstatus(conn) != CONNECTION_OK; }

absl::Status LostError(const PGconn* conn) {
  std::string why = OneLine(PQerrorMessage(conn));
  return absl::UnavailableError("PostgreSQL connection lost" + (why.empty() ? "" : ": " + why));
}

// The Status of a failed statement's result.
absl::Status ErrorOf(const PGconn* conn, const PGresult* result) {
  const char* code = PQresultErrorField(result, PG_DIAG_SQLSTATE);
  const char* primary = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
  if (code == nullptr || *code == '\0') {
    // libpq's own error (the connection broke, a protocol error): no SQLSTATE.
    if (Lost(conn)) return LostError(conn);
    std::string why = OneLine(primary != nullptr ? primary : PQresultErrorMessage(result));
    return absl::UnknownError("PostgreSQL: " + why);
  }
  std::string message = "PostgreSQL: " + OneLine(primary) + " (SQLSTATE " + code + ")";
  if (const char* detail = PQresultErrorField(result, PG_DIAG_MESSAGE_DETAIL)) {
    message += ": " + OneLine(detail);
  }
  if (const char* hint = PQresultErrorField(result, PG_DIAG_MESSAGE_HINT)) {
    message += " Hint: " + OneLine(hint);
  }
  absl::StatusCode status_code =
      Lost(conn) ? absl::StatusCode::kUnavailable : StatusCodeOfSqlState(code);
  absl::Status status(status_code, message);
  status.SetPayload(kSqlStateUrl, absl::Cord(code));
  return status;
}

// Ends a COPY that Exec was given (it cannot feed or take the data), leaving the connection
// ready for the next statement.
void AbandonCopy(PGconn* conn, ExecStatusType type) {
  if (type == PGRES_COPY_IN || type == PGRES_COPY_BOTH) {
    PQputCopyEnd(conn, "linkgraph: COPY is not run through Exec");
  }
  if (type == PGRES_COPY_OUT || type == PGRES_COPY_BOTH) {
    char* buffer = nullptr;
    while (PQgetCopyData(conn, &buffer, 0) > 0) PQfreemem(buffer);
  }
  while (PGresult* r = PQgetResult(conn)) PQclear(r);
}

// connect_timeout of the connection string (or PGCONNECT_TIMEOUT) in seconds; 0: none. libpq
// itself waits at least 2 seconds when one is set.
int ConnectTimeout(const PQconninfoOption* options) {
  const char* value = std::getenv("PGCONNECT_TIMEOUT");
  for (const PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
    if (std::strcmp(o->keyword, "connect_timeout") == 0 && o->val != nullptr) value = o->val;
  }
  if (value == nullptr) return 0;
  int seconds = std::atoi(value);
  return seconds <= 0 ? 0 : std::max(seconds, 2);
}

}  // namespace

absl::StatusCode StatusCodeOfSqlState(std::string_view state) {
  if (state == "23505") return absl::StatusCode::kAlreadyExists;
  if (state == "42501") return absl::StatusCode::kPermissionDenied;
  if (state == "57014") return absl::StatusCode::kCancelled;
  // A binary parameter the type's receive function cannot read (the connection stays).
  if (state == "08P01") return absl::StatusCode::kInvalidArgument;
  if (state == "XX001" || state == "XX002") return absl::StatusCode::kDataLoss;
  std::string_view cls = state.substr(0, 2);
  if (cls == "08" || cls == "57") return absl::StatusCode::kUnavailable;
  if (cls == "53" || cls == "54") return absl::StatusCode::kResourceExhausted;
  if (cls == "22" || cls == "42") return absl::StatusCode::kInvalidArgument;
  if (cls == "23" || cls == "25" || cls == "3F" || cls == "55") {
    return absl::StatusCode::kFailedPrecondition;
  }
  if (cls == "28") return absl::StatusCode::kPermissionDenied;
  if (cls == "40") return absl::StatusCode::kAborted;
  if (cls == "0A") return absl::StatusCode::kUnimplemented;
  if (cls == "XX" || cls == "58") return absl::StatusCode::kInternal;
  return absl::StatusCode::kUnknown;
}

std::string SqlState(const absl::Status& status) {
  auto state = status.GetPayload(kSqlStateUrl);
  return state.has_value() ? std::string(*state) : std::string();
}

// ResultSet

ResultSet::ResultSet() = default;
ResultSet::ResultSet(pg_result* result) : result_(result) {}
ResultSet::~ResultSet() {
  if (result_ != nullptr) PQclear(result_);
}
ResultSet::ResultSet(ResultSet&& other) noexcept : result_(std::exchange(other.result_, nullptr)) {}
ResultSet& ResultSet::operator=(ResultSet&& other) noexcept {
  std::swap(result_, other.result_);
  return *this;
}

// Bounds are checked here, never by libpq: its out-of-range message would go to the notice
// receiver of a connection that may be gone.
int ResultSet::rows() const { return result_ == nullptr ? 0 : PQntuples(result_); }
int ResultSet::columns() const { return result_ == nullptr ? 0 : PQnfields(result_); }

std::string_view ResultSet::column_name(int col) const {
  if (col < 0 || col >= columns()) return {};
  return PQfname(result_, col);
}

Oid ResultSet::column_type(int col) const {
  if (col < 0 || col >= columns()) return 0;
  return PQftype(result_, col);
}

int ResultSet::ColumnIndex(std::string_view name) const {
  for (int c = 0; c < columns(); ++c) {
    if (name == PQfname(result_, c)) return c;
  }
  return -1;
}

bool ResultSet::IsNull(int row, int col) const {
  if (row < 0 || row >= rows() || col < 0 || col >= columns()) return true;
  return PQgetisnull(result_, row, col) != 0;
}

std::string_view ResultSet::Value(int row, int col) const {
  if (IsNull(row, col)) return {};
  return std::string_view(PQgetvalue(result_, row, col),
                          static_cast<size_t>(PQgetlength(result_, row, col)));
}

int64_t ResultSet::affected_rows() const {
  if (result_ == nullptr) return 0;
  const char* n = PQcmdTuples(result_);
  return n == nullptr || *n == '\0' ? 0 : std::strtoll(n, nullptr, 10);
}

std::string_view ResultSet::command_tag() const {
  if (result_ == nullptr) return {};
  const char* tag = PQcmdStatus(result_);
  return tag == nullptr ? std::string_view() : std::string_view(tag);
}

// Connection

struct Connection::State {
  PGconn* conn = nullptr;
  std::deque<std::string> notices;

  ~State() {
    if (conn != nullptr) PQfinish(conn);
  }

  static void Receive(void* arg, const PGresult* result) {
    auto* state = static_cast<State*>(arg);
    const char* severity = PQresultErrorField(result, PG_DIAG_SEVERITY);
    const char* primary = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
    if (state->notices.size() == kMaxNotices) state->notices.pop_front();
    state->notices.push_back(std::string(severity != nullptr ? severity : "NOTICE") + ": " +
                             OneLine(primary));
  }
};

absl::StatusOr<Connection> Connection::Open(std::string_view conninfo) {
  if (conninfo.find('\0') != std::string_view::npos) {
    return absl::InvalidArgumentError("PostgreSQL connection string contains a NUL byte");
  }
  const std::string info(conninfo);
  char* parse_error = nullptr;
  PQconninfoOption* options = PQconninfoParse(info.c_str(), &parse_error);
  if (options == nullptr) {
    std::string why = parse_error != nullptr ? OneLine(parse_error) : "out of memory";
    PQfreemem(parse_error);
    return absl::InvalidArgumentError("invalid PostgreSQL connection string: " + why);
  }
  const int timeout = ConnectTimeout(options);
  PQconninfoFree(options);

  // Started and polled here rather than PQconnectdb, so that the notice receiver is in place
  // before the server can send anything (a warning at connection time would go to stderr).
  Connection connection;
  connection.state_ = std::make_unique<State>();
  PGconn* conn = PQconnectStart(info.c_str());
  if (conn == nullptr) return absl::ResourceExhaustedError("libpq: out of memory");
  connection.state_->conn = conn;
  PQsetNoticeReceiver(conn, &State::Receive, connection.state_.get());
  auto failed = [&] {
    return absl::UnavailableError("cannot connect to PostgreSQL: " + OneLine(PQerrorMessage(conn)));
  };
  if (PQstatus(conn) == CONNECTION_BAD) return failed();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout);
  PostgresPollingStatusType polling = PGRES_POLLING_WRITING;
  while (polling != PGRES_POLLING_OK) {
    if (polling == PGRES_POLLING_FAILED) return failed();
    pollfd p{PQsocket(conn),
             static_cast<short>(polling == PGRES_POLLING_READING ? POLLIN : POLLOUT), 0};
    if (p.fd < 0) return failed();
    int wait_ms = -1;
    if (timeout > 0) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) {
        return absl::DeadlineExceededError("cannot connect to PostgreSQL: timeout expired");
      }
      wait_ms = static_cast<int>(std::min<int64_t>(left.count(), INT_MAX));
    }
    int ready = poll(&p, 1, wait_ms);
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) return absl::UnavailableError(std::string("poll: ") + std::strerror(errno));
    if (ready == 0) continue;  // the deadline is checked above
    polling = PQconnectPoll(conn);
  }
  if (PQsetClientEncoding(conn, "UTF8") != 0) {
    return absl::UnavailableError("PostgreSQL: cannot set the client encoding to UTF8: " +
                                  OneLine(PQerrorMessage(conn)));
  }
  return connection;
}

Connection::Connection() = default;
Connection::~Connection() = default;
Connection::Connection(Connection&& other) noexcept = default;
Connection& Connection::operator=(Connection&& other) noexcept = default;

bool Connection::connected() const {
  return state_ != nullptr && state_->conn != nullptr && !Lost(state_->conn);
}

pg_conn* Connection::raw() const { return state_ == nullptr ? nullptr : state_->conn; }

absl::StatusOr<ResultSet> Connection::Finish(pg_result* result) {
  PGconn* conn = state_->conn;
  if (result == nullptr) {
    if (Lost(conn)) return LostError(conn);
    return absl::ResourceExhaustedError("libpq: " + OneLine(PQerrorMessage(conn)));
  }
  ResultSet owned(result);
  ExecStatusType type = PQresultStatus(result);
  switch (type) {
    case PGRES_COMMAND_OK:
    case PGRES_TUPLES_OK:
    case PGRES_EMPTY_QUERY:
      return owned;
    case PGRES_COPY_IN:
    case PGRES_COPY_OUT:
    case PGRES_COPY_BOTH:
      AbandonCopy(conn, type);
      return absl::InvalidArgumentError(
          "PostgreSQL: COPY FROM STDIN and COPY TO STDOUT are not run by Exec");
    case PGRES_FATAL_ERROR:
    case PGRES_NONFATAL_ERROR:
    case PGRES_BAD_RESPONSE:
      return ErrorOf(conn, result);
    default:
      return absl::InternalError(std::string("libpq: unexpected result ") + PQresStatus(type));
  }
}

absl::StatusOr<ResultSet> Connection::Exec(std::string_view sql, std::span<const Param> params,
                                           Format result_format) {
  if (state_ == nullptr || state_->conn == nullptr) {
    return absl::FailedPreconditionError("not connected to PostgreSQL");
  }
  if (Lost(state_->conn)) return LostError(state_->conn);
  if (sql.find('\0') != std::string_view::npos) {
    return absl::InvalidArgumentError("PostgreSQL statement contains a NUL byte");
  }
  if (params.size() > kMaxParams) {
    return absl::InvalidArgumentError("PostgreSQL statement with " + std::to_string(params.size()) +
                                      " parameters (at most 65535)");
  }
  std::vector<Oid> types(params.size());
  std::vector<const char*> values(params.size());
  std::vector<int> lengths(params.size());
  std::vector<int> formats(params.size());
  for (size_t i = 0; i < params.size(); ++i) {
    const Param& p = params[i];
    const std::string& bytes = p.bytes();
    std::string where = "PostgreSQL parameter $" + std::to_string(i + 1);
    if (bytes.size() > static_cast<size_t>(INT_MAX)) {
      return absl::InvalidArgumentError(where + ": 2 GiB or more");
    }
    if (!p.is_null() && p.format() == Format::kText && bytes.find('\0') != std::string::npos) {
      return absl::InvalidArgumentError(where + ": text contains a NUL byte");
    }
    types[i] = p.type();
    values[i] = p.is_null() ? nullptr : bytes.c_str();
    lengths[i] = static_cast<int>(bytes.size());
    formats[i] = static_cast<int>(p.format());
  }
  const std::string statement(sql);
  return Finish(PQexecParams(state_->conn, statement.c_str(), static_cast<int>(params.size()),
                             types.data(), values.data(), lengths.data(), formats.data(),
                             static_cast<int>(result_format)));
}

absl::Status Connection::ExecScript(std::string_view sql) {
  if (state_ == nullptr || state_->conn == nullptr) {
    return absl::FailedPreconditionError("not connected to PostgreSQL");
  }
  if (Lost(state_->conn)) return LostError(state_->conn);
  if (sql.find('\0') != std::string_view::npos) {
    return absl::InvalidArgumentError("PostgreSQL statement contains a NUL byte");
  }
  const std::string script(sql);
  return Finish(PQexec(state_->conn, script.c_str())).status();
}

std::vector<std::string> Connection::TakeNotices() {
  if (state_ == nullptr) return {};
  std::vector<std::string> out(std::make_move_iterator(state_->notices.begin()),
                               std::make_move_iterator(state_->notices.end()));
  state_->notices.clear();
  return out;
}

absl::Status InTransaction(Connection& conn, const std::function<absl::Status()>& body) {
  LG_RETURN_IF_ERROR(conn.Exec("BEGIN").status());
  absl::Status status = body();
  if (!status.ok()) {
    if (conn.connected()) (void)conn.Exec("ROLLBACK");
    return status;
  }
  // A failed COMMIT has ended the transaction already.
  LG_ASSIGN_OR_RETURN(ResultSet commit, conn.Exec("COMMIT"));
  if (commit.command_tag() != "COMMIT") {
    // COMMIT of a transaction in which a statement failed succeeds, as a ROLLBACK.
    return absl::AbortedError(
        "PostgreSQL rolled the transaction back: a statement in it had failed");
  }
  return absl::OkStatus();
}

}  // namespace linkgraph::postgres
