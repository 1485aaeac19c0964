// The data-driven case runner: every tests/cases/<area>/<name>.json is one dynamic section.
//
// A case file:
//   { "schema": {§8 schema} | "schema_file": "relative/path.json",
//     "data": {§8 data document},                        (optional)
//     "schema_error": { "code": "...", "message": "..." }, (registration must fail so)
//     "steps": [ { "request": R, "expect": JSON } | { "request": R, "error": {code, message} } ] }
// R is one of
//   { "graph": {query.graph request} }
//   { "call": "createReviews", "args": JSON, "config": {find config} }
//   { "links": "create" | "dismiss" | "delete" | "restore" | "list", "args": link rows }
//   { "register": {§8 schema} }      -> expect {"ok": true}
//   { "load": {§8 data document} }   -> expect {"count": N}
//   { "integrity": true }            -> expect [problems]
// Results compare as exact JSON text after compaction (key order and number text significant);
// errors on their code and their message's first line. Timestamps come from a test clock
// starting at 2026-01-01T00:00:00Z (1 ms per commit) and ids from seed 42.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <simdjson.h>

#include "base/json_string.h"
#include "dsl/json_input.h"
#include "dsl/location.h"
#include "linkgraph/database.h"
#include "tests/support/db_support.h"

namespace {

namespace fs = std::filesystem;
using linkgraph::testing::Canonical;
using linkgraph::testing::ReadFile;
using linkgraph::testing::RunLinks;
using linkgraph::testing::TestDatabase;
using simdjson::ondemand::json_type;

std::string Raw(simdjson::ondemand::value v) {
  return std::string(linkgraph::dsl::internal::RawJson(v));
}

std::string FirstLine(std::string_view s) { return std::string(s.substr(0, s.find('\n'))); }

struct Step {
  std::string kind;  // graph, call, register, load, integrity
  std::string payload;
  std::string method;
  std::string config;
  std::string expect;  // raw JSON, empty when an error is expected
  std::string error_code;
  std::string error_message;
};

struct Case {
  std::string schema;
  std::string data;
  std::string schema_error_code, schema_error_message;
  std::vector<Step> steps;
};

Case ParseCase(const fs::path& path) {
  Case c;
  simdjson::padded_string text = simdjson::padded_string::load(path.string());
  simdjson::ondemand::parser parser;
  simdjson::ondemand::document doc = parser.iterate(text);
  for (auto field : doc.get_object()) {
    std::string key(field.unescaped_key().value());
    simdjson::ondemand::value v = field.value();
    if (key == "schema") {
      c.schema = Raw(v);
    } else if (key == "schema_file") {
      c.schema = ReadFile(fs::path(LG_CASES_DIR) / std::string(v.get_string().value()));
    } else if (key == "data") {
      c.data = Raw(v);
    } else if (key == "schema_error") {
      linkgraph::testing::ReadExpectedError(v, &c.schema_error_code, &c.schema_error_message);
    } else if (key == "steps") {
      for (auto item : v.get_array()) {
        Step step;
        for (auto sf : item.value().get_object()) {
          std::string sk(sf.unescaped_key().value());
          simdjson::ondemand::value sv = sf.value();
          if (sk == "request") {
            for (auto rf : sv.get_object()) {
              std::string rk(rf.unescaped_key().value());
              simdjson::ondemand::value rv = rf.value();
              if (rk == "call" || rk == "links") {
                step.kind = rk;
                step.method = std::string(rv.get_string().value());
              } else if (rk == "args") {
                step.payload = Raw(rv);
              } else if (rk == "config") {
                step.config = Raw(rv);
              } else {
                step.kind = rk;
                step.payload = Raw(rv);
              }
            }
          } else if (sk == "expect") {
            step.expect = Raw(sv);
          } else if (sk == "error") {
            linkgraph::testing::ReadExpectedError(sv, &step.error_code, &step.error_message);
          } else if (sk != "comment") {
            FAIL("unknown step key '" << sk << "' in " << path);
          }
        }
        c.steps.push_back(std::move(step));
      }
    } else if (key != "comment") {
      FAIL("unknown case key '" << key << "' in " << path);
    }
  }
  return c;
}

// Runs one step; returns the JSON text of its result or the status.
absl::StatusOr<std::string> RunStep(linkgraph::Database& db, const Step& step) {
  if (step.kind == "graph") {
    absl::StatusOr<linkgraph::Result> r = db.GraphJson(step.payload);
    if (!r.ok()) return r.status();
    return r->ToJson();
  }
  if (step.kind == "call") {
    std::string args = step.payload;
    absl::StatusOr<linkgraph::Result> r = db.Call(step.method, args, step.config);
    if (!r.ok()) return r.status();
    return r->ToJson();
  }
  if (step.kind == "links") return RunLinks(db, step.method, step.payload);
  if (step.kind == "register") {
    absl::Status s = db.RegisterJson(step.payload);
    if (!s.ok()) return s;
    return std::string("{\"ok\":true}");
  }
  if (step.kind == "load") {
    absl::StatusOr<linkgraph::WriteSummary> w = db.LoadJson(step.payload);
    if (!w.ok()) return w.status();
    return "{\"count\":" + std::to_string(w->rows) + "}";
  }
  if (step.kind == "integrity") {
    absl::StatusOr<std::vector<std::string>> problems = db.CheckIntegrity();
    if (!problems.ok()) return problems.status();
    std::string out = "[";
    for (size_t i = 0; i < problems->size(); ++i) {
      if (i) out += ",";
      linkgraph::base::AppendJsonString((*problems)[i], &out);
    }
    return out + "]";
  }
  return absl::InvalidArgumentError("unknown request kind '" + step.kind + "'");
}

void RunCase(const fs::path& path) {
  Case c = ParseCase(path);
  std::unique_ptr<linkgraph::Database> owner = TestDatabase();
  linkgraph::Database& db = *owner;
  if (!c.schema.empty()) {
    absl::Status s = db.RegisterJson(c.schema);
    if (!c.schema_error_code.empty()) {
      INFO("schema error of " << path);
      REQUIRE_FALSE(s.ok());
      CHECK(linkgraph::StatusCodeName(s.code()) == c.schema_error_code);
      CHECK(FirstLine(linkgraph::dsl::Msg(s)) == c.schema_error_message);
      return;
    }
    INFO("schema of " << path << ": " << s);
    REQUIRE(s.ok());
  }
  if (!c.data.empty()) {
    absl::StatusOr<linkgraph::WriteSummary> w = db.LoadJson(c.data);
    INFO("data of " << path << ": " << w.status());
    REQUIRE(w.ok());
  }
  for (size_t i = 0; i < c.steps.size(); ++i) {
    const Step& step = c.steps[i];
    INFO(path.filename().string() << " step " << i << " (" << step.kind << " " << step.method
                                  << " " << step.payload << ")");
    absl::StatusOr<std::string> got = RunStep(db, step);
    if (!step.error_code.empty()) {
      REQUIRE_FALSE(got.ok());
      CHECK(linkgraph::StatusCodeName(got.status().code()) == step.error_code);
      CHECK(FirstLine(linkgraph::dsl::Msg(got.status())) == step.error_message);
      continue;
    }
    INFO("status: " << got.status());
    REQUIRE(got.ok());
    if (!step.expect.empty()) CHECK(Canonical(*got) == Canonical(step.expect));
  }
}

}  // namespace

TEST_CASE("cases", "[cases]") {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(LG_CASES_DIR)) {
    if (entry.is_regular_file() && entry.path().extension() == ".json" &&
        entry.path().parent_path().filename() != "schemas") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  REQUIRE(!files.empty());
  for (const fs::path& f : files) {
    DYNAMIC_SECTION(fs::relative(f, LG_CASES_DIR).string()) { RunCase(f); }
  }
}
