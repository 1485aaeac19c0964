// Schema text (dsl::SchemaFile) -> Schema: what `model.define`, the property builders and their
// modifiers, `Module(…)`, `module NAME { … }`, `links: […]` and `defineLink(…)` mean. Errors
// point at the expression at fault and suggest the names that were meant.
#include <algorithm>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include <simdjson.h>

#include "dsl/location.h"
#include "dsl/parse_schema.h"
#include "dsl/suggest.h"
#include "modules/names.h"
#include "modules/schema_text.h"
#include "modules/value_reader.h"

namespace linkgraph::modules {

namespace {

using dsl::SchemaExpr;
using dsl::SchemaStatement;
using EKind = SchemaExpr::Kind;

struct ReadError {
  size_t offset;
  std::string message;
};

[[noreturn]] void Fail(size_t offset, std::string message) {
  throw ReadError{offset, std::move(message)};
}

// "did you mean 'x'?" or "known: a, b".
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

// Calls fn(key, value) for each member of `object`, refusing keys not in `known`.
template <typename Fn>
void Members(const SchemaExpr& object, const std::vector<std::string>& known, std::string_view what,
             const Fn& fn) {
  for (size_t i = 0; i < object.children.size(); ++i) {
    const std::string& key = object.keys[i];
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      Fail(object.key_offsets[i], "unknown " + std::string(what) + " option '" + dsl::Clip(key) +
                                      "'; " + SuggestAmong(key, known));
    }
    fn(key, object.children[i]);
  }
}

// The arguments of a call (children after the callee).
size_t ArgCount(const SchemaExpr& call) { return call.children.size() - 1; }
const SchemaExpr& Arg(const SchemaExpr& call, size_t i) { return call.children[i + 1]; }

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

void AppendJson(const SchemaExpr& e, std::string* out) {
  switch (e.kind) {
    case EKind::kNull:
    case EKind::kBool:
    case EKind::kNumber:
      *out += e.text;
      return;
    case EKind::kString:
      *out += JsonQuote(e.text);
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
        *out += JsonQuote(e.keys[i]);
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

// The JSON text of a default: as written when that is JSON already (so that a §8 document's
// text survives a round trip), else compact JSON.
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

// ---- Properties and relationships -----------------------------------------------------------

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

// A relationship's target as written, resolved once its module is known.
struct TargetRef {
  size_t relationship = 0;
  std::string name;
  size_t offset = 0;
};

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

// The member name of a call's callee (`model.text(…)` -> "text"), and its offset.
const SchemaExpr& Callee(const SchemaExpr& call) { return call.children[0]; }
size_t NameOffset(const SchemaExpr& member) { return member.end - member.text.size(); }

class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {}

  Schema Read(const dsl::SchemaFile& file) {
    for (const SchemaStatement& s : file.statements) {
      switch (s.kind) {
        case SchemaStatement::Kind::kImport:
          Import(s);
          break;
        case SchemaStatement::Kind::kClass:
          break;
        case SchemaStatement::Kind::kModule:
          Block(s);
          break;
        case SchemaStatement::Kind::kLinks:
          Fail(s.offset, "'links:' belongs inside a module block");
        case SchemaStatement::Kind::kExpr:
          TopLevel(s);
          break;
      }
    }
    if (!pending_.empty()) {
      const PendingModel& p = pending_.front();
      Fail(p.offset, "model '" + dsl::Clip(p.model.name) +
                         "' belongs to no module: put it in a block `module NAME { … }` or "
                         "follow it with Module(NAME, { … })");
    }
    return std::move(schema_);
  }

 private:
  struct PendingModel {
    Model model;
    std::string binding;
    size_t offset = 0;
    std::vector<TargetRef> targets;
  };

  // ---- Statements

  void Import(const SchemaStatement& s) {
    if (s.name.empty()) return;
    // `import ProductModule from "@medusajs/medusa/product"`: the module named by the path's
    // last segment.
    std::string path = s.import_path;
    while (!path.empty() && path.back() == '/') path.pop_back();
    std::string last = path.substr(path.find_last_of('/') == std::string::npos
                                       ? 0
                                       : path.find_last_of('/') + 1);
    std::replace(last.begin(), last.end(), '-', '_');
    if (!last.empty() && last != "." && last != "..") imports_[s.name] = last;
  }

  void Bind(const std::string& name, size_t offset) {
    if (name.empty()) return;
    if (!bound_.emplace(name, offset).second) {
      Fail(offset, "'" + dsl::Clip(name) + "' is already defined");
    }
  }

  void TopLevel(const SchemaStatement& s) {
    const SchemaExpr& e = s.expr;
    if (e.kind == EKind::kString && !s.binding.empty()) {
      Bind(s.binding, s.binding_offset);
      strings_[s.binding] = e.text;
      return;
    }
    if (e.kind == EKind::kName && s.binding.empty()) return;  // `export default Review`
    std::string callee = e.kind == EKind::kCall ? Path(Callee(e)) : "";
    if (IsModelDefine(e)) {
      Bind(s.binding, s.binding_offset);
      pending_.push_back(ReadModelDefine(e, s.binding));
      return;
    }
    if (callee == "Module") {
      Bind(s.binding, s.binding_offset);
      ReadModuleCall(e);
      return;
    }
    if (callee == "defineLink") {
      Bind(s.binding, s.binding_offset);
      schema_.define_links.push_back(ReadDefineLink(e));
      return;
    }
    NotAStatement(e);
  }

  [[noreturn]] void NotAStatement(const SchemaExpr& e) {
    if (e.kind == EKind::kCall) {
      std::string callee = Path(Callee(e));
      if (!callee.empty()) {
        Fail(Callee(e).offset,
             "unknown call '" + dsl::Clip(callee) + "(…)'; " +
                 SuggestAmong(callee, {"model.define", "Module", "defineLink"}));
      }
    }
    Fail(e.offset, "expected model.define(…), Module(…) or defineLink(…), found " + Describe(e));
  }

  void Block(const SchemaStatement& s) {
    ModuleDef mod;
    mod.name = s.name;
    std::vector<PendingModel> models;
    bool has_links = false;
    std::map<std::string, std::string> consts;
    for (const SchemaStatement& item : s.body) {
      if (item.kind == SchemaStatement::Kind::kClass) continue;
      if (item.kind == SchemaStatement::Kind::kLinks) {
        if (has_links) Fail(item.offset, "'links' given twice in module '" + mod.name + "'");
        has_links = true;
        mod.links = ReadLinks(item.expr);
        continue;
      }
      const SchemaExpr& e = item.expr;
      if (e.kind == EKind::kString && !item.binding.empty()) {
        Bind(item.binding, item.binding_offset);
        strings_[item.binding] = e.text;
        continue;
      }
      if (e.kind == EKind::kName && item.binding.empty()) continue;
      if (!IsModelDefine(e)) {
        Fail(e.offset, "expected model.define(…) or links: […] inside module '" +
                           dsl::Clip(mod.name) + "', found " + Describe(e));
      }
      Bind(item.binding, item.binding_offset);
      models.push_back(ReadModelDefine(e, item.binding));
    }
    Assemble(std::move(mod), std::move(models));
  }

  // Resolves the relationship targets of `models` within the module and adds it.
  void Assemble(ModuleDef mod, std::vector<PendingModel> models) {
    std::vector<std::string> known;
    for (const PendingModel& m : models) {
      if (!m.binding.empty()) known.push_back(m.binding);
      known.push_back(m.model.name);
    }
    for (PendingModel& m : models) {
      for (const TargetRef& t : m.targets) {
        std::string resolved;
        for (const PendingModel& other : models) {
          if (!other.binding.empty() && other.binding == t.name) resolved = other.model.name;
        }
        if (resolved.empty()) {
          for (const PendingModel& other : models) {
            if (CamelToSnakeCase(other.model.name) == CamelToSnakeCase(t.name)) resolved = t.name;
          }
        }
        if (resolved.empty()) {
          auto elsewhere = model_module_.find(t.name);
          if (elsewhere != model_module_.end()) {
            Fail(t.offset, "'" + t.name + "' is a model of module '" + elsewhere->second +
                               "': relationships stay inside a module; link modules with "
                               "links: […] or defineLink(…)");
          }
          Fail(t.offset, "unknown model '" + dsl::Clip(t.name) + "' in module '" +
                             dsl::Clip(mod.name) + "'; " + SuggestAmong(t.name, known));
        }
        m.model.relationships[t.relationship].second.target = resolved;
      }
    }
    for (PendingModel& m : models) {
      if (!m.binding.empty()) model_module_[m.binding] = mod.name;
      model_module_[m.model.name] = mod.name;
      mod.models.push_back(std::move(m.model));
    }
    schema_.modules.push_back(std::move(mod));
  }

  // `Module(NAME, { service, links })`: the module of the models defined before it.
  void ReadModuleCall(const SchemaExpr& call) {
    ExpectArgs(call, 1, 2, "Module(…)");
    ModuleDef mod;
    const SchemaExpr& name = Arg(call, 0);
    if (name.kind == EKind::kName) {
      auto it = strings_.find(name.text);
      if (it == strings_.end()) {
        std::vector<std::string> known;
        for (const auto& [k, v] : strings_) known.push_back(k);
        Fail(name.offset, "unknown constant '" + dsl::Clip(name.text) +
                              "': name the module with a string or a `const " + name.text +
                              " = \"…\"` before it; " + SuggestAmong(name.text, known));
      }
      mod.name = it->second;
    } else {
      mod.name = String(name, "the module's name");
    }
    if (ArgCount(call) == 2) {
      Members(Object(Arg(call, 1), "the module's options"), {"service", "links"}, "Module",
              [&](const std::string& key, const SchemaExpr& v) {
                if (key == "links") mod.links = ReadLinks(v);
              });
    }
    std::vector<PendingModel> models = std::move(pending_);
    pending_.clear();
    Assemble(std::move(mod), std::move(models));
  }

  // ---- Models

  static bool IsModelDefine(const SchemaExpr& e) {
    const SchemaExpr* at = &e;
    while (at->kind == EKind::kCall && Callee(*at).kind == EKind::kMember) {
      if (Path(Callee(*at)) == "model.define") return true;
      at = &Callee(*at).children[0];
    }
    return false;
  }

  PendingModel ReadModelDefine(const SchemaExpr& e, const std::string& binding) {
    // model.define(…) possibly followed by .cascades(…).
    std::vector<const SchemaExpr*> outer;
    const SchemaExpr* at = &e;
    while (Path(Callee(*at)) != "model.define") {
      outer.push_back(at);
      at = &Callee(*at).children[0];
    }
    const SchemaExpr& define = *at;
    ExpectArgs(define, 2, 2, "model.define(…)");
    PendingModel p;
    p.binding = binding;
    p.offset = define.offset;
    const SchemaExpr& name = Arg(define, 0);
    if (name.kind == EKind::kObject) {
      Fail(name.offset, "expected the model's name as a string (an object with name and "
                        "tableName is not supported)");
    }
    p.model.name = String(name, "the model's name");
    const SchemaExpr& props = Object(Arg(define, 1), "the model's properties");
    for (size_t i = 0; i < props.children.size(); ++i) {
      ReadField(props.keys[i], props.children[i], &p);
    }
    bool cascades = false;
    for (auto it = outer.rbegin(); it != outer.rend(); ++it) {
      const SchemaExpr& call = **it;
      const SchemaExpr& callee = Callee(call);
      if (callee.text != "cascades") {
        Fail(NameOffset(callee), "unknown model option '." + dsl::Clip(callee.text) + "(…)'; " +
                                     SuggestAmong("." + callee.text + "(…)", {".cascades(…)"}));
      }
      if (cascades) Fail(NameOffset(callee), "'.cascades(…)' given twice");
      cascades = true;
      ExpectArgs(call, 1, 1, ".cascades(…)");
      Members(Object(Arg(call, 0), "the cascades"), {"delete"}, "cascades",
              [&](const std::string&, const SchemaExpr& v) {
                for (const SchemaExpr& item : Array(v, "the relations to delete").children) {
                  p.model.cascade_delete.push_back(String(item, "a relation name"));
                }
              });
    }
    return p;
  }

  void ReadField(const std::string& name, const SchemaExpr& e, PendingModel* p) {
    Chain chain = Unchain(e, "a property or relationship");
    const SchemaExpr& callee = Callee(*chain.base);
    const std::string& type = callee.text;
    if (std::optional<RelationshipType> rel = RelationshipTypeOf(type)) {
      p->model.relationships.emplace_back(name, ReadRelationship(*rel, chain, p));
      return;
    }
    if (!PropertyTypeOf(type)) {
      std::vector<std::string> known;
      for (const std::string& t : TypeNames()) known.push_back("model." + t + "()");
      Fail(NameOffset(callee), "unknown type 'model." + dsl::Clip(type) + "()'; " +
                                   SuggestAmong("model." + type + "()", known));
    }
    p->model.properties.emplace_back(name, ReadProperty(chain));
  }

  Property ReadProperty(const Chain& chain) {
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
          prop.default_json = DefaultJson(text_, v);
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

  Relationship ReadRelationship(RelationshipType type, const Chain& chain, PendingModel* p) {
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
    p->targets.push_back(TargetRef{p->model.relationships.size(), target->text, target->offset});
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

  // ---- Links

  std::vector<ModuleLink> ReadLinks(const SchemaExpr& e) {
    std::vector<ModuleLink> links;
    for (const SchemaExpr& item : Array(e, "the module's links").children) {
      ModuleLink l;
      Members(Object(item, "a link"),
              {"alias", "foreignKey", "primaryKey", "foreignKeyTargetField", "entity", "model",
               "deleteCascade"},
              "link", [&](const std::string& key, const SchemaExpr& v) {
                if (key == "deleteCascade") {
                  l.delete_cascade = Bool(v, key);
                  return;
                }
                std::string s = String(v, "'" + key + "'");
                if (key == "alias") l.alias = s;
                if (key == "foreignKey") l.foreign_key = s;
                if (key == "primaryKey") l.primary_key = s;
                if (key == "foreignKeyTargetField") l.foreign_key_target_field = s;
                if (key == "entity") l.entity = s;
                if (key == "model") l.model = s;
              });
      links.push_back(std::move(l));
    }
    return links;
  }

  // `ProductModule.linkable.product` -> {product, product}.
  void ReadLinkable(const SchemaExpr& e, LinkSide* side) {
    if (e.kind != EKind::kMember || e.children[0].kind != EKind::kMember ||
        e.children[0].text != "linkable" || e.children[0].children[0].kind != EKind::kName) {
      Fail(e.offset, "expected a linkable (Module.linkable.entity) or a side object "
                     "({ linkable, isList, … }), found " + Describe(e));
    }
    side->module = ModuleNamed(e.children[0].children[0].text);
    side->entity = e.text;
  }

  std::string ModuleNamed(const std::string& name) const {
    if (auto it = imports_.find(name); it != imports_.end()) return it->second;
    if (auto it = strings_.find(name); it != strings_.end()) return it->second;
    constexpr std::string_view kSuffix = "Module";
    if (name.size() > kSuffix.size() &&
        std::string_view(name).substr(name.size() - kSuffix.size()) == kSuffix) {
      return CamelToSnakeCase(std::string_view(name).substr(0, name.size() - kSuffix.size()));
    }
    return name;
  }

  LinkSide ReadSide(const SchemaExpr& e) {
    LinkSide side;
    if (e.kind != EKind::kObject) {
      ReadLinkable(e, &side);
      return side;
    }
    bool linkable = false;
    Members(e, {"linkable", "module", "entity", "field", "alias", "isList", "deleteCascade"},
            "defineLink side", [&](const std::string& key, const SchemaExpr& v) {
              if (key == "linkable") {
                linkable = true;
                ReadLinkable(v, &side);
              } else if (key == "isList") {
                side.is_list = Bool(v, key);
              } else if (key == "deleteCascade") {
                side.delete_cascade = Bool(v, key);
              } else {
                std::string s = String(v, "'" + key + "'");
                (key == "module" ? side.module : key == "entity" ? side.entity
                                 : key == "field"                ? side.field
                                                                 : side.alias) = s;
              }
            });
    if (!linkable && (side.module.empty() || side.entity.empty())) {
      Fail(e.offset, "a defineLink side needs 'linkable' (Module.linkable.entity) or 'module' "
                     "and 'entity'");
    }
    return side;
  }

  DefineLink ReadDefineLink(const SchemaExpr& call) {
    ExpectArgs(call, 2, 3, "defineLink(…)");
    DefineLink link;
    link.left = ReadSide(Arg(call, 0));
    link.right = ReadSide(Arg(call, 1));
    if (ArgCount(call) < 3) return link;
    Members(Object(Arg(call, 2), "the link's options"), {"readOnly", "database"}, "defineLink",
            [&](const std::string& key, const SchemaExpr& v) {
              if (key == "readOnly") {
                link.read_only = Bool(v, key);
                return;
              }
              Members(Object(v, "the database options"), {"table", "idPrefix", "extraColumns"},
                      "database", [&](const std::string& dk, const SchemaExpr& dv) {
                        if (dk == "table") {
                          link.table = String(dv, "the table name");
                        } else if (dk == "idPrefix") {
                          link.id_prefix = String(dv, "the id prefix");
                        } else {
                          const SchemaExpr& cols = Object(dv, "the extra columns");
                          for (size_t i = 0; i < cols.children.size(); ++i) {
                            link.extra_columns.emplace_back(cols.keys[i],
                                                            ReadColumn(cols.children[i]));
                          }
                        }
                      });
            });
    return link;
  }

  // An extra column: `model.number().nullable()`, or the §8 object `{ type: "number", … }`.
  Property ReadColumn(const SchemaExpr& e) {
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
      return ReadProperty(chain);
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
                default_json = DefaultJson(text_, v);
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

  std::string_view text_;
  Schema schema_;
  std::vector<PendingModel> pending_;
  std::map<std::string, std::string> strings_;       // const NAME = "text"
  std::map<std::string, std::string> imports_;       // import X from ".../name"
  std::map<std::string, size_t> bound_;              // every const name
  std::map<std::string, std::string> model_module_;  // model (const or name) -> its module
};

}  // namespace

std::string LineColumnWhere(std::string_view text, size_t offset) {
  dsl::LineColumn lc = dsl::LineColumnAt(text, offset);
  return "line " + std::to_string(lc.line) + ", column " + std::to_string(lc.column);
}

absl::StatusOr<Schema> ReadSchemaText(std::string_view text,
                                      const std::function<std::string(size_t)>& where) {
  absl::StatusOr<dsl::SchemaFile> file = dsl::ParseSchemaFile(text, where);
  if (!file.ok()) return file.status();
  try {
    return Reader(text).Read(*file);
  } catch (const ReadError& e) {
    return dsl::InvalidAt(e.message, where(e.offset));
  }
}

}  // namespace linkgraph::modules
