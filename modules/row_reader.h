// Phase 1 of a commit (DESIGN.md §5): reading the rows of one entity from JSON objects into
// StagedRows before the commit lock is taken — field names checked, values converted and
// type-checked, nested rows staged after their parent. What needs the committed state (keys,
// unique values, defaults, ids, the clock) is left to RowWriter, under the lock.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <simdjson.h>

#include "absl/status/status.h"
#include "modules/catalog_version.h"
#include "modules/row_place.h"
#include "modules/staged_rows.h"

namespace linkgraph::modules {

class RowReader {
 public:
  RowReader(const CatalogVersion& rules, catalog::EntityId entity, FieldStyle style,
            StagedRows* out);

  // Stages a row to create, then its nested rows (a nested row's key to its parent is left
  // "from the parent": `from_parent`, or kNoColumn for a top-level row). On an error the row
  // is not staged; nested rows staged before the failing one stay.
  absl::Status Create(simdjson::ondemand::object object, const RowPlace& place,
                      catalog::ColumnId from_parent = catalog::kNoColumn);
  // Stages an update row naming its row by primary key (which it must carry).
  absl::Status UpdateByKey(simdjson::ondemand::object object, const RowPlace& place);
  // Stages the fields a selector update sets (`place` names its `data`).
  absl::Status UpdateData(simdjson::ondemand::object data, const RowPlace& place);

 private:
  struct Nested {
    const NestedInfo* info;
    uint32_t index;         // in rules_.nested
    std::string_view json;  // the array as written (a view into the caller's document)
    std::string key;        // as written, for locations
  };
  template <typename Fn>
  absl::Status Staging(const Fn& fn);
  absl::Status CreateRow(simdjson::ondemand::object object, const RowPlace& place,
                         catalog::ColumnId from_parent, size_t mark);
  // The index in rules_.nested of this entity's nested relationship `key`, or -1.
  int64_t FindNested(std::string_view key) const;
  absl::Status ReadFields(simdjson::ondemand::object object, const RowPlace& place,
                          catalog::ColumnId from_parent);
  absl::Status ReadValue(simdjson::ondemand::value value, catalog::ColumnId col,
                         const RowPlace& place, std::string_view key);
  absl::Status StageNested(const Nested& nested, const std::string& row_where);
  absl::Status RefuseNested(const RowPlace& place) const;

  const CatalogVersion& rules_;
  const catalog::EntityDef& entity_;
  FieldStyle style_;
  StagedRows* out_;
  std::vector<uint8_t> given_;
  std::string scratch_;
  std::vector<Nested> nested_;
};

}  // namespace linkgraph::modules
