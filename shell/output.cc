#include "shell/output.h"

#include <cerrno>
#include <cstdio>

#include "base/utf8.h"
#include "dsl/location.h"
#include "linkgraph/status.h"
#include "shell/table.h"

namespace linkgraph::shell {

void Output::BeforeWrite() { errno = 0; }

void Output::AfterWrite() {
  out_.flush();
  if (out_.good() || write_failed_) return;
  write_failed_ = true;
  write_errno_ = errno;
}

absl::Status Output::TakeWriteError() {
  if (!write_failed_ || write_error_taken_) return absl::OkStatus();
  write_error_taken_ = true;
  if (write_errno_ == 0) return absl::UnknownError("cannot write to standard output");
  return absl::ErrnoToStatus(write_errno_, "cannot write to standard output");
}

void Output::Line(std::string_view json) {
  BeforeWrite();
  out_ << json << '\n';
  AfterWrite();
}

void Output::Graph(const Result& result, const std::vector<TableColumn>& columns,
                   size_t max_rows) {
  BeforeWrite();
  if (format_ == Format::kJson) {
    result.WriteJson(out_);
    out_ << '\n';
  } else {
    out_ << RenderTable(result, columns, max_rows);
  }
  AfterWrite();
}

void Output::Text(std::string_view text) {
  BeforeWrite();
  out_ << text;
  if (text.empty() || text.back() != '\n') out_ << '\n';
  AfterWrite();
}

void Output::Error(const absl::Status& status, const Source* source) {
  if (format_ == Format::kJson) Line(StatusToJson(status));
  ErrorBlock(status, source);
}

void Output::ErrorBlock(const absl::Status& status, const Source* source) {
  err_ << "error: " << dsl::Msg(status) << '\n';
  Position position;
  if (source != nullptr && ParseWhere(StatusLocation(status), &position)) {
    std::string_view line = LineAt(source->text, position.line);
    err_ << line << '\n';
    std::string caret;
    size_t column = 1;
    for (size_t i = 0; i < line.size() && column < position.column;
         i = base::SkipCodePoint(line, i)) {
      caret.push_back(line[i] == '\t' ? '\t' : ' ');
      ++column;
    }
    caret.append(position.column - column, ' ');
    err_ << caret << "^\n";
  }
  err_.flush();
}

void Output::Timer(double millis, int64_t rows) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.3f", millis);
  err_ << "time: " << buf << " ms";
  if (rows >= 0 && millis > 0) {
    err_ << ", " << static_cast<int64_t>(static_cast<double>(rows) * 1000.0 / millis) << " rows/s";
  }
  err_ << '\n';
  err_.flush();
}

}  // namespace linkgraph::shell
