#include "shell/args.h"

#include <charconv>
#include <cstdlib>
#include <string_view>

#include "absl/time/time.h"
#include "base/identifier.h"

namespace linkgraph::shell {

namespace {

bool IsEntityName(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!(base::IsIdentifierChar(c) || c == '.')) return false;
  }
  return true;
}

// A file name a load reads (so that `--load DIR/*.jsonl`, expanded by the shell, loads them
// all).
bool IsLoadFile(std::string_view arg) {
  size_t dot = arg.find_last_of('.');
  if (dot == std::string_view::npos || (arg.find('/', dot) != std::string_view::npos)) return false;
  std::string_view ext = arg.substr(dot);
  return ext == ".jsonl" || ext == ".ndjson" || ext == ".json" || ext == ".csv";
}

Args::Load ParseLoad(const std::string& value) {
  Args::Load load;
  size_t eq = value.find('=');
  if (eq != std::string::npos && IsEntityName(std::string_view(value).substr(0, eq))) {
    load.entity = value.substr(0, eq);
    load.path = value.substr(eq + 1);
  } else {
    load.path = value;
  }
  return load;
}

}  // namespace

std::string Usage() {
  return "usage: linkgraph [--db DIR] [--schema FILE] [--load [ENTITY=]FILE]...\n"
         "                 [--format json|table] [-c STATEMENTS]... [SCRIPT]\n"
         "       linkgraph migrate --db DIR --schema FILE [--rename ENTITY.OLD=NEW]...\n"
         "                 [--allow-drop] [--dry-run]\n"
         "       linkgraph --version\n"
         "Opens the durable database DIR (created when missing; in memory without --db),\n"
         "loads the files (.jsonl, .ndjson, .json; several may follow one --load), then runs\n"
         "the statements of each -c, then of SCRIPT; with neither, of standard input.\n"
         "Type .help in the shell for the statements; linkgraph migrate --help for migrations.\n";
}

absl::StatusOr<Args> ParseArgs(int argc, const char* const* argv) {
  Args args;
  bool flags = true;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (flags && arg.size() > 1 && arg[0] == '-') {
      if (arg == "--") {
        flags = false;
        continue;
      }
      if (arg == "-h" || arg == "--help") {
        args.help = true;
        continue;
      }
      if (arg == "--version") {
        args.version = true;
        continue;
      }
      std::string_view name = arg;
      std::optional<std::string> value;
      if (size_t eq = arg.find('='); arg.substr(0, 2) == "--" && eq != std::string_view::npos) {
        name = arg.substr(0, eq);
        value = std::string(arg.substr(eq + 1));
      }
      if (name != "--db" && name != "--schema" && name != "--load" && name != "--format" &&
          name != "-c") {
        return absl::InvalidArgumentError("unknown option '" + std::string(arg) + "'");
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
        args.schema = *value;
      } else if (name == "--load") {
        args.loads.push_back(ParseLoad(*value));
        // More files may follow one --load (a shell glob): each that a load reads.
        while (i + 1 < argc && argv[i + 1][0] != '-' && IsLoadFile(argv[i + 1])) {
          args.loads.push_back(ParseLoad(argv[++i]));
        }
      } else if (name == "--format") {
        if (*value == "json") {
          args.format = Format::kJson;
        } else if (*value == "table") {
          args.format = Format::kTable;
        } else {
          return absl::InvalidArgumentError("--format takes json or table, not '" + *value + "'");
        }
      } else {
        args.commands.push_back(*value);
      }
      continue;
    }
    if (!args.script.empty()) {
      return absl::InvalidArgumentError("one SCRIPT only; '" + args.script + "' and '" +
                                        std::string(arg) + "' given");
    }
    args.script = std::string(arg);
  }
  return args;
}

absl::StatusOr<DatabaseOptions> OptionsFromEnvironment() {
  DatabaseOptions options;
  if (const char* clock = std::getenv("LINKGRAPH_TEST_CLOCK"); clock != nullptr && *clock) {
    absl::Time start;
    std::string err;
    if (!absl::ParseTime(absl::RFC3339_full, clock, &start, &err) &&
        !absl::ParseTime("%Y-%m-%d%ET%H:%M:%E*S", clock, absl::UTCTimeZone(), &start, &err) &&
        !absl::ParseTime("%Y-%m-%d", clock, absl::UTCTimeZone(), &start, &err)) {
      return absl::InvalidArgumentError(
          std::string("LINKGRAPH_TEST_CLOCK: expected an ISO-8601 time such as "
                      "2026-01-02T03:04:05Z, not '") +
          clock + "'");
    }
    options.clock = TestClock(absl::ToUnixMicros(start));
  }
  if (const char* seed = std::getenv("LINKGRAPH_TEST_ID_SEED"); seed != nullptr && *seed) {
    std::string_view s = seed;
    uint64_t v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size()) {
      return absl::InvalidArgumentError(
          std::string("LINKGRAPH_TEST_ID_SEED: expected an unsigned integer, not '") + seed + "'");
    }
    options.id_seed = v;
  }
  return options;
}

}  // namespace linkgraph::shell
