#include "dsl/location.h"

#include <algorithm>
#include <utility>

#include "absl/strings/cord.h"
#include "absl/strings/string_view.h"

namespace linkgraph::dsl {

namespace {

constexpr char kPayloadUrl[] = "linkgraph/location";

// Advances `lc` over text[from, to).
void Advance(std::string_view text, size_t from, size_t to, LineColumn* lc) {
  for (size_t i = from; i < to; ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++lc->line;
      lc->column = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++lc->column;  // count code points: skip UTF-8 continuation bytes
    }
  }
}

std::string Render(std::string_view prefix, LineColumn lc) {
  std::string out(prefix);
  out += ", ";
  if (lc.line > 1) {
    out += "line ";
    out += std::to_string(lc.line);
    out += ", ";
  }
  out += "column ";
  out += std::to_string(lc.column);
  return out;
}

}  // namespace

LineColumn LineColumnAt(std::string_view text, size_t byte_offset) {
  LineColumn lc;
  Advance(text, 0, std::min(byte_offset, text.size()), &lc);
  return lc;
}

std::string FieldWhere(size_t index, std::string_view text, size_t byte_offset) {
  return Render("fields[" + std::to_string(index) + "]", LineColumnAt(text, byte_offset));
}

TextWhere::TextWhere(std::string prefix, std::string_view text)
    : prefix_(std::move(prefix)), text_(text) {}

std::string TextWhere::operator()(size_t byte_offset) {
  byte_offset = std::min(byte_offset, text_.size());
  if (byte_offset < offset_) {
    offset_ = 0;
    at_ = LineColumn();
  }
  Advance(text_, offset_, byte_offset, &at_);
  offset_ = byte_offset;
  return Render(prefix_, at_);
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
