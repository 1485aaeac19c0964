// libFuzzer target: the schema grammar (ParseSchemaFile) on any bytes. Every node and statement
// must lie inside the text, every refusal be an InvalidArgument with a message.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string_view>

#include "dsl/location.h"
#include "dsl/parse_schema.h"
#include "fuzz/fuzz_check.h"

namespace {

void CheckExpr(const linkgraph::dsl::SchemaExpr& e, size_t size) {
  FUZZ_CHECK(e.offset <= e.end && e.end <= size, "node outside the text");
  FUZZ_CHECK(e.keys.size() == e.key_offsets.size(), "keys and their offsets differ");
  if (e.kind == linkgraph::dsl::SchemaExpr::Kind::kObject) {
    FUZZ_CHECK(e.keys.size() == e.children.size(), "an object key without its value");
  }
  for (const auto& c : e.children) CheckExpr(c, size);
}

void CheckStatement(const linkgraph::dsl::SchemaStatement& s, size_t size) {
  FUZZ_CHECK(s.offset <= size, "statement outside the text");
  CheckExpr(s.expr, size);
  for (const auto& b : s.body) CheckStatement(b, size);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace linkgraph;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  dsl::TextWhere where("schema", text);
  absl::StatusOr<dsl::SchemaFile> file = dsl::ParseSchemaFile(text, std::ref(where));
  if (!file.ok()) {
    fuzz::CheckRefusal(file.status());
    return 0;
  }
  for (const auto& s : file->statements) CheckStatement(s, size);
  return 0;
}
