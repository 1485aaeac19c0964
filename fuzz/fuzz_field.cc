// libFuzzer target: ParseField (field selections with relation arguments) on any bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace linkgraph;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<dsl::FieldPath> f = dsl::ParseField(text, 7);
  if (!f.ok()) {
    fuzz::CheckRefusal(f.status());
    return 0;
  }
  FUZZ_CHECK(!f->segments.empty() || f->star, "empty path");
  for (const dsl::FieldSegment& seg : f->segments) {
    FUZZ_CHECK(seg.offset < size, seg.name);
    if (seg.args == nullptr) continue;
    FUZZ_CHECK(*seg.args == *seg.args, "args differ from themselves");
    for (const dsl::OrderKey& k : seg.args->order) {
      FUZZ_CHECK(!k.path.empty() && k.where.rfind("fields[7], ", 0) == 0, k.where);
    }
    if (seg.args->filter) {
      fuzz::CheckLocations(*seg.args->filter, size);
      fuzz::CheckFilter(*seg.args->filter);
    }
  }
  return 0;
}
