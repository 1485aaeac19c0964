// Checked access to the parsed expressions of schema text, and literals as JSON
// (schema_text_read.h).
#include <simdjson.h>

#include "base/json_string.h"
#include "dsl/suggest.h"
#include "modules/schema_text_read.h"
#include "modules/value_reader.h"

namespace linkgraph::modules::schema_text {

[[noreturn]] void Fail(size_t offset, std::string message) {
  throw ReadError{offset, std::move(message)};
}

std::string SuggestAmong(std::string_view name, const std::vector<std::string>& known) {
  std::vector<std::string_view> views(known.begin(), known.end());
  return dsl::Suggest(name, views);
}

std::string Describe(const SchemaExpr& e) {
  switch (e.kind) {
    case EKind::kNull: return "null";
    case EKind::kBool: return e.text;
    case EKind::kNumber: return "a number";
    case EKind::kString: return "a string";
    case EKind::kName: return "'" + dsl::Clip(e.text) + "'";
    case EKind::kMember: return "'." + dsl::Clip(e.text) + "'";
    case EKind::kCall: return "a call";
    case EKind::kArrow: return "an arrow function";
    case EKind::kObject: return "an object";
    case EKind::kArray: return "an array";
  }
  return "a value";
}

std::string String(const SchemaExpr& e, std::string_view what) {
  if (e.kind != EKind::kString) {
    Fail(e.offset, "expected " + std::string(what) + " (a string), found " + Describe(e));
  }
  return e.text;
}

bool Bool(const SchemaExpr& e, std::string_view what) {
  if (e.kind != EKind::kBool) {
    Fail(e.offset, "expected true or false for '" + std::string(what) + "', found " + Describe(e));
  }
  return e.text == "true";
}

const SchemaExpr& Object(const SchemaExpr& e, std::string_view what) {
  if (e.kind != EKind::kObject) {
    Fail(e.offset, "expected " + std::string(what) + " (an object), found " + Describe(e));
  }
  return e;
}

const SchemaExpr& Array(const SchemaExpr& e, std::string_view what) {
  if (e.kind != EKind::kArray) {
    Fail(e.offset, "expected " + std::string(what) + " (an array), found " + Describe(e));
  }
  return e;
}

void ExpectArgs(const SchemaExpr& call, size_t min, size_t max, std::string_view shown) {
  size_t n = ArgCount(call);
  if (n < min || n > max) {
    std::string want = min == max ? std::to_string(min) : std::to_string(min) + " to " +
                                                              std::to_string(max);
    Fail(n > max ? Arg(call, max).offset : call.end - 1,
         std::string(shown) + " takes " + want + (max == 1 ? " argument" : " arguments") +
             ", not " + std::to_string(n));
  }
}

// `a.b` / a name -> "a.b" (for messages and for matching callees); "" for anything else.
std::string Path(const SchemaExpr& e) {
  if (e.kind == EKind::kName) return e.text;
  if (e.kind == EKind::kMember) {
    std::string base = Path(e.children[0]);
    return base.empty() ? "" : base + "." + e.text;
  }
  return "";
}

// ---- Values (defaults) ----------------------------------------------------------------------

namespace {

void AppendJson(const SchemaExpr& e, std::string* out) {
  switch (e.kind) {
    case EKind::kNull:
    case EKind::kBool:
    case EKind::kNumber:
      *out += e.text;
      return;
    case EKind::kString:
      *out += base::QuoteJson(e.text);
      return;
    case EKind::kArray:
      out->push_back('[');
      for (size_t i = 0; i < e.children.size(); ++i) {
        if (i) out->push_back(',');
        AppendJson(e.children[i], out);
      }
      out->push_back(']');
      return;
    case EKind::kObject:
      out->push_back('{');
      for (size_t i = 0; i < e.children.size(); ++i) {
        if (i) out->push_back(',');
        *out += base::QuoteJson(e.keys[i]);
        out->push_back(':');
        AppendJson(e.children[i], out);
      }
      out->push_back('}');
      return;
    default:
      Fail(e.offset, "expected a literal value (a string, number, true, false, null, array or "
                     "object), found " + Describe(e));
  }
}

}  // namespace

std::string DefaultJson(std::string_view text, const SchemaExpr& e) {
  std::string json;
  AppendJson(e, &json);  // also checks that it is a literal
  std::string_view raw = text.substr(e.offset, e.end - e.offset);
  if (raw != json && (e.kind == EKind::kObject || e.kind == EKind::kArray || e.kind == EKind::kString)) {
    simdjson::dom::parser parser;
    simdjson::padded_string padded(raw.data(), raw.size());
    simdjson::dom::element element;
    if (parser.parse(padded).get(element) == simdjson::SUCCESS) return std::string(raw);
  }
  return json;
}

}  // namespace linkgraph::modules::schema_text
