// libFuzzer target: ParseRequestJson (whole query.graph requests) on any bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace linkgraph;
  std::string_view json(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<dsl::Request> r = dsl::ParseRequestJson(json);
  if (!r.ok()) {
    fuzz::CheckRefusal(r.status());
    return 0;
  }
  FUZZ_CHECK(!r->fields.empty(), "no fields");
  if (r->filters) fuzz::CheckFilter(*r->filters);
  for (const dsl::OrderKey& k : r->pagination.order) FUZZ_CHECK(!k.path.empty(), k.where);
  return 0;
}
