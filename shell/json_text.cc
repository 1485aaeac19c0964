#include "shell/json_text.h"

#include <cstdint>

#include "base/utf8.h"

namespace linkgraph::shell {

namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

size_t SkipSpace(std::string_view text, size_t pos) {
  while (pos < text.size() && IsSpace(text[pos])) ++pos;
  return pos;
}

// Past the closing quote of the JSON string opening at text[pos], or npos.
size_t SkipString(std::string_view text, size_t pos) {
  for (size_t i = pos + 1; i < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;
    } else if (text[i] == '"') {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

std::optional<uint32_t> Hex4(std::string_view text, size_t pos) {
  if (pos + 4 > text.size()) return std::nullopt;
  uint32_t v = 0;
  for (size_t i = pos; i < pos + 4; ++i) {
    char c = text[i];
    v <<= 4;
    if (c >= '0' && c <= '9') {
      v |= static_cast<uint32_t>(c - '0');
    } else if (c >= 'a' && c <= 'f') {
      v |= static_cast<uint32_t>(c - 'a' + 10);
    } else if (c >= 'A' && c <= 'F') {
      v |= static_cast<uint32_t>(c - 'A' + 10);
    } else {
      return std::nullopt;
    }
  }
  return v;
}

}  // namespace

JsonKind KindOf(std::string_view value) {
  size_t p = SkipSpace(value, 0);
  if (p >= value.size()) return JsonKind::kInvalid;
  switch (value[p]) {
    case 'n':
      return JsonKind::kNull;
    case 't':
    case 'f':
      return JsonKind::kBool;
    case '"':
      return JsonKind::kString;
    case '[':
      return JsonKind::kArray;
    case '{':
      return JsonKind::kObject;
    default:
      return value[p] == '-' || (value[p] >= '0' && value[p] <= '9') ? JsonKind::kNumber
                                                                     : JsonKind::kInvalid;
  }
}

size_t SkipJsonValue(std::string_view text, size_t pos) {
  if (pos >= text.size()) return std::string_view::npos;
  char c = text[pos];
  if (c == '"') return SkipString(text, pos);
  if (c == '{' || c == '[') {
    std::vector<char> closers;
    for (size_t i = pos; i < text.size(); ++i) {
      char d = text[i];
      if (d == '"') {
        i = SkipString(text, i);
        if (i == std::string_view::npos) return i;
        --i;
      } else if (d == '{') {
        closers.push_back('}');
      } else if (d == '[') {
        closers.push_back(']');
      } else if (d == '}' || d == ']') {
        if (closers.empty() || closers.back() != d) return std::string_view::npos;
        closers.pop_back();
        if (closers.empty()) return i + 1;
      }
    }
    return std::string_view::npos;
  }
  size_t i = pos;
  while (i < text.size() && !IsSpace(text[i]) && text[i] != ',' && text[i] != '}' &&
         text[i] != ']' && text[i] != ':') {
    ++i;
  }
  return i;
}

std::optional<std::vector<JsonEntry>> ObjectEntries(std::string_view object) {
  size_t p = SkipSpace(object, 0);
  if (p >= object.size() || object[p] != '{') return std::nullopt;
  std::vector<JsonEntry> entries;
  p = SkipSpace(object, p + 1);
  if (p < object.size() && object[p] == '}') return entries;
  while (p < object.size()) {
    if (object[p] != '"') return std::nullopt;
    size_t key_end = SkipString(object, p);
    if (key_end == std::string_view::npos) return std::nullopt;
    std::optional<std::string> key = DecodeJsonString(object.substr(p, key_end - p));
    if (!key) return std::nullopt;
    p = SkipSpace(object, key_end);
    if (p >= object.size() || object[p] != ':') return std::nullopt;
    p = SkipSpace(object, p + 1);
    size_t value_end = SkipJsonValue(object, p);
    if (value_end == std::string_view::npos || value_end == p) return std::nullopt;
    entries.push_back(JsonEntry{std::move(*key), object.substr(p, value_end - p)});
    p = SkipSpace(object, value_end);
    if (p < object.size() && object[p] == ',') {
      p = SkipSpace(object, p + 1);
      continue;
    }
    if (p < object.size() && object[p] == '}') return entries;
    return std::nullopt;
  }
  return std::nullopt;
}

std::optional<std::vector<std::string_view>> ArrayItems(std::string_view array) {
  size_t p = SkipSpace(array, 0);
  if (p >= array.size() || array[p] != '[') return std::nullopt;
  std::vector<std::string_view> items;
  p = SkipSpace(array, p + 1);
  if (p < array.size() && array[p] == ']') return items;
  while (p < array.size()) {
    size_t end = SkipJsonValue(array, p);
    if (end == std::string_view::npos || end == p) return std::nullopt;
    items.push_back(array.substr(p, end - p));
    p = SkipSpace(array, end);
    if (p < array.size() && array[p] == ',') {
      p = SkipSpace(array, p + 1);
      continue;
    }
    if (p < array.size() && array[p] == ']') return items;
    return std::nullopt;
  }
  return std::nullopt;
}

std::optional<std::string> DecodeJsonString(std::string_view token) {
  size_t p = SkipSpace(token, 0);
  if (p >= token.size() || token[p] != '"') return std::nullopt;
  std::string out;
  for (size_t i = p + 1; i < token.size(); ++i) {
    char c = token[i];
    if (c == '"') return out;
    if (c != '\\') {
      out.push_back(c);
      continue;
    }
    if (++i >= token.size()) return std::nullopt;
    switch (token[i]) {
      case '"':
        out.push_back('"');
        break;
      case '\\':
        out.push_back('\\');
        break;
      case '/':
        out.push_back('/');
        break;
      case 'b':
        out.push_back('\b');
        break;
      case 'f':
        out.push_back('\f');
        break;
      case 'n':
        out.push_back('\n');
        break;
      case 'r':
        out.push_back('\r');
        break;
      case 't':
        out.push_back('\t');
        break;
      case 'u': {
        std::optional<uint32_t> cp = Hex4(token, i + 1);
        if (!cp) return std::nullopt;
        i += 4;
        if (*cp >= 0xD800 && *cp < 0xDC00 && i + 2 < token.size() && token[i + 1] == '\\' &&
            token[i + 2] == 'u') {
          std::optional<uint32_t> low = Hex4(token, i + 3);
          if (low && *low >= 0xDC00 && *low < 0xE000) {
            *cp = 0x10000 + ((*cp - 0xD800) << 10) + (*low - 0xDC00);
            i += 6;
          }
        }
        base::AppendUtf8(*cp, &out);
        break;
      }
      default:
        return std::nullopt;
    }
  }
  return std::nullopt;
}

}  // namespace linkgraph::shell
