// Splits a source into statements and dot commands (DESIGN.md §6): a statement ends at `;`
// outside quotes and JSON (the last one's `;` is optional); a dot command is the first non-blank
// text of a line outside a statement and takes the rest of the line; `--` comments and empty
// statements print nothing.
//
// Example:
//   Split s = SplitStatements("graph product fields id; -- all\n.timer on\n");
//   // s.chunks: {kStatement, 0, 23}, {kDot, 33, 42}
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace linkgraph::shell {

struct Chunk {
  // kSchema: schema text (docs/schema.md), a statement starting with `module`, `Module`,
  // `defineLink`, `model`, `import`, `export`, `const`, `let`, `var` or `class`. It ends at `;`
  // outside its strings, comments and brackets, or before a line (at bracket depth 0) that
  // starts a dot command, a `--` comment or another statement.
  enum class Kind { kStatement, kDot, kSchema };
  Kind kind = Kind::kStatement;
  size_t begin = 0;         // byte offsets into the source: the first character ...
  size_t end = 0;           // ... and just past the last (before `;`, trailing blanks dropped)
  bool terminated = false;  // a statement ended by `;`; a dot command ended by a line break
};

struct Split {
  std::vector<Chunk> chunks;
  // The source with every `--` comment replaced by spaces (same length, so offsets hold): the
  // text statements are parsed from.
  std::string blanked;
};

Split SplitStatements(std::string_view text);

}  // namespace linkgraph::shell
