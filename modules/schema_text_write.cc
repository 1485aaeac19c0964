// Schema -> schema text (docs/schema.md), in the form ReadSchemaText reads back to an equal
// Schema: `module NAME { model.define(…) … links: […] }` blocks, then `defineLink(…)` calls.
#include "base/identifier.h"
#include "base/json_string.h"
#include "modules/names.h"
#include "modules/schema_text.h"
#include "modules/value_reader.h"

namespace linkgraph::modules {

namespace {

// An object key: bare when it is an identifier.
std::string Key(std::string_view key) {
  return base::IsSchemaIdentifier(key) ? std::string(key) : base::QuoteJson(key);
}

const char* TypeName(PropertyType type) {
  switch (type) {
    case PropertyType::kId: return "id";
    case PropertyType::kText: return "text";
    case PropertyType::kNumber: return "number";
    case PropertyType::kFloat: return "float";
    case PropertyType::kBigNumber: return "bigNumber";
    case PropertyType::kBoolean: return "boolean";
    case PropertyType::kDateTime: return "dateTime";
    case PropertyType::kEnum: return "enum";
    case PropertyType::kJson: return "json";
    case PropertyType::kArray: return "array";
  }
  return "text";
}

std::string StringList(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += ", ";
    out += base::QuoteJson(items[i]);
  }
  return out + "]";
}

std::string PropertyText(const Property& p) {
  std::string out = "model.";
  out += TypeName(p.type);
  out += "(";
  if (p.type == PropertyType::kId && !p.prefix.empty()) {
    out += "{ prefix: " + base::QuoteJson(p.prefix) + " }";
  } else if (p.type == PropertyType::kEnum) {
    out += StringList(p.values);
  }
  out += ")";
  if (p.primary_key) out += ".primaryKey()";
  if (p.nullable) out += ".nullable()";
  if (p.default_now) {
    out += ".default(\"now\")";
  } else if (p.default_json) {
    out += ".default(" + *p.default_json + ")";
  }
  if (p.index) out += ".index()";
  if (p.unique) out += ".unique()";
  if (p.searchable) out += ".searchable()";
  return out;
}

std::string RelationshipText(const Relationship& r) {
  std::string out = "model." + std::string(RelationshipTypeName(r.type)) + "(() => ";
  out += base::IsSchemaIdentifier(r.target) ? r.target : base::QuoteJson(r.target);
  std::string options;
  if (!r.mapped_by.empty()) options += "mappedBy: " + base::QuoteJson(r.mapped_by);
  if (!r.pivot_table.empty()) {
    if (!options.empty()) options += ", ";
    options += "pivotTable: " + base::QuoteJson(r.pivot_table);
  }
  if (!options.empty()) out += ", { " + options + " }";
  out += ")";
  if (r.nullable) out += ".nullable()";
  return out;
}

void AppendModel(const ModuleDef& mod, const Model& m, const SchemaTextOptions& options,
                 std::string* out) {
  *out += "  model.define(" + base::QuoteJson(m.name) + ", {\n";
  for (const auto& [name, p] : m.properties) {
    *out += "    " + Key(name) + ": " + PropertyText(p) + ",\n";
  }
  for (const auto& [name, r] : m.relationships) {
    *out += "    " + Key(name) + ": " + RelationshipText(r) + ",\n";
  }
  *out += "  })";
  if (!m.cascade_delete.empty()) {
    *out += ".cascades({ delete: " + StringList(m.cascade_delete) + " })";
  }
  *out += "\n";
  if (options.notes) {
    for (const std::string& note : options.notes(mod, m)) *out += "  // " + note + "\n";
  }
}

void AppendLinks(const std::vector<ModuleLink>& links, std::string* out) {
  *out += "  links: [\n";
  for (const ModuleLink& l : links) {
    std::string fields;
    auto add = [&](std::string_view key, const std::string& value) {
      if (value.empty()) return;
      if (!fields.empty()) fields += ", ";
      fields += std::string(key) + ": " + base::QuoteJson(value);
    };
    add("alias", l.alias);
    add("foreignKey", l.foreign_key);
    add("primaryKey", l.primary_key);
    add("foreignKeyTargetField", l.foreign_key_target_field);
    add("entity", l.entity);
    add("model", l.model);
    if (l.delete_cascade) fields += std::string(fields.empty() ? "" : ", ") + "deleteCascade: true";
    *out += "    { " + fields + " },\n";
  }
  *out += "  ]\n";
}

// `product.linkable.product` when that reads back as the same side, else `{ module, entity }`.
std::string SideText(const LinkSide& s) {
  bool linkable = base::IsSchemaIdentifier(s.module) && base::IsSchemaIdentifier(s.entity) &&
                  !(s.module.size() > 6 && s.module.substr(s.module.size() - 6) == "Module");
  std::string head = linkable ? s.module + ".linkable." + s.entity
                              : "module: " + base::QuoteJson(s.module) + ", entity: " + base::QuoteJson(s.entity);
  std::string rest;
  if (!s.field.empty()) rest += ", field: " + base::QuoteJson(s.field);
  if (!s.alias.empty()) rest += ", alias: " + base::QuoteJson(s.alias);
  if (s.is_list) rest += ", isList: true";
  if (s.delete_cascade) rest += ", deleteCascade: true";
  if (linkable && rest.empty()) return head;
  return "{ " + std::string(linkable ? "linkable: " : "") + head + rest + " }";
}

void AppendDefineLink(const DefineLink& l, std::string* out) {
  *out += "defineLink(\n  " + SideText(l.left) + ",\n  " + SideText(l.right);
  std::string options;
  if (l.read_only) options += "readOnly: true";
  if (!l.table.empty() || !l.id_prefix.empty() || !l.extra_columns.empty()) {
    std::string db;
    if (!l.table.empty()) db += "table: " + base::QuoteJson(l.table);
    if (!l.id_prefix.empty()) db += std::string(db.empty() ? "" : ", ") + "idPrefix: " + base::QuoteJson(l.id_prefix);
    if (!l.extra_columns.empty()) {
      db += std::string(db.empty() ? "" : ", ") + "extraColumns: {";
      for (size_t i = 0; i < l.extra_columns.size(); ++i) {
        db += std::string(i ? ", " : " ") + Key(l.extra_columns[i].first) + ": " +
              PropertyText(l.extra_columns[i].second);
      }
      db += " }";
    }
    options += std::string(options.empty() ? "" : ", ") + "database: { " + db + " }";
  }
  if (!options.empty()) *out += ",\n  { " + options + " }";
  *out += ",\n)\n";
}

}  // namespace

std::string WriteSchemaText(const Schema& schema, const SchemaTextOptions& options) {
  std::string out;
  for (const ModuleDef& mod : schema.modules) {
    std::vector<const Model*> models;
    for (const Model& m : mod.models) {
      if (!options.model || options.model(mod, m)) models.push_back(&m);
    }
    if (options.model && models.empty()) continue;
    if (!out.empty()) out += "\n";
    out += "module " + (base::IsSchemaIdentifier(mod.name) ? mod.name : base::QuoteJson(mod.name)) + " {\n";
    for (size_t i = 0; i < models.size(); ++i) {
      if (i) out += "\n";
      AppendModel(mod, *models[i], options, &out);
    }
    if (!mod.links.empty()) {
      if (!models.empty()) out += "\n";
      AppendLinks(mod.links, &out);
    }
    out += "}\n";
  }
  for (const DefineLink& l : schema.define_links) {
    if (options.define_link && !options.define_link(l)) continue;
    if (!out.empty()) out += "\n";
    AppendDefineLink(l, &out);
  }
  return out;
}

}  // namespace linkgraph::modules
