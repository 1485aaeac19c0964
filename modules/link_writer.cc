#include "modules/link_writer.h"

#include <algorithm>
#include <vector>

#include <simdjson.h>

#include "base/json_string.h"
#include "dsl/json_input.h"
#include "dsl/location.h"
#include "engine/types/hash_grow.h"
#include "linkgraph/status.h"
#include "modules/json_objects.h"
#include "modules/row_writer.h"
#include "modules/value_reader.h"

namespace linkgraph::modules {

namespace {

using simdjson::ondemand::json_type;

struct RawRow {
  // (module, inner key, id JSON) as written.
  struct Key {
    std::string module, key, id_json;
  };
  std::vector<Key> keys;
  std::string data_json;  // empty when absent
  std::string link;       // "link": pivot entity name
};

absl::StatusOr<RawRow> ReadRawRow(simdjson::ondemand::object obj, const std::string& where) {
  RawRow row;
  for (auto field : obj) {
    std::string key(field.unescaped_key().value());
    simdjson::ondemand::value v = field.value();
    if (key == "data") {
      if (v.type() != json_type::object) return dsl::InvalidAt("'data' is an object", where + ".data");
      row.data_json = std::string(dsl::internal::RawJson(v));
    } else if (key == "link") {
      if (v.type() != json_type::string) return dsl::InvalidAt("'link' names a link table", where + ".link");
      row.link = std::string(v.get_string().value());
    } else {
      if (v.type() != json_type::object) {
        return dsl::InvalidAt("'" + key + "' must be an object of keys ({\"" + key +
                                  "_id\": id})",
                              where + "." + key);
      }
      for (auto inner : v.get_object()) {
        RawRow::Key k{key, std::string(inner.unescaped_key().value()),
                      std::string(dsl::internal::RawJson(inner.value()))};
        row.keys.push_back(std::move(k));
      }
    }
  }
  return row;
}

std::string LinkNames(const std::vector<const DefineLinkInfo*>& links,
                      const CatalogVersion& rules) {
  std::string out;
  for (size_t i = 0; i < links.size(); ++i) {
    if (i) out += ", ";
    out += links[i]->read_only ? links[i]->label : rules.catalog.entity(links[i]->pivot).QualifiedName();
  }
  return out;
}

// Finds the link whose (module, key) pairs are the row's; fills left/right id JSON.
absl::StatusOr<LinkPair> Resolve(const CatalogVersion& rules, const RawRow& row,
                                 const std::string& where, bool need_both) {
  if (row.keys.empty() || row.keys.size() > 2) {
    return dsl::InvalidAt("a link row names two modules' keys, like {\"product\": {\"product_id\": "
                          "\"…\"}, \"collection\": {\"collection_id\": \"…\"}}",
                          where);
  }
  std::vector<LinkPair> candidates;
  for (const DefineLinkInfo& link : rules.define_links) {
    if (!row.link.empty()) {
      if (link.read_only) continue;
      const catalog::EntityDef& pivot = rules.catalog.entity(link.pivot);
      if (row.link != pivot.name && row.link != pivot.QualifiedName()) continue;
    }
    LinkPair pair;
    pair.link = &link;
    bool ok = true;
    for (const RawRow::Key& k : row.keys) {
      if (link.read_only) {
        ok = false;
        break;
      }
      if (k.module == link.left_module && k.key == link.left_key_name && pair.left_json.empty()) {
        pair.left_json = k.id_json;
      } else if (k.module == link.right_module && k.key == link.right_key_name &&
                 pair.right_json.empty()) {
        pair.right_json = k.id_json;
      } else {
        ok = false;
      }
    }
    if (ok && need_both && (pair.left_json.empty() || pair.right_json.empty())) ok = false;
    if (ok) candidates.push_back(std::move(pair));
  }
  if (candidates.size() == 1) return candidates[0];
  if (candidates.size() > 1) {
    std::vector<const DefineLinkInfo*> links;
    for (const LinkPair& c : candidates) links.push_back(c.link);
    return dsl::InvalidAt("the link row is ambiguous: " + LinkNames(links, rules) +
                              " join these keys; name one with \"link\"",
                          where);
  }
  // A read-only link matching the keys refuses link-service calls.
  for (const DefineLinkInfo& link : rules.define_links) {
    if (!link.read_only) continue;
    for (const RawRow::Key& k : row.keys) {
      if (k.module == link.left_module || k.module == link.right_module) {
        return dsl::ErrorAt(absl::StatusCode::kFailedPrecondition,
                            link.label + " is read-only: it has no link rows to write", where);
      }
    }
  }
  std::string given;
  for (size_t i = 0; i < row.keys.size(); ++i) {
    given += (i ? ", " : "") + row.keys[i].module + "." + row.keys[i].key;
  }
  return dsl::InvalidAt("no link joins " + given, where);
}

class LinkWriter {
 public:
  LinkWriter(CommitContext* ctx, store::Transaction* txn, WriteOp::Kind kind)
      : ctx_(ctx), txn_(txn), now_(ctx->now), kind_(kind) {}

