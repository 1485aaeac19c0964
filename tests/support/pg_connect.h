// For [postgres] tests: a connection to a new database of the test server (pg_server.h).
#pragma once

#include <catch2/catch.hpp>
#include <memory>
#include <string>

#include "modules/postgres/connection.h"
#include "tests/support/pg_server.h"

namespace linkgraph::testing {

// A connection to a new, empty database of the test process's server; null when the test is
// skipped (no server binary: the caller returns). Fails the test when the server does not start
// or the connection fails.
inline std::unique_ptr<postgres::Connection> PgConnectOrSkip() {
  PgServer* pg = PgServerOrSkip();
  if (pg == nullptr) return nullptr;
  absl::StatusOr<std::string> conninfo = pg->NewDatabase();
  REQUIRE(conninfo.status().ToString() == "OK");
  absl::StatusOr<postgres::Connection> conn = postgres::Connection::Open(*conninfo);
  REQUIRE(conn.status().ToString() == "OK");
  return std::make_unique<postgres::Connection>(std::move(*conn));
}

}  // namespace linkgraph::testing
