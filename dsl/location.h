// Where an error is: the text appended to messages as " (<where>)" and attached to the status
// as a payload (DESIGN.md §7), and the line/column arithmetic behind it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace linkgraph::dsl {

// 1-based line and column (columns count code points) of `byte_offset` in `text`.
struct LineColumn {
  size_t line = 1;
  size_t column = 1;
};
LineColumn LineColumnAt(std::string_view text, size_t byte_offset);

// "fields[2], column 5": the location of `byte_offset` inside the field string `fields[index]`
// ("fields[2], line 2, column 5" past a line break).
std::string FieldWhere(size_t index, std::string_view text, size_t byte_offset);

// Renders locations of byte offsets inside one text as "<prefix>, column C", or
// "<prefix>, line L, column C" past the first line: the `where` callback of the text parsers.
// Each call scans from the previous offset, so calls with non-decreasing offsets (the parsers
// make them in that order) cost O(text) in all; a smaller offset rescans from the start.
// REQUIRES: `text` outlives this object. Not thread-safe.
//
// Example:
//   TextWhere where("filters", text);
//   absl::StatusOr<FilterExpr> f = ParseFilterText(text, std::ref(where));
class TextWhere {
 public:
  TextWhere(std::string prefix, std::string_view text);
  std::string operator()(size_t byte_offset);

 private:
  std::string prefix_;
  std::string_view text_;
  size_t offset_ = 0;
  LineColumn at_;
};

// `text` for quoting inside a one-line message: cut to at most `max_bytes` bytes of its own at a
// UTF-8 character boundary ("..." appended when cut), control characters shown as `\n`, `\t`,
// `\r` or `\xHH`. Names and keys of requests are untrusted and may be megabytes long.
std::string Clip(std::string_view text, size_t max_bytes = 64);

// The location of the member `key` of the object at `where`: "<where>.<key>", the key clipped
// (Clip) so that locations stay short however long the keys of a request are.
std::string MemberWhere(std::string_view where, std::string_view key);

// Locations longer than this are shortened in messages and payloads (ErrorAt): the start and
// the end are kept, the middle replaced by "...".
inline constexpr size_t kMaxWhereBytes = 160;

// A status with message "<message> (<where>)" and `where` attached as the location payload.
// An empty `where` gives the message alone. The message is made one line (control characters
// escaped as by Clip) and a `where` over kMaxWhereBytes keeps only its start and end.
absl::Status ErrorAt(absl::StatusCode code, std::string_view message, std::string_view where);
inline absl::Status InvalidAt(std::string_view message, std::string_view where) {
  return ErrorAt(absl::StatusCode::kInvalidArgument, message, where);
}

// `status.message()` as a std::string (Debian's abseil has its own string_view).
inline std::string Msg(const absl::Status& status) {
  return std::string(status.message().data(), status.message().size());
}

// The location payload of `status`, or empty.
std::string WhereOf(const absl::Status& status);

// `status`'s message without its " (<where>)" suffix.
std::string MessageWithoutWhere(const absl::Status& status);

}  // namespace linkgraph::dsl
