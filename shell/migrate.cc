#include "shell/migrate.h"

#include <charconv>
#include <filesystem>
#include <optional>
#include <string_view>

#include "base/identifier.h"
#include "linkgraph/status.h"
#include "shell/args.h"
#include "shell/locate.h"
#include "shell/schema_file.h"

namespace linkgraph::shell {

namespace {

// `ENTITY.OLD=NEW`, ENTITY being a name, a plural or module.name: split at the `=` and at the
// last `.` before it.
std::optional<PropertyRename> ParseRename(std::string_view text) {
  size_t eq = text.find('=');
  if (eq == std::string_view::npos) return std::nullopt;
  std::string_view left = text.substr(0, eq);
  std::string_view to = text.substr(eq + 1);
  size_t dot = left.rfind('.');
  if (dot == std::string_view::npos) return std::nullopt;
  std::string_view entity = left.substr(0, dot);
  std::string_view from = left.substr(dot + 1);
  if (!base::IsIdentifier(from) || !base::IsIdentifier(to) || entity.empty()) return std::nullopt;
  for (size_t start = 0; start <= entity.size();) {
    size_t end = entity.find('.', start);
    if (end == std::string_view::npos) end = entity.size();
    if (!base::IsIdentifier(entity.substr(start, end - start))) return std::nullopt;
    start = end + 1;
  }
  return PropertyRename{std::string(entity), std::string(from), std::string(to)};
}

// `text` on one line: tab, CR and newline shown as `\t`, `\r`, `\n` (as tables show text), so
// that each step and each offending row is one line whatever the data holds.
std::string OneLine(std::string_view text) {
  std::string line;
  for (char c : text) {
    switch (c) {
      case '\t': line += "\\t"; break;
      case '\r': line += "\\r"; break;
      case '\n': line += "\\n"; break;
      default: line.push_back(c);
    }
  }
  return line;
}

std::string Steps(size_t n) { return std::to_string(n) + (n == 1 ? " step" : " steps"); }

// The message of `status`, an error of Migrate: one located at `renames[i]` names the --rename
// flag as given; any other concerns the schema, and names its file.
std::string Explained(const absl::Status& status, const MigrateArgs& args) {
  std::string where = StatusLocation(status);
  size_t i = 0;
  if (where.rfind("renames[", 0) == 0) {
    auto [end, ec] = std::from_chars(where.data() + 8, where.data() + where.size(), i);
    if (ec == std::errc() && end == where.data() + where.size() - 1 && *end == ']' &&
        i < args.rename_flags.size()) {
      return std::string(WithWhere(status, "--rename " + args.rename_flags[i]).message());
    }
  }
  return args.schema + ": " + std::string(status.message());
}

int UsageError(std::string_view message, bool show_usage, std::ostream& err) {
  err << "error: " << message << '\n';
  if (show_usage) err << MigrateUsage();
  return 2;
}

}  // namespace

std::string MigrateUsage() {
  return "usage: linkgraph migrate --db DIR --schema FILE [--rename ENTITY.OLD=NEW]...\n"
         "                         [--allow-drop] [--dry-run]\n"
         "Changes the schema of the database DIR into the schema of FILE, the data following\n"
         "it, and prints the plan, one line per step. --dry-run prints it and changes nothing;\n"
         "--rename keeps a renamed property's data; --allow-drop lets the migration drop\n"
         "what holds data. Exit 0 when applied (or printed), 1 when refused, 2 on errors.\n";
}

absl::StatusOr<MigrateArgs> ParseMigrateArgs(int argc, const char* const* argv) {
  MigrateArgs args;
  for (int i = 2; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "-h" || arg == "--help") {
      args.help = true;
      continue;
    }
    if (arg == "--allow-drop") {
      args.options.allow_drop = true;
      continue;
    }
    if (arg == "--dry-run") {
      args.options.dry_run = true;
      continue;
    }
    std::string_view name = arg;
    std::optional<std::string> value;
    if (size_t eq = arg.find('='); arg.substr(0, 2) == "--" && eq != std::string_view::npos) {
      name = arg.substr(0, eq);
      value = std::string(arg.substr(eq + 1));
    }
    if (name != "--db" && name != "--schema" && name != "--rename") {
      if (arg.size() > 1 && arg[0] == '-') {
        return absl::InvalidArgumentError("migrate: unknown option '" + std::string(arg) + "'");
      }
      return absl::InvalidArgumentError("migrate: unexpected argument '" + std::string(arg) +
                                        "' (it takes no SCRIPT)");
    }
    if (!value) {
      if (i + 1 >= argc) {
        return absl::InvalidArgumentError("option '" + std::string(name) + "' needs a value");
      }
      value = argv[++i];
    }
    if (name == "--db") {
      if (!args.db.empty()) return absl::InvalidArgumentError("--db given twice");
      if (value->empty()) return absl::InvalidArgumentError("--db needs a directory");
      args.db = *value;
    } else if (name == "--schema") {
      if (!args.schema.empty()) return absl::InvalidArgumentError("--schema given twice");
      if (value->empty()) return absl::InvalidArgumentError("--schema needs a file");
      args.schema = *value;
    } else {
      std::optional<PropertyRename> rename = ParseRename(*value);
      if (!rename) {
        return absl::InvalidArgumentError("--rename takes ENTITY.OLD=NEW (product.name=title), not '" +
                                          *value + "'");
      }
      args.options.renames.push_back(std::move(*rename));
      args.rename_flags.push_back(*value);
    }
  }
  if (args.help) return args;
  if (args.db.empty()) return absl::InvalidArgumentError("migrate needs --db DIR");
  if (args.schema.empty()) return absl::InvalidArgumentError("migrate needs --schema FILE");
  return args;
}

