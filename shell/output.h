// What the shell prints (DESIGN.md §6 Output): one compact JSON line per statement on standard
// output (json format), tables for graph results (table format), and error blocks on standard
// error — `error: <message>`, the source line verbatim, and a caret under the column.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "linkgraph/result.h"
#include "shell/source.h"
#include "shell/table_columns.h"

namespace linkgraph::shell {

enum class Format { kJson, kTable };

class Output {
 public:
  Output(std::ostream& out, std::ostream& err, Format format)
      : out_(out), err_(err), format_(format) {}

  Format format() const { return format_; }
  void set_format(Format format) { format_ = format; }

  // A statement's line (the same in both formats).
  void Line(std::string_view json);
  // A graph result: its JSON line, or (table format) the table of `columns` showing at most
  // `max_rows` rows (0: all).
  void Graph(const Result& result, const std::vector<TableColumn>& columns, size_t max_rows);
  // Text of a dot command (`.schema`, `.help`, `.explain`), newline-terminated.
  void Text(std::string_view text);
  // A failed statement: its `{"error":…}` line (json format only) and the error block. The
  // caret is drawn when the status is located `line L, column C` and `source` is given.
  void Error(const absl::Status& status, const Source* source);
  // Standard error only: the error block of a usage or startup error.
  void ErrorBlock(const absl::Status& status, const Source* source);
  // A `.timer` line on standard error: `time: <ms> ms`, with rows per second when rows >= 0.
  void Timer(double millis, int64_t rows);

  // The first failed write to standard output (a full disk, a closed pipe), returned once:
  // "cannot write to standard output: <strerror>" with the system error's code
  // (absl::ErrnoToStatus); OK when every write succeeded or the failure was already returned.
  absl::Status TakeWriteError();

 private:
  // Called before and after each write to `out_`: notes the system error of the first failure.
  void BeforeWrite();
  void AfterWrite();

  std::ostream& out_;
  std::ostream& err_;
  Format format_;
  bool write_failed_ = false;
  bool write_error_taken_ = false;
  int write_errno_ = 0;
};

}  // namespace linkgraph::shell
