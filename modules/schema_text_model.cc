// The property and relationship builders of schema text: `model.<type>(…)` with its modifiers,
// `model.hasMany(() => X, { … })` and the rest, and the extra columns of a defineLink
// (schema_text_read.h).
#include <utility>

#include "linkgraph/schema.h"
#include "modules/schema_text_read.h"

namespace linkgraph::modules::schema_text {

namespace {

const std::vector<std::string>& TypeNames() {
  static const std::vector<std::string> kNames = {
      "id",      "text",     "number", "integer", "float",     "bigNumber", "boolean",
      "dateTime", "enum",    "json",   "array",   "hasMany",   "hasOne",    "belongsTo",
      "manyToMany"};
  return kNames;
}

std::optional<PropertyType> PropertyTypeOf(std::string_view name) {
  static const std::vector<std::pair<std::string_view, PropertyType>> kTypes = {
      {"id", PropertyType::kId},           {"text", PropertyType::kText},
      {"number", PropertyType::kNumber},   {"integer", PropertyType::kNumber},
      {"float", PropertyType::kFloat},     {"bigNumber", PropertyType::kBigNumber},
      {"boolean", PropertyType::kBoolean}, {"dateTime", PropertyType::kDateTime},
      {"enum", PropertyType::kEnum},       {"json", PropertyType::kJson},
      {"array", PropertyType::kArray}};
  for (const auto& [n, t] : kTypes) {
    if (n == name) return t;
  }
  return std::nullopt;
}

std::optional<RelationshipType> RelationshipTypeOf(std::string_view name) {
  for (RelationshipType t : {RelationshipType::kHasMany, RelationshipType::kHasOne,
                             RelationshipType::kBelongsTo, RelationshipType::kManyToMany}) {
    if (name == RelationshipTypeName(t)) return t;
  }
  return std::nullopt;
}

// One builder chain `model.<type>(…).<modifier>(…)…`, innermost first.
struct Chain {
  const SchemaExpr* base = nullptr;  // the model.<type>(…) call
  std::vector<const SchemaExpr*> modifiers;  // the .<modifier>(…) calls
};

Chain Unchain(const SchemaExpr& e, std::string_view what) {
  Chain chain;
  const SchemaExpr* at = &e;
  while (true) {
    if (at->kind != EKind::kCall || at->children[0].kind != EKind::kMember) {
      Fail(e.offset, "expected " + std::string(what) + " (model.text(), model.number(), …), found " +
                         Describe(*at));
    }
    const SchemaExpr& callee = at->children[0];
    const SchemaExpr& object = callee.children[0];
    if (object.kind == EKind::kName) {
      if (object.text != "model") {
        Fail(object.offset, "expected 'model' before '." + callee.text + "(…)', found '" +
                                dsl::Clip(object.text) + "'");
      }
      chain.base = at;
      break;
    }
    chain.modifiers.push_back(at);
    at = &object;
  }
  std::reverse(chain.modifiers.begin(), chain.modifiers.end());
  return chain;
}

Property ReadProperty(std::string_view text, const Chain& chain) {
  const SchemaExpr& base = *chain.base;
  const std::string& type = Callee(base).text;
  Property prop = model::OfType(*PropertyTypeOf(type));
  std::string shown = "model." + type + "()";
  if (prop.type == PropertyType::kId) {
    ExpectArgs(base, 0, 1, shown);
    if (ArgCount(base) == 1) {
      Members(Object(Arg(base, 0), "the id's options"), {"prefix"}, "model.id",
              [&](const std::string&, const SchemaExpr& v) {
                prop.prefix = String(v, "the id prefix");
              });
    }
  } else if (prop.type == PropertyType::kEnum) {
    ExpectArgs(base, 1, 1, shown);
    const SchemaExpr& values = Arg(base, 0);
    if (values.kind != EKind::kArray && values.kind != EKind::kObject) {
      Fail(values.offset, "expected the enum's values (an array of strings), found " +
                              Describe(values));
    }
    for (const SchemaExpr& v : values.children) prop.values.push_back(String(v, "an enum value"));
  } else {
    ExpectArgs(base, 0, 0, shown);
  }
  static const std::vector<std::string> kModifiers = {"primaryKey", "nullable", "default",
                                                      "index",      "unique",   "searchable"};
  for (const SchemaExpr* call : chain.modifiers) {
    const SchemaExpr& callee = Callee(*call);
    const std::string& m = callee.text;
    if (m == "primaryKey" || m == "nullable" || m == "searchable") {
      ExpectArgs(*call, 0, 0, "." + m + "()");
      (m == "primaryKey" ? prop.primary_key : m == "nullable" ? prop.nullable
                                                              : prop.searchable) = true;
    } else if (m == "index" || m == "unique") {
      // Medusa's optional index name is accepted and not kept.
      ExpectArgs(*call, 0, 1, "." + m + "()");
      if (ArgCount(*call) == 1) String(Arg(*call, 0), "the index name");
      (m == "index" ? prop.index : prop.unique) = true;
    } else if (m == "default") {
      ExpectArgs(*call, 1, 1, ".default(…)");
      const SchemaExpr& v = Arg(*call, 0);
      if (prop.type == PropertyType::kDateTime && v.kind == EKind::kString && v.text == "now") {
        prop.default_now = true;
        prop.default_json.reset();
      } else {
        prop.default_json = DefaultJson(text, v);
        prop.default_now = false;
      }
    } else {
      std::vector<std::string> known;
      for (const std::string& k : kModifiers) known.push_back("." + k + "()");
      Fail(NameOffset(callee), "unknown modifier '." + dsl::Clip(m) + "()'; " +
                                   SuggestAmong("." + m + "()", known));
    }
  }
  return prop;
}

Relationship ReadRelationship(RelationshipType type, const Chain& chain, size_t index,
                              std::vector<TargetRef>* targets) {
  const SchemaExpr& base = *chain.base;
  std::string shown = "model." + std::string(RelationshipTypeName(type)) + "(…)";
  ExpectArgs(base, 1, 2, shown);
  Relationship r;
  r.type = type;
  const SchemaExpr* target = &Arg(base, 0);
  if (target->kind == EKind::kArrow) target = &target->children[0];
  if (target->kind != EKind::kName && target->kind != EKind::kString) {
    Fail(target->offset, "expected the target model (`() => Model`), found " +
                             Describe(*target));
  }
  targets->push_back(TargetRef{index, target->text, target->offset});
  if (ArgCount(base) == 2) {
    Members(Object(Arg(base, 1), "the relationship's options"), {"mappedBy", "pivotTable"},
            shown, [&](const std::string& key, const SchemaExpr& v) {
              (key == "mappedBy" ? r.mapped_by : r.pivot_table) = String(v, key);
            });
  }
  for (const SchemaExpr* call : chain.modifiers) {
    const SchemaExpr& callee = Callee(*call);
    if (callee.text != "nullable") {
      Fail(NameOffset(callee), "unknown modifier '." + dsl::Clip(callee.text) +
                                   "()' of a relationship; " +
                                   SuggestAmong("." + callee.text + "()", {".nullable()"}));
    }
    ExpectArgs(*call, 0, 0, ".nullable()");
    r.nullable = true;
  }
  return r;
}

}  // namespace

void ReadField(std::string_view text, const std::string& name, const SchemaExpr& e, Model* model,
               std::vector<TargetRef>* targets) {
  Chain chain = Unchain(e, "a property or relationship");
  const SchemaExpr& callee = Callee(*chain.base);
  const std::string& type = callee.text;
  if (std::optional<RelationshipType> rel = RelationshipTypeOf(type)) {
    Relationship r = ReadRelationship(*rel, chain, model->relationships.size(), targets);
    model->relationships.emplace_back(name, std::move(r));
    return;
  }
  if (!PropertyTypeOf(type)) {
    std::vector<std::string> known;
    for (const std::string& t : TypeNames()) known.push_back("model." + t + "()");
    Fail(NameOffset(callee), "unknown type 'model." + dsl::Clip(type) + "()'; " +
                                 SuggestAmong("model." + type + "()", known));
  }
  model->properties.emplace_back(name, ReadProperty(text, chain));
}

// An extra column: `model.number().nullable()`, or the §8 object `{ type: "number", … }`.
Property ReadColumn(std::string_view text, const SchemaExpr& e) {
  if (e.kind != EKind::kObject) {
    Chain chain = Unchain(e, "a column type");
    const SchemaExpr& callee = Callee(*chain.base);
    if (!PropertyTypeOf(callee.text)) {
      std::vector<std::string> known;
      for (const std::string& t : TypeNames()) {
        if (PropertyTypeOf(t)) known.push_back("model." + t + "()");
      }
      Fail(NameOffset(callee), "unknown column type 'model." + dsl::Clip(callee.text) +
                                   "()'; " + SuggestAmong("model." + callee.text + "()", known));
    }
    return ReadProperty(text, chain);
  }
  Property p;
  bool typed = false;
  std::optional<std::string> default_json;
  Members(e, {"type", "prefix", "primaryKey", "nullable", "default", "values", "index", "unique",
              "searchable"},
          "column", [&](const std::string& key, const SchemaExpr& v) {
            if (key == "type") {
              std::string t = String(v, "the column type");
              std::optional<PropertyType> type = PropertyTypeOf(t);
              if (!type) {
                std::vector<std::string> known;
                for (const std::string& n : TypeNames()) {
                  if (PropertyTypeOf(n)) known.push_back(n);
                }
                Fail(v.offset, "unknown type '" + dsl::Clip(t) + "'; " + SuggestAmong(t, known));
              }
              p.type = *type;
              typed = true;
            } else if (key == "prefix") {
              p.prefix = String(v, "the id prefix");
            } else if (key == "values") {
              for (const SchemaExpr& item : Array(v, "the enum's values").children) {
                p.values.push_back(String(item, "an enum value"));
              }
            } else if (key == "default") {
              default_json = DefaultJson(text, v);
            } else {
              bool b = Bool(v, key);
              (key == "primaryKey" ? p.primary_key : key == "nullable" ? p.nullable
                                   : key == "index"                    ? p.index
                                   : key == "unique"                   ? p.unique
                                                                       : p.searchable) = b;
            }
          });
  if (!typed) Fail(e.offset, "a column needs a type");
  if (default_json) {
    if (p.type == PropertyType::kDateTime && *default_json == "\"now\"") {
      p.default_now = true;
    } else {
      p.default_json = *default_json;
    }
  }
  return p;
}

}  // namespace linkgraph::modules::schema_text
