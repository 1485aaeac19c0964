// exec::Build turns a logical plan into a program of physical operators; Execute runs it over a
// store and produces the columnar result.
//
// Example:
//   LG_ASSIGN_OR_RETURN(exec::Program program, exec::Build(plan, catalog));
//   LG_ASSIGN_OR_RETURN(result::ResultData data, exec::Execute(program, store));
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/plan/plan.h"
#include "engine/result/result_data.h"
#include "engine/store/store.h"

namespace linkgraph::exec {

// How the root rows are found.
struct AccessPath {
  enum class Kind : uint8_t { kPkOrderScan, kIndexLookup };
  Kind kind = Kind::kPkOrderScan;
  catalog::ColumnId column = catalog::kNoColumn;  // kIndexLookup: a hash-indexed column
  std::vector<const plan::BoundValue*> keys;      // kIndexLookup: the looked-up values
};

// One node of the program: the root scan or a hop, then a gather of the node's outputs.
struct NodeProgram {
  const plan::Node* node = nullptr;
  AccessPath access;  // root only
  std::vector<std::unique_ptr<NodeProgram>> children;
};

struct Program {
  std::unique_ptr<NodeProgram> root;
  bool count = true;
};

// REQUIRES: `plan` and `catalog` outlive the program.
absl::StatusOr<Program> Build(const plan::Plan& plan, const catalog::Catalog& catalog);

// Runs `program` over `store`. REQUIRES: the caller holds a snapshot of `store`.
absl::StatusOr<result::ResultData> Execute(const Program& program, const store::Store& store);

// Runs `program` with `rows` as its root rows (in that order) instead of the root scan; the
// metadata is {count: rows.size()} (write results).
absl::StatusOr<result::ResultData> ExecuteRows(const Program& program, const store::Store& store,
                                               const std::vector<uint32_t>& rows);

// A text rendering of the program's operators, one per line (tests and Explain).
std::string DumpProgram(const Program& program, const catalog::Catalog& catalog);

}  // namespace linkgraph::exec
