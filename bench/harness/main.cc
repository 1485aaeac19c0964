// linkgraph-bench: the scenario benchmark of issue 11.
//
//   linkgraph-bench --scale XS|S|M [--peer sqlite] [--json] [--repeats N] [--only Q1,Q3]
//                   [--dir DIR] [--plans] [--explain]
//
// Generates the data set (deterministic JSON Lines), loads it into linkgraph (time, memory),
// runs Q1, Q1p, Q2…Q5 with warm-up and repeats, then, with --peer sqlite, does the same in
// SQLite and compares every figure and every query's JSON. Exits 1 when a query fails or the
// two engines' JSON differ (the differing documents are written to DIR).
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "bench/harness/dataset.h"
#include "bench/harness/engine_linkgraph.h"
#include "bench/harness/report.h"
#include "bench/harness/runner.h"
#ifdef LG_BENCH_HAVE_SQLITE
#include "bench/harness/peer_sqlite.h"
#endif

namespace linkgraph::bench {
namespace {

struct Flags {
  std::string scale = "S";
  std::string peer;
  bool json = false;
  bool plans = false;
  bool explain = false;
  int repeats = 0;
  std::vector<std::string> only;
  std::string dir;
};

constexpr const char* kUsage =
    "usage: linkgraph-bench --scale XS|S|M [--peer sqlite] [--json] [--repeats N]\n"
    "                       [--only Q1,Q1p,Q2,Q3,Q4,Q5,concurrency,writes,durable] [--dir DIR] [--plans]\n"
    "                       [--explain]\n"
    "  --plans    print SQLite's query plans (standard error)\n"
    "  --explain  print linkgraph's analyzed plans (standard error)\n";

bool ParseFlags(int argc, char** argv, Flags* f) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&](std::string* out) {
      if (i + 1 >= argc) return false;
      *out = argv[++i];
      return true;
    };
    std::string v;
    if (arg == "--scale") {
      if (!value(&f->scale)) return false;
    } else if (arg == "--peer") {
      if (!value(&f->peer)) return false;
    } else if (arg == "--json") {
      f->json = true;
    } else if (arg == "--plans") {
      f->plans = true;
    } else if (arg == "--explain") {
      f->explain = true;
    } else if (arg == "--repeats") {
      if (!value(&v) || !absl::SimpleAtoi(v, &f->repeats) || f->repeats < 1) return false;
    } else if (arg == "--only") {
      if (!value(&v)) return false;
      f->only = absl::StrSplit(v, ',', absl::SkipEmpty());
    } else if (arg == "--dir") {
      if (!value(&f->dir)) return false;
    } else {
      return false;
    }
  }
  return true;
}

bool Selected(const Flags& f, std::string_view query) {
  if (f.only.empty()) return true;
  for (const std::string& q : f.only) {
    if (q == query) return true;
  }
  return false;
}

EngineFigures RunEngine(Engine& engine, const Dataset& data, const Flags& flags) {
  EngineFigures figures;
  figures.engine = std::string(engine.name());
  std::cerr << "loading into " << engine.name() << "...\n";
  figures.load = MeasureLoad(engine, data);
  if (!figures.load.status.ok()) {
    std::cerr << engine.name() << ": load failed: " << figures.load.status << "\n";
    return figures;
  }
  RunOptions options;
  options.repeats = flags.repeats;
  for (const QueryInfo& q : Queries()) {
    if (!Selected(flags, q.name)) continue;
    std::cerr << engine.name() << ": " << q.name << "\n";
    figures.queries.push_back(MeasureQuery(engine, data, q, options));
    if (!figures.queries.back().status.ok()) {
      std::cerr << engine.name() << ": " << q.name << " failed: " << figures.queries.back().status
                << "\n";
    }
  }
  return figures;
}

// Writes both engines' JSON of the first timed run of each query whose digests differ.
void DumpMismatches(const BenchReport& report, Engine& ours, Engine& peer) {
  for (const QueryInfo& info : Queries()) {
    const QueryFigures* a = nullptr;
    const QueryFigures* b = nullptr;
    for (const QueryFigures& q : report.linkgraph.queries) a = q.query == info.name ? &q : a;
    for (const QueryFigures& q : report.peer->queries) b = q.query == info.name ? &q : b;
    if (a == nullptr || b == nullptr || !a->status.ok() || !b->status.ok() ||
        a->digest == b->digest) {
      continue;
    }
    for (Engine* e : {&ours, &peer}) {
      auto json = QueryJson(*e, report.data, info.id, 0);
      const std::string path = absl::StrCat(report.data.dir, "/", std::string(info.name), ".",
                                            std::string(e->name()), ".json");
      std::ofstream(path) << (json.ok() ? *json : json.status().ToString()) << "\n";
      std::cerr << info.name << ": JSON differs; first run written to " << path << "\n";
    }
  }
}

