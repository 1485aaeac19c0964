// JSON string literals: the one escaping every layer writes with (results, errors, schema
// text, the shell), and the scan that finds where a string needs more than copying.
//
// Example:
//   std::string s = QuoteJson("say \"hi\"\n");  // "\"say \\\"hi\\\"\\n\""
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace linkgraph::base {

// Appends `s` as a JSON string literal, quotes included. Bytes are copied raw (UTF-8 is not
// escaped or checked) except: `"` -> `\"`, `\` -> `\\`, U+0008 `\b`, U+0009 `\t`, U+000A `\n`,
// U+000C `\f`, U+000D `\r`, and other bytes below 0x20 -> `\u00xx` (lower-case hex).
// `/` and U+007F are not escaped.
// REQUIRES: IsValidUtf8(s) if the output must be valid JSON.
void AppendJsonString(std::string_view s, std::string* out);

// How AppendJsonString writes each byte: 0 = copied as is, 'u' = as \u00xx (lower-case hex
// digits from kJsonHexDigits), otherwise a backslash and this char. Shared with the result
// writer's block-wise escaping, so both escape alike.
constexpr std::array<char, 256> MakeJsonEscapeTable() {
  std::array<char, 256> table{};
  for (int c = 0; c < 0x20; ++c) table[c] = 'u';
  table['\b'] = 'b';
  table['\t'] = 't';
  table['\n'] = 'n';
  table['\f'] = 'f';
  table['\r'] = 'r';
  table['"'] = '"';
  table['\\'] = '\\';
  return table;
}
inline constexpr std::array<char, 256> kJsonEscape = MakeJsonEscapeTable();
inline constexpr char kJsonHexDigits[] = "0123456789abcdef";

// AppendJsonString into a new string.
std::string QuoteJson(std::string_view s);

// Returns true iff AppendJsonString would escape at least one byte of `s`.
bool NeedsJsonEscape(std::string_view s);

// Returns the first position >= `pos` of `s` holding `"`, `\`, a byte below 0x20 or a byte
// above 0x7F (`s.size()` when there is none): the end of the plain ASCII run a JSON reader or
// writer may copy as it is. Eight bytes at a time.
size_t SkipPlainAscii(std::string_view s, size_t pos);

}  // namespace linkgraph::base
