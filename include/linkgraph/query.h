// query.graph requests (DESIGN.md §4) built in C++.
//
// Example:
//   linkgraph::GraphRequest req{.entity = "product",
//                               .fields = {"id", "title", "product_reviews.*"}};
//   req.filters = R"({"status": "published"})";
//   auto result = db.Graph(req);
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "linkgraph/export.h"
#include "linkgraph/result.h"
#include "linkgraph/value.h"

namespace linkgraph {

struct Pagination {
  std::optional<int64_t> skip{};
  std::optional<int64_t> take{};
  // An order: JSON object text (`{"created_at":"DESC"}`) or text (`created_at desc, title`).
  std::string order{};
  bool count = true;
};

struct GraphRequest {
  std::string entity{};               // name, plural, module.name or module.plural
  std::vector<std::string> fields{};  // field selections: "id", "*", "product_reviews.rating"
  // Filters in either form: Medusa's object form as JSON text (`{"rating":{"$gte":4}}`) or the
  // text form (`rating >= 4 and product.status = 'published'`); empty for none.
  std::string filters{};
  Pagination pagination{};
  bool with_deleted = false;
};

// Limits on one query. A query past its deadline stops promptly with DeadlineExceeded, one whose
// `cancel` flag another thread sets with Cancelled (both are checked before the query starts,
// before each operator and every few thousand rows an operator produces), one whose result would hold more than `max_result_bytes` with
// ResourceExhausted: the bytes counted are the values gathered (not JSON), the row ids operators
// produce (4 bytes each, counted as they are produced) and a semi-join's working rows.
struct QueryOptions {
  std::optional<std::chrono::steady_clock::time_point> deadline{};
  const std::atomic<bool>* cancel = nullptr;
  size_t max_result_bytes = 0;  // 0 = no cap
};

struct ExplainOptions {
  // Also run the query and report the rows each operator produced and the time taken.
  bool analyze = false;
};

// A query parsed and bound once, executed many times with different parameters (`$name` in
// text filters, `{"$param": "name"}` in object filters). Thread-safe: any number of threads may
// Execute one PreparedQuery at once. A later Database::Register re-binds it on its next Execute
// (or fails cleanly if a name it uses is gone). Must not outlive its Database.
//
// Example:
//   auto q = db.PrepareJson(R"({"entity":"product","fields":["id","product_reviews.*"],
//                               "filters":{"id":{"$param":"id"}}})");
//   auto r = q->Execute({{"id", "prod_1"}});
class LINKGRAPH_EXPORT PreparedQuery {
 public:
  struct Impl;
  explicit PreparedQuery(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}

  // Runs the query with `params` bound (typed against the columns they meet).
  absl::StatusOr<Result> Execute(const Params& params = {},
                                 const QueryOptions& options = {}) const;

 private:
  std::shared_ptr<Impl> impl_;
};

}  // namespace linkgraph
