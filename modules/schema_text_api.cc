// The public face of the schema language: ParseSchemaText, SchemaToText (schema_text.h), and
// Database::RegisterText / Database::SchemaText, built on the public Database calls
// (Register, SchemaJson, Describe).
#include <algorithm>

#include "linkgraph/database.h"
#include "linkgraph/schema_text.h"
#include "modules/names.h"
#include "modules/schema_json.h"
#include "modules/schema_text.h"

namespace linkgraph {

namespace {

// The relations of `entity` (module.entity) as comment lines: "variants -> product.variant[]
// (relationship variants of product)".
std::vector<std::string> RelationNotes(Database& db, const std::string& entity) {
  std::vector<std::string> notes;
  absl::StatusOr<EntityInfo> info = db.Describe(entity);
  if (!info.ok() || info->relations.empty()) return notes;
  notes.push_back(entity + " relations:");
  for (const RelationInfo& r : info->relations) {
    std::string line = "  " + r.name + " -> " + r.target + (r.is_list ? "[]" : "");
    if (!r.origin.empty()) line += "  (" + r.origin + ")";
    notes.push_back(line);
  }
  return notes;
}

bool SideIs(const LinkSide& side, std::string_view module, std::string_view entity) {
  return side.module == module &&
         (side.entity == entity || modules::CamelToSnakeCase(side.entity) == entity);
}

std::string PivotName(const DefineLink& l) {
  if (!l.table.empty()) return l.table;
  return modules::CamelToSnakeCase(l.left.entity) + "_" + modules::CamelToSnakeCase(l.right.entity);
}

}  // namespace

absl::StatusOr<Schema> ParseSchemaText(std::string_view text) {
  return modules::ReadSchemaText(
      text, [text](size_t offset) { return modules::LineColumnWhere(text, offset); });
}

absl::StatusOr<Schema> ParseSchemaJson(std::string_view json) {
  return modules::ParseSchemaJson(json);
}

std::string SchemaToText(const Schema& schema) { return modules::WriteSchemaText(schema); }

absl::Status Database::RegisterText(std::string_view schema_text) {
  LG_ASSIGN_OR_RETURN(Schema schema, ParseSchemaText(schema_text));
  return Register(schema);
}

absl::StatusOr<std::string> Database::SchemaText(std::string_view entity) {
  LG_ASSIGN_OR_RETURN(Schema schema, modules::ParseSchemaJson(SchemaJson()));
  modules::SchemaTextOptions options;
  std::vector<std::string> noted;
  options.notes = [&](const ModuleDef& mod, const Model& m) {
    noted.push_back(mod.name + "." + modules::CamelToSnakeCase(m.name));
    return RelationNotes(*this, noted.back());
  };
  if (entity.empty()) {
    std::string out = modules::WriteSchemaText(schema, options);
    // The pivots (of manyToMany relationships and defineLinks) have no model: their relations
    // come last.
    for (const ModuleStats& m : Stats().modules) {
      for (const TableStats& t : m.tables) {
        if (std::find(noted.begin(), noted.end(), t.entity) != noted.end()) continue;
        std::vector<std::string> notes = RelationNotes(*this, t.entity);
        if (notes.empty()) continue;
        out += "\n// " + t.entity + " is a pivot table\n";
        for (const std::string& note : notes) out += "// " + note + "\n";
      }
    }
    return out;
  }

  LG_ASSIGN_OR_RETURN(EntityInfo info, Describe(entity));
  size_t dot = info.name.find('.');
  std::string module = info.name.substr(0, dot);
  std::string name = info.name.substr(dot + 1);
  if (module == "link") {
    options.model = [](const ModuleDef&, const Model&) { return false; };
    options.define_link = [&](const DefineLink& l) { return !l.read_only && PivotName(l) == name; };
    std::string out = modules::WriteSchemaText(schema, options);
    for (const std::string& note : RelationNotes(*this, info.name)) out += "// " + note + "\n";
    return out;
  }
  bool has_model = false;
  options.model = [&](const ModuleDef& mod, const Model& m) {
    bool match = mod.name == module && modules::CamelToSnakeCase(m.name) == name;
    has_model = has_model || match;
    return match;
  };
  options.define_link = [&](const DefineLink& l) {
    return SideIs(l.left, module, name) || SideIs(l.right, module, name);
  };
  std::string out = modules::WriteSchemaText(schema, options);
  if (!has_model) {
    // A manyToMany pivot: no model of its own, its relations only.
    out = "// " + info.name + " is the pivot table of a manyToMany relationship\n" + out;
    for (const std::string& note : RelationNotes(*this, info.name)) out += "// " + note + "\n";
  }
  return out;
}

}  // namespace linkgraph
