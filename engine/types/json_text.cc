#include "engine/types/json_text.h"

#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <optional>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/hash/hash.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "base/json_string.h"
#include "base/utf8.h"
#include "engine/types/hash_grow.h"

namespace linkgraph::types {
namespace {

inline int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

constexpr int kMaxDepth = 512;
// Objects with more keys than this check duplicates with a hash set instead of a linear scan.
constexpr size_t kLinearKeyLimit = 16;

// A key's canonical (encoded, quoted) text, as a range of the output string. Equal decoded keys
// have equal canonical text, and offsets stay valid while the output grows.
struct KeySpan {
  size_t offset;
  size_t size;
};

struct KeySpanHash {
  const std::string* text;
  size_t operator()(KeySpan k) const {
    return absl::Hash<absl::string_view>{}(absl::string_view(text->data() + k.offset, k.size));
  }
};

struct KeySpanEq {
  const std::string* text;
  bool operator()(KeySpan a, KeySpan b) const {
    return a.size == b.size &&
           std::memcmp(text->data() + a.offset, text->data() + b.offset, a.size) == 0;
  }
};

using KeySet = absl::flat_hash_set<KeySpan, KeySpanHash, KeySpanEq>;

// Recursive-descent RFC 8259 parser that writes the canonical text as it goes.
class CanonicalParser {
 public:
  CanonicalParser(std::string_view raw, std::string* out) : raw_(raw), out_(out) {}

  absl::Status Run() {
    SkipWhitespace();
    if (ParseValue(0)) {
      SkipWhitespace();
      if (pos_ != raw_.size()) Fail("trailing characters", pos_);
    }
    return std::move(status_);
  }

 private:
  bool Fail(std::string_view what, size_t offset) {
    std::string message = "invalid json: ";
    message.append(what);
    message.append(" at byte ");
    char digits[24];
    message.append(digits, std::to_chars(digits, digits + sizeof digits, offset).ptr);
    status_ = absl::InvalidArgumentError(message);
    return false;
  }

  void SkipWhitespace() {
    while (pos_ < raw_.size()) {
      const char c = raw_[pos_];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') return;
      ++pos_;
    }
  }

  // Returns the first position >= pos holding `"`, `\`, a control byte or a non-ASCII byte.
  size_t ScanPlain(size_t pos) const { return base::SkipPlainAscii(raw_, pos); }

  bool ParseValue(int depth) {
    if (pos_ >= raw_.size()) return Fail("unexpected end of input", pos_);
    switch (raw_[pos_]) {
      case '{':
        return ParseObject(depth + 1);
      case '[':
        return ParseArray(depth + 1);
      case '"':
        return ParseString();
      case 't':
        return ParseLiteral("true");
      case 'f':
        return ParseLiteral("false");
      case 'n':
        return ParseLiteral("null");
      case '-':
      case '0':
      case '1':
      case '2':
      case '3':
      case '4':
      case '5':
      case '6':
      case '7':
      case '8':
      case '9':
        return ParseNumber();
      default:
        return Fail("unexpected character", pos_);
    }
  }

  bool ParseLiteral(std::string_view word) {
    if (raw_.substr(pos_, word.size()) != word) return Fail("invalid literal", pos_);
    out_->append(word);
    pos_ += word.size();
    return true;
  }

  bool ParseNumber() {
    const size_t start = pos_;
    const size_t n = raw_.size();
    auto is_digit = [&](size_t i) { return i < n && raw_[i] >= '0' && raw_[i] <= '9'; };
    if (raw_[pos_] == '-') ++pos_;
    if (!is_digit(pos_)) return Fail("invalid number", pos_);
    if (raw_[pos_] == '0') {
      ++pos_;
      if (is_digit(pos_)) return Fail("invalid number (leading zero)", pos_);
    } else {
      while (is_digit(pos_)) ++pos_;
    }
    if (pos_ < n && raw_[pos_] == '.') {
      ++pos_;
      if (!is_digit(pos_)) return Fail("invalid number", pos_);
      while (is_digit(pos_)) ++pos_;
    }
    if (pos_ < n && (raw_[pos_] == 'e' || raw_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < n && (raw_[pos_] == '+' || raw_[pos_] == '-')) ++pos_;
      if (!is_digit(pos_)) return Fail("invalid number", pos_);
      while (is_digit(pos_)) ++pos_;
    }
    out_->append(raw_.data() + start, pos_ - start);
    return true;
  }

