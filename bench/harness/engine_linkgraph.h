// linkgraph itself as a benchmark engine: JSON Lines loads, query.graph requests as JSON, and a
// prepared query for Q1p.
#pragma once

#include <memory>
#include <optional>

#include "bench/harness/engine.h"
#include "linkgraph/database.h"

namespace linkgraph::bench {

class LinkgraphEngine : public Engine {
 public:
  LinkgraphEngine();
  // On `db` (a durable database, for the durable figure).
  explicit LinkgraphEngine(std::unique_ptr<Database> db) : db_(std::move(db)) {}

  std::string_view name() const override { return "linkgraph"; }
  absl::Status Load(const Dataset& data) override;
  absl::Status Prepare(QueryId query) override;
  absl::StatusOr<Result> Run(QueryId query, const QueryArgs& args) override;
  // Database::Stats().bytes: columns and indexes.
  int64_t AccountedBytes() override;
  // Database::Write with one Create per row (the JSON built here is part of the write).
  absl::Status CreateReviews(const std::vector<NewReview>& rows, bool one_commit) override;

  // The request text of `query` (Q1p: the request it prepares).
  static std::string RequestJson(QueryId query, const QueryArgs& args);

  Database& db() { return *db_; }

 private:
  std::unique_ptr<Database> db_;
  std::optional<PreparedQuery> point_;  // Q1p
};

}  // namespace linkgraph::bench
