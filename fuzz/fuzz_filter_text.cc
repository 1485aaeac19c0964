// libFuzzer target: ParseFilterText on any bytes.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string_view>

#include "fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace linkgraph;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  dsl::TextWhere where("filters", text);
  absl::StatusOr<dsl::FilterExpr> f = dsl::ParseFilterText(text, std::ref(where));
  if (!f.ok()) {
    fuzz::CheckRefusal(f.status());
    return 0;
  }
  fuzz::CheckLocations(*f, size);
  FUZZ_CHECK(dsl::testing::TextExpressible(*f), dsl::testing::Dump(*f));
  fuzz::CheckFilter(*f);
  return 0;
}
