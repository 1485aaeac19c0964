#include "engine/plan/bind_match.h"

#include <re2/re2.h>

#include "base/json_string.h"
#include "dsl/location.h"
#include "engine/plan/bind.h"
#include "engine/types/json_text.h"
#include "engine/types/value_convert.h"

namespace linkgraph::plan {

namespace {

using catalog::ColumnType;
using dsl::Literal;

std::string TypeName(ColumnType t) { return std::string(catalog::ColumnTypeName(t)); }

std::string ElementWhere(const dsl::FilterExpr& f, size_t i) {
  return f.values.size() > 1 ? f.where + "[" + std::to_string(i) + "]" : f.where;
}

bool StartsDocument(std::string_view text) {
  size_t i = text.find_first_not_of(" \t\r\n");
  return i != std::string_view::npos && (text[i] == '{' || text[i] == '[');
}

}  // namespace

absl::StatusOr<std::shared_ptr<const re2::RE2>> CompileRegex(const std::string& pattern,
                                                             const std::string& column,
                                                             const std::string& where) {
  re2::RE2::Options options;
  options.set_log_errors(false);
  auto re = std::make_shared<const re2::RE2>(pattern, options);
  if (!re->ok()) {
    return dsl::InvalidAt("invalid regular expression for '" + column + "': " + re->error(), where);
  }
  return re;
}

absl::Status BindRegex(const dsl::FilterExpr& f, const catalog::ColumnDef& column, Predicate* p) {
  if (column.type != ColumnType::kText && column.type != ColumnType::kId &&
      column.type != ColumnType::kEnum) {
    return dsl::InvalidAt("$re applies to text, id and enum fields, not to " +
                              TypeName(column.type) + " '" + column.name + "'",
                          f.where);
  }
  if (f.values.size() == 1 && f.values[0].kind == Literal::Kind::kParam) {
    // Parameters are bound after Bind, by BindLiteral, which neither keeps an enum pattern nor
    // compiles one: refused until the parameter binder compiles patterns (CompileRegex).
    return dsl::InvalidAt("$re takes a string pattern, not a parameter", f.where);
  }
  if (f.values.size() != 1 || f.values[0].kind != Literal::Kind::kString) {
    return dsl::InvalidAt("$re takes one string pattern", f.where);
  }
  BoundValue v;
  v.s = f.values[0].text;
  absl::StatusOr<std::shared_ptr<const re2::RE2>> re = CompileRegex(v.s, column.name, f.where);
  if (!re.ok()) return re.status();
  p->regex = std::move(*re);
  p->values.push_back(std::move(v));
  return absl::OkStatus();
}

absl::Status BindContains(const dsl::FilterExpr& f, const catalog::ColumnDef& column,
                          Predicate* p) {
  if (column.type != ColumnType::kArray && column.type != ColumnType::kJson) {
    return dsl::InvalidAt("$contains applies to array and json fields, not to " +
                              TypeName(column.type) + " '" + column.name + "'",
                          f.where);
  }
  for (size_t i = 0; i < f.values.size(); ++i) {
    const Literal& lit = f.values[i];
    if (lit.kind == Literal::Kind::kNull) {
      return dsl::InvalidAt("null can only be compared with = or !=", ElementWhere(f, i));
    }
    if (lit.kind == Literal::Kind::kParam) {
      return dsl::InvalidAt("$contains takes values, not parameters", ElementWhere(f, i));
    }
  }
  BoundValue needle;
  // A document: the object form's kJson, or a string starting with { or [ (the text form's).
  bool document =
      f.values.size() == 1 &&
      (f.values[0].kind == Literal::Kind::kJson ||
       (f.values[0].kind == Literal::Kind::kString && StartsDocument(f.values[0].text)));
  if (column.type == ColumnType::kJson && document) {
    absl::StatusOr<std::string> doc = types::CanonicalJson(f.values[0].text);
    if (!doc.ok()) {
      return dsl::InvalidAt(
          "invalid JSON document for '" + column.name + "': " + dsl::Msg(doc.status()), f.where);
    }
    needle.s = std::move(*doc);
    p->values.push_back(std::move(needle));
    return absl::OkStatus();
  }
  bool as_array = column.type == ColumnType::kArray || f.values.size() != 1;
  if (as_array) needle.s = "[";
  for (size_t i = 0; i < f.values.size(); ++i) {
    const Literal& lit = f.values[i];
    if (i > 0) needle.s += ',';
    if (lit.kind == Literal::Kind::kString) {
      base::AppendJsonString(lit.text, &needle.s);
      continue;
    }
    if (column.type == ColumnType::kArray || lit.kind == Literal::Kind::kJson) {
      // The element check a written array gets (engine/types/value_convert.h).
      absl::StatusOr<std::string_view> element =
          types::ArrayElementInput(InputOf(lit), column.name);
      return dsl::InvalidAt(dsl::Msg(element.status()), ElementWhere(f, i));
    }
    if (lit.kind == Literal::Kind::kBool) {
      needle.s += lit.boolean ? "true" : "false";
      continue;
    }
    absl::StatusOr<std::string> number = types::CanonicalJson(lit.text);
    if (!number.ok() || number->empty() || (*number)[0] == '"') {
      return dsl::InvalidAt("invalid JSON number " + lit.text + " for '" + column.name + "'",
                            ElementWhere(f, i));
    }
    needle.s += *number;
  }
  if (as_array) needle.s += "]";
  p->values.push_back(std::move(needle));
  return absl::OkStatus();
}

}  // namespace linkgraph::plan
