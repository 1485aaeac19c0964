#include "modules/access.h"
#include "linkgraph/database.h"

#include <algorithm>
#include <mutex>
#include <optional>

#include <simdjson.h>

#include "dsl/json_input.h"
#include "dsl/location.h"
#include "dsl/parse.h"
#include "engine/result/result_data.h"
#include "modules/checkpoint.h"
#include "modules/commit.h"
#include "modules/graph.h"
#include "modules/guard.h"
#include "modules/migration.h"
#include "modules/names.h"
#include "modules/pluralize.h"
#include "modules/registration.h"
#include "modules/schema_json.h"
#include "modules/schema_writer.h"
#include "modules/state.h"

namespace linkgraph {

Database::State::State(DatabaseOptions opts) : options(std::move(opts)), ids(options.id_seed) {}

namespace {

// One kCreate op per key of a DESIGN.md §8 data document, appended to `ops`, then one kLink op
// for its link rows under "links" (rows first, so link rows may name rows of the same document;
// their ends are checked when the batch commits). Each op's `where` is its key, so errors read
// `<key>[i].<field>` and `links[i]...`.
absl::Status AppendDocumentOps(std::string_view document, std::vector<modules::WriteOp>* ops) {
  size_t first_op = ops->size();
  std::optional<modules::WriteOp> links;
  simdjson::padded_string padded = dsl::internal::Padded(document);
  dsl::internal::ParserLease parser(padded.size());
  try {
    simdjson::ondemand::document doc = dsl::internal::Iterate(parser, padded);
    if (doc.type() != simdjson::ondemand::json_type::object) {
      return dsl::InvalidAt("a data document is a JSON object", "document");
    }
    for (auto field : doc.get_object()) {
      std::string key(field.unescaped_key().value());
      simdjson::ondemand::value v = field.value();
      if (key == "links") {
        if (links) return dsl::InvalidAt("duplicate key 'links'", key);
        if (v.type() != simdjson::ondemand::json_type::array) {
          return dsl::InvalidAt("expected an array of link rows", key);
        }
        links.emplace();
        links->kind = modules::WriteOp::Kind::kLink;
        links->json = std::string(dsl::internal::RawJson(v));
        links->where = key;
        continue;
      }
      if (v.type() != simdjson::ondemand::json_type::array) {
        return dsl::InvalidAt("expected an array of rows", key);
      }
      for (size_t i = first_op; i < ops->size(); ++i) {
        if ((*ops)[i].where == key) return dsl::InvalidAt("duplicate key '" + key + "'", key);
      }
      modules::WriteOp op;
      op.kind = modules::WriteOp::Kind::kCreate;
      op.entity = key;
      op.json = std::string(dsl::internal::RawJson(v));
      op.where = key;
      ops->push_back(std::move(op));
    }
    if (links) ops->push_back(std::move(*links));
  } catch (const simdjson::simdjson_error& e) {
    dsl::internal::RethrowIfOutOfMemory(e);
    return dsl::InvalidAt(std::string("invalid JSON: ") + simdjson::error_message(e.error()),
                          "document");
  }
  return absl::OkStatus();
}

}  // namespace

std::function<int64_t()> TestClock(int64_t start_micros) {
  auto next = std::make_shared<int64_t>(start_micros);
  return [next]() {
    int64_t now = *next;
    *next += 1000;
    return now;
  };
}

void WriteBatch::Create(std::string_view entity, std::string_view rows_json) {
  ops_.push_back(Op{Op::Kind::kCreate, std::string(entity), std::string(rows_json)});
}
void WriteBatch::Link(std::string_view links_json) {
  ops_.push_back(Op{Op::Kind::kLink, "", std::string(links_json)});
}
void WriteBatch::Dismiss(std::string_view links_json) {
  ops_.push_back(Op{Op::Kind::kDismiss, "", std::string(links_json)});
}
void WriteBatch::Unlink(std::string_view links_json) {
  ops_.push_back(Op{Op::Kind::kUnlink, "", std::string(links_json)});
}
void WriteBatch::RestoreLinks(std::string_view links_json) {
  ops_.push_back(Op{Op::Kind::kLinkRestore, "", std::string(links_json)});
}
void WriteBatch::CreateLines(std::string_view entity, std::string_view json_lines,
                             std::string_view source) {
  ops_.push_back(Op{Op::Kind::kCreateLines, std::string(entity), std::string(json_lines),
                    std::string(source)});
}
void WriteBatch::LoadJson(std::string_view document) {
  ops_.push_back(Op{Op::Kind::kDocument, "", std::string(document)});
}
void WriteBatch::Update(std::string_view entity, std::string_view rows_json) {
  ops_.push_back(Op{Op::Kind::kUpdate, std::string(entity), std::string(rows_json)});
}
void WriteBatch::Delete(std::string_view entity, std::string_view selection_json) {
  ops_.push_back(Op{Op::Kind::kDelete, std::string(entity), std::string(selection_json)});
}
void WriteBatch::SoftDelete(std::string_view entity, std::string_view selection_json) {
  ops_.push_back(Op{Op::Kind::kSoftDelete, std::string(entity), std::string(selection_json)});
}
void WriteBatch::Restore(std::string_view entity, std::string_view selection_json) {
  ops_.push_back(Op{Op::Kind::kRestore, std::string(entity), std::string(selection_json)});
}

static_assert(static_cast<int>(WriteBatch::Op::Kind::kLinkRestore) ==
              static_cast<int>(modules::WriteOp::Kind::kLinkRestore));

Database::Database(DatabaseOptions options)
    : state_(std::make_unique<State>(std::move(options))) {}

// Subscriptions stop first, while the Database their callbacks may query still stands.
Database::~Database() { state_->feed->Close(); }

absl::StatusOr<std::unique_ptr<Database>> Database::Open(std::string_view dir,
                                                         DatabaseOptions options) try {
  if (options.schema) {
    // A schema that does not register is refused before anything is created on disk.
    Database scratch;
    LG_RETURN_IF_ERROR(scratch.Register(*options.schema));
  }
  auto db = std::make_unique<Database>(std::move(options));
  LG_RETURN_IF_ERROR(modules::OpenDurable(*db, dir, durable::Env::Default()));
  if (db->state_->options.schema) LG_RETURN_IF_ERROR(modules::ExpectSchema(*db, dir));
  return db;
} catch (...) {
  return modules::StatusFromException();
}

absl::Status Database::Checkpoint() try {
  LG_RETURN_IF_ERROR(modules::CheckNotInCommit(*state_));
  if (!state_->durable) {
    return absl::FailedPreconditionError(
        "an in-memory database has no checkpoint; open a durable one (Database::Open, or the "
        "shell's --db DIR)");
  }
  return modules::WriteCheckpoint(state_.get());
} catch (...) {
  return modules::StatusFromException();
}

absl::Status Database::Backup(std::string_view dir) try {
  LG_RETURN_IF_ERROR(modules::CheckNotInCommit(*state_));
  return modules::WriteBackup(state_.get(), dir);
} catch (...) {
  return modules::StatusFromException();
}

absl::StatusOr<Subscription> Database::Subscribe(std::function<void(const CommitEvent&)> callback,
                                                 SubscribeOptions options) try {
  if (!callback) return absl::InvalidArgumentError("Subscribe needs a callback");
  if (options.max_pending == 0) {
    return dsl::InvalidAt("must be at least 1", "SubscribeOptions.max_pending");
  }
  LG_ASSIGN_OR_RETURN(std::shared_ptr<modules::Subscriber> subscriber,
                      state_->feed->Add(state_->feed, std::move(callback), options));
  return Subscription(std::move(subscriber));
} catch (...) {
  return modules::StatusFromException();
}

absl::Status Database::Register(const Schema& schema) try {
  LG_RETURN_IF_ERROR(modules::CheckNotInCommit(*state_));
  std::unique_lock<std::mutex> writer(state_->commit_mutex);
  // The next catalog version (a copy of the published one) and a writer's version of the stores
  // bound to it: tables added and indexes built go there. Both are published when registration
  // succeeds and dropped when it fails; queries keep reading the published pair meanwhile.
  auto next = std::make_shared<CatalogVersion>(state_->rules());
  struct EndWriting {
    Database::State* state;
    ~EndWriting() { state->EndWriting(); }
  } end_writing{state_.get()};
  state_->BeginWriting();
  state_->store.Rebind(next->catalog);
  LG_RETURN_IF_ERROR(modules::RegisterSchema(schema, next.get(), &state_->store));
  next->schemas.push_back(schema);
  ++next->number;
  // Logged (and synced) before it is published: a Register that is not on disk never happened.
  if (state_->durable) {
    LG_RETURN_IF_ERROR(state_->durable->LogRegister(next->number, modules::WriteSchemaJson({schema})));
  }
  auto version = std::make_shared<const store::Store>(state_->store);
  state_->Publish(std::move(next), std::move(version));
  return absl::OkStatus();
} catch (...) {
  return modules::StatusFromException();
}

std::string Database::SchemaJson() {
  modules::Snapshot snap(*state_);
  return modules::WriteSchemaJson(snap.rules().schemas);
}

namespace {

// The entity reached from `entity` through `relation_path` (relation names joined by '.').
absl::StatusOr<const catalog::EntityDef*> Reach(const catalog::Catalog& catalog,
                                                std::string_view entity,
                                                std::string_view relation_path) {
  absl::StatusOr<catalog::EntityId> id = catalog.ResolveEntity(entity);
  if (!id.ok()) return dsl::InvalidAt(dsl::Msg(id.status()), "entity");
  const catalog::EntityDef* def = &catalog.entity(*id);
  while (!relation_path.empty()) {
    size_t dot = relation_path.find('.');
    std::string_view name = relation_path.substr(0, dot);
    relation_path = dot == std::string_view::npos ? "" : relation_path.substr(dot + 1);
    const catalog::RelationDef* rel = def->FindRelation(name);
    if (rel == nullptr) {
      return absl::InvalidArgumentError("'" + std::string(name) + "' is not a relation of " +
                                        def->name);
    }
    def = &catalog.entity(rel->target);
  }
  return def;
}

}  // namespace

absl::StatusOr<std::string> Database::PrimaryKeyOf(std::string_view entity,
                                                   std::string_view relation_path) try {
  LG_RETURN_IF_ERROR(modules::CheckNotInCommit(*state_));
  modules::Snapshot snap(*state_);
  LG_ASSIGN_OR_RETURN(const catalog::EntityDef* def, Reach(snap.catalog(), entity, relation_path));
  return def->columns[def->primary_key].name;
} catch (...) {
  return modules::StatusFromException();
}

absl::StatusOr<EntityInfo> Database::Describe(std::string_view entity,
                                              std::string_view relation_path) try {
  LG_RETURN_IF_ERROR(modules::CheckNotInCommit(*state_));
  modules::Snapshot snap(*state_);
  const catalog::Catalog& catalog = snap.catalog();
  LG_ASSIGN_OR_RETURN(const catalog::EntityDef* def, Reach(catalog, entity, relation_path));
  EntityInfo info;
  info.name = def->QualifiedName();
  for (const catalog::ColumnDef& c : def->columns) {
    info.fields.push_back({.name = c.name,
                           .type = std::string(catalog::ColumnTypeName(c.type)),
                           .primary_key = c.primary_key,
                           .nullable = c.nullable});
  }
  for (const catalog::RelationDef& r : def->relations) {
    info.relations.push_back({.name = r.name,
                              .target = catalog.entity(r.target).QualifiedName(),
                              .is_list = r.kind == catalog::RelationKind::kList,
                              .origin = r.origin});
  }
  return info;
} catch (...) {
  return modules::StatusFromException();
}

absl::Status Database::RegisterJson(std::string_view schema_json) try {
  LG_ASSIGN_OR_RETURN(Schema schema, modules::ParseSchemaJson(schema_json));
  return Register(schema);
} catch (...) {
  return modules::StatusFromException();
}

absl::StatusOr<Result> Database::Graph(const GraphRequest& request,
                                       const QueryOptions& options) try {
  LG_ASSIGN_OR_RETURN(dsl::Request req, modules::ParseGraphRequest(request));
  return modules::RunRequest(*state_, req, modules::Metadata::kGraph, options);
} catch (...) {
  return modules::StatusFromException();
}

absl::StatusOr<Result> Database::GraphJson(std::string_view request_json,
                                           const QueryOptions& options) try {
  LG_ASSIGN_OR_RETURN(dsl::Request req, dsl::ParseRequestJson(request_json));
  return modules::RunRequest(*state_, req, modules::Metadata::kGraph, options);
} catch (...) {
  return modules::StatusFromException();
}

namespace {

// A batch's operations as commit-path ops; `origin[k]` is the batch op that ops[k] came from
// (a data document expands into one op per key).
absl::Status BatchOps(const WriteBatch& batch, std::vector<modules::WriteOp>* ops,
                      std::vector<size_t>* origin) {
  for (size_t i = 0; i < batch.ops().size(); ++i) {
    const WriteBatch::Op& op = batch.ops()[i];
    if (op.kind == WriteBatch::Op::Kind::kDocument) {
      LG_RETURN_IF_ERROR(AppendDocumentOps(op.json, ops));
      origin->resize(ops->size(), i);
      continue;
    }
    modules::WriteOp w;
    w.kind = static_cast<modules::WriteOp::Kind>(op.kind);
    w.entity = op.entity;
    w.json = op.json;
    // Rows given (creates, updates, link rows) are `rows[i]`; deletes and restores select `ids`.
    bool rows = op.kind == WriteBatch::Op::Kind::kCreate ||
                op.kind == WriteBatch::Op::Kind::kUpdate || op.kind >= WriteBatch::Op::Kind::kLink;
    w.where = !op.where.empty()          ? op.where
              : batch.ops().size() == 1 ? ""
                                        : "ops[" + std::to_string(i) + (rows ? "].rows" : "].ids");
    ops->push_back(std::move(w));
    origin->push_back(i);
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<WriteSummary> Database::Write(const std::function<void(WriteBatch&)>& fill) try {
  WriteBatch batch;
  fill(batch);
  std::vector<modules::WriteOp> ops;
  std::vector<size_t> origin;
  LG_RETURN_IF_ERROR(BatchOps(batch, &ops, &origin));
  LG_ASSIGN_OR_RETURN(modules::CommitResult commit,
                      modules::Commit(state_.get(), ops, &batch.progress()));
  return WriteSummary{commit.rows, commit.commit};
} catch (...) {
  return modules::StatusFromException();
}

absl::StatusOr<std::vector<Result>> Database::DryRun(
    const std::function<void(WriteBatch&)>& fill) try {
  WriteBatch batch;
  fill(batch);
  std::vector<modules::WriteOp> ops;
  std::vector<size_t> origin;
  LG_RETURN_IF_ERROR(BatchOps(batch, &ops, &origin));
  std::vector<Result> results(batch.ops().size());
  absl::Status built;
  LG_RETURN_IF_ERROR(modules::DryRun(state_.get(), ops, [&](const modules::CommitResult& commit) {
    std::vector<int64_t> counts(batch.ops().size(), 0);
    for (size_t k = 0; k < commit.ops.size(); ++k) {
      const modules::OpResult& r = commit.ops[k];
      size_t i = origin[k];
      using K = WriteBatch::Op::Kind;
      K kind = batch.ops()[i].kind;
      counts[i] += r.count >= 0 ? r.count : static_cast<int64_t>(r.rows.size());
      absl::StatusOr<Result> one;
      if (kind == K::kCreate || kind == K::kUpdate) {
        one = modules::RowsResultIn(commit.rules->catalog, commit.version, r.entity, r.rows);
      } else if (kind == K::kDelete || kind == K::kSoftDelete || kind == K::kRestore) {
        one = modules::IdsResultIn(commit.rules->catalog, commit.version, r.entity, r.rows);
      } else {
        auto data = std::make_shared<result::ResultData>();
        data->metadata_only = true;
        data->meta.count = counts[i];
        one = modules::ResultAccess::Make(std::move(data));
      }
      if (!one.ok()) {
        built = one.status();
        return;
      }
      results[i] = std::move(*one);
    }
  }));
  LG_RETURN_IF_ERROR(built);
  return results;
} catch (...) {
  return modules::StatusFromException();
}
absl::StatusOr<WriteSummary> Database::LoadJson(std::string_view document) try {
  std::vector<modules::WriteOp> ops;
  LG_RETURN_IF_ERROR(AppendDocumentOps(document, &ops));
  LG_ASSIGN_OR_RETURN(modules::CommitResult commit, modules::Commit(state_.get(), ops));
  return WriteSummary{commit.rows, commit.commit};
} catch (...) {
  return modules::StatusFromException();
}

absl::StatusOr<WriteSummary> Database::LoadJsonLines(std::string_view entity,
                                                     std::string_view text) try {
  // One copy of the text (the op owns it); `{op}` would copy it again.
  std::vector<modules::WriteOp> ops(1);
  ops[0].kind = modules::WriteOp::Kind::kCreateLines;
  ops[0].entity = std::string(entity);
  ops[0].json = std::string(text);
  LG_ASSIGN_OR_RETURN(modules::CommitResult commit, modules::Commit(state_.get(), ops));
  return WriteSummary{commit.rows, commit.commit};
} catch (...) {
  return modules::StatusFromException();
}

absl::StatusOr<Result> Database::Call(std::string_view method, std::string_view args_json,
                                      std::string_view config_json) try {
  static const std::vector<std::string_view> kVerbs = {
      "listAndCount", "softDelete", "retrieve", "restore", "create", "update", "delete", "list"};
  std::string_view verb;
  for (std::string_view v : kVerbs) {
    if (method.substr(0, v.size()) == v) {
      verb = v;
      break;
    }
  }
  if (verb.empty()) {
    return absl::InvalidArgumentError("unknown method '" + std::string(method) +
                                      "'; methods are create, list, listAndCount, retrieve + "
                                      "the entity's name (createReviews, retrieveReview)");
  }
  std::string_view suffix = method.substr(verb.size());
  std::string entity;
  {
    modules::Snapshot snap(*state_);
    for (const auto& e : snap.catalog().entities()) {
      std::string expected = verb == "retrieve" ? e->pascal : modules::Pluralize(e->pascal);
      if (expected == suffix) {
        if (!entity.empty()) {
          return absl::InvalidArgumentError("method '" + std::string(method) +
                                            "' is ambiguous: several modules have '" + e->name +
                                            "'");
        }
        entity = e->QualifiedName();
      }
    }
  }
  if (entity.empty()) {
    return absl::InvalidArgumentError("unknown method '" + std::string(method) +
                                      "': no entity is named '" + std::string(suffix) + "'");
  }
  FindConfig config;
  if (!config_json.empty()) {
    simdjson::padded_string padded = dsl::internal::Padded(config_json);
    dsl::internal::ParserLease parser(padded.size());
    try {
      simdjson::ondemand::document doc = dsl::internal::Iterate(parser, padded);
      for (auto field : doc.get_object()) {
        std::string key(field.unescaped_key().value());
        simdjson::ondemand::value v = field.value();
        if (key == "select" || key == "relations") {
          for (auto item : v.get_array()) {
            std::string s(item.value().get_string().value());
            (key == "select" ? config.select : config.relations).push_back(std::move(s));
          }
        } else if (key == "skip") {
          config.skip = v.get_int64().value();
        } else if (key == "take") {
          config.take = v.get_int64().value();
        } else if (key == "order") {
          if (v.type() == simdjson::ondemand::json_type::object) {
            config.order = std::string(dsl::internal::RawJson(v));
          } else {
            config.order = std::string(v.get_string().value());
          }
        } else if (key == "withDeleted") {
          config.with_deleted = v.get_bool().value();
        } else {
          return dsl::InvalidAt("unknown find config key '" + key +
                                    "'; known: select, relations, skip, take, order, withDeleted",
                                "config." + key);
        }
      }
    } catch (const simdjson::simdjson_error& e) {
      dsl::internal::RethrowIfOutOfMemory(e);
      return dsl::InvalidAt(std::string("invalid find config: ") +
                                simdjson::error_message(e.error()),
                            "config");
    }
  }
  linkgraph::Service service(this, entity);
  if (verb == "create") return service.Create(args_json);
  if (verb == "list") return service.List(args_json, config);
  if (verb == "listAndCount") return service.ListAndCount(args_json, config);
  if (verb == "retrieve") return service.Retrieve(args_json, config);
  if (verb == "update") return service.Update(args_json);
  if (verb == "delete") return service.Delete(args_json);
  if (verb == "softDelete") return service.SoftDelete(args_json);
  return service.Restore(args_json);
} catch (...) {
  return modules::StatusFromException();
}

absl::StatusOr<std::vector<std::string>> Database::CheckIntegrity() try {
  LG_RETURN_IF_ERROR(modules::CheckNotInCommit(*state_));
  modules::Snapshot snap(*state_);
  std::vector<std::string> problems;
  for (const SeedLinkInfo& link : snap.rules().seed_links) {
    const store::Table& holder = snap.store().table(link.holder);
    const store::Table& target = snap.store().table(link.target);
    const catalog::EntityDef& hd = holder.def();
    const catalog::EntityDef& td = target.def();
    const store::Column& fk = holder.column(link.foreign_key);
    const store::HashIndex* idx = target.hash_index(link.target_field);
    for (uint32_t row : holder.pk_order()) {
      if (holder.IsSoftDeleted(row) || fk.IsNull(row)) continue;
      store::HashIndex::Rows p = idx->Find(fk.Get(row));
      bool live = p != nullptr && std::any_of(p->begin(), p->end(), [&](uint32_t t) {
                    return !target.IsSoftDeleted(t);
                  });
      if (live) continue;
      std::string key = catalog::IsStringStored(fk.type()) ? std::string(fk.GetString(row))
                                                           : std::to_string(fk.GetInt(row));
      std::string pk = catalog::IsStringStored(holder.pk_column().type())
                           ? std::string(holder.pk_column().GetString(row))
                           : std::to_string(holder.pk_column().GetInt(row));
      problems.push_back(hd.name + " " + pk + ": " + hd.columns[link.foreign_key].name + " '" +
                         key + "' names no live " + td.name + " (link " + link.alias + ")");
    }
  }
  return problems;
} catch (...) {
  return modules::StatusFromException();
}

}  // namespace linkgraph
