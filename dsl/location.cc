#include "dsl/location.h"

#include "absl/strings/cord.h"
#include "absl/strings/string_view.h"

namespace linkgraph::dsl {

namespace {
constexpr char kPayloadUrl[] = "linkgraph/location";
}  // namespace

LineColumn LineColumnAt(std::string_view text, size_t byte_offset) {
  LineColumn lc;
  if (byte_offset > text.size()) byte_offset = text.size();
  for (size_t i = 0; i < byte_offset; ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++lc.line;
      lc.column = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++lc.column;  // count code points: skip UTF-8 continuation bytes
    }
  }
  return lc;
}

std::string FieldWhere(size_t index, std::string_view text, size_t byte_offset) {
  return "fields[" + std::to_string(index) + "], column " +
         std::to_string(LineColumnAt(text, byte_offset).column);
}

absl::Status ErrorAt(absl::StatusCode code, std::string_view message, std::string_view where) {
  std::string text(message);
  if (!where.empty()) {
    text += " (";
    text += where;
    text += ")";
  }
  absl::Status status(code, text);
  if (!where.empty()) status.SetPayload(kPayloadUrl, absl::Cord(absl::string_view(where.data(), where.size())));
  return status;
}

std::string WhereOf(const absl::Status& status) {
  auto payload = status.GetPayload(kPayloadUrl);
  return payload ? std::string(*payload) : std::string();
}

std::string MessageWithoutWhere(const absl::Status& status) {
  std::string msg(status.message());
  std::string where = WhereOf(status);
  if (!where.empty()) {
    std::string suffix = " (" + where + ")";
    if (msg.size() >= suffix.size() && msg.compare(msg.size() - suffix.size(), suffix.size(), suffix) == 0) {
      msg.resize(msg.size() - suffix.size());
    }
  }
  return msg;
}

}  // namespace linkgraph::dsl
