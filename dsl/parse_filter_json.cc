// The object form of filters (Medusa's): JSON -> FilterExpr.
#include <array>
#include <optional>
#include <vector>

#include "dsl/json_input.h"
#include "dsl/location.h"
#include "dsl/parse.h"
#include "dsl/parse_internal.h"
#include "dsl/suggest.h"

namespace linkgraph::dsl {

namespace internal {

std::string_view JsonTypeName(simdjson::ondemand::json_type type) {
  using T = simdjson::ondemand::json_type;
  switch (type) {
    case T::array: return "array";
    case T::object: return "object";
    case T::number: return "number";
    case T::string: return "string";
    case T::boolean: return "boolean";
    case T::null: return "null";
  }
  return "value";
}

namespace {

using simdjson::ondemand::json_type;

struct OpName {
  std::string_view name;
  CompareOp op;
};
constexpr std::array<OpName, 13> kOps = {{
    {"$eq", CompareOp::kEq}, {"$ne", CompareOp::kNe}, {"$in", CompareOp::kIn},
    {"$nin", CompareOp::kNin}, {"$gt", CompareOp::kGt}, {"$gte", CompareOp::kGte},
    {"$lt", CompareOp::kLt}, {"$lte", CompareOp::kLte}, {"$like", CompareOp::kLike},
    {"$ilike", CompareOp::kILike}, {"$re", CompareOp::kRe}, {"$exists", CompareOp::kExists},
    {"$contains", CompareOp::kContains},
}};

std::optional<CompareOp> FindOp(std::string_view name) {
  for (const OpName& o : kOps) {
    if (o.name == name) return o.op;
  }
  return std::nullopt;
}

// "unknown operator '$eqq'; did you mean '$eq'?" (DESIGN.md §7), or "…; known: $eq, …" listing
// the operators of a field: the comparisons, then $and, $or and $not.
JsonError UnknownOperator(std::string_view name, const std::string& where) {
  std::vector<std::string_view> known;
  for (const OpName& o : kOps) known.push_back(o.name);
  for (std::string_view logical : {"$and", "$or", "$not"}) known.push_back(logical);
  return JsonError{"unknown operator '" + Clip(name) + "'; " + Suggest(name, known), where};
}

std::vector<std::string> SplitPath(std::string_view key) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t dot = key.find('.', start);
    out.emplace_back(key.substr(start, dot == std::string_view::npos ? dot : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return out;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// JSON's number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
bool IsJsonNumber(std::string_view s) {
  size_t i = 0;
  const size_t n = s.size();
  auto digits = [&] {
    size_t start = i;
    while (i < n && IsDigit(s[i])) ++i;
    return i > start;
  };
  if (i < n && s[i] == '-') ++i;
  if (i < n && s[i] == '0') {
    ++i;
  } else if (!digits()) {
    return false;
  }
  if (i < n && s[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < n && (s[i] == '+' || s[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == n;
}

class FilterReader {
 public:
  FilterExpr ReadObject(JsonValue value, const std::string& where, size_t depth);

 private:
  void ReadFields(simdjson::ondemand::object obj, const std::string& where, size_t depth,
                  FilterExpr* out);
  void ReadEntry(std::string_view key, JsonValue value, const std::string& where, size_t depth,
                 FilterExpr* out);
  void ReadOperators(const std::vector<std::string>& path, simdjson::ondemand::object obj,
                     const std::string& where, size_t depth, FilterExpr* out);
  FilterExpr ReadOperator(const std::vector<std::string>& path, std::string_view op_name,
                          JsonValue value, const std::string& where, size_t depth);
  void ReadPathObject(const std::vector<std::string>& path, simdjson::ondemand::object obj,
                      const std::string& where, size_t depth, bool empty_is_filter,
                      FilterExpr* out);
  static bool IsNestedFilter(simdjson::ondemand::object& obj, const std::string& where,
                             size_t depth, bool empty_is_filter);
  FilterExpr ReadContains(const std::vector<std::string>& path, JsonValue value,
                          const std::string& where);
};

void CheckDepth(size_t depth, const std::string& where) {
  if (depth > kMaxFilterDepth) {
    throw JsonError{"filter nested deeper than " + std::to_string(kMaxFilterDepth), where};
  }
}

FilterExpr FilterReader::ReadObject(JsonValue value, const std::string& where, size_t depth) {
  CheckDepth(depth, where);
  if (value.type() != json_type::object) {
    throw JsonError{"expected an object, got " + std::string(JsonTypeName(value.type())), where};
  }
  FilterExpr out;
  out.kind = FilterExpr::Kind::kAnd;
  out.where = where;
  ReadFields(value.get_object(), where, depth, &out);
  return out;
}

void FilterReader::ReadFields(simdjson::ondemand::object obj, const std::string& where,
                              size_t depth, FilterExpr* out) {
  SeenKeys seen;
  for (auto field : obj) {
    std::string key(field.unescaped_key().value());
    std::string child_where = MemberWhere(where, key);
    CheckUniqueKey(key, child_where, &seen);
    ReadEntry(key, field.value(), child_where, depth + 1, out);
  }
}

void FilterReader::ReadEntry(std::string_view key, JsonValue value, const std::string& where,
                             size_t depth, FilterExpr* out) {
  if (key == "$and" || key == "$or") {
    if (value.type() != json_type::array) {
      throw JsonError{std::string(key) + " takes an array of filters", where};
    }
    if (key == "$and") {
      // Conjuncts never nest (parse_filter_text.cc, rule 1): splice each filter's entries.
      size_t i = 0;
      for (auto item : value.get_array()) {
        FilterExpr all =
            ReadObject(item.value(), where + "[" + std::to_string(i++) + "]", depth + 1);
        for (FilterExpr& c : all.children) out->children.push_back(std::move(c));
      }
      return;
    }
    FilterExpr group;
    group.kind = FilterExpr::Kind::kOr;
    group.where = where;
    size_t i = 0;
    for (auto item : value.get_array()) {
      group.children.push_back(
          ReadObject(item.value(), where + "[" + std::to_string(i++) + "]", depth + 1));
    }
    if (group.children.size() == 1) {
      // An $or of one filter is that filter (parse_filter_text.cc, rule 2): splice it.
      for (FilterExpr& c : group.children[0].children) out->children.push_back(std::move(c));
      return;
    }
    out->children.push_back(std::move(group));
    return;
  }
  if (key == "$not") {
    FilterExpr neg;
    neg.kind = FilterExpr::Kind::kNot;
    neg.where = where;
    neg.children.push_back(ReadObject(value, where, depth + 1));
    out->children.push_back(std::move(neg));
    return;
  }
  if (!key.empty() && key[0] == '$') {
    if (FindOp(key) || key == "$param") {
      throw JsonError{"operator '" + std::string(key) + "' applies to a field: write " +
                          "{\"<field>\": {\"" + std::string(key) + "\": ...}}",
                      where};
    }
    // At the level of a filter, the only operators are the logical ones.
    throw JsonError{
        "unknown operator '" + Clip(key) + "'; " + Suggest(key, {"$and", "$or", "$not"}), where};
  }
  if (key == "q") {
    FilterExpr search;
    search.kind = FilterExpr::Kind::kSearch;
    search.where = where;
    search.values.push_back(ReadLiteral(value, where));
    out->children.push_back(std::move(search));
    return;
  }
  std::vector<std::string> path = SplitPath(key);
  for (const std::string& part : path) {
    if (part.empty()) throw JsonError{"empty name in filter key '" + Clip(key) + "'", where};
  }
  json_type type = value.type();
  if (type == json_type::array) {
    FilterExpr cmp;
    cmp.kind = FilterExpr::Kind::kCompare;
    cmp.path = path;
    cmp.op = CompareOp::kIn;
    cmp.where = where;
    size_t i = 0;
    for (auto item : value.get_array()) {
      cmp.values.push_back(ReadLiteral(item.value(), where + "[" + std::to_string(i++) + "]"));
    }
    out->children.push_back(std::move(cmp));
    return;
  }
  if (type != json_type::object) {
    FilterExpr cmp;
    cmp.kind = FilterExpr::Kind::kCompare;
    cmp.path = path;
    cmp.op = CompareOp::kEq;
    cmp.where = where;
    cmp.values.push_back(ReadLiteral(value, where));
    out->children.push_back(std::move(cmp));
    return;
  }
  ReadPathObject(path, value.get_object(), where, depth, /*empty_is_filter=*/true, out);
}

// An object under a path: operators on a field ({"$gte": 4}), a parameter ({"$param": "x"}), or
// a nested filter through a relation ({"rating": ..., "$or": [...]}) which is one EXISTS.
// Field names, $and and $or make a nested filter; other operators make operators; $not goes with
// what its own object holds: over a nested filter it makes a nested filter, so that
// {alias: {$not: {rating: 1}}} is one EXISTS with the not inside, `alias.(not rating = 1)`
// (DESIGN.md §7), and over operators it makes operators. An empty object is an empty nested
// filter if `empty_is_filter`, else no operators.
void FilterReader::ReadPathObject(const std::vector<std::string>& path,
                                  simdjson::ondemand::object obj, const std::string& where,
                                  size_t depth, bool empty_is_filter, FilterExpr* out) {
  if (!IsNestedFilter(obj, where, depth, empty_is_filter)) {
    ReadOperators(path, obj, where, depth, out);
    return;
  }
  FilterExpr group;
  group.kind = FilterExpr::Kind::kGroup;
  group.path = path;
  group.where = where;
  CheckDepth(depth + 1, where);
  ReadFields(obj, where, depth + 1, &group);
  out->children.push_back(std::move(group));
}

// The first (up to) five characters of an object key, read from its raw JSON text. Keys must not
// be unescaped twice: simdjson On-Demand's string buffer holds each string of the document once
// (an object iterated twice with unescaped_key() overflowed it), so a pass that only classifies
// keys reads them raw. Non-ASCII characters come out as '\x80'.
std::string KeyPrefix(simdjson::ondemand::raw_json_string key) {
  const char* p = key.raw();
  std::string out;
  while (out.size() < 5 && *p != '"') {
    if (*p != '\\') {
      out += *p++;
      continue;
    }
    ++p;
    if (*p != 'u') {
      static constexpr std::string_view kFrom = "bfnrt", kTo = "\b\f\n\r\t";
      size_t i = kFrom.find(*p);
      out += i == std::string_view::npos ? *p : kTo[i];
      ++p;
      continue;
    }
    unsigned cp = 0;
    for (int k = 1; k <= 4; ++k) {
      char c = p[k];
      cp = cp * 16 + static_cast<unsigned>(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
    }
    p += 5;
    out += cp < 0x80 ? static_cast<char>(cp) : '\x80';
  }
  return out;
}

// What the keys of an object under a path make (see ReadPathObject). Reads keys raw and does not
// rewind `obj`; follows $not into its object, `depth` counting the levels.
enum class PathObject : uint8_t { kEmpty, kOperators, kFilter };

PathObject ClassifyPathObject(simdjson::ondemand::object obj, const std::string& where,
                              size_t depth) {
  CheckDepth(depth, where);
  bool any_key = false, any_op = false, any_name = false;
  for (auto field : obj) {
    std::string k = KeyPrefix(field.key());
    any_key = true;
    if (k.empty() || k[0] != '$' || k == "$and" || k == "$or") {
      any_name = true;
    } else if (k == "$not") {
      JsonValue v = field.value();
      if (v.type() == json_type::object &&
          ClassifyPathObject(v.get_object(), where, depth + 1) == PathObject::kFilter) {
        any_name = true;
      }
    } else {
      any_op = true;
    }
  }
  if (any_op && any_name) {
    throw JsonError{"cannot mix operators and field names in one object", where};
  }
  return any_name ? PathObject::kFilter : any_key ? PathObject::kOperators : PathObject::kEmpty;
}

bool FilterReader::IsNestedFilter(simdjson::ondemand::object& obj, const std::string& where,
                                  size_t depth, bool empty_is_filter) {
  PathObject kind = ClassifyPathObject(obj, where, depth);
  obj.reset();
  return kind == PathObject::kFilter || (kind == PathObject::kEmpty && empty_is_filter);
}

void FilterReader::ReadOperators(const std::vector<std::string>& path,
                                 simdjson::ondemand::object obj, const std::string& where,
                                 size_t depth, FilterExpr* out) {
  SeenKeys seen;
  for (auto field : obj) {
    std::string op(field.unescaped_key().value());
    std::string op_where = MemberWhere(where, op);
    CheckUniqueKey(op, op_where, &seen);
    JsonValue v = field.value();
    if (op == "$param") {
      FilterExpr cmp;
      cmp.kind = FilterExpr::Kind::kCompare;
      cmp.path = path;
      cmp.op = CompareOp::kEq;
      cmp.where = where;
      if (v.type() != json_type::string) throw JsonError{"$param takes a name", op_where};
      Literal lit;
      lit.kind = Literal::Kind::kParam;
      lit.text = std::string(v.get_string().value());
      lit.where = where;  // {"rank": {"$param": "x"}} stands for {"rank": <x>}
      cmp.values.push_back(std::move(lit));
      out->children.push_back(std::move(cmp));
      continue;
    }
    out->children.push_back(ReadOperator(path, op, v, op_where, depth + 1));
  }
}

FilterExpr FilterReader::ReadOperator(const std::vector<std::string>& path,
                                      std::string_view op_name, JsonValue value,
                                      const std::string& where, size_t depth) {
  CheckDepth(depth, where);
  if (op_name == "$not") {
    if (value.type() != json_type::object) throw JsonError{"$not takes an object", where};
    FilterExpr neg;
    neg.kind = FilterExpr::Kind::kNot;
    neg.where = where;
    FilterExpr inner;
    inner.kind = FilterExpr::Kind::kAnd;
    inner.where = where;
    // {alias: {$not: {rating: 3}}}: not over the nested filter, `not alias.(rating = 3)`.
    ReadPathObject(path, value.get_object(), where, depth + 1, /*empty_is_filter=*/false,
                   &inner);
    neg.children.push_back(std::move(inner));
    return neg;
  }
  std::optional<CompareOp> op = FindOp(op_name);
  if (!op) throw UnknownOperator(op_name, where);
  if (*op == CompareOp::kContains) return ReadContains(path, value, where);
  FilterExpr cmp;
  cmp.kind = FilterExpr::Kind::kCompare;
  cmp.path = path;
  cmp.op = *op;
  cmp.where = where;
  bool list_op = *op == CompareOp::kIn || *op == CompareOp::kNin;
  if (value.type() == json_type::array) {
    if (!list_op) {
      throw JsonError{std::string(op_name) + " takes a single value, not an array", where};
    }
    size_t i = 0;
    for (auto item : value.get_array()) {
      cmp.values.push_back(ReadLiteral(item.value(), where + "[" + std::to_string(i++) + "]"));
    }
  } else {
    if (list_op) throw JsonError{std::string(op_name) + " takes an array", where};
    cmp.values.push_back(ReadLiteral(value, where));
    if (*op == CompareOp::kExists && cmp.values[0].kind != Literal::Kind::kBool) {
      throw JsonError{"$exists takes true or false", where};
    }
  }
  return cmp;
}

// The value of $contains: a scalar or a list of scalars as for other operators, or a JSON document
// (PostgreSQL's `@>`): an object, or an array holding an object or an array, is one kJson literal
// of its text. {"$param": name} stays a parameter. The binder checks the document (types::
// CanonicalJson bounds its depth).
FilterExpr FilterReader::ReadContains(const std::vector<std::string>& path, JsonValue value,
                                      const std::string& where) {
  FilterExpr cmp;
  cmp.kind = FilterExpr::Kind::kCompare;
  cmp.path = path;
  cmp.op = CompareOp::kContains;
  cmp.where = where;
  auto is_param = [](simdjson::ondemand::object obj) {
    for (auto field : obj) return RawKeyIs(field.key(), "$param");
    return false;
  };
  Literal doc;
  doc.kind = Literal::Kind::kJson;
  json_type type = value.type();
  if (type == json_type::object) {
    simdjson::ondemand::object obj = value.get_object();
    bool param = is_param(obj);
    obj.reset();
    if (param) {
      cmp.values.push_back(ReadLiteral(value, where));
      return cmp;
    }
    doc.text = std::string(obj.raw_json().value());
    cmp.values.push_back(std::move(doc));
    return cmp;
  }
  if (type != json_type::array) {
    cmp.values.push_back(ReadLiteral(value, where));
    return cmp;
  }
  simdjson::ondemand::array arr = value.get_array();
  bool document = false;
  for (auto item : arr) {
    JsonValue v = item.value();
    json_type t = v.type();
    if (t == json_type::array || (t == json_type::object && !is_param(v.get_object()))) {
      document = true;
      break;
    }
  }
  arr.reset();
  if (document) {
    doc.text = std::string(arr.raw_json().value());
    cmp.values.push_back(std::move(doc));
    return cmp;
  }
  size_t i = 0;
  for (auto item : arr) {
    cmp.values.push_back(ReadLiteral(item.value(), where + "[" + std::to_string(i++) + "]"));
  }
  return cmp;
}

}  // namespace

Literal ReadLiteral(JsonValue value, const std::string& where) {
  Literal lit;
  switch (value.type()) {
    case json_type::null:
      lit.kind = Literal::Kind::kNull;
      return lit;
    case json_type::boolean:
      lit.kind = Literal::Kind::kBool;
      lit.boolean = value.get_bool().value();
      return lit;
    case json_type::number: {
      lit.kind = Literal::Kind::kNumber;
      std::string_view raw = value.raw_json_token();
      while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\n' || raw.back() == '\t' ||
                              raw.back() == '\r')) {
        raw.remove_suffix(1);
      }
      // simdjson On-Demand leaves a number unchecked until it is converted: check its text.
      if (!IsJsonNumber(raw)) throw JsonError{"invalid JSON: malformed number", where};
      lit.text = std::string(raw);
      return lit;
    }
    case json_type::string:
      lit.kind = Literal::Kind::kString;
      lit.text = std::string(value.get_string().value());
      return lit;
    case json_type::object: {
      // {"$param": "name"} and nothing else.
      bool named = false;
      for (auto field : value.get_object()) {
        std::string_view k = field.unescaped_key().value();
        if (k != "$param") throw JsonError{"expected a value, got an object", where};
        if (named) throw JsonError{"duplicate key '$param'", where + ".$param"};
        JsonValue v = field.value();
        if (v.type() != json_type::string) throw JsonError{"$param takes a name", where};
        lit.kind = Literal::Kind::kParam;
        lit.text = std::string(v.get_string().value());
        lit.where = where;
        named = true;
      }
      if (!named) throw JsonError{"expected a value, got an object", where};
      return lit;
    }
    case json_type::array:
      throw JsonError{"expected a value, got an array", where};
  }
  throw JsonError{"expected a value", where};
}

FilterExpr ReadFilterValue(JsonValue value, const std::string& where) {
  FilterReader reader;
  return reader.ReadObject(value, where, 0);
}

}  // namespace internal

absl::StatusOr<FilterExpr> ParseFilterJson(std::string_view json) {
  return internal::WithJson(json, "filters", [](internal::JsonValue v) {
    return internal::ReadFilterValue(v, "filters");
  });
}

}  // namespace linkgraph::dsl
