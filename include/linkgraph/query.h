// query.graph requests (DESIGN.md §4) built in C++.
//
// Example:
//   linkgraph::GraphRequest req{.entity = "product",
//                               .fields = {"id", "title", "product_reviews.*"}};
//   req.filters = R"({"status": "published"})";
//   auto result = db.Graph(req);
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace linkgraph {

struct Pagination {
  std::optional<int64_t> skip;
  std::optional<int64_t> take;
  // An order: JSON object text (`{"created_at":"DESC"}`) or text (`created_at desc, title`).
  std::string order;
  bool count = true;
};

struct GraphRequest {
  std::string entity;               // name, plural, module.name or module.plural
  std::vector<std::string> fields;  // field selections: "id", "*", "product_reviews.rating"
  // Filters: the object form as JSON text (`{"rating":{"$gte":4}}`), or empty for none.
  std::string filters;
  Pagination pagination;
  bool with_deleted = false;
};

}  // namespace linkgraph
