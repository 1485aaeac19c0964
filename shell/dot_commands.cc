// The executor's dot commands (DESIGN.md §6): `.schema [ENTITY]`, `.explain [analyze] STATEMENT`,
// `.timer on|off`, `.format json|table`, `.maxrows N`, `.param set NAME JSON` / `.param clear`,
// `.dump DIR`, `.read FILE`, `.checkpoint`, `.backup DIR`, `.migrations`, `.help`, `.quit`.
#include <cctype>
#include <charconv>

#include "absl/strings/ascii.h"
#include "absl/time/time.h"
#include "base/json_string.h"
#include "dsl/location.h"
#include "shell/dump.h"
#include "shell/json_text.h"
#include "shell/locate.h"
#include "shell/read_file.h"
#include "shell/shell.h"

namespace linkgraph::shell {

namespace {

constexpr int kMaxReadDepth = 16;

constexpr char kHelp[] =
    R"(Statements (end each with ';'; keywords are case-insensitive; quote names "like_this"):
  graph ENTITY fields FIELD, ... [where FILTER] [order by KEY [asc|desc], ...] [skip N] [take N]
        [with deleted]
  graph {"entity": ..., "fields": [...], "filters": ..., "pagination": {...}}
  create ENTITY {row} | [rows]             update ENTITY {row with its key} | [rows]
  update ENTITY set {fields} where FILTER  delete ENTITY where FILTER
  soft delete ENTITY where FILTER          restore ENTITY where FILTER
  link {link row} | [rows]   dismiss {link row} | [rows]   unlink {link row} | [rows]
  load [ENTITY from] 'FILE'                (.jsonl, .ndjson, .json)
  begin;  ...  commit;  rollback;
FILTER is the text form (status = 'published' and product_reviews.rating >= 4) or the object
form ({"status": "published"}).
Dot commands (one line each, no ';'):
  .schema [ENTITY]      the schema in the schema language (docs/schema.md)
  .explain [analyze] graph ...
  .timer on|off         .format json|table   .maxrows [N|off]  (rows a table shows)
  .timeout [5s|500ms|off]  .maxbytes [256MB|off]   (query limits; no argument: show)
  .param set NAME JSON  .param list            .param clear
  .tables               .version
  .dump DIR             .read FILE
  .checkpoint           .backup DIR   (a durable database's checkpoint; a copy of the data)
  .migrations           the migrations applied (linkgraph migrate), each with its steps
  .help                 .quit (or .exit)
)";

// The words of `text` separated by blanks.
std::vector<std::pair<std::string_view, size_t>> Words(std::string_view text) {
  std::vector<std::pair<std::string_view, size_t>> words;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    size_t start = i;
    while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    if (i > start) words.emplace_back(text.substr(start, i - start), start);
  }
  return words;
}

// `.timeout` / `.maxbytes` values: "off" or a whole number (with `bytes`, a KB/MB/GB suffix of
// powers of 1024); nullopt when malformed or out of range.
std::optional<int64_t> ParseCount(std::string_view text, bool bytes) {
  if (text == "off" || text == "0") return 0;
  int64_t scale = 1;
  std::string upper(text);
  absl::AsciiStrToUpper(&upper);
  for (auto [suffix, factor] : {std::pair<std::string_view, int64_t>{"KB", int64_t{1} << 10},
                                {"MB", int64_t{1} << 20}, {"GB", int64_t{1} << 30}}) {
    if (bytes && upper.size() > 2 && std::string_view(upper).substr(upper.size() - 2) == suffix) {
      scale = factor;
      upper.resize(upper.size() - 2);
    }
  }
  if (upper.empty() || upper.size() > 12) return std::nullopt;
  int64_t v = 0;
  for (char c : upper) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  if (v > (int64_t{1} << 50) / scale) return std::nullopt;
  return v * scale;
}

// `.timeout` values in milliseconds: "off", N (milliseconds), Nms, Ns, Nm.
std::optional<int64_t> ParseDuration(std::string_view text) {
  int64_t scale = 1;
  for (auto [suffix, factor] : {std::pair<std::string_view, int64_t>{"ms", 1}, {"s", 1000},
                                {"m", 60000}}) {
    if (text.size() > suffix.size() && text.substr(text.size() - suffix.size()) == suffix) {
      scale = factor;
      text.remove_suffix(suffix.size());
      break;
    }
  }
  std::optional<int64_t> v = ParseCount(text, false);
  if (!v || *v > (int64_t{1} << 40) / scale) return std::nullopt;
  return *v * scale;
}

// 5000 -> "5s", 1500 -> "1500ms", 120000 -> "2m".
std::string FormatDuration(int64_t ms) {
  if (ms % 60000 == 0) return std::to_string(ms / 60000) + "m";
  if (ms % 1000 == 0) return std::to_string(ms / 1000) + "s";
  return std::to_string(ms) + "ms";
}

// 1073741824 -> "1GB", 1536 -> "1536 bytes" (whole units only).
std::string FormatBytes(int64_t v) {
  for (auto [suffix, factor] : {std::pair<const char*, int64_t>{"GB", int64_t{1} << 30},
                                {"MB", int64_t{1} << 20}, {"KB", int64_t{1} << 10}}) {
    if (v % factor == 0) return std::to_string(v / factor) + suffix;
  }
  return std::to_string(v) + " bytes";
}

// `micros` since the epoch as the shell prints dateTimes: `2026-01-02T03:04:05.001Z` (6 fraction
// digits when not a whole millisecond).
std::string IsoTime(int64_t micros) {
  const char* format = micros % 1000 == 0 ? "%Y-%m-%d%ET%H:%M:%E3SZ" : "%Y-%m-%d%ET%H:%M:%E6SZ";
  return absl::FormatTime(format, absl::FromUnixMicros(micros), absl::UTCTimeZone());
}

// `.migrations`: one line per migration (its number, when it was applied, how many steps), its
// steps indented below it.
std::string MigrationsText(const std::vector<MigrationInfo>& migrations) {
  if (migrations.empty()) return "no migrations\n";
  std::string text;
  for (const MigrationInfo& m : migrations) {
    text += "migration " + std::to_string(m.number) + "  " + IsoTime(m.applied_micros) + "  " +
            std::to_string(m.steps.size()) + (m.steps.size() == 1 ? " step\n" : " steps\n");
    for (const std::string& step : m.steps) text += "  " + step + "\n";
  }
  return text;
}

// A parameter's value as the JSON `.param set` reads.
std::string ParamJson(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::kNull: return "null";
    case Value::Kind::kBool: return v.boolean() ? "true" : "false";
    case Value::Kind::kInt: return std::to_string(v.integer());
    case Value::Kind::kDouble: {
      char buf[32];
      auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v.floating());
      return ec == std::errc() ? std::string(buf, end) : "null";
    }
    case Value::Kind::kString: return base::QuoteJson(v.string());
  }
  return "null";
}

