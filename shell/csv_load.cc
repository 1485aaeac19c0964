#include "shell/csv_load.h"

#include <csv.h>

#include <map>
#include <vector>

#include <simdjson.h>

#include "base/json_string.h"
#include "shell/json_text.h"

namespace linkgraph::shell {

namespace {

// Property name -> type of `entity` in the §8 schema text, or empty when it is not a declared
// model (pivots, unknown): then every cell is text, and the library checks the columns.
std::map<std::string, std::string, std::less<>> ColumnTypes(std::string_view schema_json,
                                                           std::string_view entity) {
  std::map<std::string, std::string, std::less<>> types;
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(schema_json.data(), schema_json.size()).get(root) != simdjson::SUCCESS) {
    return types;
  }
  simdjson::dom::array modules;
  if (root["modules"].get(modules) != simdjson::SUCCESS) return types;
  for (simdjson::dom::element module : modules) {
    std::string_view module_name;
    if (module["name"].get(module_name) != simdjson::SUCCESS) continue;
    simdjson::dom::array models;
    if (module["models"].get(models) != simdjson::SUCCESS) continue;
    for (simdjson::dom::element model : models) {
      std::string_view name;
      if (model["name"].get(name) != simdjson::SUCCESS) continue;
      std::string qualified = std::string(module_name) + "." + std::string(name);
      if (name != entity && qualified != entity) continue;
      simdjson::dom::object props;
      if (model["properties"].get(props) != simdjson::SUCCESS) continue;
      for (auto [key, prop] : props) {
        std::string_view type;
        if (prop["type"].get(type) == simdjson::SUCCESS) {
          types.emplace(std::string(key), std::string(type));
        }
      }
      simdjson::dom::object rels;
      if (model["relationships"].get(rels) == simdjson::SUCCESS) {
        for (auto [key, rel] : rels) {
          std::string_view type;
          if (rel["type"].get(type) == simdjson::SUCCESS && type == "belongsTo") {
            types.emplace(std::string(key) + "_id", "text");
          }
        }
      }
      for (const char* ts : {"created_at", "updated_at", "deleted_at"}) types.emplace(ts, "dateTime");
      return types;
    }
  }
  return types;
}

struct Record {
  std::vector<std::string> cells;
  std::vector<bool> nulls;  // empty unquoted cells
};

struct ParseState {
  Record current;
  std::vector<std::pair<size_t, Record>> records;  // (line the record ended on, record)
  size_t line = 0;
};

void OnField(void* s, size_t len, void* data) {
  auto* st = static_cast<ParseState*>(data);
  st->current.nulls.push_back(s == nullptr);
  st->current.cells.emplace_back(s == nullptr ? "" : std::string(static_cast<char*>(s), len));
}

void OnRow(int, void* data) {
  auto* st = static_cast<ParseState*>(data);
  st->records.emplace_back(st->line, std::move(st->current));
  st->current = Record{};
}

// The line (1-based) where the quoted cell left open at the end of `csv` begins, read as libcsv
// reads it: a cell whose first non-blank character is '"' is quoted until a '"' not doubled.
size_t OpenQuoteLine(std::string_view csv) {
  size_t line = 1, open_line = 0;
  bool field_start = true, quoted = false;
  for (size_t i = 0; i < csv.size(); ++i) {
    char c = csv[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < csv.size() && csv[i + 1] == '"') {
          ++i;
        } else {
          quoted = false;
        }
      } else if (c == '\n') {
        ++line;
      }
      continue;
    }
    if (c == '\n') {
      ++line;
      field_start = true;
    } else if (c == ',') {
      field_start = true;
    } else if (field_start && c == '"') {
      quoted = true;
      open_line = line;
      field_start = false;
    } else if (c != ' ' && c != '\t') {
      field_start = false;
    }
  }
  return quoted ? open_line : line;
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  size_t i = s[0] == '-' ? 1 : 0;
  if (i == s.size()) return false;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}

}  // namespace

