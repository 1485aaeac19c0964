#include "dsl/location.h"

#include <algorithm>
#include <utility>

#include "absl/strings/cord.h"
#include "absl/strings/string_view.h"
#include "base/utf8.h"

namespace linkgraph::dsl {

namespace {

constexpr char kPayloadUrl[] = "linkgraph/location";

// Advances `lc` over text[from, to): columns count code points.
void Advance(std::string_view text, size_t from, size_t to, LineColumn* lc) {
  while (from < to) {
    size_t nl = text.substr(0, to).find('\n', from);
    if (nl == std::string_view::npos) {
      lc->column += base::CountCodePoints(text.substr(from, to - from));
      return;
    }
    ++lc->line;
    lc->column = 1;
    from = nl + 1;
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

// Appends `text` with control characters escaped.
void AppendOneLine(std::string_view text, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u != 0x7F) {
      *out += c;
    } else if (c == '\n') {
      *out += "\\n";
    } else if (c == '\t') {
      *out += "\\t";
    } else if (c == '\r') {
      *out += "\\r";
    } else {
      *out += "\\x";
      *out += kHex[u >> 4];
      *out += kHex[u & 15];
    }
  }
}

bool NeedsEscape(std::string_view s) {
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) return true;
  }
  return false;
}

// `where` as messages and payloads carry it: one line, at most about kMaxWhereBytes.
std::string ShortWhere(std::string_view where) {
  if (where.size() <= kMaxWhereBytes && !NeedsEscape(where)) return std::string(where);
  std::string out;
  if (where.size() <= kMaxWhereBytes) {
    AppendOneLine(where, &out);
    return out;
  }
  AppendOneLine(base::TruncateUtf8(where, kMaxWhereBytes / 2), &out);
  out += "...";
  AppendOneLine(base::TruncateUtf8Front(where, kMaxWhereBytes / 2), &out);
  return out;
}

// Words (runs without a space) longer than this in a message are clipped: a name or value quoted
// from a huge input keeps its first kWordHeadBytes and the quote that closed it.
constexpr size_t kMaxWordBytes = 96;
constexpr size_t kWordHeadBytes = 64;

// `message` with every word over kMaxWordBytes clipped, control characters escaped.
std::string ShortMessage(std::string_view message) {
  std::string out;
  size_t i = 0;
  while (i < message.size()) {
    size_t end = message.find(' ', i);
    if (end == std::string_view::npos) end = message.size();
    std::string_view word = message.substr(i, end - i);
    if (word.size() > kMaxWordBytes) {
      AppendOneLine(base::TruncateUtf8(word, kWordHeadBytes), &out);
      out += "...";
      // Keep what closes the word (a quote, `'?`, `';`), so the message still reads.
      size_t close = word.size();
      while (close > 0 && word.size() - close < 3 &&
             std::string_view("'\"?;,.)").find(word[close - 1]) != std::string_view::npos) {
        --close;
      }
      AppendOneLine(word.substr(close), &out);
    } else {
      AppendOneLine(word, &out);
    }
    if (end < message.size()) out += ' ';
    i = end + 1;
  }
  return out;
}

}  // namespace

std::string Clip(std::string_view text, size_t max_bytes) {
  std::string out;
  std::string_view head = base::TruncateUtf8(text, max_bytes);
  AppendOneLine(head, &out);
  if (head.size() < text.size()) out += "...";
  return out;
}

std::string MemberWhere(std::string_view where, std::string_view key) {
  std::string out(where);
  out += '.';
  if (key.size() <= 64 && !NeedsEscape(key)) {
    out += key;
  } else {
    out += Clip(key, 64);
  }
  return out;
}

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

absl::Status ErrorAt(absl::StatusCode code, std::string_view message,
                     std::string_view where_given) {
  std::string text;
  if (message.size() > kMaxWordBytes) {
    text = ShortMessage(message);
  } else if (NeedsEscape(message)) {
    AppendOneLine(message, &text);
  } else {
    text = std::string(message);
  }
  const std::string where = ShortWhere(where_given);
  if (!where.empty()) {
    text += " (";
    text += where;
    text += ")";
  }
  absl::Status status(code, text);
  if (!where.empty()) status.SetPayload(kPayloadUrl, absl::Cord(where));
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
