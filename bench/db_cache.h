// Micro benchmarks keep one database per (builder, size) for the whole run, so sizes can be
// interleaved (--benchmark_enable_random_interleaving) without reloading.
#pragma once

#include <map>
#include <memory>
#include <utility>

#include "linkgraph/database.h"

namespace linkgraph::bench {

using MakeDatabase = std::unique_ptr<Database> (*)(int products);

inline Database& CachedDb(MakeDatabase make, int products) {
  static std::map<std::pair<MakeDatabase, int>, std::unique_ptr<Database>> dbs;
  std::unique_ptr<Database>& db = dbs[{make, products}];
  if (db == nullptr) db = make(products);
  return *db;
}

}  // namespace linkgraph::bench
