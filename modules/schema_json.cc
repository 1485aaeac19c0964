#include "modules/schema_json.h"

#include <algorithm>
#include <vector>

#include <simdjson.h>

#include "dsl/json_input.h"
#include "dsl/location.h"

namespace linkgraph::modules {

namespace {

using simdjson::ondemand::json_type;
using simdjson::ondemand::object;
using simdjson::ondemand::value;

struct SchemaError {
  std::string message;
  std::string where;
};


std::string String(value v, const std::string& where) {
  if (v.type() != json_type::string) throw SchemaError{"expected a string", where};
  return std::string(v.get_string().value());
}

bool Bool(value v, const std::string& where) {
  if (v.type() != json_type::boolean) throw SchemaError{"expected true or false", where};
  return v.get_bool().value();
}

std::string RawJson(value v) { return std::string(dsl::internal::RawJson(v)); }

// Calls fn(key, value, where) for each entry, refusing duplicate keys.
template <typename Fn>
void ForEachEntry(value v, const std::string& where, const Fn& fn) {
  if (v.type() != json_type::object) throw SchemaError{"expected an object", where};
  std::vector<std::string> seen;
  for (auto field : v.get_object()) {
    std::string key(field.unescaped_key().value());
    std::string w = where.empty() ? key : where + "." + key;
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
      throw SchemaError{"duplicate key '" + key + "'", w};
    }
    seen.push_back(key);
    fn(key, field.value(), w);
  }
}

template <typename Fn>
void ForEachItem(value v, const std::string& where, const Fn& fn) {
  if (v.type() != json_type::array) throw SchemaError{"expected an array", where};
  size_t i = 0;
  for (auto item : v.get_array()) {
    fn(item.value(), where + "[" + std::to_string(i) + "]");
    ++i;
  }
}

[[noreturn]] void Unknown(const std::string& key, const std::string& where, const char* known) {
  throw SchemaError{"unknown key '" + key + "'; known: " + known, where};
}

Property ReadProperty(value v, const std::string& where) {
  Property p;
  bool has_type = false;
  std::optional<std::string> default_raw;
  std::string default_where;
  ForEachEntry(v, where, [&](const std::string& key, value pv, const std::string& w) {
    if (key == "type") {
      std::string t = String(pv, w);
      static const std::vector<std::pair<std::string, PropertyType>> kTypes = {
          {"id", PropertyType::kId},         {"text", PropertyType::kText},
          {"number", PropertyType::kNumber}, {"integer", PropertyType::kNumber},
          {"float", PropertyType::kFloat},   {"bigNumber", PropertyType::kBigNumber},
          {"boolean", PropertyType::kBoolean}, {"dateTime", PropertyType::kDateTime},
          {"enum", PropertyType::kEnum},     {"json", PropertyType::kJson},
          {"array", PropertyType::kArray}};
      auto it = std::find_if(kTypes.begin(), kTypes.end(), [&](auto& e) { return e.first == t; });
      if (it == kTypes.end()) {
        throw SchemaError{"unknown type '" + t +
                              "'; known: id, text, number, integer, float, bigNumber, boolean, "
                              "dateTime, enum, json, array",
                          w};
      }
      p.type = it->second;
      has_type = true;
    } else if (key == "prefix") {
      p.prefix = String(pv, w);
    } else if (key == "primaryKey") {
      p.primary_key = Bool(pv, w);
    } else if (key == "nullable") {
      p.nullable = Bool(pv, w);
    } else if (key == "index") {
      p.index = Bool(pv, w);
    } else if (key == "unique") {
      p.unique = Bool(pv, w);
    } else if (key == "searchable") {
      p.searchable = Bool(pv, w);
    } else if (key == "values") {
      ForEachItem(pv, w, [&](value item, const std::string& iw) {
        p.values.push_back(String(item, iw));
      });
    } else if (key == "default") {
      default_raw = RawJson(pv);
      default_where = w;
    } else {
      Unknown(key, w,
              "type, prefix, primaryKey, nullable, default, values, index, unique, searchable");
    }
  });
  if (!has_type) throw SchemaError{"a property needs a type", where};
  if (default_raw) {
    if (p.type == PropertyType::kDateTime && *default_raw == "\"now\"") {
      p.default_now = true;
    } else {
      p.default_json = *default_raw;
    }
  }
  return p;
}

RelationshipType ReadRelationshipType(const std::string& name, const std::string& where) {
  for (RelationshipType t : {RelationshipType::kHasMany, RelationshipType::kHasOne,
                             RelationshipType::kBelongsTo, RelationshipType::kManyToMany}) {
    if (name == RelationshipTypeName(t)) return t;
  }
  throw SchemaError{
      "unknown relationship type '" + name + "'; known: hasMany, hasOne, belongsTo, manyToMany",
      where};
}

Model ReadModel(value v, const std::string& where) {
  Model m;
  bool has_name = false, has_props = false;
  ForEachEntry(v, where, [&](const std::string& key, value mv, const std::string& w) {
    if (key == "name") {
      m.name = String(mv, w);
      has_name = true;
    } else if (key == "properties") {
      has_props = true;
      ForEachEntry(mv, w, [&](const std::string& name, value pv, const std::string& pw) {
        m.properties.emplace_back(name, ReadProperty(pv, pw));
      });
    } else if (key == "relationships") {
      ForEachEntry(mv, w, [&](const std::string& name, value rv, const std::string& rw) {
        Relationship r;
        bool has_type = false;
        ForEachEntry(rv, rw, [&](const std::string& rk, value v2, const std::string& w2) {
          if (rk == "type") {
            r.type = ReadRelationshipType(String(v2, w2), w2);
            has_type = true;
          } else if (rk == "target") {
            r.target = String(v2, w2);
          } else if (rk == "mappedBy") {
            r.mapped_by = String(v2, w2);
          } else if (rk == "nullable") {
            r.nullable = Bool(v2, w2);
          } else if (rk == "pivotTable") {
            r.pivot_table = String(v2, w2);
          } else {
            Unknown(rk, w2, "type, target, mappedBy, nullable, pivotTable");
          }
        });
        if (!has_type) throw SchemaError{"a relationship needs a type", rw};
        if (r.target.empty()) throw SchemaError{"a relationship needs a target", rw};
        m.relationships.emplace_back(name, std::move(r));
      });
    } else if (key == "cascades") {
      ForEachEntry(mv, w, [&](const std::string& ck, value cv, const std::string& cw) {
        if (ck != "delete") Unknown(ck, cw, "delete");
        ForEachItem(cv, cw, [&](value item, const std::string& iw) {
          m.cascade_delete.push_back(String(item, iw));
        });
      });
    } else {
      Unknown(key, w, "name, properties, relationships, cascades");
    }
  });
  if (!has_name) throw SchemaError{"a model needs a name", where};
  if (!has_props) throw SchemaError{"a model needs properties", where};
  return m;
}

ModuleLink ReadLink(value v, const std::string& where) {
  ModuleLink l;
  ForEachEntry(v, where, [&](const std::string& key, value lv, const std::string& w) {
    if (key == "alias") {
      l.alias = String(lv, w);
    } else if (key == "foreignKey") {
      l.foreign_key = String(lv, w);
    } else if (key == "primaryKey") {
      l.primary_key = String(lv, w);
    } else if (key == "foreignKeyTargetField") {
      l.foreign_key_target_field = String(lv, w);
    } else if (key == "entity") {
      l.entity = String(lv, w);
    } else if (key == "model") {
      l.model = String(lv, w);
    } else if (key == "deleteCascade") {
      l.delete_cascade = Bool(lv, w);
    } else {
      Unknown(key, w,
              "alias, foreignKey, primaryKey, foreignKeyTargetField, entity, model, deleteCascade");
    }
  });
  return l;
}

LinkSide ReadSide(value v, const std::string& where) {
  LinkSide side;
  ForEachEntry(v, where, [&](const std::string& key, value sv, const std::string& w) {
    if (key == "module") {
      side.module = String(sv, w);
    } else if (key == "entity") {
      side.entity = String(sv, w);
    } else if (key == "field") {
      side.field = String(sv, w);
    } else if (key == "alias") {
      side.alias = String(sv, w);
    } else if (key == "isList") {
      side.is_list = Bool(sv, w);
    } else if (key == "deleteCascade") {
      side.delete_cascade = Bool(sv, w);
    } else {
      Unknown(key, w, "module, entity, field, alias, isList, deleteCascade");
    }
  });
  return side;
}

DefineLink ReadDefineLink(value v, const std::string& where) {
  DefineLink link;
  bool has_left = false, has_right = false;
  ForEachEntry(v, where, [&](const std::string& key, value lv, const std::string& w) {
    if (key == "left") {
      link.left = ReadSide(lv, w);
      has_left = true;
    } else if (key == "right") {
      link.right = ReadSide(lv, w);
      has_right = true;
    } else if (key == "readOnly") {
      link.read_only = Bool(lv, w);
    } else if (key == "database") {
      ForEachEntry(lv, w, [&](const std::string& dk, value dv, const std::string& dw) {
        if (dk == "table") {
          link.table = String(dv, dw);
        } else if (dk == "idPrefix") {
          link.id_prefix = String(dv, dw);
        } else if (dk == "extraColumns") {
          ForEachEntry(dv, dw, [&](const std::string& name, value pv, const std::string& pw) {
            link.extra_columns.emplace_back(name, ReadProperty(pv, pw));
          });
        } else {
          Unknown(dk, dw, "table, idPrefix, extraColumns");
        }
      });
    } else {
      Unknown(key, w, "left, right, readOnly, database");
    }
  });
  if (!has_left || !has_right) throw SchemaError{"a defineLink needs 'left' and 'right'", where};
  return link;
}

ModuleDef ReadModule(value v, const std::string& where) {
  ModuleDef mod;
  bool has_name = false;
  ForEachEntry(v, where, [&](const std::string& key, value mv, const std::string& w) {
    if (key == "name") {
      mod.name = String(mv, w);
      has_name = true;
    } else if (key == "models") {
      ForEachItem(mv, w, [&](value item, const std::string& iw) {
        mod.models.push_back(ReadModel(item, iw));
      });
    } else if (key == "links") {
      ForEachItem(mv, w, [&](value item, const std::string& iw) {
        mod.links.push_back(ReadLink(item, iw));
      });
    } else {
      Unknown(key, w, "name, models, links");
    }
  });
  if (!has_name) throw SchemaError{"a module needs a name", where};
  return mod;
}

}  // namespace

