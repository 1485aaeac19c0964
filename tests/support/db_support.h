// What the data-driven runners (tests/case_runner.cc, tests/adversarial_runner.cc) and the fault
// injection test share: reading files, the test database, comparing JSON, running a link call,
// and a fingerprint of every row for "nothing changed" checks. Header-only: tests/fault is an
// executable of its own.
#pragma once

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>

#include <simdjson.h>

#include "absl/status/statusor.h"
#include "base/json_string.h"
#include "dsl/location.h"
#include "engine/types/json_text.h"
#include "linkgraph/database.h"
#include "linkgraph/links.h"

namespace linkgraph::testing {

inline std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A database with the runners' test clock (2026-01-01T00:00:00Z, 1 ms per commit) and id seed 42.
inline std::unique_ptr<Database> TestDatabase() {
  DatabaseOptions options;
  options.clock = TestClock(1767225600000000);
  options.id_seed = 42;
  return std::make_unique<Database>(options);
}

// `json` compacted with key order and number text kept, or a marked copy when it is not JSON.
inline std::string Canonical(std::string_view json) {
  absl::StatusOr<std::string> c = types::CanonicalJson(json);
  return c.ok() ? *c : "<invalid JSON: " + dsl::Msg(c.status()) + "> " + std::string(json);
}

inline absl::StatusOr<std::string> JsonOf(const absl::StatusOr<Result>& r) {
  if (!r.ok()) return r.status();
  return r->ToJson();
}

// The link service's `method` (create, dismiss, delete, restore, list) on `rows`.
inline absl::StatusOr<std::string> RunLinks(Database& db, std::string_view method,
                                            std::string_view rows) {
  Links links = db.Links();
  if (method == "create") return JsonOf(links.Create(rows));
  if (method == "dismiss") return JsonOf(links.Dismiss(rows));
  if (method == "delete") return JsonOf(links.Delete(rows));
  if (method == "restore") return JsonOf(links.Restore(rows));
  if (method == "list") return JsonOf(links.List(rows));
  return absl::InvalidArgumentError("unknown links method " + std::string(method));
}

// An expected error of a case or table file, `{"code": "invalid_argument", "message": "…"}`.
inline void ReadExpectedError(simdjson::ondemand::value v, std::string* code,
                              std::string* message) {
  for (auto field : v.get_object()) {
    std::string key(field.unescaped_key().value());
    std::string text(field.value().get_string().value());
    (key == "code" ? *code : *message) = std::move(text);
  }
}

// Every row of every table, soft-deleted ones too, as JSON text.
inline std::string Fingerprint(Database& db) {
  std::string out;
  for (const ModuleStats& m : db.Stats().modules) {
    for (const TableStats& t : m.tables) {
      std::string request = "{\"entity\":";
      base::AppendJsonString(t.entity, &request);
      request += ",\"fields\":[\"*\"],\"withDeleted\":true}";
      absl::StatusOr<Result> r = db.GraphJson(request);
      out += t.entity + ": " + (r.ok() ? r->ToJson() : r.status().ToString()) + "\n";
    }
  }
  return out;
}

}  // namespace linkgraph::testing