int Main(int argc, char** argv) {
  Flags flags;
  if (!ParseFlags(argc, argv, &flags)) {
    std::cerr << kUsage;
    return 2;
  }
  std::optional<Scale> scale = ScaleByName(flags.scale);
  if (!scale) {
    std::cerr << "unknown scale '" << flags.scale << "'\n" << kUsage;
    return 2;
  }
  if (!flags.peer.empty() && flags.peer != "sqlite") {
    std::cerr << "unknown peer '" << flags.peer << "' (only sqlite)\n";
    return 2;
  }
#ifndef LG_BENCH_HAVE_SQLITE
  if (!flags.peer.empty()) {
    std::cerr << "this linkgraph-bench was built without SQLite (install libsqlite3-dev)\n";
    return 2;
  }
#endif
  if (flags.dir.empty()) flags.dir = absl::StrCat("/tmp/linkgraph-bench-", scale->name);

  std::cerr << "generating scale " << scale->name << " into " << flags.dir << "...\n";
  absl::StatusOr<Dataset> data = GenerateDataset(*scale, flags.dir);
  if (!data.ok()) {
    std::cerr << "generator: " << data.status() << "\n";
    return 1;
  }
  BenchReport report;
  report.data = *data;
  report.machine = MachineDescription();
  TrimHeap();
  report.baseline_rss = ResidentBytes();

  // linkgraph first: its memory is measured before any peer has loaded.
  LinkgraphEngine ours;
  report.linkgraph = RunEngine(ours, *data, flags);
  bool ok = report.linkgraph.load.status.ok();
  if (flags.explain && ok) {
    for (const QueryInfo& q : Queries()) {
      if (!Selected(flags, q.name) || q.id == QueryId::kQ1p) continue;
      const std::string request = LinkgraphEngine::RequestJson(q.id, ArgsFor(*data, q.id, 0));
      auto plan = ours.db().ExplainJson(request, {.analyze = true});
      std::cerr << q.name << " plan:\n" << (plan.ok() ? *plan : plan.status().ToString()) << "\n";
    }
  }
  for (const QueryFigures& q : report.linkgraph.queries) ok &= q.status.ok();
  if (ok && Selected(flags, "concurrency")) {
    std::cerr << "linkgraph: concurrency\n";
    report.concurrency = MeasureConcurrency(ours, *data);
    if (!report.concurrency->status.ok()) {
      std::cerr << "linkgraph: concurrency failed: " << report.concurrency->status << "\n";
      ok = false;
    }
  }

  if (ok && Selected(flags, "writes")) {
    std::cerr << "linkgraph: writes\n";
    report.linkgraph.writes = MeasureWrites(ours, *data);
    if (!report.linkgraph.writes.status.ok()) {
      std::cerr << "linkgraph: writes failed: " << report.linkgraph.writes.status << "\n";
      ok = false;
    }
  }

  if (ok && Selected(flags, "durable")) {
    std::cerr << "linkgraph: durable\n";
    report.durable = MeasureDurable(*data, flags.dir + "-durable");
    if (!report.durable->status.ok()) {
      std::cerr << "linkgraph: durable failed: " << report.durable->status << "\n";
      ok = false;
    }
  }

#ifdef LG_BENCH_HAVE_SQLITE
  std::unique_ptr<SqliteEngine> peer;
  if (flags.peer == "sqlite") {
    peer = std::make_unique<SqliteEngine>();
    report.peer_version = absl::StrCat("SQLite ", SqliteVersion(), " (in memory)");
    report.peer = RunEngine(*peer, *data, flags);
    ok &= report.peer->load.status.ok();
    for (const QueryFigures& q : report.peer->queries) ok &= q.status.ok();
    if (flags.plans && report.peer->load.status.ok()) {
      auto plans = peer->QueryPlans();
      std::cerr << "SQLite query plans:\n" << (plans.ok() ? *plans : plans.status().ToString());
    }
    if (!OutputsIdentical(report)) DumpMismatches(report, ours, *peer);
    if (report.peer->load.status.ok() && Selected(flags, "writes")) {
      std::cerr << "sqlite: writes\n";
      report.peer->writes = MeasureWrites(*peer, *data);
      if (!report.peer->writes.status.ok()) {
        std::cerr << "sqlite: writes failed: " << report.peer->writes.status << "\n";
        ok = false;
      }
    }
  }
#endif

  if (flags.json) {
    PrintJson(report, std::cout);
  } else {
    PrintText(report, std::cout);
  }
  return ok && OutputsIdentical(report) ? 0 : 1;
}

}  // namespace
}  // namespace linkgraph::bench

int main(int argc, char** argv) { return linkgraph::bench::Main(argc, argv); }
