#include "bench/harness/row_writer.h"

#include <charconv>
#include <utility>

#include "absl/strings/str_cat.h"

namespace linkgraph::bench {

namespace {
constexpr size_t kFlushBytes = 1 << 20;
}  // namespace

void AppendJsonText(std::string_view s, std::string* out) {
  out->push_back('"');
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out->push_back('\\');
      out->push_back(ch);
    } else if (c < 0x20) {
      static constexpr char kHex[] = "0123456789abcdef";
      out->append("\\u00");
      out->push_back(kHex[c >> 4]);
      out->push_back(kHex[c & 15]);
    } else {
      out->push_back(ch);
    }
  }
  out->push_back('"');
}

int64_t CsvFieldBytes(std::string_view s) {
  bool quote = false;
  int64_t quotes = 0;
  for (char c : s) {
    if (c == '"') ++quotes;
    if (c == '"' || c == ',' || c == '\n' || c == '\r') quote = true;
  }
  return static_cast<int64_t>(s.size()) + quotes + (quote ? 2 : 0);
}

absl::StatusOr<std::unique_ptr<RowFileWriter>> RowFileWriter::Open(
    const std::string& path, std::vector<std::string> columns) {
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) return absl::UnavailableError(absl::StrCat("cannot write ", path));
  std::unique_ptr<RowFileWriter> w(new RowFileWriter(file, path, columns.size()));
  for (size_t i = 0; i < columns.size(); ++i) {
    w->csv_bytes_ += CsvFieldBytes(columns[i]) + 1;  // the separator or the newline
  }
  return w;
}

RowFileWriter::RowFileWriter(std::FILE* file, std::string path, size_t columns)
    : file_(file), path_(std::move(path)), columns_(columns) {
  buffer_.reserve(kFlushBytes + 4096);
}

RowFileWriter::~RowFileWriter() {
  if (file_ != nullptr) std::fclose(file_);
}

void RowFileWriter::Key(std::string_view key) {
  buffer_.push_back(first_field_ ? '{' : ',');
  first_field_ = false;
  buffer_.push_back('"');
  buffer_.append(key.data(), key.size());
  buffer_.append("\":");
}

void RowFileWriter::Text(std::string_view key, std::string_view value) {
  Key(key);
  AppendJsonText(value, &buffer_);
  csv_bytes_ += CsvFieldBytes(value);
}

void RowFileWriter::Int(std::string_view key, int64_t value) {
  Key(key);
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  buffer_.append(buf, end);
  csv_bytes_ += end - buf;
}

void RowFileWriter::EndRow() {
  buffer_.append("}\n");
  first_field_ = true;
  ++rows_;
  csv_bytes_ += static_cast<int64_t>(columns_);  // separators and the newline
  if (buffer_.size() >= kFlushBytes) Flush();
}

void RowFileWriter::Flush() {
  if (!buffer_.empty() && std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) {
    failed_ = true;
  }
  jsonl_bytes_ += static_cast<int64_t>(buffer_.size());
  buffer_.clear();
}

absl::Status RowFileWriter::Close() {
  Flush();
  if (std::fclose(file_) != 0) failed_ = true;
  file_ = nullptr;
  if (failed_) return absl::UnavailableError(absl::StrCat("cannot write ", path_));
  return absl::OkStatus();
}

}  // namespace linkgraph::bench