  // Reads 4 hex digits at pos; returns -1 if they are not all there.
  int32_t ReadHex4(size_t pos) const {
    if (raw_.size() - pos < 4) return -1;
    int32_t value = 0;
    for (size_t i = pos; i < pos + 4; ++i) {
      const int h = HexValue(raw_[i]);
      if (h < 0) return -1;
      value = value * 16 + h;
    }
    return value;
  }

  // Decodes the escape at pos_ (a backslash) into scratch_ and advances past it.
  bool DecodeEscape() {
    const size_t at = pos_;
    if (pos_ + 1 >= raw_.size()) return Fail("unterminated string", at);
    const char c = raw_[pos_ + 1];
    pos_ += 2;
    switch (c) {
      case '"':
      case '\\':
      case '/':
        scratch_.push_back(c);
        return true;
      case 'b':
        scratch_.push_back('\b');
        return true;
      case 'f':
        scratch_.push_back('\f');
        return true;
      case 'n':
        scratch_.push_back('\n');
        return true;
      case 'r':
        scratch_.push_back('\r');
        return true;
      case 't':
        scratch_.push_back('\t');
        return true;
      case 'u':
        break;
      default:
        return Fail("invalid escape", at);
    }
    const int32_t unit = ReadHex4(pos_);
    if (unit < 0) return Fail("invalid \\u escape", at);
    pos_ += 4;
    uint32_t cp = static_cast<uint32_t>(unit);
    if (cp >= 0xDC00 && cp <= 0xDFFF) return Fail("unpaired surrogate", at);
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      if (raw_.substr(pos_, 2) != "\\u") return Fail("unpaired surrogate", at);
      const int32_t low = ReadHex4(pos_ + 2);
      if (low < 0) return Fail("invalid \\u escape", pos_);
      if (low < 0xDC00 || low > 0xDFFF) return Fail("unpaired surrogate", at);
      pos_ += 6;
      cp = 0x10000 + ((cp - 0xD800) << 10) + (static_cast<uint32_t>(low) - 0xDC00);
    }
    base::AppendUtf8(cp, &scratch_);
    return true;
  }

  // Parses the string at pos_ (an opening quote) and appends its canonical form. Sets
  // last_string_ to the decoded text (valid until the next string is parsed).
  bool ParseString() {
    const size_t open = pos_;
    const size_t start = ++pos_;
    const size_t n = raw_.size();
    const auto* bytes = reinterpret_cast<const unsigned char*>(raw_.data());
    // Fast path: no escapes, so the raw text is already canonical.
    for (;;) {
      pos_ = ScanPlain(pos_);
      if (pos_ >= n) return Fail("unterminated string", open);
      const unsigned char c = bytes[pos_];
      if (c == '"') {
        last_string_ = raw_.substr(start, pos_ - start);
        out_->push_back('"');
        out_->append(last_string_);
        out_->push_back('"');
        ++pos_;
        return true;
      }
      if (c == '\\') break;
      if (c < 0x20) return Fail("control character in string", pos_);
      const size_t len = base::Utf8SequenceLength(raw_, pos_);
      if (len == 0) return Fail("invalid UTF-8 in string", pos_);
      pos_ += len;
    }
    // Slow path: decode into scratch_, then re-encode.
    scratch_.assign(raw_.data() + start, pos_ - start);
    for (;;) {
      const size_t run = pos_;
      pos_ = ScanPlain(pos_);
      scratch_.append(raw_.data() + run, pos_ - run);
      if (pos_ >= n) return Fail("unterminated string", open);
      const unsigned char c = bytes[pos_];
      if (c == '"') {
        ++pos_;
        last_string_ = scratch_;
        base::AppendJsonString(scratch_, out_);
        return true;
      }
      if (c == '\\') {
        if (!DecodeEscape()) return false;
        continue;
      }
      if (c < 0x20) return Fail("control character in string", pos_);
      const size_t len = base::Utf8SequenceLength(raw_, pos_);
      if (len == 0) return Fail("invalid UTF-8 in string", pos_);
      scratch_.append(raw_.data() + pos_, len);
      pos_ += len;
    }
  }

