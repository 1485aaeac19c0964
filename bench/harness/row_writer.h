// Writes generated rows as JSON Lines, counting what the same rows would take as CSV.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace linkgraph::bench {

// One JSON Lines file. Fields are written in call order; a column given no value is absent from
// the JSON object (null when loaded) and an empty CSV field.
//
// Example:
//   auto w = RowFileWriter::Open("/tmp/x/customer.jsonl", {"id", "email", "deleted_at"});
//   (*w)->Text("id", "cus_0000001");
//   (*w)->Text("email", "ana.1@example.com");
//   (*w)->EndRow();
//   LG_RETURN_IF_ERROR((*w)->Close());
class RowFileWriter {
 public:
  // `columns`: the CSV header (every column a row may have).
  static absl::StatusOr<std::unique_ptr<RowFileWriter>> Open(const std::string& path,
                                                             std::vector<std::string> columns);
  ~RowFileWriter();

  void Text(std::string_view key, std::string_view value);
  void Int(std::string_view key, int64_t value);
  void EndRow();
  // Flushes and closes the file.
  absl::Status Close();

  int64_t rows() const { return rows_; }
  int64_t jsonl_bytes() const { return jsonl_bytes_; }
  int64_t csv_bytes() const { return csv_bytes_; }

 private:
  RowFileWriter(std::FILE* file, std::string path, size_t columns);
  void Key(std::string_view key);
  void Flush();

  std::FILE* file_;
  std::string path_;
  size_t columns_;
  std::string buffer_;
  bool first_field_ = true;
  bool failed_ = false;
  int64_t rows_ = 0;
  int64_t jsonl_bytes_ = 0;
  int64_t csv_bytes_ = 0;
};

// Appends `s` as a JSON string (quotes, `"`, `\` and control characters escaped).
void AppendJsonText(std::string_view s, std::string* out);

// The size of `s` as one CSV field (quoted, quotes doubled, when it holds `,`, `"` or a newline).
int64_t CsvFieldBytes(std::string_view s);

}  // namespace linkgraph::bench
