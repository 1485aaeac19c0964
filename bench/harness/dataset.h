// The benchmark's data set (issue 11): scales, row ids, and the files the generator writes.
//
// Example:
//   std::optional<Scale> scale = ScaleByName("S");
//   absl::StatusOr<Dataset> data = GenerateDataset(*scale, "/tmp/linkgraph-bench/S");
//   // data->files: customer, collection, product, review, link.product_collection (.jsonl)
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace linkgraph::bench {

struct Scale {
  std::string name;      // "XS", "S", "M"
  int64_t products = 0;  // a multiple of 100 (the popular 1% is every 100th product)
  int64_t customers = 0;
  int64_t collections = 200;
  int64_t reviews_per_product = 5;
};

// XS 2k, S 100k, M 1M products. Returns nullopt for any other name.
std::optional<Scale> ScaleByName(std::string_view name);

// Row ids, zero-padded so that text order is numeric order.
std::string ProductId(int64_t i);     // prod_0000042
std::string CustomerId(int64_t i);    // cus_0000042
std::string ReviewId(int64_t i);      // rev_00000042
std::string CollectionId(int64_t i);  // pcol_0042

// One generated JSON Lines file.
struct EntityFile {
  std::string entity;  // as the loader names it: "product", "link.product_collection"
  std::string table;   // the peer's table name: "product", "product_collection"
  std::string path;
  int64_t rows = 0;
  int64_t jsonl_bytes = 0;
  int64_t csv_bytes = 0;  // the same rows as CSV with a header line (RFC 4180 quoting)
};

struct Dataset {
  Scale scale;
  std::string dir;
  std::vector<EntityFile> files;  // in load order (link ends before the pivot)
  int64_t csv_bytes = 0;          // sum over files
  int64_t jsonl_bytes = 0;
  int64_t products_without_reviews = 0;
  int64_t reviews_on_popular = 0;
  int64_t link_rows = 0;
  double seconds = 0;  // time spent generating
};

// Writes the data set for `scale` into `dir` (created if missing), streaming row by row. The
// output depends only on `scale`: the same bytes on every run.
absl::StatusOr<Dataset> GenerateDataset(const Scale& scale, const std::string& dir);

// The whole content of the file at `path`.
absl::StatusOr<std::string> ReadWholeFile(const std::string& path);

// The customer id below which lie the first 1% of customers (Q5's filter bound, exclusive).
std::string FirstPercentCustomerBound(const Scale& scale);

}  // namespace linkgraph::bench
