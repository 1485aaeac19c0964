#include "shell/locate.h"

#include <charconv>
#include <string>

#include "dsl/location.h"
#include "shell/source.h"

namespace linkgraph::shell {

namespace {

bool TakePrefix(std::string_view* text, std::string_view prefix) {
  if (text->substr(0, prefix.size()) != prefix) return false;
  text->remove_prefix(prefix.size());
  return true;
}

// "column C" or "line L, column C" inside a piece.
bool ParsePiecePosition(std::string_view text, Position* position) {
  if (ParseWhere(text, position)) return true;
  std::string with_line = "line 1, " + std::string(text);
  return ParseWhere(with_line, position);
}

}  // namespace

absl::Status WithWhere(const absl::Status& status, std::string_view where) {
  return dsl::ErrorAt(status.code(), dsl::MessageWithoutWhere(status), where);
}

absl::Status Relocate(const absl::Status& status, std::string_view source,
                      const Statement& statement) {
  std::string where = dsl::WhereOf(status);
  std::string_view rest = where;
  if (rest == "entity" && !statement.entity.empty()) {
    return WithWhere(status, Where(PositionAt(source, statement.entity_offset)));
  }
  const Piece* piece = nullptr;
  if (TakePrefix(&rest, "fields[")) {
    if (statement.kind != Statement::Kind::kGraph) return status;
    size_t index = 0;
    auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), index);
    if (ec != std::errc() || index >= statement.fields.size()) return status;
    rest.remove_prefix(static_cast<size_t>(end - rest.data()));
    if (!TakePrefix(&rest, "], ")) return status;
    piece = &statement.fields[index];
  } else if (TakePrefix(&rest, "filters, ")) {
    if (!statement.filter) return status;
    piece = &*statement.filter;
  } else if (TakePrefix(&rest, "pagination.order, ")) {
    if (!statement.order) return status;
    piece = &*statement.order;
  } else {
    return status;
  }
  Position in_piece;
  if (!ParsePiecePosition(rest, &in_piece)) return status;
  size_t offset = piece->offset + OffsetAt(piece->text, in_piece);
  return WithWhere(status, Where(PositionAt(source, offset)));
}

}  // namespace linkgraph::shell
