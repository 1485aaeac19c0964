// Checks shared by the dsl's fuzz targets: a failed check aborts, which libFuzzer reports as a
// crash with the input saved.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "dsl/ast.h"
#include "dsl/location.h"
#include "dsl/parse.h"
#include "fuzz/fuzz_assert.h"
#include "tests/dsl/filter_dump.h"

namespace linkgraph::fuzz {

// A refused input is an InvalidArgument with a located message, never another code.
inline void CheckRefusal(const absl::Status& status) {
  FUZZ_CHECK(status.code() == absl::StatusCode::kInvalidArgument, dsl::Msg(status));
  FUZZ_CHECK(!status.message().empty(), "empty message");
}

// Every node is located inside the text it came from (`size` bytes; 0 for the object form).
inline void CheckLocations(const dsl::FilterExpr& e, size_t size) {
  FUZZ_CHECK(!e.where.empty(), dsl::testing::Dump(e));
  FUZZ_CHECK(e.offset <= size, dsl::testing::Dump(e));
  for (const dsl::FilterExpr& c : e.children) CheckLocations(c, size);
}

// The promised shape; and, when the text form can write it, its printed text parses back to an
// equal tree (the mapping between the two forms, parse_filter_text.cc).
inline void CheckFilter(const dsl::FilterExpr& f) {
  std::string shape = dsl::testing::ShapeError(f);
  FUZZ_CHECK(shape.empty(), shape);
  if (!dsl::testing::TextExpressible(f)) return;
  std::string text = dsl::testing::ToText(f);
  if (text.size() > dsl::kMaxFilterBytes) return;
  dsl::TextWhere where("filters", text);
  absl::StatusOr<dsl::FilterExpr> again = dsl::ParseFilterText(text, std::ref(where));
  if (!again.ok() && dsl::MessageWithoutWhere(again.status()).rfind("filter nested", 0) == 0) {
    return;
  }
  FUZZ_CHECK(again.ok(), text + " -> " + dsl::Msg(again.status()));
  FUZZ_CHECK(*again == f,
             text + ": " + dsl::testing::Dump(f) + " != " + dsl::testing::Dump(*again));
}

}  // namespace linkgraph::fuzz
