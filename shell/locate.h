// Locating library errors in the shell's sources (DESIGN.md §6): an error the library reports
// inside a piece of a statement — `fields[i], column c`, `filters, column c`,
// `pagination.order, column c`, `entity` — is reported at `line L, column C` of the source the
// statement came from.
#pragma once

#include <string_view>

#include "absl/status/status.h"
#include "shell/statement.h"

namespace linkgraph::shell {

// `status` with its location rewritten when it falls inside a piece of `statement` (parsed from
// `source`); otherwise `status` unchanged. Fields are mapped only for the text form of `graph`
// (a JSON request keeps `fields[i], column c`).
absl::Status Relocate(const absl::Status& status, std::string_view source,
                      const Statement& statement);

// `status` with its message's location replaced by `where` (also the payload).
absl::Status WithWhere(const absl::Status& status, std::string_view where);

}  // namespace linkgraph::shell
