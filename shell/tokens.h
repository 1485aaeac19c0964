// The tokens of one statement, at the level the statement grammar needs: words, quoted names,
// strings, numbers, punctuation, and whole groups — a parenthesised text (relation arguments,
// filter parentheses) or a JSON object or array — as single tokens, so that keywords and commas
// inside them are not seen at the top level.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace linkgraph::shell {

struct Token {
  enum class Kind {
    kWord,    // [A-Za-z_][A-Za-z0-9_]*: a keyword or a bare identifier
    kName,    // "quoted name" ("" for a quote inside)
    kString,  // 'text' ('' for a quote inside)
    kNumber,  // -?digits with an optional fraction and exponent
    kGroup,   // ( … ), { … } or [ … ]
    kPunct,   // any other character
  };
  Kind kind = Kind::kPunct;
  size_t begin = 0;  // byte offsets in the source
  size_t end = 0;
  // kName and kString: the decoded text; every other kind: the text as written.
  std::string text;

  // A word equal to `keyword` (lower case), ignoring ASCII case.
  bool Is(std::string_view keyword) const;
  // kGroup: its opening character.
  char open() const { return text.empty() ? '\0' : text[0]; }
};

// The tokens of `text[begin, end)`. `text` is the whole source (offsets are kept relative to
// it). Unterminated quotes and groups are InvalidArgument located at their first character.
absl::StatusOr<std::vector<Token>> Tokenize(std::string_view text, size_t begin, size_t end);

// The shell's reserved words (DESIGN.md §6), lower case.
bool IsReserved(std::string_view word);

}  // namespace linkgraph::shell
