// Where a written row came from, for messages: `rows[3]`, `line 12`, `shop.jsonl:12`, or a
// nested row `rows[0].variants[2]`. Kept as a label and a number and formatted only when a
// message or an end-of-batch check needs it: a load of a million lines builds no strings.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace linkgraph::modules {

// How a field is appended to a row's location: `rows[3].rating` (kDotted) or
// `shop.jsonl:12, field 'rating'` (kLine).
enum class FieldStyle : uint8_t { kDotted, kLine };

struct RowPlace {
  // kIndexed: `<label>[n]`; kLine: `line n` when the label is empty, else `<label>:n`;
  // kExact: the label itself. Then `suffix` (".data" for an update's fields).
  enum class Form : uint8_t { kIndexed, kLine, kExact };
  const std::string* label = nullptr;  // outlives the place
  uint32_t n = 0;
  Form form = Form::kIndexed;
  std::string_view suffix;

  std::string Format() const {
    std::string s;
    switch (form) {
      case Form::kLine:
        s = label->empty() ? "line " + std::to_string(n) : *label + ":" + std::to_string(n);
        break;
      case Form::kIndexed: s = *label + "[" + std::to_string(n) + "]"; break;
      case Form::kExact: s = *label; break;
    }
    s.append(suffix);
    return s;
  }
};

// `where` with `field` appended in `style`.
inline std::string FieldWhere(const std::string& where, std::string_view field, FieldStyle style) {
  if (style == FieldStyle::kLine) return where + ", field '" + std::string(field) + "'";
  return where + "." + std::string(field);
}

}  // namespace linkgraph::modules
