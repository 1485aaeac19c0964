// The six queries (issue 11, "What to build" 2) and their per-run arguments.
#include "bench/harness/engine.h"

namespace linkgraph::bench {

const std::vector<QueryInfo>& Queries() {
  static const auto* queries = new std::vector<QueryInfo>{
      {QueryId::kQ1, "Q1", "point: one product by id with id, title, product_reviews.*", 2000},
      {QueryId::kQ1p, "Q1p", "Q1 prepared once, executed with the id as a parameter", 2000},
      {QueryId::kQ2, "Q2",
       "page: status = published by created_at desc, take 100, count; reviews, collections", 200},
      {QueryId::kQ3, "Q3", "full join: every product with id, title, product_reviews.*", 7},
      {QueryId::kQ4, "Q4",
       "two hops: reviews rating >= 4 by id, take 1000, product.title, customer.email", 100},
      {QueryId::kQ5, "Q5",
       "linked filter: products with a 5-star review by the first 1% of customers, by "
       "created_at desc, take 50, collections.title",
       50},
  };
  return *queries;
}

QueryArgs ArgsFor(const Dataset& data, QueryId query, int iteration) {
  QueryArgs args;
  if (query == QueryId::kQ1 || query == QueryId::kQ1p) {
    // A fixed walk over the products (popular ones included), different for warm-up runs.
    const int64_t n = data.scale.products;
    const int64_t step = 7919;  // prime: the walk visits distinct products
    const int64_t k = (static_cast<int64_t>(iteration) + 1000003) * step % n;
    args.product_id = ProductId(k);
  }
  if (query == QueryId::kQ5) args.customer_bound = FirstPercentCustomerBound(data.scale);
  return args;
}

}  // namespace linkgraph::bench