  absl::StatusOr<int64_t> Row(const RawRow& raw, const std::string& where) {
    LG_ASSIGN_OR_RETURN(LinkPair pair, Resolve(ctx_->rules, raw, where, true));
    const DefineLinkInfo& link = *pair.link;
    LG_ASSIGN_OR_RETURN(OwnedCell a, Key(link.left, pair.left_json, where));
    LG_ASSIGN_OR_RETURN(OwnedCell b, Key(link.right, pair.right_json, where));
    store::Table& pivot = ctx_->store.table(link.pivot);
    const catalog::EntityDef& pdef = pivot.def();
    int64_t existing = FindPair(pivot, link, a.Get(), b.Get());
    bool live = existing >= 0 && !pivot.IsSoftDeleted(static_cast<uint32_t>(existing));
    std::string pair_text = Describe(link, a, b);
    switch (kind_) {
      case WriteOp::Kind::kLink: {
        RowWriter writer(ctx_, txn_, link.pivot);
        if (existing >= 0) {
          uint32_t row = static_cast<uint32_t>(existing);
          if (!raw.data_json.empty()) {
            simdjson::padded_string padded = dsl::internal::Padded(raw.data_json);
            dsl::internal::ParserLease parser(padded.size());
            simdjson::ondemand::document doc = dsl::internal::Iterate(parser, padded);
            LG_RETURN_IF_ERROR(writer.UpdateJson(doc.get_object(), row, where + ".data"));
          }
          if (!live) txn_->Set(link.pivot, row, pdef.deleted_at, store::Cell::Null());
          ctx_->pending_links.push_back({&link, row, where});
          return 1;
        }
        std::string json = "{" + base::QuoteJson(link.left_key_name) + ":" + pair.left_json + "," +
                           base::QuoteJson(link.right_key_name) + ":" + pair.right_json;
        if (!raw.data_json.empty()) {
          // Merge the data object's fields after the keys.
          std::string_view d = raw.data_json;
          size_t open = d.find('{'), close = d.rfind('}');
          std::string inner(d.substr(open + 1, close - open - 1));
          if (inner.find_first_not_of(" \t\r\n") != std::string::npos) json += "," + inner;
        }
        json += "}";
        simdjson::padded_string padded = dsl::internal::Padded(json);
        dsl::internal::ParserLease parser(padded.size());
        simdjson::ondemand::document doc = dsl::internal::Iterate(parser, padded);
        absl::StatusOr<uint32_t> row = writer.CreateJson(doc.get_object(), where + ".data");
        if (!row.ok()) return row.status();
        ctx_->pending_links.push_back({&link, *row, where});
        return 1;
      }
      case WriteOp::Kind::kDismiss:
        if (existing < 0) return NotLinked(pair_text, where);
        if (!live) return 0;
        txn_->Set(link.pivot, static_cast<uint32_t>(existing), pdef.deleted_at,
                  store::Cell::Int(now_));
        return 1;
      case WriteOp::Kind::kUnlink:
        if (existing < 0) return NotLinked(pair_text, where);
        txn_->Kill(link.pivot, static_cast<uint32_t>(existing));
        return 1;
      case WriteOp::Kind::kLinkRestore:
        if (existing < 0) return NotLinked(pair_text, where);
        if (live) return 0;
        txn_->Set(link.pivot, static_cast<uint32_t>(existing), pdef.deleted_at,
                  store::Cell::Null());
        ctx_->pending_links.push_back({&link, static_cast<uint32_t>(existing), where});
        return 1;
      default:
        return absl::InternalError("not a link operation");
    }
  }