absl::StatusOr<std::string> CsvToJsonLines(std::string_view csv, const std::string& path,
                                           std::string_view entity,
                                           std::string_view schema_json) {
  struct csv_parser parser;
  if (csv_init(&parser, CSV_EMPTY_IS_NULL | CSV_STRICT | CSV_STRICT_FINI) != 0) {
    return absl::InternalError("cannot initialise the CSV parser");
  }
  ParseState st;
  size_t pos = 0;
  while (pos < csv.size()) {
    size_t nl = csv.find('\n', pos);
    size_t end = nl == std::string_view::npos ? csv.size() : nl + 1;
    ++st.line;
    if (csv_parse(&parser, csv.data() + pos, end - pos, OnField, OnRow, &st) != end - pos) {
      std::string why = csv_strerror(csv_error(&parser));
      csv_free(&parser);
      return absl::InvalidArgumentError("malformed CSV: " + why + " (" + path + ":" +
                                        std::to_string(st.line) + ")");
    }
    pos = end;
  }
  if (csv_fini(&parser, OnField, OnRow, &st) != 0) {
    // With CSV_STRICT_FINI the parse error left at the end is a quoted cell never closed: it is
    // located where its quote opened, not at the end of the file it swallowed.
    int error = csv_error(&parser);
    std::string why = error == CSV_EPARSE ? "a quoted cell is not closed" : csv_strerror(error);
    csv_free(&parser);
    size_t line = error == CSV_EPARSE ? OpenQuoteLine(csv) : st.line;
    return absl::InvalidArgumentError("malformed CSV: " + why + " (" + path + ":" +
                                      std::to_string(line) + ")");
  }
  csv_free(&parser);
  if (st.records.empty()) return std::string();
  const Record& header = st.records[0].second;
  auto types = ColumnTypes(schema_json, entity);
  for (size_t i = 0; i < header.cells.size(); ++i) {
    if (!types.empty() && types.find(header.cells[i]) == types.end()) {
      std::string known;
      for (const auto& [name, type] : types) known += (known.empty() ? "" : ", ") + name;
      return absl::InvalidArgumentError("unknown column '" + header.cells[i] + "' in the header (" +
                                        path + ":" + std::to_string(st.records[0].first) +
                                        "); known: " + known);
    }
  }
  std::string out;
  size_t out_line = 0;
  for (size_t r = 1; r < st.records.size(); ++r) {
    const auto& [line, rec] = st.records[r];
    if (rec.cells.size() == 1 && rec.nulls[0]) continue;  // a blank line
    while (out_line + 1 < line) {  // keep JSON Lines numbers equal to the CSV's
      out += '\n';
      ++out_line;
    }
    if (rec.cells.size() != header.cells.size()) {
      return absl::InvalidArgumentError("expected " + std::to_string(header.cells.size()) +
                                        " cells, got " + std::to_string(rec.cells.size()) + " (" +
                                        path + ":" + std::to_string(line) + ")");
    }
    out += '{';
    for (size_t c = 0; c < rec.cells.size(); ++c) {
      if (c) out += ',';
      out += base::QuoteJson(header.cells[c]);
      out += ':';
      const std::string& cell = rec.cells[c];
      if (rec.nulls[c]) {
        out += "null";
        continue;
      }
      auto t = types.find(header.cells[c]);
      std::string_view type = t == types.end() ? "text" : std::string_view(t->second);
      if ((type == "boolean" && (cell == "true" || cell == "false")) ||
          ((type == "json" || type == "array") && !cell.empty()) ||
          (type == "dateTime" && AllDigits(cell))) {
        out += cell;  // JSON as written (validated by the load)
      } else {
        out += base::QuoteJson(cell);
      }
    }
    out += "}\n";
    ++out_line;
  }
  return out;
}

}  // namespace linkgraph::shell
