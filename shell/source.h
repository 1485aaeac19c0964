// A source of statements (a SCRIPT, one `-c` argument, standard input, a `.read` file) and the
// arithmetic between byte offsets and the `line L, column C` positions errors report
// (DESIGN.md §6: columns count code points).
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace linkgraph::shell {

struct Source {
  std::string name;  // as given: a file name, "-c" or "<stdin>"
  std::string text;
};
using SourcePtr = std::shared_ptr<const Source>;

// 1-based line and column of `offset` in `text`.
struct Position {
  size_t line = 1;
  size_t column = 1;
};
Position PositionAt(std::string_view text, size_t offset);

// "line L, column C".
std::string Where(Position position);

// The byte offset of `position` in `text` (clamped to the end of its line / of the text).
size_t OffsetAt(std::string_view text, Position position);

// Line `line` (1-based) of `text`, without its line break.
std::string_view LineAt(std::string_view text, size_t line);

// Parses "line L, column C" (the whole string); false when it is not that.
bool ParseWhere(std::string_view where, Position* position);

// InvalidArgument "<message> (line L, column C)" for `offset` in `text`, the location attached
// as the payload (linkgraph::StatusLocation).
absl::Status InvalidAt(std::string_view text, size_t offset, std::string_view message);

}  // namespace linkgraph::shell