 private:
  absl::StatusOr<OwnedCell> Key(catalog::EntityId entity, const std::string& json,
                                const std::string& where) {
    const catalog::EntityDef& e = ctx_->rules.catalog.entity(entity);
    OwnedCell cell;
    absl::Status s = ReadOwnedCell(json, e.columns[e.primary_key], &cell);
    if (!s.ok()) return dsl::InvalidAt(dsl::Msg(s), where + "." + e.module);
    if (cell.cell.is_null) return dsl::InvalidAt("a link key cannot be null", where + "." + e.module);
    return cell;
  }

  std::string Shown(catalog::EntityId entity, const OwnedCell& key) {
    const catalog::EntityDef& e = ctx_->rules.catalog.entity(entity);
    return catalog::IsStringStored(e.columns[e.primary_key].type) ? key.storage
                                                                  : std::to_string(key.cell.i);
  }

  std::string Describe(const DefineLinkInfo& link, const OwnedCell& a, const OwnedCell& b) {
    return ctx_->rules.catalog.entity(link.left).name + " " + Shown(link.left, a) + " and " +
           ctx_->rules.catalog.entity(link.right).name + " " + Shown(link.right, b);
  }

  absl::Status NotLinked(const std::string& pair, const std::string& where) {
    return dsl::ErrorAt(absl::StatusCode::kNotFound, "no link between " + pair, where);
  }

  static bool SameKey(const store::Column& c, uint32_t row, const store::Cell& key) {
    if (c.IsNull(row)) return false;
    return catalog::IsStringStored(c.type()) ? c.GetString(row) == key.s : c.GetInt(row) == key.i;
  }

  static int64_t FindPair(const store::Table& pivot, const DefineLinkInfo& link,
                          const store::Cell& a, const store::Cell& b) {
    store::HashIndex::Rows p = pivot.hash_index(link.left_key)->Find(a);
    if (p == nullptr) return -1;
    int64_t found = -1;
    for (uint32_t row : *p) {
      if (!SameKey(pivot.column(link.right_key), row, b)) continue;
      // Prefer the live row; a dismissed one otherwise.
      if (!pivot.IsSoftDeleted(row)) return row;
      found = row;
    }
    return found;
  }

