// A throwaway PostgreSQL server for tests (issue #23 item 6): a cluster initialised into a fresh
// temporary directory, listening only on a Unix socket in that directory, stopped and removed
// when the object goes.
//
// Tests tagged [postgres] ask for the test process's server with PgServerOrSkip(): it is started
// on first use and stopped at exit, and each test takes a database of its own with
// NewDatabase(). When the machine has no server binary, the test prints kPgSkipMarker and
// returns; ctest reports it Skipped (SKIP_REGULAR_EXPRESSION, tests/CMakeLists.txt), never
// passed. With LINKGRAPH_TEST_REQUIRE_POSTGRES=1 in the environment, a missing binary fails the
// test instead.
//
// Example:
//   TEST_CASE("reviews in PostgreSQL", "[postgres]") {
//     linkgraph::testing::PgServer* pg = linkgraph::testing::PgServerOrSkip();
//     if (pg == nullptr) return;
//     absl::StatusOr<std::string> conninfo = pg->NewDatabase();
//     REQUIRE(conninfo.ok());
//     auto conn = linkgraph::postgres::Connection::Open(*conninfo);
//     ...
//   }
#pragma once

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace linkgraph::testing {

// The text a skipped [postgres] test prints; ctest's SKIP_REGULAR_EXPRESSION for those tests.
inline constexpr char kPgSkipMarker[] = "SKIPPED: no PostgreSQL server";

// The directory of the server binaries (initdb, pg_ctl, postgres): $LINKGRAPH_TEST_PG_BINDIR,
// else Debian's /usr/lib/postgresql/15/bin.
std::string PgBinDir();

class PgServer {
 public:
  // Initialises a cluster in a new temporary directory and starts it: `initdb --no-sync` with
  // trust authentication and superuser `postgres`, then `pg_ctl -w start` with
  // listen_addresses='' and the socket in the directory. When running as root (PostgreSQL
  // refuses root) both run as user `postgres`, or `nobody`, through runuser, the directory
  // chowned to that user. Returns NotFound when a binary is missing from `bindir`; any other
  // failure is an error with the tail of the log of the step that failed.
  static absl::StatusOr<std::unique_ptr<PgServer>> Start(const std::string& bindir);

  // `pg_ctl stop -m fast`, then removes the directory. A watchdog process started with the
  // server does the same (with `-m immediate`) if this process dies without running it.
  ~PgServer();
  PgServer(const PgServer&) = delete;
  PgServer& operator=(const PgServer&) = delete;

  // A libpq connection string for database `dbname` as superuser `postgres` over the socket.
  std::string ConnInfo(const std::string& dbname = "postgres") const;
  // Creates a new, empty database (lg_test_1, lg_test_2, …) and returns its connection string.
  absl::StatusOr<std::string> NewDatabase();

  // The cluster's directory (the data directory is its `data`, the socket is in it).
  const std::string& dir() const { return dir_; }

 private:
  PgServer() = default;
  std::string data() const { return dir_ + "/data"; }
  // `argv` run as the server's user (behind as_user_).
  std::vector<std::string> AsUser(std::vector<std::string> argv) const;
  absl::Status StartWatchdog();

  std::string bindir_;
  std::string dir_;
  std::vector<std::string> as_user_;  // `runuser -u USER --` when running as root, else empty
  pid_t watchdog_ = -1;
  int watchdog_pipe_ = -1;  // its stdin: closing it (or dying) wakes it up
  bool started_ = false;
  int databases_ = 0;
};

// The server of this test process: started on first use, stopped at exit. NotFound when there
// is no server binary.
absl::StatusOr<PgServer*> SharedPgServer();

// For a [postgres] test: the shared server; or, when there is no server binary, nullptr after
// printing kPgSkipMarker and what is missing (a Catch2 WARN), so the test returns without
// assertions and ctest reports it Skipped. A server that exists but fails to start fails the
// test (REQUIRE), as does a missing binary under LINKGRAPH_TEST_REQUIRE_POSTGRES=1.
PgServer* PgServerOrSkip();

}  // namespace linkgraph::testing
