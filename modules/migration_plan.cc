// The plan of a migration (migration.h): the published catalog version compared with the one the
// wanted schema registers — entities by module.name, columns by name (or an explicit rename),
// relationships and links by what declares them — each step checked against the published rows.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "absl/container/flat_hash_map.h"
#include "dsl/location.h"
#include "engine/catalog/suggest.h"
#include "engine/types/datetime.h"
#include "engine/types/decimal.h"
#include "engine/types/float_format.h"
#include "engine/types/hash_grow.h"
#include "linkgraph/status.h"
#include "modules/migration.h"
#include "modules/names.h"
#include "modules/registration.h"
#include "modules/schema_writer.h"

namespace linkgraph::modules {

using catalog::ColumnDef;
using catalog::ColumnId;
using catalog::ColumnType;
using catalog::EntityDef;
using catalog::EntityId;

namespace {

constexpr size_t kMaxOffending = 5;

bool IsText(ColumnType t) { return t == ColumnType::kText || t == ColumnType::kId; }

// The conversions a migration makes: lossless by type, checked per value by ConvertCell.
bool Converts(const ColumnDef& from, const ColumnDef& to) {
  const ColumnType a = from.type, b = to.type;
  if (a == b) return true;
  if (a == ColumnType::kNumber && (b == ColumnType::kFloat || b == ColumnType::kBigNumber)) {
    return true;
  }
  if (IsText(a) && (IsText(b) || b == ColumnType::kEnum)) return true;
  return a == ColumnType::kEnum && IsText(b);
}

// Same stored values: a column copied as it is.
bool SameValues(const ColumnDef& from, const ColumnDef& to) {
  if (from.type == ColumnType::kEnum || to.type == ColumnType::kEnum) {
    return from.type == to.type && from.enum_values == to.enum_values;
  }
  return from.type == to.type || (IsText(from.type) && IsText(to.type));
}

// 'text' on one line: quotes, backslashes and control characters escaped.
std::string Quoted(std::string_view text) {
  std::string out = "'";
  for (char ch : text) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (c == '\'' || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < 0x20 || c == 0x7f) {
      static const char kHex[] = "0123456789abcdef";
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += ch;
    }
  }
  return out + "'";
}

std::string Plural(int64_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

// Rows that exist (soft-deleted included): what "holds data" counts.
int64_t StoredRows(const store::Table& t) {
  int64_t n = 0;
  for (uint32_t r = 0; r < t.row_count(); ++r) n += !t.IsDead(r);
  return n;
}

std::string PkText(const store::Table& t, uint32_t row) {
  const store::Cell pk = t.pk_column().Get(row);
  if (pk.is_null) return "(null)";
  return catalog::IsStringStored(t.pk_column().type()) ? std::string(pk.s) : std::to_string(pk.i);
}

std::string TypeText(const ColumnDef& c) { return std::string(catalog::ColumnTypeName(c.type)); }

std::string DefaultText(const ColumnDef& c) {
  if (c.default_now) return "now";
  return c.default_json ? *c.default_json : "";
}

std::string RelationshipText(const Relationship& r) {
  std::string s = std::string(RelationshipTypeName(r.type)) + " " + r.target;
  if (!r.mapped_by.empty()) s += ", mappedBy " + r.mapped_by;
  if (r.nullable) s += ", nullable";
  if (!r.pivot_table.empty()) s += ", pivot " + r.pivot_table;
  return s;
}

std::string SeedLinkText(const ModuleLink& l) {
  std::string s = (l.model.empty() ? "" : CamelToSnakeCase(l.model) + ".") + l.foreign_key +
                  " -> " + (l.entity.empty() ? "" : l.entity + ".") + l.foreign_key_target_field;
  if (!l.primary_key.empty() && l.primary_key != l.foreign_key_target_field) {
    s += ", primaryKey " + l.primary_key;
  }
  if (l.delete_cascade) s += ", deleteCascade";
  return s;
}

std::string SideText(const LinkSide& s) {
  std::string t = s.module + "." + CamelToSnakeCase(s.entity);
  if (!s.alias.empty()) t += " as " + s.alias;
  if (s.is_list) t += " (list)";
  if (s.delete_cascade) t += " (deleteCascade)";
  if (!s.field.empty()) t += " field " + s.field;
  return t;
}

std::string DefineLinkKey(const DefineLink& l) {
  return l.left.module + "." + CamelToSnakeCase(l.left.entity) + " <-> " + l.right.module + "." +
         CamelToSnakeCase(l.right.entity) + (l.read_only ? " (read-only)" : "") +
         (l.table.empty() ? "" : " table " + l.table);
}

Schema Merge(const std::vector<Schema>& schemas) {
  Schema all;
  for (const Schema& s : schemas) {
    all.modules.insert(all.modules.end(), s.modules.begin(), s.modules.end());
    all.define_links.insert(all.define_links.end(), s.define_links.begin(), s.define_links.end());
  }
  return all;
}

class Planner {
 public:
  Planner(const PublishedVersion& from, const MigrateOptions& options, int64_t now, Migration* m)
      : old_(*from.catalog), old_store_(*from.store), options_(options), now_(now), m_(m) {}

  absl::Status Run(const Schema& schema) {
    m_->next = std::make_shared<CatalogVersion>();
    m_->store.BeginWrite(store::NewStamp());
    LG_RETURN_IF_ERROR(RegisterSchema(schema, m_->next.get(), &m_->store));
    next_ = m_->next.get();
    for (const auto& e : old_.catalog.entities()) {
      types::GrowBeforeInsert(old_by_name_);
      old_by_name_[e->QualifiedName()] = e->id;
    }
    LG_RETURN_IF_ERROR(ResolveRenames());
    Describe(old_, &old_what_);
    Describe(*next_, &new_what_);

    for (const auto& e : next_->catalog.entities()) {
      TableMigration t;
      t.entity = e->id;
      auto old = old_by_name_.find(e->QualifiedName());
      if (old == old_by_name_.end()) {
        AddEntity(*e, &t);
      } else {
        t.from = old->second;
        DiffColumns(old_.catalog.entity(old->second), *e, &t);
      }
      m_->tables.push_back(std::move(t));
    }
    for (const auto& e : old_.catalog.entities()) {
      bool kept = false;
      for (const TableMigration& t : m_->tables) kept = kept || t.from == e->id;
      if (!kept) DropEntity(*e);
    }
    const Schema old_schema = Merge(old_.schemas);
    DiffRelationships(old_schema, schema);
    DiffSeedLinks(old_schema, schema);
    DiffDefineLinks(old_schema, schema);
    if (m_->plan.steps.empty() && WriteSchemaJson(old_.schemas) != WriteSchemaJson({schema})) {
      Step("reorder the schema (no data changes)");
    }

    next_->schemas = {schema};
    next_->number = old_.number + 1;
    next_->migrations = old_.migrations;
    MigrationInfo info;
    info.number = old_.migrations.size() + 1;
    info.applied_micros = now_;
    for (const MigrationStep& s : m_->plan.steps) info.steps.push_back(s.text);
    next_->migrations.push_back(std::move(info));
    return absl::OkStatus();
  }

 private:
  MigrationStep& Step(std::string text) {
    m_->plan.steps.push_back(MigrationStep{std::move(text), {}, {}});
    return m_->plan.steps.back();
  }

  // What an entity is, for step texts: pivots of links and manyToMany relationships.
  static void Describe(const CatalogVersion& v, std::map<EntityId, std::string>* what) {
    for (const DefineLinkInfo& l : v.define_links) {
      if (!l.read_only) (*what)[l.pivot] = "link " + l.label;
    }
    for (const NestedInfo& n : v.nested) {
      if (n.many_to_many) {
        (*what)[n.child] = "pivot of relationship " + v.catalog.entity(n.owner).QualifiedName() +
                           "." + n.name;
      }
    }
  }

  absl::Status ResolveRenames() {
    for (size_t i = 0; i < options_.renames.size(); ++i) {
      const PropertyRename& r = options_.renames[i];
      const std::string where = "renames[" + std::to_string(i) + "]";
      absl::StatusOr<EntityId> old = old_.catalog.ResolveEntity(r.entity);
      if (!old.ok()) return dsl::InvalidAt(std::string(old.status().message()), where);
      const EntityDef& oe = old_.catalog.entity(*old);
      absl::StatusOr<EntityId> fresh = next_->catalog.ResolveEntity(oe.QualifiedName());
      if (!fresh.ok()) {
        return dsl::InvalidAt("rename of " + r.from + ": " + oe.QualifiedName() +
                                  " is not in the new schema",
                              where);
      }
      const EntityDef& ne = next_->catalog.entity(*fresh);
      if (oe.FindColumn(r.from) == nullptr) {
        return dsl::InvalidAt("rename: " + oe.QualifiedName() + " has no property '" + r.from +
                                  "'; " + dsl::Suggest(r.from, oe.ColumnNames()),
                              where);
      }
      if (ne.FindColumn(r.to) == nullptr) {
        return dsl::InvalidAt("rename: the new schema's " + ne.QualifiedName() +
                                  " has no property '" + r.to + "'; " +
                                  dsl::Suggest(r.to, ne.ColumnNames()),
                              where);
      }
      if (oe.FindColumn(r.to) != nullptr) {
        return dsl::InvalidAt("rename: " + oe.QualifiedName() + " has a property '" + r.to +
                                  "' already",
                              where);
      }
      if (ne.FindColumn(r.from) != nullptr) {
        return dsl::InvalidAt("rename: the new schema's " + ne.QualifiedName() +
                                  " still has a property '" + r.from + "'",
                              where);
      }
      types::GrowBeforeInsert(renamed_to_);
      auto& names = renamed_to_[ne.id];
      for (const auto& [to, from] : names) {
        if (from == r.from || to == r.to) {
          return dsl::InvalidAt("rename: " + oe.QualifiedName() + "." +
                                    (from == r.from ? r.from : r.to) + " is renamed twice",
                                where);
        }
      }
      names[r.to] = r.from;
    }
    return absl::OkStatus();
  }

  void AddEntity(const EntityDef& e, TableMigration* t) {
    t->columns.resize(e.columns.size());
    auto what = new_what_.find(e.id);
    if (what == new_what_.end()) {
      Step("add model " + e.QualifiedName());
    } else {
      Step("add " + what->second + " (" + e.QualifiedName() + ")");
    }
  }

  void DropEntity(const EntityDef& e) {
    const store::Table& t = old_store_.table(e.id);
    const int64_t rows = StoredRows(t);
    auto what = old_what_.find(e.id);
    std::string text = "drop " + (what == old_what_.end() ? "model" : what->second) +
                       (what == old_what_.end() ? " " : " (") + e.QualifiedName() +
                       (what == old_what_.end() ? "" : ")");
    if (rows == 0) {
      Step(text + " (no rows)");
      return;
    }
    text += " (" + Plural(rows, "row", "rows") + ")";
    if (options_.allow_drop) {
      Step(text + "; --allow-drop given");
      return;
    }
    MigrationStep& s = Step(text);
    s.refusal = "it holds " + Plural(rows, "row", "rows") +
                ", which would be lost: allow drops (--allow-drop) to drop them";
    for (uint32_t r = 0; r < t.row_count() && s.offending.size() < kMaxOffending; ++r) {
      if (!t.IsDead(r)) s.offending.push_back(PkText(t, r));
    }
  }

  // The relationship a belongsTo foreign-key column serves, for step texts.
  std::string ForeignKeyNote(const CatalogVersion& v, EntityId e, ColumnId c) {
    for (const BelongsToInfo& b : v.belongs_to) {
      if (b.owner == e && b.fk == c) {
        return ", belongsTo " + v.catalog.entity(b.target).QualifiedName();
      }
    }
    return "";
  }

  void DiffColumns(const EntityDef& oe, const EntityDef& ne, TableMigration* t) {
    const store::Table& table = old_store_.table(oe.id);
    const std::string name = ne.QualifiedName();
    const auto renames = renamed_to_.find(ne.id);
    std::vector<bool> kept(oe.columns.size(), false);
    std::vector<ColumnId> order;  // the old columns kept, in the new order
    std::vector<std::pair<size_t, ColumnId>> added, dropped;  // (step, column)
    const int64_t stored_rows = StoredRows(table);
    t->columns.resize(ne.columns.size());
    for (ColumnId c = 0; c < ne.columns.size(); ++c) {
      const ColumnDef& nc = ne.columns[c];
      std::string old_name = nc.name;
      bool renamed = false;
      if (renames != renamed_to_.end()) {
        auto it = renames->second.find(nc.name);
        if (it != renames->second.end()) {
          old_name = it->second;
          renamed = true;
        }
      }
      const ColumnId oc = oe.ColumnIndex(old_name);
      ColumnSource& src = t->columns[c];
      if (oc == catalog::kNoColumn) {
        added.emplace_back(m_->plan.steps.size(), c);
        AddColumn(oe, ne, c, stored_rows, &src);
        continue;
      }
      kept[oc] = true;
      order.push_back(oc);
      src.from = oc;
      src.kind = SameValues(oe.columns[oc], nc) ? ColumnSource::Kind::kCopy
                                                : ColumnSource::Kind::kConvert;
      if (renamed) Step("rename property " + name + "." + old_name + " -> " + nc.name);
      ChangeColumn(table, name, oe.columns[oc], nc, src);
    }
    for (ColumnId oc = 0; oc < oe.columns.size(); ++oc) {
      if (kept[oc]) continue;
      dropped.emplace_back(m_->plan.steps.size(), oc);
      DropColumn(table, oe, oc);
    }
    // A refused add and drop of one type on one model may be a rename: say how to keep the data.
    for (const auto& [add_step, c] : added) {
      for (const auto& [drop_step, oc] : dropped) {
        if (ne.columns[c].type != oe.columns[oc].type || ne.columns[c].implicit) continue;
        const std::string hint = " (a rename? --rename " + oe.name + "." + oe.columns[oc].name +
                                 "=" + ne.columns[c].name + " keeps the data)";
        for (size_t step : {add_step, drop_step}) {
          std::string& refusal = m_->plan.steps[step].refusal;
          if (!refusal.empty() && refusal.find(" (a rename? ") == std::string::npos) {
            refusal += hint;
          }
        }
      }
    }
    if (!std::is_sorted(order.begin(), order.end())) Step("reorder properties of " + name);
  }

  // `rows`: the rows `oe` stores (StoredRows), which the new column must fill.
  void AddColumn(const EntityDef& oe, const EntityDef& ne, ColumnId c, int64_t rows,
                 ColumnSource* src) {
    const ColumnDef& nc = ne.columns[c];
    const store::Table& table = old_store_.table(oe.id);
    std::string text = "add property " + ne.QualifiedName() + "." + nc.name + " (" + TypeText(nc) +
                       ForeignKeyNote(*next_, ne.id, c);
    const auto& defaults = next_->defaults[ne.id];
    if (nc.default_now) {
      src->kind = ColumnSource::Kind::kFill;
      src->fill.cell = store::Cell::Int(now_);
    } else if (c < defaults.size() && defaults[c]) {
      src->kind = ColumnSource::Kind::kFill;
      src->fill = *defaults[c];
    }
    if (src->kind == ColumnSource::Kind::kFill) {
      Step(text + ", default " + DefaultText(nc) + ": " + Plural(rows, "row", "rows") + " filled)");
      return;
    }
    if (nc.nullable || rows == 0) {
      Step(text + (nc.nullable ? ", nullable)" : ")"));
      return;
    }
    MigrationStep& s = Step(text + ")");
    s.refusal = Plural(rows, "row", "rows") + " would have no value: give it a default or make "
                "it nullable";
    for (uint32_t r = 0; r < table.row_count() && s.offending.size() < kMaxOffending; ++r) {
      if (!table.IsDead(r)) s.offending.push_back(PkText(table, r));
    }
  }

  void DropColumn(const store::Table& table, const EntityDef& oe, ColumnId oc) {
    const ColumnDef& col = oe.columns[oc];
    std::string text = "drop property " + oe.QualifiedName() + "." + col.name;
    const std::string note = ForeignKeyNote(old_, oe.id, oc);
    if (!note.empty()) text += " (" + note.substr(2) + ")";
    int64_t held = 0;
    std::vector<std::string> offending;
    const store::Column& column = table.column(oc);
    for (uint32_t r = 0; r < table.row_count(); ++r) {
      if (table.IsDead(r) || column.IsNull(r)) continue;
      ++held;
      if (offending.size() < kMaxOffending) {
        offending.push_back(PkText(table, r) + ": " + ShowCell(col, column.Get(r)));
      }
    }
    if (col.primary_key) {
      MigrationStep& s = Step(text);
      s.refusal = "the primary key of " + oe.QualifiedName() + " cannot change";
      return;
    }
    if (held == 0) {
      Step(text + " (no row holds a value)");
      return;
    }
    text += " (" + Plural(held, "row holds", "rows hold") + " a value";
    if (options_.allow_drop) {
      Step(text + "; --allow-drop given)");
      return;
    }
    MigrationStep& s = Step(text + ")");
    s.refusal = Plural(held, "row holds", "rows hold") +
                " a value that would be lost: allow drops (--allow-drop) to drop them";
    s.offending = std::move(offending);
  }

  void ChangeColumn(const store::Table& table, const std::string& entity, const ColumnDef& oc,
                    const ColumnDef& nc, const ColumnSource& src) {
    const std::string name = entity + "." + nc.name;
    if (oc.primary_key != nc.primary_key) {
      MigrationStep& s = Step((nc.primary_key ? "make " : "unmake ") + name + " the primary key");
      s.refusal = "the primary key of " + entity + " cannot change";
      return;
    }
    const store::Column& column = table.column(src.from);
    if (oc.type != nc.type || oc.enum_values != nc.enum_values) {
      std::string text = oc.type != nc.type
                             ? "change type of " + name + ": " + TypeText(oc) + " -> " +
                                   TypeText(nc)
                             : "change values of enum " + name;
      if (nc.type == ColumnType::kEnum) text += " (" + JoinValues(nc.enum_values) + ")";
      if (!Converts(oc, nc)) {
        MigrationStep& s = Step(text);
        s.refusal = "no lossless conversion from " + TypeText(oc) + " to " + TypeText(nc) +
                    ": add a new property and copy the values with an update";
      } else {
        int64_t bad = 0;
        std::vector<std::string> offending;
        std::string scratch;
        for (uint32_t r = 0; r < table.row_count(); ++r) {
          if (table.IsDead(r) || column.IsNull(r)) continue;
          absl::StatusOr<store::Cell> v = ConvertCell(oc, nc, column.Get(r), &scratch);
          if (v.ok()) continue;
          ++bad;
          if (offending.size() < kMaxOffending) {
            offending.push_back(PkText(table, r) + ": " + std::string(v.status().message()));
          }
        }
        MigrationStep& s = Step(text);
        if (bad > 0) {
          s.refusal = Plural(bad, "value does", "values do") + " not convert: change them first " +
                      "(update … set …)";
          s.offending = std::move(offending);
        }
      }
    }
    if (oc.nullable != nc.nullable) {
      if (nc.nullable) {
        Step("make " + name + " nullable");
      } else {
        int64_t nulls = 0;
        std::vector<std::string> offending;
        for (uint32_t r = 0; r < table.row_count(); ++r) {
          if (table.IsDead(r) || !column.IsNull(r)) continue;
          ++nulls;
          if (offending.size() < kMaxOffending) offending.push_back(PkText(table, r));
        }
        MigrationStep& s = Step("make " + name + " required");
        if (nulls > 0) {
          s.refusal = Plural(nulls, "row holds", "rows hold") +
                      " null: set a value in them first (update … set …), or keep it nullable";
          s.offending = std::move(offending);
        }
      }
    }
    if (oc.unique != nc.unique) {
      if (!nc.unique) {
        Step("drop unique rule on " + name);
      } else {
        CheckUnique(table, oc, nc, src, Step("add unique rule on " + name));
      }
    }
    if (oc.index != nc.index) Step((nc.index ? "add index on " : "drop index on ") + name);
    if (oc.searchable != nc.searchable) {
      Step("make " + name + (nc.searchable ? " searchable" : " not searchable"));
    }
    if (DefaultText(oc) != DefaultText(nc)) {
      Step(DefaultText(nc).empty() ? "drop default of " + name
                                   : "set default of " + name + " to " + DefaultText(nc));
    }
    if (oc.id_prefix != nc.id_prefix) {
      Step("set id prefix of " + name + " to '" + nc.id_prefix + "'");
    }
  }

  static std::string JoinValues(const std::vector<std::string>& values) {
    std::string s;
    for (const std::string& v : values) s += (s.empty() ? "" : ", ") + v;
    return s;
  }

  // A unique rule holds among live rows (neither deleted nor soft-deleted), as writes check it.
  void CheckUnique(const store::Table& table, const ColumnDef& oc, const ColumnDef& nc,
                   const ColumnSource& src, MigrationStep& step) {
    const store::Column& column = table.column(src.from);
    // Per value, the group of rows holding it (the first few named in messages).
    struct Group {
      std::vector<uint32_t> rows;
      std::string shown;
      int64_t count = 0;
    };
    absl::flat_hash_map<std::string, size_t> group_of;
    std::vector<Group> groups;
    std::vector<size_t> repeated;  // groups with more than one row, in the order they repeat
    int64_t clashes = 0;
    std::string scratch;
    for (uint32_t r = 0; r < table.row_count(); ++r) {
      if (!table.IsVisible(r, /*with_deleted=*/false) || column.IsNull(r)) continue;
      absl::StatusOr<store::Cell> v = ConvertCell(oc, nc, column.Get(r), &scratch);
      if (!v.ok()) continue;  // refused by the type change
      std::string key = catalog::IsStringStored(nc.type) ? std::string(v->s)
                        : nc.type == ColumnType::kFloat ? std::to_string(v->f)
                                                        : std::to_string(v->i);
      auto it = group_of.find(key);
      if (it == group_of.end()) {
        types::GrowBeforeInsert(group_of);
        group_of.emplace(std::move(key), groups.size());
        groups.push_back(Group{{r}, {}, 1});
        continue;
      }
      Group& g = groups[it->second];
      ++clashes;
      if (++g.count == 2) {
        repeated.push_back(it->second);
        g.shown = ShowCell(nc, *v);
      }
      if (g.rows.size() < kMaxOffending) g.rows.push_back(r);
    }
    if (clashes > 0) {
      step.refusal = Plural(clashes, "row repeats", "rows repeat") +
                     " a value another live row holds: make them distinct first (update … set "
                     "…, or delete)";
      for (size_t i = 0; i < repeated.size() && i < kMaxOffending; ++i) {
        const Group& g = groups[repeated[i]];
        std::string line;
        for (uint32_t r : g.rows) line += (line.empty() ? "" : ", ") + PkText(table, r);
        if (g.count > static_cast<int64_t>(g.rows.size())) {
          line += " and " + std::to_string(g.count - static_cast<int64_t>(g.rows.size())) + " more";
        }
        step.offending.push_back(line + ": " + g.shown);
      }
    } else {
      step.text += " (checked: " + Plural(static_cast<int64_t>(groups.size()), "value", "values") +
                   ")";
    }
  }

  template <typename Key, typename T, typename Fn>
  static void Compare(const std::map<Key, T>& before, const std::map<Key, T>& after, Fn fn) {
    for (const auto& [key, value] : after) {
      auto it = before.find(key);
      fn(key, it == before.end() ? nullptr : &it->second, &value);
    }
    for (const auto& [key, value] : before) {
      if (!after.count(key)) fn(key, &value, nullptr);
    }
  }

  void DiffRelationships(const Schema& before, const Schema& after) {
    auto collect = [](const Schema& s) {
      std::map<std::string, std::string> out;
      for (const ModuleDef& mod : s.modules) {
        for (const Model& model : mod.models) {
          for (const auto& [name, rel] : model.relationships) {
            out[mod.name + "." + CamelToSnakeCase(model.name) + "." + name] = RelationshipText(rel);
          }
          if (!model.cascade_delete.empty()) {
            std::string c;
            for (const std::string& x : model.cascade_delete) c += (c.empty() ? "" : ", ") + x;
            out[mod.name + "." + CamelToSnakeCase(model.name) + " cascades"] = c;
          }
        }
      }
      return out;
    };
    Compare(collect(before), collect(after),
            [&](const std::string& key, const std::string* was, const std::string* is) {
              const bool cascades = key.size() > 9 && key.substr(key.size() - 9) == " cascades";
              const std::string what = cascades ? "delete cascades of " +
                                                      key.substr(0, key.size() - 9)
                                                : "relationship " + key;
              if (was == nullptr) {
                Step("add " + what + " (" + *is + ")");
              } else if (is == nullptr) {
                Step("drop " + what + " (" + *was + ")");
              } else if (*was != *is) {
                Step("change " + what + " (was " + *was + "; now " + *is + ")");
              }
            });
  }

  void DiffSeedLinks(const Schema& before, const Schema& after) {
    auto collect = [](const Schema& s) {
      std::map<std::string, std::string> out;
      for (const ModuleDef& mod : s.modules) {
        for (const ModuleLink& l : mod.links) out[mod.name + "." + l.alias] = SeedLinkText(l);
      }
      return out;
    };
    Compare(collect(before), collect(after),
            [&](const std::string& key, const std::string* was, const std::string* is) {
              if (was == nullptr) {
                Step("add link " + key + " (" + *is + ")");
              } else if (is == nullptr) {
                Step("drop link " + key + " (" + *was + ")");
              } else if (*was != *is) {
                Step("change link " + key + " (was " + *was + "; now " + *is + ")");
              }
            });
  }

  // defineLinks: added and dropped pivots are entity steps; read-only links and changed sides
  // come here. A side that stops being a list is checked against the link rows.
  void DiffDefineLinks(const Schema& before, const Schema& after) {
    auto collect = [](const Schema& s) {
      std::map<std::string, const DefineLink*> out;
      for (const DefineLink& l : s.define_links) out[DefineLinkKey(l)] = &l;
      return out;
    };
    Compare(collect(before), collect(after),
            [&](const std::string& key, const DefineLink* const* was, const DefineLink* const* is) {
              if (was == nullptr || is == nullptr) {
                const DefineLink& l = was == nullptr ? **is : **was;
                if (l.read_only) Step((was == nullptr ? "add link " : "drop link ") + key);
                return;
              }
              const DefineLink& a = **was;
              const DefineLink& b = **is;
              const std::string sides_a = SideText(a.left) + ", " + SideText(a.right);
              const std::string sides_b = SideText(b.left) + ", " + SideText(b.right);
              if (sides_a == sides_b) return;
              MigrationStep& s =
                  Step("change link " + key + " (was " + sides_a + "; now " + sides_b + ")");
              if (!a.read_only) CheckCardinality(a, b, s);
            });
  }

  // A side that stops being a list: each row of the other side may then link to one row of it.
  void CheckCardinality(const DefineLink& a, const DefineLink& b, MigrationStep& step) {
    const bool right_single = a.right.is_list && !b.right.is_list;
    const bool left_single = a.left.is_list && !b.left.is_list;
    if (!right_single && !left_single) return;
    const DefineLinkInfo* info = nullptr;
    for (const DefineLinkInfo& l : old_.define_links) {
      if (!l.read_only && old_.catalog.entity(l.left).module == a.left.module &&
          old_.catalog.entity(l.left).name == CamelToSnakeCase(a.left.entity) &&
          old_.catalog.entity(l.right).module == a.right.module &&
          old_.catalog.entity(l.right).name == CamelToSnakeCase(a.right.entity)) {
        info = &l;
      }
    }
    if (info == nullptr) return;
    const store::Table& pivot = old_store_.table(info->pivot);
    int64_t clashes = 0;
    auto check = [&](ColumnId by, ColumnId other) {
      absl::flat_hash_map<std::string, std::pair<uint32_t, std::string>> seen;
      for (uint32_t r = 0; r < pivot.row_count(); ++r) {
        if (!pivot.IsVisible(r, false)) continue;
        std::string k(pivot.column(by).Get(r).s);
        std::string v(pivot.column(other).Get(r).s);
        auto it = seen.find(k);
        if (it == seen.end()) {
          types::GrowBeforeInsert(seen);
          seen.emplace(std::move(k), std::make_pair(r, std::move(v)));
          continue;
        }
        if (it->second.second == v) continue;
        ++clashes;
        if (step.offending.size() < kMaxOffending) {
          step.offending.push_back(k + " links to " + it->second.second + " and " + v);
        }
      }
    };
    if (right_single) check(info->left_key, info->right_key);
    if (left_single) check(info->right_key, info->left_key);
    if (clashes > 0) {
      step.refusal = Plural(clashes, "link row breaks", "link rows break") +
                     " the new cardinality: dismiss the extra links first";
    }
  }

  const CatalogVersion& old_;
  const store::Store& old_store_;
  const MigrateOptions& options_;
  const int64_t now_;
  Migration* m_;
  CatalogVersion* next_ = nullptr;
  absl::flat_hash_map<std::string, EntityId> old_by_name_;
  // Per new entity: new property name -> old name.
  absl::flat_hash_map<EntityId, std::map<std::string, std::string>> renamed_to_;
  std::map<EntityId, std::string> old_what_, new_what_;
};

}  // namespace

absl::StatusOr<store::Cell> ConvertCell(const ColumnDef& from, const ColumnDef& to,
                                        const store::Cell& cell, std::string* scratch) {
  if (cell.is_null) return cell;
  if (SameValues(from, to)) return cell;
  switch (to.type) {
    case ColumnType::kFloat: {
      constexpr int64_t kExact = int64_t{1} << 53;
      if (cell.i > kExact || cell.i < -kExact) {
        return absl::InvalidArgumentError(std::to_string(cell.i) + " has no exact float");
      }
      return store::Cell::Float(static_cast<double>(cell.i));
    }
    case ColumnType::kBigNumber: {
      LG_ASSIGN_OR_RETURN(*scratch, types::DecimalFromInt(cell.i));
      return store::Cell::Str(*scratch);
    }
    case ColumnType::kEnum: {
      std::string_view text = from.type == ColumnType::kEnum
                                  ? std::string_view(from.enum_values[cell.i])
                                  : cell.s;
      LG_ASSIGN_OR_RETURN(int64_t code, catalog::EnumCode(to, text));
      return store::Cell::Int(code);
    }
    case ColumnType::kText:
    case ColumnType::kId:
      if (from.type == ColumnType::kEnum) return store::Cell::Str(from.enum_values[cell.i]);
      return cell;
    default:
      return absl::InvalidArgumentError("no lossless conversion");
  }
}

std::string ShowCell(const ColumnDef& column, const store::Cell& cell) {
  if (cell.is_null) return "null";
  switch (column.type) {
    case ColumnType::kId:
    case ColumnType::kText:
      return Quoted(cell.s);
    case ColumnType::kBigNumber:
    case ColumnType::kJson:
    case ColumnType::kArray:
      return std::string(cell.s);
    case ColumnType::kNumber:
      return std::to_string(cell.i);
    case ColumnType::kFloat: {
      std::string s;
      types::AppendFloat(cell.f, &s);
      return s;
    }
    case ColumnType::kBoolean:
      return cell.i ? "true" : "false";
    case ColumnType::kDateTime: {
      std::string s;
      types::AppendDateTime(cell.i, &s);
      return s;
    }
    case ColumnType::kEnum:
      return cell.i >= 0 && static_cast<size_t>(cell.i) < column.enum_values.size()
                 ? Quoted(column.enum_values[cell.i])
                 : std::to_string(cell.i);
  }
  return "";
}

absl::StatusOr<Migration> PlanMigration(const PublishedVersion& from, const Schema& schema,
                                        const MigrateOptions& options, int64_t now) {
  Migration m;
  Planner planner(from, options, now, &m);
  LG_RETURN_IF_ERROR(planner.Run(schema));
  return m;
}

}  // namespace linkgraph::modules
