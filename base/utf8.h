// UTF-8 validation, decoding, encoding and measurement: the one implementation every layer uses.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace linkgraph::base {

// Returns true iff `s` is well-formed UTF-8 per Unicode 15 table 3-7: no overlong encodings,
// no surrogate code points (U+D800..U+DFFF), nothing above U+10FFFF, no truncated sequences.
// The empty string is valid. NUL bytes are valid (U+0000).
bool IsValidUtf8(std::string_view s);

// The byte offset of the first ill-formed sequence in `s` (IsValidUtf8's rules), or
// std::string_view::npos when `s` is all valid.
size_t FirstInvalidUtf8(std::string_view s);

// Returns the number of code points in `s`.
// REQUIRES: IsValidUtf8(s); for other input it returns the number of bytes that are not
// continuation bytes (10xxxxxx), which is not meaningful.
size_t CountCodePoints(std::string_view s);

// Returns the longest prefix of `s` that is at most `max_bytes` long and does not end inside
// a multi-byte sequence (for use when quoting untrusted text in error messages).
std::string_view TruncateUtf8(std::string_view s, size_t max_bytes);

// Returns the length (1 to 4) of the well-formed UTF-8 sequence starting at byte `pos` of `s`,
// or 0 when the bytes there do not start one (IsValidUtf8's rules). REQUIRES: pos < s.size().
size_t Utf8SequenceLength(std::string_view s, size_t pos);

// Decodes the code point starting at byte `*pos` of `s` and moves `*pos` past it. A byte that
// does not start a well-formed sequence (IsValidUtf8's rules) decodes as U+FFFD and `*pos`
// moves by one. REQUIRES: *pos < s.size().
uint32_t DecodeUtf8(std::string_view s, size_t* pos);

// The longest suffix of `s` that is at most `max_bytes` long and does not start inside a
// multi-byte sequence.
std::string_view TruncateUtf8Front(std::string_view s, size_t max_bytes);

// The offset just past the code point starting at byte `pos` of `s`: `pos` + 1 and any
// continuation bytes (10xxxxxx) after it, so that malformed text still moves forward.
// REQUIRES: pos < s.size().
size_t SkipCodePoint(std::string_view s, size_t pos);

// Appends the UTF-8 encoding of code point `cp`. REQUIRES: cp <= 0x10FFFF.
void AppendUtf8(uint32_t cp, std::string* out);

}  // namespace linkgraph::base
