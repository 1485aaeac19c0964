// JSON scalars written straight into a raw buffer. The result writer reserves room for a value
// once (an upper bound) and then writes with no further capacity checks, which std::string's
// append and push_back make on every call; that was most of the writer's time.
//
// Every function writes at `p`, returns the end of what it wrote, and may write up to
// kJsonSlackBytes past that end (whole-block copies): callers reserve the bound plus the slack.
// The text is the same as base::AppendJsonString, types::AppendFloat and types::AppendDateTime
// write (json_scalars_test compares them).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace linkgraph::result {

// Bytes a writer below may scribble past the end it returns.
inline constexpr size_t kJsonSlackBytes = 16;

// An upper bound of the bytes WriteJsonInt, WriteJsonFloat and WriteJsonDateTime write (slack
// excluded): 20 for an int64, 24 for a double, 2 + 34 for an expanded-year dateTime.
inline constexpr size_t kMaxJsonScalarBytes = 48;

// An upper bound of what WriteJsonString writes for `size` bytes of text (slack excluded): each
// byte may become `\u00xx`, plus the quotes.
inline constexpr size_t MaxJsonStringBytes(size_t size) { return 6 * size + 2; }

// `s` as a JSON string literal, quotes included, escaped as base::AppendJsonString does.
char* WriteJsonString(char* p, std::string_view s);

// std::to_chars's text of `v`.
char* WriteJsonInt(char* p, int64_t v);

// types::AppendFloat's text of `v` (shortest round-trip form; -0 as `0`).
char* WriteJsonFloat(char* p, double v);

// types::AppendDateTime's text of `micros`, in quotes.
char* WriteJsonDateTime(char* p, int64_t micros);

}  // namespace linkgraph::result
