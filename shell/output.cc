#include "shell/output.h"

#include <cstdio>

#include "dsl/location.h"
#include "linkgraph/status.h"
#include "shell/table.h"

namespace linkgraph::shell {

void Output::Line(std::string_view json) {
  out_ << json << '\n';
  out_.flush();
}

void Output::Graph(const Result& result,
                   const std::function<std::string(std::string_view)>& primary_key) {
  if (format_ == Format::kJson) {
    result.WriteJson(out_);
    out_ << '\n';
  } else {
    out_ << RenderTable(result, primary_key);
  }
  out_.flush();
}

void Output::Text(std::string_view text) {
  out_ << text;
  if (text.empty() || text.back() != '\n') out_ << '\n';
  out_.flush();
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
    for (size_t i = 0; i < line.size() && column < position.column; ++i) {
      if ((static_cast<unsigned char>(line[i]) & 0xC0) == 0x80) continue;
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
