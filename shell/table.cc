#include "shell/table.h"

#include <algorithm>

#include "base/display_width.h"
#include "base/utf8.h"
#include "shell/json_text.h"

namespace linkgraph::shell {

namespace {

// A scalar JSON value as a cell.
std::string ScalarCell(std::string_view value) {
  switch (KindOf(value)) {
    case JsonKind::kNull:
      return "NULL";
    case JsonKind::kString: {
      std::string text = DecodeJsonString(value).value_or(std::string(value));
      std::string cell;
      for (char c : text) {
        switch (c) {
          case '\t': cell += "\\t"; break;
          case '\r': cell += "\\r"; break;
          case '\n': cell += "\\n"; break;
          default: cell.push_back(c);
        }
      }
      return cell;
    }
    default:
      return std::string(value);
  }
}

// `json` cut to kMaxRelationCell code points, the last one `…`, when it is longer.
std::string RelationCell(std::string_view json) {
  if (base::CountCodePoints(json) <= kMaxRelationCell) return std::string(json);
  size_t pos = 0;
  for (size_t n = 0; n + 1 < kMaxRelationCell && pos < json.size(); ++n) {
    base::DecodeUtf8(json, &pos);
  }
  return std::string(json.substr(0, pos)) + "\xE2\x80\xA6";
}

// The cell of `column` in the root row whose JSON is `row_json`.
std::string Cell(std::string_view row_json, const TableColumn& column) {
  std::string_view value = row_json;
  for (const std::string& key : column.keys) {
    if (KindOf(value) != JsonKind::kObject) return "NULL";  // a null relation on the way
    std::optional<std::vector<JsonEntry>> entries = ObjectEntries(value);
    if (!entries) return "NULL";
    auto it = std::find_if(entries->begin(), entries->end(),
                           [&](const JsonEntry& e) { return e.key == key; });
    if (it == entries->end()) return "NULL";
    value = it->value;
  }
  if (KindOf(value) == JsonKind::kNull) return "NULL";
  return column.relation ? RelationCell(value) : ScalarCell(value);
}

void AppendLine(const std::vector<std::string>& cells, const std::vector<size_t>& widths,
                std::string* out) {
  for (size_t c = 0; c < cells.size(); ++c) {
    if (c > 0) *out += " | ";
    *out += cells[c];
    if (c + 1 < cells.size()) out->append(widths[c] - base::DisplayWidth(cells[c]), ' ');
  }
  out->push_back('\n');
}

}  // namespace

std::string RenderTable(const Result& result, const std::vector<TableColumn>& columns,
                        size_t max_rows) {
  size_t shown = max_rows > 0 ? std::min(max_rows, result.size()) : result.size();
  std::vector<std::vector<std::string>> lines;
  lines.reserve(shown + 1);
  std::vector<std::string> header;
  for (const TableColumn& c : columns) header.push_back(c.header);
  lines.push_back(std::move(header));
  for (size_t r = 0; r < shown; ++r) {
    std::string json = result.row(r).ToJson();
    std::vector<std::string> cells;
    cells.reserve(columns.size());
    for (const TableColumn& c : columns) cells.push_back(Cell(json, c));
    lines.push_back(std::move(cells));
  }
  std::vector<size_t> widths(columns.size(), 0);
  for (const auto& cells : lines) {
    for (size_t c = 0; c < cells.size(); ++c) {
      widths[c] = std::max(widths[c], base::DisplayWidth(cells[c]));
    }
  }
  std::string out;
  for (const auto& cells : lines) AppendLine(cells, widths, &out);
  if (shown < result.size()) {
    size_t more = result.size() - shown;
    out += "\xE2\x80\xA6 " + std::to_string(more) + (more == 1 ? " more row\n" : " more rows\n");
  }
  out += result.size() == 1 ? "(1 row)\n" : "(" + std::to_string(result.size()) + " rows)\n";
  return out;
}

}  // namespace linkgraph::shell
