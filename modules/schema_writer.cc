#include "modules/schema_writer.h"

#include "base/json_string.h"

namespace linkgraph::modules {

namespace {

const char* TypeName(PropertyType type) {
  switch (type) {
    case PropertyType::kId:
      return "id";
    case PropertyType::kText:
      return "text";
    case PropertyType::kNumber:
      return "number";
    case PropertyType::kFloat:
      return "float";
    case PropertyType::kBigNumber:
      return "bigNumber";
    case PropertyType::kBoolean:
      return "boolean";
    case PropertyType::kDateTime:
      return "dateTime";
    case PropertyType::kEnum:
      return "enum";
    case PropertyType::kJson:
      return "json";
    case PropertyType::kArray:
      return "array";
  }
  return "text";
}

// Appends `"key":` preceded by a comma unless it opens its object.
void Key(std::string_view key, bool* first, std::string* out) {
  if (!*first) out->push_back(',');
  *first = false;
  *out += base::QuoteJson(key);
  out->push_back(':');
}

void StringEntry(std::string_view key, std::string_view value, bool* first, std::string* out) {
  if (value.empty()) return;
  Key(key, first, out);
  *out += base::QuoteJson(value);
}

void TrueEntry(std::string_view key, bool value, bool* first, std::string* out) {
  if (!value) return;
  Key(key, first, out);
  *out += "true";
}

void AppendProperty(const Property& p, std::string* out) {
  bool first = true;
  out->push_back('{');
  StringEntry("type", TypeName(p.type), &first, out);
  StringEntry("prefix", p.prefix, &first, out);
  TrueEntry("primaryKey", p.primary_key, &first, out);
  TrueEntry("nullable", p.nullable, &first, out);
  if (p.default_now) {
    Key("default", &first, out);
    *out += "\"now\"";
  } else if (p.default_json) {
    Key("default", &first, out);
    *out += *p.default_json;
  }
  if (!p.values.empty()) {
    Key("values", &first, out);
    out->push_back('[');
    for (size_t i = 0; i < p.values.size(); ++i) {
      if (i > 0) out->push_back(',');
      *out += base::QuoteJson(p.values[i]);
    }
    out->push_back(']');
  }
  TrueEntry("index", p.index, &first, out);
  TrueEntry("unique", p.unique, &first, out);
  TrueEntry("searchable", p.searchable, &first, out);
  out->push_back('}');
}

void AppendProperties(const std::vector<std::pair<std::string, Property>>& properties,
                      std::string* out) {
  bool first = true;
  out->push_back('{');
  for (const auto& [name, property] : properties) {
    Key(name, &first, out);
    AppendProperty(property, out);
  }
  out->push_back('}');
}

void AppendModel(const Model& m, std::string* out) {
  bool first = true;
  out->push_back('{');
  StringEntry("name", m.name, &first, out);
  Key("properties", &first, out);
  AppendProperties(m.properties, out);
  if (!m.relationships.empty()) {
    Key("relationships", &first, out);
    bool first_rel = true;
    out->push_back('{');
    for (const auto& [name, r] : m.relationships) {
      Key(name, &first_rel, out);
      bool f = true;
      out->push_back('{');
      StringEntry("type", RelationshipTypeName(r.type), &f, out);
      StringEntry("target", r.target, &f, out);
      StringEntry("mappedBy", r.mapped_by, &f, out);
      TrueEntry("nullable", r.nullable, &f, out);
      StringEntry("pivotTable", r.pivot_table, &f, out);
      out->push_back('}');
    }
    out->push_back('}');
  }
  if (!m.cascade_delete.empty()) {
    Key("cascades", &first, out);
    *out += "{\"delete\":[";
    for (size_t i = 0; i < m.cascade_delete.size(); ++i) {
      if (i > 0) out->push_back(',');
      *out += base::QuoteJson(m.cascade_delete[i]);
    }
    *out += "]}";
  }
  out->push_back('}');
}

void AppendModuleLink(const ModuleLink& l, std::string* out) {
  bool first = true;
  out->push_back('{');
  StringEntry("alias", l.alias, &first, out);
  StringEntry("foreignKey", l.foreign_key, &first, out);
  StringEntry("primaryKey", l.primary_key, &first, out);
  StringEntry("foreignKeyTargetField", l.foreign_key_target_field, &first, out);
  StringEntry("entity", l.entity, &first, out);
  StringEntry("model", l.model, &first, out);
  TrueEntry("deleteCascade", l.delete_cascade, &first, out);
  out->push_back('}');
}

void AppendModule(const ModuleDef& m, std::string* out) {
  *out += "{\"name\":" + base::QuoteJson(m.name) + ",\"models\":[";
  for (size_t i = 0; i < m.models.size(); ++i) {
    if (i > 0) out->push_back(',');
    AppendModel(m.models[i], out);
  }
  *out += "],\"links\":[";
  for (size_t i = 0; i < m.links.size(); ++i) {
    if (i > 0) out->push_back(',');
    AppendModuleLink(m.links[i], out);
  }
  *out += "]}";
}

void AppendSide(const LinkSide& s, std::string* out) {
  bool first = true;
  out->push_back('{');
  StringEntry("module", s.module, &first, out);
  StringEntry("entity", s.entity, &first, out);
  StringEntry("field", s.field, &first, out);
  StringEntry("alias", s.alias, &first, out);
  TrueEntry("isList", s.is_list, &first, out);
  TrueEntry("deleteCascade", s.delete_cascade, &first, out);
  out->push_back('}');
}

void AppendDefineLink(const DefineLink& l, std::string* out) {
  *out += "{\"left\":";
  AppendSide(l.left, out);
  *out += ",\"right\":";
  AppendSide(l.right, out);
  if (l.read_only) *out += ",\"readOnly\":true";
  if (!l.table.empty() || !l.id_prefix.empty() || !l.extra_columns.empty()) {
    bool first = true;
    *out += ",\"database\":{";
    StringEntry("table", l.table, &first, out);
    StringEntry("idPrefix", l.id_prefix, &first, out);
    if (!l.extra_columns.empty()) {
      Key("extraColumns", &first, out);
      AppendProperties(l.extra_columns, out);
    }
    out->push_back('}');
  }
  out->push_back('}');
}

}  // namespace

std::string WriteSchemaJson(const std::vector<Schema>& schemas) {
  std::string out = "{\"modules\":[";
  bool first = true;
  for (const Schema& schema : schemas) {
    for (const ModuleDef& m : schema.modules) {
      if (!first) out.push_back(',');
      first = false;
      AppendModule(m, &out);
    }
  }
  out += "],\"defineLinks\":[";
  first = true;
  for (const Schema& schema : schemas) {
    for (const DefineLink& l : schema.define_links) {
      if (!first) out.push_back(',');
      first = false;
      AppendDefineLink(l, &out);
    }
  }
  out += "]}";
  return out;
}

}  // namespace linkgraph::modules
