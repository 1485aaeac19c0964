// Medusa-shaped query.graph requests (DESIGN.md §4) -> Request.
#include <algorithm>
#include <functional>
#include <optional>
#include <vector>

#include "dsl/location.h"
#include "dsl/parse.h"
#include "dsl/parse_internal.h"
#include "dsl/parse_text.h"
#include "dsl/suggest.h"

namespace linkgraph::dsl {

namespace {

using internal::JsonError;
using internal::JsonValue;
using simdjson::ondemand::json_type;

int64_t ReadCount(JsonValue v, const std::string& where) {
  if (v.type() != json_type::number) throw JsonError{"expected an integer", where};
  int64_t n = 0;
  if (v.get_int64().get(n) != simdjson::SUCCESS) throw JsonError{"expected an integer", where};
  if (n < 0) throw JsonError{"must not be negative", where};
  return n;
}

bool ReadDirection(std::string_view text, const std::string& where) {
  std::string d(text);
  std::transform(d.begin(), d.end(), d.begin(), [](unsigned char c) { return std::tolower(c); });
  if (d == "asc") return false;
  if (d == "desc") return true;
  throw JsonError{"order direction must be ASC or DESC, got '" + Clip(text) + "'", where};
}

// Appends the names of a dotted order key ("product.title") to `prefix`; an empty name is an
// error. Returns how many were appended.
size_t AppendKeyNames(const std::string& key, const std::string& where,
                      std::vector<std::string>* prefix) {
  size_t start = 0, added = 0;
  while (true) {
    size_t dot = key.find('.', start);
    size_t end = dot == std::string::npos ? key.size() : dot;
    if (end == start) throw JsonError{"empty name in order key '" + Clip(key) + "'", where};
    prefix->emplace_back(key, start, end - start);
    ++added;
    if (dot == std::string::npos) return added;
    start = dot + 1;
  }
}

// An order object, `{"created_at": "DESC", "product": {"title": "ASC"}}`: keys in JSON order,
// nested objects or dotted keys (`"product.title"`) for linked keys; a key repeated in one object
// is refused. Objects nest at most kMaxFilterDepth deep, checked before descending.
void ReadOrderObject(simdjson::ondemand::object obj, std::vector<std::string>& prefix,
                     const std::string& where, size_t depth, std::vector<OrderKey>* out) {
  internal::SeenKeys seen;
  for (auto field : obj) {
    std::string key(field.unescaped_key().value());
    std::string w = MemberWhere(where, key);
    internal::CheckUniqueKey(key, w, &seen);
    size_t added = AppendKeyNames(key, w, &prefix);
    if (prefix.size() > kMaxFieldDepth + 1) {
      throw JsonError{"order key deeper than " + std::to_string(kMaxFieldDepth) + " relations", w};
    }
    JsonValue v = field.value();
    if (v.type() == json_type::object) {
      if (depth + 1 >= kMaxFilterDepth) {
        throw JsonError{"order nested deeper than " + std::to_string(kMaxFilterDepth), w};
      }
      ReadOrderObject(v.get_object(), prefix, w, depth + 1, out);
    } else if (v.type() == json_type::string) {
      out->push_back(OrderKey{prefix, ReadDirection(v.get_string().value(), w), w});
    } else {
      throw JsonError{"order direction must be ASC or DESC", w};
    }
    prefix.resize(prefix.size() - added);
  }
}

}  // namespace

namespace internal {

std::vector<OrderKey> ParseOrderText(std::string_view text, const std::string& where) {
  absl::StatusOr<std::vector<OrderKey>> keys = ParseOrderList(text, where);
  if (!keys.ok()) throw JsonError{MessageWithoutWhere(keys.status()), WhereOf(keys.status())};
  return std::move(*keys);
}

}  // namespace internal

absl::StatusOr<std::vector<OrderKey>> ParseOrder(std::string_view order) {
  size_t first = order.find_first_not_of(" \t\r\n");
  const std::string where = "pagination.order";
  if (first != std::string_view::npos && order[first] == '{') {
    return internal::WithJson(order, where, [&](JsonValue v) {
      std::vector<OrderKey> keys;
      std::vector<std::string> prefix;
      ReadOrderObject(v.get_object(), prefix, where, 0, &keys);
      return keys;
    });
  }
  try {
    return internal::ParseOrderText(order, where);
  } catch (const JsonError& e) {
    return InvalidAt(e.message, e.where);
  }
}

absl::StatusOr<Request> ParseRequestJson(std::string_view json) {
  std::vector<std::string> field_texts;
  std::optional<std::string> filter_text;
  auto parsed = internal::WithJson(json, "request", [&](JsonValue root) {
    if (root.type() != json_type::object) throw JsonError{"a request is a JSON object", "request"};
    Request req;
    bool has_entity = false, has_fields = false;
    internal::SeenKeys seen;
    for (auto field : root.get_object()) {
      std::string key(field.unescaped_key().value());
      internal::CheckUniqueKey(key, key, &seen);
      JsonValue v = field.value();
      if (key == "entity") {
        if (v.type() != json_type::string) throw JsonError{"entity must be a string", "entity"};
        req.entity = std::string(v.get_string().value());
        has_entity = true;
      } else if (key == "fields") {
        if (v.type() != json_type::array) {
          throw JsonError{"fields must be an array of strings", "fields"};
        }
        for (auto item : v.get_array()) {
          JsonValue s = item.value();
          std::string where = "fields[" + std::to_string(field_texts.size()) + "]";
          if (s.type() != json_type::string) throw JsonError{"expected a string", where};
          field_texts.emplace_back(s.get_string().value());
        }
        has_fields = true;
      } else if (key == "filters") {
        if (v.type() == json_type::object) {
          req.filters = internal::ReadFilterValue(v, "filters");
        } else if (v.type() == json_type::string) {
          filter_text = std::string(v.get_string().value());  // parsed after the JSON
        } else {
          throw JsonError{"filters must be an object or a string", "filters"};
        }
      } else if (key == "pagination") {
        if (v.type() != json_type::object) throw JsonError{"pagination must be an object", key};
        internal::SeenKeys pagination_seen;
        for (auto pf : v.get_object()) {
          std::string pk(pf.unescaped_key().value());
          std::string where = MemberWhere("pagination", pk);
          internal::CheckUniqueKey(pk, where, &pagination_seen);
          JsonValue pv = pf.value();
          if (pk == "skip") {
            req.pagination.skip = ReadCount(pv, where);
          } else if (pk == "take") {
            if (pv.type() != json_type::null) req.pagination.take = ReadCount(pv, where);
          } else if (pk == "count") {
            if (pv.type() != json_type::boolean) throw JsonError{"expected true or false", where};
            req.pagination.count = pv.get_bool().value();
          } else if (pk == "order") {
            if (pv.type() == json_type::object) {
              std::vector<std::string> prefix;
              ReadOrderObject(pv.get_object(), prefix, where, 0, &req.pagination.order);
            } else if (pv.type() == json_type::string) {
              req.pagination.order = internal::ParseOrderText(pv.get_string().value(), where);
            } else {
              throw JsonError{"order must be an object or a string", where};
            }
          } else {
            throw JsonError{"unknown pagination key '" + Clip(pk) + "'; " +
                                Suggest(pk, {"skip", "take", "order", "count"}),
                            where};
          }
        }
      } else if (key == "withDeleted") {
        if (v.type() != json_type::boolean) throw JsonError{"expected true or false", key};
        req.with_deleted = v.get_bool().value();
      } else {
        throw JsonError{
            "unknown request key '" + Clip(key) + "'; " +
                Suggest(key, {"entity", "fields", "filters", "pagination", "withDeleted"}),
            key};
      }
    }
    if (!has_entity) throw JsonError{"a request needs 'entity'", "request"};
    if (!has_fields) throw JsonError{"a request needs 'fields'", "request"};
    return req;
  });
  if (!parsed.ok()) return parsed.status();
  Request req = std::move(*parsed);
  if (field_texts.empty()) return InvalidAt("fields must not be empty", "fields");
  for (uint32_t i = 0; i < field_texts.size(); ++i) {
    absl::StatusOr<FieldPath> f = ParseField(field_texts[i], i);
    if (!f.ok()) return f.status();
    req.fields.push_back(std::move(*f));
  }
  if (filter_text) {
    TextWhere where("filters", *filter_text);
    absl::StatusOr<FilterExpr> f = ParseFilterText(*filter_text, std::ref(where));
    if (!f.ok()) return f.status();
    req.filters = std::move(*f);
  }
  return req;
}

}  // namespace linkgraph::dsl
