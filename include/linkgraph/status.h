// Status helpers used across linkgraph and by host programs.
//
// linkgraph reports every failure as an absl::Status (or absl::StatusOr<T>); no exception
// escapes the library. Debian's abseil (20220623) has no ABSL_RETURN_IF_ERROR, so these two
// macros are defined here once.
//
// Example:
//   absl::Status Setup(linkgraph::Database& db, std::string_view schema) {
//     LG_RETURN_IF_ERROR(db.RegisterJson(schema));
//     LG_ASSIGN_OR_RETURN(linkgraph::Result r, db.GraphJson(R"({"entity":"product","fields":["id"]})"));
//     ...
//   }
#pragma once

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "linkgraph/export.h"

#define LG_STATUS_CONCAT_INNER_(a, b) a##b
#define LG_STATUS_CONCAT_(a, b) LG_STATUS_CONCAT_INNER_(a, b)

// Returns from the enclosing function when `expr` (an absl::Status) is not OK.
#define LG_RETURN_IF_ERROR(expr)                          \
  do {                                                    \
    ::absl::Status lg_status_ = (expr);                   \
    if (!lg_status_.ok()) return lg_status_;              \
  } while (false)

// `lhs` = the value of `rexpr` (an absl::StatusOr<T>), or returns its status.
#define LG_ASSIGN_OR_RETURN(lhs, rexpr) \
  LG_ASSIGN_OR_RETURN_IMPL_(LG_STATUS_CONCAT_(lg_statusor_, __LINE__), lhs, rexpr)
#define LG_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, rexpr) \
  auto tmp = (rexpr);                              \
  if (!tmp.ok()) return tmp.status();              \
  lhs = std::move(tmp).value()

namespace linkgraph {

// The snake_case name of a status code as it appears in JSON errors ("invalid_argument").
LINKGRAPH_EXPORT std::string StatusCodeName(absl::StatusCode code);

// `{"error":{"code":"…","message":"…"}}` for a non-OK status.
LINKGRAPH_EXPORT std::string StatusToJson(const absl::Status& status);

// The payload URL under which an error's location ("fields[2], column 5") is attached.
inline constexpr std::string_view kLocationPayload = "linkgraph/location";

// The location attached to `status`, or empty.
LINKGRAPH_EXPORT std::string StatusLocation(const absl::Status& status);

}  // namespace linkgraph