  CommitContext* ctx_;
  store::Transaction* txn_;
  int64_t now_;
  WriteOp::Kind kind_;
};

// Calls fn(row, where) for each link row of `json`, located as `rows[i]` like every batch's rows
// (DESIGN.md §7), or `<prefix>[i]` (`links[i]` inside a data document).
template <typename Fn>
absl::Status ForEachLinkRow(std::string_view json, const std::string& prefix, const Fn& fn) {
  return ForEachJsonObject(json, prefix.empty() ? "rows" : prefix,
                           [&](simdjson::ondemand::object obj, const std::string& where) {
                             absl::StatusOr<RawRow> row = ReadRawRow(obj, where);
                             if (!row.ok()) return row.status();
                             return fn(*row, where);
                           });
}

}  // namespace

namespace {

std::string ShownKey(const store::Column& c, uint32_t row) {
  return catalog::IsStringStored(c.type()) ? std::string(c.GetString(row))
                                           : std::to_string(c.GetInt(row));
}

// The link row's end in `entity`, keyed by `key_col` of the pivot, must exist and be live.
absl::Status CheckEnd(const CommitContext& ctx, const store::Table& pivot,
                      catalog::ColumnId key_col, catalog::EntityId entity, uint32_t row,
                      const std::string& where) {
  const store::Table& t = ctx.store.table(entity);
  const store::Column& key = pivot.column(key_col);
  int64_t found = t.FindByPk(key.Get(row));
  if (found >= 0 && !t.IsSoftDeleted(static_cast<uint32_t>(found))) return absl::OkStatus();
  const catalog::EntityDef& e = t.def();
  const std::string shown = ShownKey(key, row);
  return dsl::ErrorAt(absl::StatusCode::kFailedPrecondition,
                      std::string("cannot link ") + e.name + " " + shown + ": " + e.pascal +
                          " with " + e.columns[e.primary_key].name + ": " + shown +
                          (found < 0 ? " was not found" : " is deleted"),
                      where);
}

bool SameValue(const store::Column& c, uint32_t a, uint32_t b) {
  if (c.IsNull(a) || c.IsNull(b)) return false;
  return catalog::IsStringStored(c.type()) ? c.GetString(a) == c.GetString(b)
                                           : c.GetInt(a) == c.GetInt(b);
}

}  // namespace

absl::Status CheckPendingLinks(const CommitContext& ctx) {
  // Position of each pending pivot row (per pivot), so a clash is reported at the later row.
  absl::flat_hash_map<uint64_t, size_t> order;
  for (size_t i = 0; i < ctx.pending_links.size(); ++i) {
    const CommitContext::PendingLink& p = ctx.pending_links[i];
    types::GrowBeforeInsert(order);
    order[(uint64_t{p.link->pivot} << 32) | p.row] = i;
  }
  for (size_t i = 0; i < ctx.pending_links.size(); ++i) {
    const CommitContext::PendingLink& p = ctx.pending_links[i];
    if (order[(uint64_t{p.link->pivot} << 32) | p.row] != i) continue;  // checked at its last
    const DefineLinkInfo& link = *p.link;
    const store::Table& pivot = ctx.store.table(link.pivot);
    if (!pivot.IsVisible(p.row, /*with_deleted=*/false)) continue;  // dismissed or deleted since
    LG_RETURN_IF_ERROR(CheckEnd(ctx, pivot, link.left_key, link.left, p.row, p.where));
    LG_RETURN_IF_ERROR(CheckEnd(ctx, pivot, link.right_key, link.right, p.row, p.where));
    // right.isList false: a left row links to at most one right row; left.isList false: a
    // right row links to at most one left row. Another live row with the same key on one side
    // and a different one on the other clashes, unless it is a pending row checked later.
    auto clash = [&](catalog::ColumnId by, catalog::ColumnId other) {
      store::HashIndex::Rows rows = pivot.hash_index(by)->Find(pivot.column(by).Get(p.row));
      if (rows == nullptr) return false;
      for (uint32_t q : *rows) {
        if (q == p.row || !pivot.IsVisible(q, false)) continue;
        if (SameValue(pivot.column(other), q, p.row)) continue;
        auto later = order.find((uint64_t{link.pivot} << 32) | q);
        if (later != order.end() && later->second > i) continue;
        return true;
      }
      return false;
    };
    if ((!link.right_list && clash(link.left_key, link.right_key)) ||
        (!link.left_list && clash(link.right_key, link.left_key))) {
      return dsl::ErrorAt(absl::StatusCode::kFailedPrecondition,
                          "Cannot create multiple links between '" +
                              ctx.rules.catalog.entity(link.left).name + "' and '" +
                              ctx.rules.catalog.entity(link.right).name + "'",
                          p.where);
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<int64_t> ApplyLinkOp(CommitContext* ctx, store::Transaction* txn,
                                    const WriteOp& op) {
  LinkWriter writer(ctx, txn, op.kind);
  int64_t count = 0;
  LG_RETURN_IF_ERROR(ForEachLinkRow(op.json, op.where, [&](const RawRow& row, const std::string& where) -> absl::Status {
    LG_ASSIGN_OR_RETURN(int64_t n, writer.Row(row, where));
    count += n;
    return absl::OkStatus();
  }));
  return count;
}

absl::StatusOr<std::vector<LinkPair>> ResolveLinkRows(const CatalogVersion& rules,
                                                      std::string_view json, bool need_both) {
  std::vector<LinkPair> out;
  LG_RETURN_IF_ERROR(ForEachLinkRow(json, "", [&](const RawRow& row, const std::string& where) -> absl::Status {
    LG_ASSIGN_OR_RETURN(LinkPair pair, Resolve(rules, row, where, need_both));
    out.push_back(std::move(pair));
    return absl::OkStatus();
  }));
  return out;
}

}  // namespace linkgraph::modules