absl::StatusOr<Schema> ParseSchemaJson(std::string_view json) {
  simdjson::padded_string padded = dsl::internal::Padded(json);
  dsl::internal::ParserLease parser(padded.size());
  Schema schema;
  try {
    simdjson::ondemand::document doc = dsl::internal::Iterate(parser, padded);
    value root = doc.get_value();
    ForEachEntry(root, "", [&](const std::string& key, value v, const std::string& w) {
      if (key == "modules") {
        ForEachItem(v, w, [&](value item, const std::string& iw) {
          schema.modules.push_back(ReadModule(item, iw));
        });
      } else if (key == "defineLinks") {
        ForEachItem(v, w, [&](value item, const std::string& iw) {
          schema.define_links.push_back(ReadDefineLink(item, iw));
        });
      } else {
        Unknown(key, w, "modules, defineLinks");
      }
    });
    if (doc.current_location().error() == simdjson::SUCCESS) {
      return dsl::InvalidAt("invalid JSON: trailing content", "schema");
    }
  } catch (const SchemaError& e) {
    return dsl::InvalidAt(e.message, e.where.empty() ? "schema" : e.where);
  } catch (const simdjson::simdjson_error& e) {
    dsl::internal::RethrowIfOutOfMemory(e);
    return dsl::InvalidAt(std::string("invalid JSON: ") + simdjson::error_message(e.error()),
                          "schema");
  }
  return schema;
}

}  // namespace linkgraph::modules
