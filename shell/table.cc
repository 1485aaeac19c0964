#include "shell/table.h"

#include <algorithm>
#include <vector>

#include "shell/json_text.h"

namespace linkgraph::shell {

namespace {

size_t Width(std::string_view text) {
  size_t n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// A scalar JSON value as a cell.
std::string ScalarCell(std::string_view value) {
  switch (KindOf(value)) {
    case JsonKind::kNull:
      return "NULL";
    case JsonKind::kString: {
      std::string text = DecodeJsonString(value).value_or(std::string(value));
      std::string cell;
      for (char c : text) {
        if (c == '\n') {
          cell += "\\n";
        } else {
          cell.push_back(c);
        }
      }
      return cell;
    }
    default:
      return std::string(value);
  }
}

std::string Cell(const RowView& row, const std::string& key, std::string_view value,
                 const std::function<std::string(std::string_view)>& primary_key) {
  JsonKind kind = KindOf(value);
  if (kind != JsonKind::kArray && kind != JsonKind::kObject) return ScalarCell(value);
  // json and array columns read back as their JSON text; relations do not.
  if (!row.GetString(key).empty()) return std::string(value);
  if (kind == JsonKind::kArray) {
    return "[" + std::to_string(row.GetList(key).size()) + " " + key + "]";
  }
  std::string pk = primary_key(key);
  if (!pk.empty()) {
    if (auto entries = ObjectEntries(value)) {
      for (const JsonEntry& e : *entries) {
        if (e.key == pk) return ScalarCell(e.value);
      }
    }
  }
  return std::string(value);
}

void AppendLine(const std::vector<std::string>& cells, const std::vector<size_t>& widths,
                std::string* out) {
  for (size_t c = 0; c < cells.size(); ++c) {
    if (c > 0) *out += " | ";
    *out += cells[c];
    if (c + 1 < cells.size()) out->append(widths[c] - Width(cells[c]), ' ');
  }
  out->push_back('\n');
}

}  // namespace

std::string RenderTable(const Result& result,
                        const std::function<std::string(std::string_view)>& primary_key) {
  // The root's output keys; Keys() reads them from the result's root node, so row 0 serves
  // even when the result is empty.
  std::vector<std::string> keys;
  for (std::string_view k : result.row(0).Keys()) keys.emplace_back(k);
  std::vector<std::vector<std::string>> rows;
  rows.push_back(keys);
  for (size_t r = 0; r < result.size(); ++r) {
    RowView row = result.row(r);
    std::string json = row.ToJson();
    std::vector<std::string> cells(keys.size(), "NULL");
    if (auto entries = ObjectEntries(json)) {
      for (size_t c = 0; c < keys.size() && c < entries->size(); ++c) {
        cells[c] = Cell(row, keys[c], (*entries)[c].value, primary_key);
      }
    }
    rows.push_back(std::move(cells));
  }
  std::vector<size_t> widths(keys.size(), 0);
  for (const auto& cells : rows) {
    for (size_t c = 0; c < cells.size(); ++c) widths[c] = std::max(widths[c], Width(cells[c]));
  }
  std::string out;
  for (const auto& cells : rows) AppendLine(cells, widths, &out);
  out += result.size() == 1 ? "(1 row)\n" : "(" + std::to_string(result.size()) + " rows)\n";
  return out;
}

}  // namespace linkgraph::shell
