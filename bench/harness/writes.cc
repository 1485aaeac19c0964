#include "bench/harness/writes.h"

#include <utility>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "bench/harness/measure.h"

namespace linkgraph::bench {

namespace {

constexpr int kSingleCommits = 1000;
constexpr int kBatchRows = 1000;
constexpr int kBatches = 5;

// `n` new reviews named `tag`_i, on the products the point query walks and on existing customers.
std::vector<NewReview> Reviews(const Dataset& data, const std::string& tag, int n) {
  std::vector<NewReview> rows;
  rows.reserve(n);
  for (int i = 0; i < n; ++i) {
    NewReview r;
    r.id = absl::StrCat("wr_", tag, "_", i);
    r.product_id = ArgsFor(data, QueryId::kQ1, i).product_id;
    r.customer_id = "cus_0000001";
    r.rating = 1 + i % 5;
    r.content = absl::StrCat("A written review, number ", i);
    r.created_at = "2024-06-01T00:00:00.000Z";
    rows.push_back(std::move(r));
  }
  return rows;
}

}  // namespace

WriteFigures MeasureWrites(Engine& engine, const Dataset& data) {
  WriteFigures f;
  const std::vector<NewReview> single = Reviews(data, "single", kSingleCommits);
  const auto start = Clock::now();
  f.status = engine.CreateReviews(single, /*one_commit=*/false);
  const double single_seconds = SecondsSince(start);
  if (!f.status.ok()) return f;
  f.single_commits = kSingleCommits;
  f.single_per_second = kSingleCommits / single_seconds;

  std::vector<double> times;
  for (int b = 0; b < kBatches; ++b) {
    const std::vector<NewReview> batch = Reviews(data, absl::StrCat("batch", b), kBatchRows);
    const auto batch_start = Clock::now();
    f.status = engine.CreateReviews(batch, /*one_commit=*/true);
    times.push_back(SecondsSince(batch_start));
    if (!f.status.ok()) return f;
  }
  f.batch_rows = kBatchRows;
  f.batch_median = Summarize(std::move(times)).median;
  f.measured = true;
  return f;
}

}  // namespace linkgraph::bench
