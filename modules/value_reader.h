// Converting JSON input values to column cells (DESIGN.md §7 input rules), for writes, loads and
// defaults.
#pragma once

#include <string>

#include <simdjson.h>

#include "absl/status/status.h"
#include "engine/catalog/catalog.h"
#include "engine/store/cell.h"

namespace linkgraph::modules {

// Converts `value` for `column` into `*out` with types::ConvertInput (InputUse::kWrite): the
// conversion filters use too (engine/types/value_convert.h). Text borrowed from the JSON
// document or kept in `*scratch` (which must outlive the use of `*out`). Errors are
// InvalidArgument messages without location (the caller adds `rows[i].field`).
absl::Status ReadCell(simdjson::ondemand::value value, const catalog::ColumnDef& column,
                      std::string* scratch, store::Cell* out);

// A cell value with its own storage (defaults).
struct OwnedCell {
  store::Cell cell;     // for strings, `s` is re-pointed at `storage` by Get()
  std::string storage;
  bool owns_text = false;

  store::Cell Get() const {
    store::Cell c = cell;
    if (owns_text) c.s = storage;
    return c;
  }
};

// Converts the JSON text `json` (a default) for `column`.
absl::Status ReadOwnedCell(std::string_view json, const catalog::ColumnDef& column,
                           OwnedCell* out);

}  // namespace linkgraph::modules
