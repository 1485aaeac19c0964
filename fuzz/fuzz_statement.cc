// libFuzzer target: the shell's statement grammar (dsl/statement.h) on any bytes — SplitScript,
// then ParseStatement on every statement chunk.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "dsl/statement.h"
#include "fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace linkgraph;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  dsl::Script script = dsl::SplitScript(text);
  FUZZ_CHECK(script.blanked.size() == size, "blanked text changed length");
  size_t previous_end = 0;
  for (const dsl::ScriptChunk& chunk : script.chunks) {
    // Chunks are in order, do not overlap and are not empty.
    FUZZ_CHECK(chunk.begin >= previous_end && chunk.begin < chunk.end && chunk.end <= size,
               std::to_string(chunk.begin) + ".." + std::to_string(chunk.end));
    previous_end = chunk.end;
    if (chunk.kind != dsl::ScriptChunk::Kind::kStatement) continue;
    absl::StatusOr<dsl::Statement> st = dsl::ParseStatement(text, script.blanked, chunk);
    if (!st.ok()) {
      fuzz::CheckRefusal(st.status());
      FUZZ_CHECK(dsl::WhereOf(st.status()).rfind("line ", 0) == 0, dsl::Msg(st.status()));
      continue;
    }
    // Every piece is the source text at its offset, inside the chunk.
    auto inside = [&](const dsl::SourceText& piece) {
      FUZZ_CHECK(piece.offset >= chunk.begin && piece.offset + piece.text.size() <= chunk.end,
                 piece.text);
      FUZZ_CHECK(script.blanked.compare(piece.offset, piece.text.size(), piece.text) == 0,
                 piece.text);
    };
    FUZZ_CHECK(st->fields.size() == st->field_paths.size(), "fields and paths differ");
    for (const dsl::SourceText& f : st->fields) inside(f);
    for (const dsl::FieldPath& p : st->field_paths) {
      for (const dsl::FieldSegment& seg : p.segments) {
        FUZZ_CHECK(seg.offset >= chunk.begin && seg.offset < chunk.end, seg.name);
      }
    }
    if (st->filter) inside(*st->filter);
    if (st->order) inside(*st->order);
    if (!st->json.text.empty()) inside(st->json);
    if (st->filter_expr) fuzz::CheckFilter(*st->filter_expr);
  }
  return 0;
}
