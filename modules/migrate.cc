// Database::Migrate and Database::Migrations (migration.h), and the log record of a migration.
#include <cstring>
#include <mutex>

#include "linkgraph/database.h"
#include "linkgraph/status.h"
#include "modules/commit.h"
#include "modules/durable.h"
#include "modules/access.h"
#include "modules/guard.h"
#include "modules/migration.h"
#include "modules/schema_writer.h"
#include "modules/state.h"

namespace linkgraph {

namespace modules {

namespace {

template <typename T>
void Put(std::string* out, T v) {
  out->append(reinterpret_cast<const char*>(&v), sizeof v);
}

void PutString(std::string* out, std::string_view s) {
  Put(out, static_cast<uint32_t>(s.size()));
  out->append(s);
}

}  // namespace

// Payload: u64 catalog number, i64 clock reading, u8 allow_drop, u32 rename count, per rename
// three (u32 length, bytes) strings, then the schema's §8 JSON to the end.
std::string EncodeMigrationRecord(const MigrationRecord& r) {
  std::string out;
  Put(&out, r.catalog_number);
  Put(&out, r.now);
  Put(&out, static_cast<uint8_t>(r.options.allow_drop));
  Put(&out, static_cast<uint32_t>(r.options.renames.size()));
  for (const PropertyRename& rename : r.options.renames) {
    PutString(&out, rename.entity);
    PutString(&out, rename.from);
    PutString(&out, rename.to);
  }
  out += r.schema_json;
  return out;
}

absl::StatusOr<MigrationRecord> DecodeMigrationRecord(std::string_view payload) {
  MigrationRecord r;
  size_t pos = 0;
  auto get = [&](void* v, size_t n) {
    if (payload.size() - pos < n) return false;
    std::memcpy(v, payload.data() + pos, n);
    pos += n;
    return true;
  };
  auto get_string = [&](std::string* s) {
    uint32_t n;
    if (!get(&n, 4) || payload.size() - pos < n) return false;
    s->assign(payload.substr(pos, n));
    pos += n;
    return true;
  };
  uint8_t allow_drop = 0;
  uint32_t renames = 0;
  if (!get(&r.catalog_number, 8) || !get(&r.now, 8) || !get(&allow_drop, 1) || !get(&renames, 4)) {
    return absl::DataLossError("migration record cut short");
  }
  r.options.allow_drop = allow_drop != 0;
  for (uint32_t i = 0; i < renames; ++i) {
    PropertyRename rename;
    if (!get_string(&rename.entity) || !get_string(&rename.from) || !get_string(&rename.to)) {
      return absl::DataLossError("migration record cut short");
    }
    r.options.renames.push_back(std::move(rename));
  }
  r.schema_json.assign(payload.substr(pos));
  return r;
}

absl::StatusOr<MigrationPlan> RunMigration(Database::State* state, const Schema& schema,
                                           const MigrateOptions& options, int64_t now, bool log) {
  const PublishedVersion from = state->Published();
  LG_ASSIGN_OR_RETURN(Migration m, PlanMigration(from, schema, options, now));
  if (m.plan.steps.empty() || options.dry_run) return std::move(m.plan);
  if (m.plan.refused()) {
    size_t refused = 0;
    const MigrationStep* first = nullptr;
    for (const MigrationStep& s : m.plan.steps) {
      if (s.refusal.empty()) continue;
      if (first == nullptr) first = &s;
      ++refused;
    }
    std::string message = "migration refused: " + first->text + ": " + first->refusal;
    if (refused > 1) {
      message += " (and " + std::to_string(refused - 1) + " more; a dry run lists them all)";
    }
    return absl::FailedPreconditionError(message);
  }
  LG_RETURN_IF_ERROR(CopyRows(*from.store, &m));
  // Logged (and synced) before it is published: a migration that is not on disk never happened.
  if (log && state->durable) {
    MigrationRecord record{m.next->number, now, options, WriteSchemaJson({schema})};
    record.options.dry_run = false;
    LG_RETURN_IF_ERROR(state->durable->LogMigration(EncodeMigrationRecord(record)));
  }
  state->Publish(m.next, std::make_shared<const store::Store>(std::move(m.store)));
  state->last_commit_micros = now;
  m.plan.applied = true;
  return std::move(m.plan);
}

absl::Status ExpectSchema(Database& db, std::string_view dir) {
  const Schema& schema = *DatabaseAccess::State(db).options.schema;
  if (DatabaseAccess::State(db).Published().catalog->number == 0) return db.Register(schema);
  MigrateOptions options;
  options.dry_run = true;
  LG_ASSIGN_OR_RETURN(MigrationPlan plan, db.Migrate(schema, options));
  if (plan.steps.empty()) return absl::OkStatus();
  std::string message = "the database " + std::string(dir) + " holds a different schema (" +
                        std::to_string(plan.steps.size()) + " difference" +
                        (plan.steps.size() == 1 ? "" : "s") + ": ";
  constexpr size_t kShown = 5;
  for (size_t i = 0; i < plan.steps.size() && i < kShown; ++i) {
    message += (i ? "; " : "") + plan.steps[i].text;
  }
  if (plan.steps.size() > kShown) {
    message += "; and " + std::to_string(plan.steps.size() - kShown) + " more";
  }
  message += "); migrate it: linkgraph migrate --db " + std::string(dir) + " --schema FILE";
  return absl::FailedPreconditionError(message);
}

}  // namespace modules

absl::StatusOr<MigrationPlan> Database::Migrate(const Schema& schema,
                                                const MigrateOptions& options) try {
  LG_RETURN_IF_ERROR(modules::CheckNotInCommit(*state_));
  std::lock_guard<std::mutex> writer(state_->commit_mutex);
  if (state_->durable && !options.dry_run) LG_RETURN_IF_ERROR(state_->durable->Writable());
  const int64_t now = modules::ReadCommitClock(state_.get());
  absl::StatusOr<MigrationPlan> plan = modules::RunMigration(state_.get(), schema, options, now,
                                                             /*log=*/true);
  // A plan not applied leaves the clock where it was, as a failed commit does.
  if (!plan.ok() || !plan->applied) state_->unused_commit_micros = now;
  return plan;
} catch (...) {
  return modules::StatusFromException();
}

std::vector<MigrationInfo> Database::Migrations() {
  modules::Snapshot snap(*state_);
  return snap.rules().migrations;
}

}  // namespace linkgraph
