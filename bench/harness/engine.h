// What the harness drives: an engine that loads the data set and answers the six queries into a
// columnar linkgraph::Result (whose JSON then comes from linkgraph's own writer).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "bench/harness/dataset.h"
#include "linkgraph/result.h"

namespace linkgraph::bench {

enum class QueryId { kQ1, kQ1p, kQ2, kQ3, kQ4, kQ5 };

struct QueryInfo {
  QueryId id;
  std::string_view name;         // "Q1"
  std::string_view description;  // one line for the report
  int default_repeats;           // timed runs when --repeats is not given
};

// The six queries of issue 11, in report order.
const std::vector<QueryInfo>& Queries();

// The values a query run depends on, computed outside the timed region.
struct QueryArgs {
  std::string product_id;      // Q1, Q1p: the product asked for
  std::string customer_bound;  // Q5: customer ids below this are the first 1%
};

// The arguments of run `iteration` (warm-up runs use negative iterations): Q1 and Q1p walk a
// fixed pseudo-random sequence of products, the same for every engine.
QueryArgs ArgsFor(const Dataset& data, QueryId query, int iteration);

// A review the write figure creates (issue #17): the same rows for every engine.
struct NewReview {
  std::string id;
  std::string product_id;
  std::string customer_id;
  int rating = 0;
  std::string content;
  std::string created_at;  // also updated_at
};

class Engine {
 public:
  virtual ~Engine() = default;
  virtual std::string_view name() const = 0;
  // Loads every file of `data` (reading the files is part of the load).
  virtual absl::Status Load(const Dataset& data) = 0;
  // Work done once per query before it is timed (prepared queries and statements).
  virtual absl::Status Prepare(QueryId query) = 0;
  // Answers `query` to the columnar result.
  virtual absl::StatusOr<Result> Run(QueryId query, const QueryArgs& args) = 0;
  // Bytes the engine itself accounts for after its load (0 when unknown).
  virtual int64_t AccountedBytes() = 0;
  // Creates `rows`: each in a commit (transaction) of its own, or all in one.
  virtual absl::Status CreateReviews(const std::vector<NewReview>& rows, bool one_commit) = 0;
};

}  // namespace linkgraph::bench