absl::StatusOr<Value> ParamValue(std::string_view json) {
  size_t first = json.find_first_not_of(" \t");
  json = first == std::string_view::npos ? "" : json.substr(first);
  switch (KindOf(json)) {
    case JsonKind::kNull:
      if (json == "null") return Value();
      break;
    case JsonKind::kBool:
      if (json == "true" || json == "false") return Value(json == "true");
      break;
    case JsonKind::kString:
      if (SkipJsonValue(json, 0) == json.size()) {
        if (std::optional<std::string> s = DecodeJsonString(json)) return Value(*s);
      }
      break;
    case JsonKind::kNumber: {
      int64_t i = 0;
      auto [end, ec] = std::from_chars(json.data(), json.data() + json.size(), i);
      if (ec == std::errc() && end == json.data() + json.size()) return Value(i);
      double d = 0;
      auto [dend, dec] = std::from_chars(json.data(), json.data() + json.size(), d);
      if (dec == std::errc() && dend == json.data() + json.size()) return Value(d);
      break;
    }
    default:
      break;
  }
  return absl::InvalidArgumentError("a parameter is a JSON string, number, boolean or null");
}

}  // namespace

void Shell::RunDot(const SourcePtr& source, const Split& split, const Chunk& chunk) {
  absl::Status status = Dot(source, split, chunk);
  if (!status.ok()) Fail(status, source.get());
}