int RunMigrate(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  absl::StatusOr<MigrateArgs> args = ParseMigrateArgs(argc, argv);
  if (!args.ok()) return UsageError(std::string(args.status().message()), true, err);
  if (args->help) {
    out << MigrateUsage() << std::flush;
    return out.good() ? 0 : 1;
  }
  absl::StatusOr<DatabaseOptions> options = OptionsFromEnvironment();
  if (!options.ok()) return UsageError(std::string(options.status().message()), false, err);
  // A migration changes a database that exists: a mistyped DIR is not a new, empty one.
  std::error_code ec;
  if (!std::filesystem::is_directory(args->db, ec)) {
    return UsageError(args->db + ": no database directory (linkgraph --db DIR creates one)", false,
                      err);
  }
  std::optional<Schema> schema = ReadSchemaFile(args->schema, err);
  if (!schema) return 2;
  // Opened without DatabaseOptions::schema: the stored schema is the one to change.
  absl::StatusOr<std::unique_ptr<Database>> db = Database::Open(args->db, std::move(*options));
  if (!db.ok()) {
    std::string message(db.status().message());
    // Named by the database unless the message names it already.
    if (message.find(args->db) == std::string::npos) message = args->db + ": " + message;
    return UsageError(message, false, err);
  }

  // The whole plan first, every refusal with its rows: a dry run.
  MigrateOptions dry = args->options;
  dry.dry_run = true;
  absl::StatusOr<MigrationPlan> plan = (*db)->Migrate(*schema, dry);
  if (!plan.ok()) return UsageError(Explained(plan.status(), *args), false, err);
  if (plan->steps.empty()) {
    out << "schema unchanged: nothing to migrate\n" << std::flush;
    return out.good() ? 0 : 1;
  }
  for (const MigrationStep& step : plan->steps) out << OneLine(step.text) << '\n';
  out.flush();
  if (plan->refused()) {
    size_t refused = 0;
    for (const MigrationStep& step : plan->steps) {
      if (step.refusal.empty()) continue;
      ++refused;
      err << "refused: " << OneLine(step.text) << '\n' << "  " << OneLine(step.refusal) << '\n';
      for (const std::string& row : step.offending) err << "    " << OneLine(row) << '\n';
    }
    err << "error: migration refused (" << refused << " of " << Steps(plan->steps.size())
        << "); nothing changed\n";
    return 1;
  }
  if (!out.good()) {
    err << "error: cannot write to standard output; nothing changed\n";
    return 1;
  }
  if (args->options.dry_run) {
    out << "dry run: " << Steps(plan->steps.size()) << ", nothing changed\n" << std::flush;
    return out.good() ? 0 : 1;
  }
  absl::StatusOr<MigrationPlan> applied = (*db)->Migrate(*schema, args->options);
  if (!applied.ok()) {
    err << "error: " << applied.status().message() << "; nothing changed\n";
    return 1;
  }
  out << "migrated: " << Steps(applied->steps.size()) << " applied\n" << std::flush;
  return out.good() ? 0 : 1;
}

}  // namespace linkgraph::shell
