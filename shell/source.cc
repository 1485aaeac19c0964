#include "shell/source.h"

#include <charconv>

#include "base/utf8.h"
#include "dsl/location.h"

namespace linkgraph::shell {

namespace {

// Reads a decimal number at the start of `*text` and drops it.
bool TakeNumber(std::string_view* text, size_t* out) {
  const char* begin = text->data();
  auto [end, ec] = std::from_chars(begin, begin + text->size(), *out);
  if (ec != std::errc() || end == begin) return false;
  text->remove_prefix(static_cast<size_t>(end - begin));
  return true;
}

bool TakePrefix(std::string_view* text, std::string_view prefix) {
  if (text->substr(0, prefix.size()) != prefix) return false;
  text->remove_prefix(prefix.size());
  return true;
}

}  // namespace

Position PositionAt(std::string_view text, size_t offset) {
  dsl::LineColumn lc = dsl::LineColumnAt(text, offset);
  return Position{lc.line, lc.column};
}

std::string Where(Position position) {
  return "line " + std::to_string(position.line) + ", column " + std::to_string(position.column);
}

size_t OffsetAt(std::string_view text, Position position) {
  size_t offset = 0;
  for (size_t line = 1; line < position.line; ++line) {
    size_t nl = text.find('\n', offset);
    if (nl == std::string_view::npos) return text.size();
    offset = nl + 1;
  }
  for (size_t column = 1; column < position.column && offset < text.size(); ++column) {
    if (text[offset] == '\n') break;
    offset = base::SkipCodePoint(text, offset);
  }
  return offset;
}

std::string_view LineAt(std::string_view text, size_t line) {
  size_t begin = OffsetAt(text, Position{line, 1});
  size_t end = text.find('\n', begin);
  std::string_view out = text.substr(begin, end == std::string_view::npos ? end : end - begin);
  if (!out.empty() && out.back() == '\r') out.remove_suffix(1);
  return out;
}

bool ParseWhere(std::string_view where, Position* position) {
  Position p;
  if (!TakePrefix(&where, "line ") || !TakeNumber(&where, &p.line) ||
      !TakePrefix(&where, ", column ") || !TakeNumber(&where, &p.column) || !where.empty()) {
    return false;
  }
  *position = p;
  return true;
}

absl::Status InvalidAt(std::string_view text, size_t offset, std::string_view message) {
  return dsl::InvalidAt(message, Where(PositionAt(text, offset)));
}

}  // namespace linkgraph::shell
