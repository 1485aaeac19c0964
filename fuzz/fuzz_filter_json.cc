// libFuzzer target: ParseFilterJson on any bytes; what it accepts and the text form can write
// must come back equal through the text form.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace linkgraph;
  std::string_view json(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<dsl::FilterExpr> f = dsl::ParseFilterJson(json);
  if (!f.ok()) {
    fuzz::CheckRefusal(f.status());
    return 0;
  }
  fuzz::CheckFilter(*f);
  return 0;
}