absl::Status Shell::Dot(const SourcePtr& source, const Split& split, const Chunk& chunk) {
  std::string_view text =
      std::string_view(source->text).substr(chunk.begin, chunk.end - chunk.begin);
  // A ';' ending the line is ignored (`.tables;`, copied from a statement list).
  while (!text.empty() && (text.back() == ';' || text.back() == ' ' || text.back() == '\t')) {
    text.remove_suffix(1);
  }
  std::vector<std::pair<std::string_view, size_t>> words = Words(text);
  std::string_view command = words[0].first;
  auto error_at = [&](size_t offset, std::string_view message) {
    return InvalidAt(source->text, chunk.begin + offset, message);
  };
  auto arg_error = [&](std::string_view usage) {
    size_t at = words.size() > 1 ? words[1].second : text.size();
    return error_at(at, "usage: " + std::string(usage));
  };
  // The rest of the line after word `i` (blanks trimmed), and its offset in `text`.
  auto rest_from = [&](size_t i) -> std::pair<std::string_view, size_t> {
    if (i >= words.size()) return {std::string_view(), text.size()};
    return {text.substr(words[i].second), words[i].second};
  };

  if (command == ".help") {
    out_.Text(kHelp);
    return absl::OkStatus();
  }
  if (command == ".quit" || command == ".exit") {
    // Answering no keeps the shell and the open transaction.
    if (txn_ && confirm_quit_ && !confirm_quit_()) return absl::OkStatus();
    quit_ = true;
    return absl::OkStatus();
  }
  if (command == ".version") {
    if (words.size() != 1) return arg_error(".version");
    out_.Text("linkgraph " + std::string(Database::Version()) + "\n");
    return absl::OkStatus();
  }
  if (command == ".tables") {
    // Every entity (pivots included) as module.entity, its live rows and the relations (link
    // aliases included) a query may walk from it.
    if (words.size() != 1) return arg_error(".tables");
    std::string listing;
    for (const ModuleStats& m : db_->Stats().modules) {
      for (const TableStats& t : m.tables) {
        listing += t.entity + "  " + std::to_string(t.live_rows) +
                   (t.live_rows == 1 ? " row" : " rows");
        absl::StatusOr<EntityInfo> info = db_->Describe(t.entity);
        if (info.ok() && !info->relations.empty()) {
          listing += "  relations:";
          for (size_t i = 0; i < info->relations.size(); ++i) {
            listing += (i == 0 ? " " : ", ") + info->relations[i].name;
          }
        }
        listing += "\n";
      }
    }
    if (!listing.empty()) out_.Text(listing);
    return absl::OkStatus();
  }
  if (command == ".schema") {
    // The schema language (docs/schema.md), each model with its relations and link aliases.
    if (words.size() > 2) return arg_error(".schema [ENTITY]");
    std::string entity = words.size() == 2 ? std::string(words[1].first) : "";
    absl::StatusOr<std::string> text = db_->SchemaText(entity);
    if (!text.ok()) return error_at(words[1].second, dsl::MessageWithoutWhere(text.status()));
    out_.Text(text->empty() ? "// no schema registered\n" : *text);
    return absl::OkStatus();
  }
  if (command == ".timer" || command == ".format") {
    bool timer = command == ".timer";
    std::string_view usage = timer ? ".timer on|off" : ".format json|table";
    if (words.size() == 1) {
      std::string value = timer ? (timer_ ? "on" : "off")
                                : (out_.format() == Format::kJson ? "json" : "table");
      out_.Text(std::string(command.substr(1)) + ": " + value + "\n");
      return absl::OkStatus();
    }
    if (words.size() != 2) return arg_error(usage);
    std::string_view v = words[1].first;
    if (timer && (v == "on" || v == "off")) {
      timer_ = v == "on";
    } else if (!timer && (v == "json" || v == "table")) {
      out_.set_format(v == "json" ? Format::kJson : Format::kTable);
    } else {
      return arg_error(usage);
    }
    return absl::OkStatus();
  }
  if (command == ".timeout" || command == ".maxbytes") {
    bool timeout = command == ".timeout";
    std::string_view usage =
        timeout ? ".timeout [DURATION|off] (500ms, 5s, 2m)" : ".maxbytes [SIZE|off] (64KB, 256MB, 1GB)";
    if (words.size() > 2) return arg_error(usage);
    if (words.size() == 1) {
      int64_t v = timeout ? timeout_ms_ : static_cast<int64_t>(max_result_bytes_);
      std::string shown = v == 0 ? "off" : timeout ? FormatDuration(v) : FormatBytes(v);
      out_.Text(std::string(command.substr(1)) + ": " + shown + "\n");
      return absl::OkStatus();
    }
    std::optional<int64_t> v =
        timeout ? ParseDuration(words[1].first) : ParseCount(words[1].first, true);
    if (!v) return arg_error(usage);
    if (timeout) {
      timeout_ms_ = *v;
    } else {
      max_result_bytes_ = static_cast<size_t>(*v);
    }
    return absl::OkStatus();
  }
  if (command == ".maxrows") {
    // The rows a table shows; 0 or off: all.
    if (words.size() > 2) return arg_error(".maxrows [N|off]");
    if (words.size() == 1) {
      out_.Text("maxrows: " + (max_rows_ == 0 ? std::string("off") : std::to_string(max_rows_)) +
                "\n");
      return absl::OkStatus();
    }
    std::optional<int64_t> v = ParseCount(words[1].first, false);
    if (!v) return arg_error(".maxrows [N|off]");
    max_rows_ = static_cast<size_t>(*v);
    return absl::OkStatus();
  }
  if (command == ".param") {
    if (words.size() == 2 && words[1].first == "clear") {
      params_.clear();
      return absl::OkStatus();
    }
    if (words.size() == 2 && words[1].first == "list") {
      std::string listing;
      for (const auto& [name, value] : params_) {
        listing += "$" + name + " = " + ParamJson(value) + "\n";
      }
      if (!listing.empty()) out_.Text(listing);
      return absl::OkStatus();
    }
    if (words.size() < 4 || words[1].first != "set") {
      return arg_error(".param set NAME JSON | .param list | .param clear");
    }
    std::string name(words[2].first);
    if (!name.empty() && name[0] == '$') name.erase(0, 1);
    auto [json, at] = rest_from(3);
    absl::StatusOr<Value> value = ParamValue(json);
    if (!value.ok()) return error_at(at, dsl::Msg(value.status()));
    params_[name] = *value;
    return absl::OkStatus();
  }
  if (command == ".dump" || command == ".read") {
    bool dump = command == ".dump";
    auto [path, at] = rest_from(1);
    if (path.empty()) return arg_error(dump ? ".dump DIR" : ".read FILE");
    absl::Status s = dump ? Dump(*db_, std::string(path)) : Read(std::string(path));
    // Located at the path, keeping the code (a system error is not InvalidArgument).
    if (!s.ok()) {
      return dsl::ErrorAt(s.code(), dsl::MessageWithoutWhere(s),
                          Where(PositionAt(source->text, chunk.begin + at)));
    }
    return absl::OkStatus();
  }
  if (command == ".explain") {
    size_t next = 1;
    bool analyze = words.size() > 1 && words[1].first == "analyze";
    if (analyze) ++next;
    if (next >= words.size()) return arg_error(".explain [analyze] graph ...");
    return Explain(source, split, chunk.begin + words[next].second, chunk.end, analyze);
  }
  if (command == ".migrations") {
    if (words.size() > 1) return arg_error(".migrations");
    out_.Text(MigrationsText(db_->Migrations()));
    return absl::OkStatus();
  }
  if (command == ".checkpoint") {
    if (words.size() > 1) return arg_error(".checkpoint");
    absl::Status s = db_->Checkpoint();
    if (!s.ok()) {
      return dsl::ErrorAt(s.code(), std::string(s.message()),
                          Where(PositionAt(source->text, chunk.begin)));
    }
    return absl::OkStatus();
  }
  if (command == ".backup") {
    auto [path, at] = rest_from(1);
    if (path.empty()) return arg_error(".backup DIR");
    absl::Status s = db_->Backup(std::string(path));
    if (!s.ok()) {
      return dsl::ErrorAt(s.code(), dsl::MessageWithoutWhere(s),
                          Where(PositionAt(source->text, chunk.begin + at)));
    }
    return absl::OkStatus();
  }
  return error_at(0, "unknown command '" + std::string(command) +
                         "'; commands: .schema, .tables, .explain, .timer, .format, .maxrows, "
                         ".timeout, .maxbytes, .param, .dump, .read, .checkpoint, .backup, .migrations, "
                         ".version, "
                         ".help, .quit, .exit");
}

