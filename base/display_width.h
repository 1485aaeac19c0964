// How many terminal columns text takes (DESIGN.md §6 Table format): East Asian wide and
// fullwidth characters (CJK, Hangul, kana, fullwidth forms, wide emoji) take two, combining
// marks, zero-width and format characters none, everything else one.
//
// Example:
//   DisplayWidth("日本") == 4;  DisplayWidth("Cafe\u0301") == 4;  DisplayWidth("abc") == 3
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace linkgraph::base {

// The columns code point `cp` takes: 0, 1 or 2. Control characters (below U+0020, U+007F to
// U+009F) take 0.
int CodePointWidth(uint32_t cp);

// The columns `text` takes: the sum of CodePointWidth over its code points. Bytes that are not
// well-formed UTF-8 count one column each (as U+FFFD would be shown).
size_t DisplayWidth(std::string_view text);

}  // namespace linkgraph::base
