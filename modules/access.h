// The library's own way into the public classes' private parts: a Database's state and a
// Result's data. Host programs see neither (include/linkgraph keeps them private).
#pragma once

#include <memory>
#include <utility>

#include "engine/result/result_data.h"
#include "linkgraph/database.h"
#include "linkgraph/result.h"

namespace linkgraph::modules {

struct DatabaseAccess {
  static Database::State& State(Database& db) { return *db.state_; }
};

struct ResultAccess {
  static Result Make(std::shared_ptr<const result::ResultData> data) {
    return Result(std::move(data));
  }
  static const result::ResultData& Data(const Result& r) { return *r.data_; }
};

}  // namespace linkgraph::modules
