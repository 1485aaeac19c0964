// Schema text (dsl::SchemaFile) -> Schema: statements, `module NAME { … }` blocks and
// `Module(…)`, model definitions and the resolution of relationship targets, the seed's links and
// `defineLink(…)`. Properties and relationships are read by schema_text_model.cc; errors point at
// the expression at fault and suggest the names that were meant.
#include <map>
#include <utility>
#include <vector>

#include "dsl/location.h"
#include "dsl/parse_schema.h"
#include "modules/names.h"
#include "modules/schema_text.h"
#include "modules/schema_text_read.h"

namespace linkgraph::modules {

namespace {

using dsl::SchemaStatement;
using namespace schema_text;

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
      ReadField(text_, props.keys[i], props.children[i], &p.model, &p.targets);
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
                                                            ReadColumn(text_, cols.children[i]));
                          }
                        }
                      });
            });
    return link;
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