absl::Status Shell::Explain(const SourcePtr& source, const Split& split, size_t begin, size_t end,
                            bool analyze) {
  Chunk chunk{Chunk::Kind::kStatement, begin, end, false};
  LG_ASSIGN_OR_RETURN(Statement st, dsl::ParseStatement(source->text, split.blanked, chunk));
  if (st.kind != Statement::Kind::kGraph && st.kind != Statement::Kind::kGraphJson) {
    return InvalidAt(source->text, st.offset, ".explain takes a graph statement");
  }
  ExplainOptions options;
  options.analyze = analyze;
  absl::StatusOr<std::string> plan = st.kind == Statement::Kind::kGraph
                                         ? db_->Explain(RequestOf(st), options)
                                         : db_->ExplainJson(st.json.text, options);
  if (!plan.ok()) return Relocate(plan.status(), source->text, st);
  out_.Text(*plan);
  return absl::OkStatus();
}

absl::Status Shell::Read(const std::string& path) {
  if (read_depth_ >= kMaxReadDepth) {
    return absl::InvalidArgumentError("cannot read '" + path + "': .read nested more than " +
                                      std::to_string(kMaxReadDepth) + " deep");
  }
  LG_ASSIGN_OR_RETURN(std::string text, ReadFile(path));
  ++read_depth_;
  Run(std::make_shared<Source>(Source{path, std::move(text)}));
  --read_depth_;
  return absl::OkStatus();
}

}  // namespace linkgraph::shell
