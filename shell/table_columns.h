// The columns of a graph result's table (DESIGN.md §6 Table format): one per requested field
// path, in request order, headed by the path (`product.title`, `customer.email`). A field
// reached through single relations is its own column; a list relation (and a single relation
// named alone) is one column of its JSON, headed by the path to it; `*` expands to the fields of
// the entity it ends at. Columns with the same header are shown once.
//
// Example:
//   TableColumns(db, "review", {"id", "product.title", "product_reviews.rating"})
//   // headers "id", "product.title"; keys {"product", "title"} reach the title in a row
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "linkgraph/database.h"

namespace linkgraph::shell {

struct TableColumn {
  std::string header;
  // The output keys from a root row to the cell's value (`product`, then `title`).
  std::vector<std::string> keys;
  // The value is a relation's JSON (a list of rows, or one related row), cut for display.
  bool relation = false;
};

// The columns for the field strings `fields` of a query of `entity`. Field strings the field
// grammar or the schema do not resolve (a query that succeeded has none) become one column each,
// headed and keyed by the string as given.
std::vector<TableColumn> TableColumns(Database& db, std::string_view entity,
                                      const std::vector<std::string>& fields);

}  // namespace linkgraph::shell