  bool DuplicateKey() {
    std::string message = "duplicate key '";
    message.append(base::TruncateUtf8(last_string_, 64));
    message.append("' in json");
    status_ = absl::InvalidArgumentError(message);
    return false;
  }

  bool ParseObject(int depth) {
    if (depth > kMaxDepth) {
      status_ = absl::InvalidArgumentError("json nested too deeply");
      return false;
    }
    out_->push_back('{');
    ++pos_;
    SkipWhitespace();
    if (pos_ < raw_.size() && raw_[pos_] == '}') {
      out_->push_back('}');
      ++pos_;
      return true;
    }
    const size_t keys_base = keys_.size();
    std::optional<KeySet> key_set;  // Built once the object has more than kLinearKeyLimit keys.
    for (;;) {
      if (pos_ >= raw_.size()) return Fail("unexpected end of input", pos_);
      if (raw_[pos_] != '"') return Fail("expected string key", pos_);
      const size_t key_offset = out_->size();
      if (!ParseString()) return false;
      const KeySpan key{key_offset, out_->size() - key_offset};
      if (key_set.has_value()) {
        GrowBeforeInsert(*key_set);
        if (!key_set->insert(key).second) return DuplicateKey();
      } else {
        const KeySpanEq eq{out_};
        for (size_t i = keys_base; i < keys_.size(); ++i) {
          if (eq(keys_[i], key)) return DuplicateKey();
        }
        keys_.push_back(key);
        if (keys_.size() - keys_base > kLinearKeyLimit) {
          key_set.emplace(2 * kLinearKeyLimit, KeySpanHash{out_}, KeySpanEq{out_});
          key_set->insert(keys_.begin() + static_cast<ptrdiff_t>(keys_base), keys_.end());
          keys_.resize(keys_base);
        }
      }
      SkipWhitespace();
      if (pos_ >= raw_.size()) return Fail("unexpected end of input", pos_);
      if (raw_[pos_] != ':') return Fail("expected ':'", pos_);
      out_->push_back(':');
      ++pos_;
      SkipWhitespace();
      if (!ParseValue(depth)) return false;
      SkipWhitespace();
      if (pos_ >= raw_.size()) return Fail("unexpected end of input", pos_);
      if (raw_[pos_] == ',') {
        out_->push_back(',');
        ++pos_;
        SkipWhitespace();
        continue;
      }
      if (raw_[pos_] != '}') return Fail("expected ',' or '}'", pos_);
      out_->push_back('}');
      ++pos_;
      keys_.resize(keys_base);
      return true;
    }
  }

  bool ParseArray(int depth) {
    if (depth > kMaxDepth) {
      status_ = absl::InvalidArgumentError("json nested too deeply");
      return false;
    }
    out_->push_back('[');
    ++pos_;
    SkipWhitespace();
    if (pos_ < raw_.size() && raw_[pos_] == ']') {
      out_->push_back(']');
      ++pos_;
      return true;
    }
    for (;;) {
      if (!ParseValue(depth)) return false;
      SkipWhitespace();
      if (pos_ >= raw_.size()) return Fail("unexpected end of input", pos_);
      if (raw_[pos_] == ',') {
        out_->push_back(',');
        ++pos_;
        SkipWhitespace();
        continue;
      }
      if (raw_[pos_] != ']') return Fail("expected ',' or ']'", pos_);
      out_->push_back(']');
      ++pos_;
      return true;
    }
  }

  const std::string_view raw_;
  std::string* const out_;
  size_t pos_ = 0;
  absl::Status status_;
  std::string scratch_;           // Decoded text of the current string (slow path).
  std::string_view last_string_;  // Decoded text of the last string parsed.
  std::vector<KeySpan> keys_;     // Keys of the open objects that use the linear check.
};

}  // namespace

absl::StatusOr<std::string> CanonicalJson(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());  // The canonical text is never longer than the input.
  CanonicalParser parser(raw, &out);
  if (absl::Status status = parser.Run(); !status.ok()) return status;
  return out;
}

}  // namespace linkgraph::types
