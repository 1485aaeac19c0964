#include "bench/harness/report.h"

#include <cstdio>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "bench/harness/row_writer.h"

namespace linkgraph::bench {

namespace {

std::string Time(double s) {
  if (s < 1e-6) return absl::StrFormat("%.0f ns", s * 1e9);
  if (s < 1e-3) return absl::StrFormat("%.3g µs", s * 1e6);
  if (s < 1) return absl::StrFormat("%.3g ms", s * 1e3);
  return absl::StrFormat("%.3g s", s);
}

std::string Bytes(double b) {
  if (b < 1e4) return absl::StrFormat("%.0f B", b);
  if (b < 1e7) return absl::StrFormat("%.1f kB", b / 1e3);
  return absl::StrFormat("%.1f MB", b / 1e6);
}

std::string Ratio(double peer, double ours) {
  if (ours <= 0) return "-";
  return absl::StrFormat("%.2f×", peer / ours);
}

const QueryFigures* Find(const EngineFigures& e, std::string_view query) {
  for (const QueryFigures& q : e.queries) {
    if (q.query == query) return &q;
  }
  return nullptr;
}

bool Identical(const QueryFigures& a, const QueryFigures* b) {
  return b != nullptr && a.status.ok() && b->status.ok() && a.digest == b->digest;
}

// One of issue 11's targets: `what` met when `ratio >= need` (speed) or `ratio <= need` (memory).
struct Target {
  std::string figure;
  std::string need;
  std::string got;
  bool met = false;
};

std::vector<Target> Targets(const BenchReport& r) {
  std::vector<Target> out;
  auto speed = [&](std::string_view query, double need, bool columnar = false) {
    const QueryFigures* ours = Find(r.linkgraph, query);
    const QueryFigures* peer = r.peer ? Find(*r.peer, query) : nullptr;
    if (ours == nullptr || peer == nullptr || !ours->status.ok() || !peer->status.ok()) return;
    const double a = columnar ? ours->columnar.median : ours->to_json.median;
    const double b = columnar ? peer->columnar.median : peer->to_json.median;
    out.push_back({absl::StrCat(std::string(query), columnar ? " columnar" : " to JSON"),
                   absl::StrFormat(">= %.0f× faster", need), absl::StrFormat("%.2f×", b / a),
                   b / a >= need});
  };
  speed("Q1p", 5);
  speed("Q1", 2);
  speed("Q2", 10);
  speed("Q3", 10);
  speed("Q4", 10);
  speed("Q5", 10);
  if (const QueryFigures* q3 = Find(r.linkgraph, "Q3"); q3 != nullptr && q3->status.ok()) {
    out.push_back(
        {"Q3 columnar", "< 30 ms", Time(q3->columnar.median), q3->columnar.median < 0.030});
    const double gbps = q3->json_bytes / (q3->to_json.median - q3->columnar.median) / 1e9;
    out.push_back({"Q3 JSON writing", ">= 1 GB/s", absl::StrFormat("%.2f GB/s", gbps), gbps >= 1});
    // With the fastest run too: two threads need the second core free, which on a shared
    // machine the median run may not have had.
    const double two = q3->json_bytes / q3->json_two_threads.median / 1e9;
    const double fastest = q3->json_bytes / q3->json_two_threads.min / 1e9;
    out.push_back({"Q3 JSON writing, 2 threads", ">= 1.5 GB/s",
                   absl::StrFormat("%.2f GB/s (fastest run %.2f)", two, fastest), two >= 1.5});
  }
  if (r.peer && r.peer->load.status.ok() && r.linkgraph.load.status.ok()) {
    const double ratio = r.peer->load.seconds / r.linkgraph.load.seconds;
    out.push_back(
        {"load from JSON Lines", ">= 5× faster", absl::StrFormat("%.2f×", ratio), ratio >= 5});
    const double lg_rss = static_cast<double>(r.linkgraph.load.rss_bytes);
    const double mem = lg_rss / static_cast<double>(r.peer->load.accounted_bytes);
    const double rss = lg_rss / static_cast<double>(r.peer->load.rss_bytes);
    out.push_back(
        {"memory after load vs SQLite", "<= 1.0×",
         absl::StrFormat("%.2f× of sqlite3_memory_used, %.2f× of its RSS growth", mem, rss),
         mem <= 1});
  }
  if (r.linkgraph.load.status.ok()) {
    const double csv =
        static_cast<double>(r.linkgraph.load.rss_bytes) / static_cast<double>(r.data.csv_bytes);
    out.push_back({"memory after load vs CSV size", "<= 1.2×",
                   absl::StrFormat("%.2f× (%s / %s)", csv,
                                   Bytes(static_cast<double>(r.linkgraph.load.rss_bytes)),
                                   Bytes(static_cast<double>(r.data.csv_bytes))),
                   csv <= 1.2});
  }
  return out;
}

void QueryLine(std::ostream& os, std::string_view label, std::string_view engine,
               const QueryFigures& q) {
  if (!q.status.ok()) {
    os << absl::StrFormat("%-4s %-9s  failed: %s\n", label, engine, q.status.ToString());
    return;
  }
  os << absl::StrFormat("%-4s %-9s %7.0f %8.1f %10s | %10s %10s %10s | %10s %10s %10s\n", label,
                        engine, q.rows, q.nested_rows, Bytes(q.json_bytes), Time(q.columnar.median),
                        Time(q.columnar.min), Time(q.columnar.p95), Time(q.to_json.median),
                        Time(q.to_json.min), Time(q.to_json.p95));
}

void AppendSummaryJson(std::string_view key, const Summary& s, std::string* out) {
  absl::StrAppendFormat(out, "\"%s\":{\"median\":%.9g,\"min\":%.9g,\"p95\":%.9g,\"runs\":%d}", key,
                        s.median, s.min, s.p95, s.samples);
}

void AppendQueryJson(const QueryFigures& q, std::string* out) {
  out->append("{\"ok\":");
  out->append(q.status.ok() ? "true" : "false");
  if (!q.status.ok()) {
    out->append(",\"error\":");
    AppendJsonText(q.status.ToString(), out);
    out->append("}");
    return;
  }
  absl::StrAppendFormat(out, ",\"rows\":%.9g,\"nested_rows\":%.9g,\"json_bytes\":%.9g,", q.rows,
                        q.nested_rows, q.json_bytes);
  AppendSummaryJson("columnar_seconds", q.columnar, out);
  out->append(",");
  AppendSummaryJson("json_seconds", q.to_json, out);
  absl::StrAppendFormat(out, ",\"digest\":\"%016x\"}", q.digest);
}

void AppendLoadJson(const LoadFigures& l, std::string* out) {
  absl::StrAppendFormat(out, "{\"ok\":%s,\"seconds\":%.9g,\"rss_bytes\":%d,\"accounted_bytes\":%d}",
                        l.status.ok() ? "true" : "false", l.seconds, l.rss_bytes,
                        l.accounted_bytes);
}

}  // namespace

bool OutputsIdentical(const BenchReport& r) {
  if (!r.peer) return true;
  for (const QueryFigures& q : r.linkgraph.queries) {
    if (!Identical(q, Find(*r.peer, q.query))) return false;
  }
  return true;
}

std::string MachineDescription() {
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::string line, model = "unknown CPU";
  while (std::getline(cpuinfo, line)) {
    if (line.rfind("model name", 0) == 0) {
      model = line.substr(line.find(':') + 2);
      break;
    }
  }
  return absl::StrCat(model, " (", std::thread::hardware_concurrency(), " cores)");
}

void PrintText(const BenchReport& r, std::ostream& os) {
  const Dataset& d = r.data;
  int64_t reviews = 0;
  for (const EntityFile& f : d.files) {
    if (f.entity == "review") reviews = f.rows;
  }
  os << absl::StrFormat(
      "linkgraph-bench, scale %s: %d products (%.1f%% without reviews), %d reviews (%.0f%% on "
      "the popular 1%%), %d customers, %d collections, %d product-collection links\n",
      d.scale.name, d.scale.products,
      100.0 * static_cast<double>(d.products_without_reviews) /
          static_cast<double>(d.scale.products),
      reviews, 100.0 * static_cast<double>(d.reviews_on_popular) / static_cast<double>(reviews),
      d.scale.customers, d.scale.collections, d.link_rows);
  os << absl::StrFormat("data: %s of JSON Lines in %s (CSV-equivalent %s), generated in %s\n",
                        Bytes(static_cast<double>(d.jsonl_bytes)), d.dir,
                        Bytes(static_cast<double>(d.csv_bytes)), Time(d.seconds));
  os << "machine: " << r.machine << "; peer: " << (r.peer ? r.peer_version : "none") << "\n\n";

  os << absl::StrFormat("%-28s %14s %14s %10s\n", "load", "linkgraph", r.peer ? "sqlite" : "",
                        r.peer ? "ratio" : "");
  const LoadFigures& a = r.linkgraph.load;
  const LoadFigures* b = r.peer ? &r.peer->load : nullptr;
  os << absl::StrFormat("%-28s %14s %14s %10s\n", "time (read, parse, index)", Time(a.seconds),
                        b ? Time(b->seconds) : "", b ? Ratio(b->seconds, a.seconds) : "");
  os << absl::StrFormat("%-28s %14s %14s\n", "VmRSS growth over the load",
                        Bytes(static_cast<double>(a.rss_bytes)),
                        b ? Bytes(static_cast<double>(b->rss_bytes)) : "");
  os << absl::StrFormat("%-28s %14s %14s\n", "engine-accounted bytes",
                        Bytes(static_cast<double>(a.accounted_bytes)),
                        b ? Bytes(static_cast<double>(b->accounted_bytes)) : "");
  os << absl::StrFormat(
      "(linkgraph: Database::Stats().bytes; sqlite: sqlite3_memory_used(). VmRSS before any load "
      "%s. linkgraph is measured before the peer loads; the peer's RSS growth may reuse pages "
      "linkgraph freed, so sqlite3_memory_used() is its reliable figure.)\n\n",
      Bytes(static_cast<double>(r.baseline_rss)));

  os << absl::StrFormat("%-4s %-9s %7s %8s %10s | %32s | %32s\n", "", "", "rows", "nested", "JSON",
                        "to columnar: median / min / p95", "to JSON: median / min / p95");
  for (const QueryInfo& info : Queries()) {
    const QueryFigures* ours = Find(r.linkgraph, info.name);
    if (ours == nullptr) continue;
    QueryLine(os, info.name, "linkgraph", *ours);
    const QueryFigures* peer = r.peer ? Find(*r.peer, info.name) : nullptr;
    if (peer != nullptr) {
      QueryLine(os, "", "sqlite", *peer);
      if (ours->status.ok() && peer->status.ok()) {
        os << absl::StrFormat("%-4s %-9s %27s | %10s %10s %10s | %10s %10s %10s   %s\n", "",
                              "ratio", "", Ratio(peer->columnar.median, ours->columnar.median),
                              Ratio(peer->columnar.min, ours->columnar.min),
                              Ratio(peer->columnar.p95, ours->columnar.p95),
                              Ratio(peer->to_json.median, ours->to_json.median),
                              Ratio(peer->to_json.min, ours->to_json.min),
                              Ratio(peer->to_json.p95, ours->to_json.p95),
                              Identical(*ours, peer)
                                  ? absl::StrFormat("identical JSON (%016x)", ours->digest)
                                  : std::string("JSON DIFFERS"));
      }
    }
    os << absl::StrFormat("%-4s %s; %d runs\n", "", info.description, ours->to_json.samples);
  }
  os << "\nratios: SQLite's time / linkgraph's (above 1: linkgraph faster); to-JSON times include "
        "the columnar result; both engines' JSON comes from linkgraph's writer.\n";
  if (r.concurrency && r.concurrency->measured) {
    const ConcurrencyFigures& c = *r.concurrency;
    os << "\nconcurrency (linkgraph; readers read a published version, one writer commits)\n";
    os << absl::StrFormat("  Q1p on one thread, alone               %10.0f queries/s\n",
                          c.point_qps_alone);
    os << absl::StrFormat(
        "  Q1p while another thread loads         %10.0f queries/s  (%.2f× alone; %d loads of "
        "10,000 reviews committed meanwhile, %.0f rows/s)\n",
        c.point_qps_loading, c.point_qps_loading / c.point_qps_alone, c.loads_committed,
        c.rows_loaded_per_second);
    os << absl::StrFormat("  one-row commit, median, alone          %10s\n",
                          Time(c.commit_median_alone));
    os << absl::StrFormat("  one-row commit, median, Q1p running    %10s\n",
                          Time(c.commit_median_reading));
  }

  if (r.linkgraph.writes.measured) {
    const WriteFigures& w = r.linkgraph.writes;
    const WriteFigures* p = r.peer && r.peer->writes.measured ? &r.peer->writes : nullptr;
    os << "\nwrites (new reviews; sqlite: prepared INSERTs)\n";
    os << absl::StrFormat("  %-38s %14s %14s %10s\n", "", "linkgraph", p ? "sqlite" : "",
                          p ? "ratio" : "");
    os << absl::StrFormat(
        "  %-38s %12.0f/s %14s %10s\n", "one-row create, its own commit", w.single_per_second,
        p ? absl::StrFormat("%.0f/s", p->single_per_second) : "",
        p ? absl::StrFormat("%.2f", w.single_per_second / p->single_per_second) : "");
    os << absl::StrFormat(
        "  %-38s %14s %14s %10s\n", absl::StrCat(w.batch_rows, " creates in one commit (median)"),
        Time(w.batch_median), p ? Time(p->batch_median) : "",
        p ? absl::StrFormat("%.2f", p->batch_median / w.batch_median) : "");
  }

  if (r.durable && r.durable->measured) {
    const DurableFigures& d = *r.durable;
    const double csv = static_cast<double>(r.data.csv_bytes);
    os << "\ndurable (a database directory on this machine's disk)\n";
    os << absl::StrFormat("  %-52s %10s\n", "load into a durable database (a commit per file)",
                          Time(d.load_seconds));
    os << absl::StrFormat("  %-52s %10s\n", "open, replaying the load's log",
                          Time(d.open_replay_seconds));
    os << absl::StrFormat("  %-52s %10s\n", "checkpoint", Time(d.checkpoint_seconds));
    os << absl::StrFormat("  %-52s %10s   (target < 300 ms)\n", "open from the checkpoint (median of 7)",
                          Time(d.open_seconds));
    os << absl::StrFormat("  %-52s %7.1f MB   (%.2f× the CSV-equivalent size)\n",
                          "on disk after the checkpoint", d.disk_bytes / 1e6,
                          csv > 0 ? d.disk_bytes / csv : 0);
    os << absl::StrFormat("  %-52s %10s   (%s rows filled)\n",
                          "migrate: review gains a defaulted property", Time(d.migrate_seconds),
                          absl::StrCat(d.migrated_rows));
    os << absl::StrFormat("  %-52s %10s\n", "open from the checkpoint, replaying the migration",
                          Time(d.open_migrated_seconds));
    os << absl::StrFormat("  one-row commit, median of %d:  per_commit %s   group %s   none %s\n",
                          d.commits, Time(d.commit_per_commit), Time(d.commit_group),
                          Time(d.commit_none));
    if (d.sqlite) {
      os << absl::StrFormat(
          "  sqlite WAL, one-row INSERT, median:  synchronous=FULL %s   NORMAL %s\n",
          Time(d.sqlite_full), Time(d.sqlite_normal));
    }
  }

  const std::vector<Target> targets = Targets(r);
  if (!targets.empty()) {
    os << "\ntargets (issue 11; stated for scale S):\n";
    for (const Target& t : targets) {
      os << absl::StrFormat("  %-30s %-16s %-48s %s\n", t.figure, t.need, t.got,
                            t.met ? "met" : "NOT MET");
    }
  }
  if (r.peer) {
    os << (OutputsIdentical(r) ? "\noutput check: every query's JSON identical on both engines\n"
                               : "\noutput check: FAILED (see above)\n");
  }
}

void PrintJson(const BenchReport& r, std::ostream& os) {
  std::string out = "{\"scale\":";
  AppendJsonText(r.data.scale.name, &out);
  absl::StrAppendFormat(&out,
                        ",\"data\":{\"products\":%d,\"customers\":%d,\"collections\":%d,"
                        "\"link_rows\":%d,\"products_without_reviews\":%d,\"jsonl_bytes\":%d,"
                        "\"csv_bytes\":%d,\"generate_seconds\":%.9g,\"files\":[",
                        r.data.scale.products, r.data.scale.customers, r.data.scale.collections,
                        r.data.link_rows, r.data.products_without_reviews, r.data.jsonl_bytes,
                        r.data.csv_bytes, r.data.seconds);
  for (size_t i = 0; i < r.data.files.size(); ++i) {
    const EntityFile& f = r.data.files[i];
    if (i) out.append(",");
    out.append("{\"entity\":");
    AppendJsonText(f.entity, &out);
    absl::StrAppendFormat(&out, ",\"rows\":%d,\"jsonl_bytes\":%d,\"csv_bytes\":%d}", f.rows,
                          f.jsonl_bytes, f.csv_bytes);
  }
  out.append("]},\"machine\":");
  AppendJsonText(r.machine, &out);
  out.append(",\"peer\":");
  if (r.peer) {
    AppendJsonText(r.peer_version, &out);
  } else {
    out.append("null");
  }
  absl::StrAppendFormat(&out,
                        ",\"baseline_rss_bytes\":%d,\"load\":{\"linkgraph\":", r.baseline_rss);
  AppendLoadJson(r.linkgraph.load, &out);
  if (r.peer) {
    out.append(",\"sqlite\":");
    AppendLoadJson(r.peer->load, &out);
  }
  out.append("},\"queries\":[");
  bool first = true;
  for (const QueryInfo& info : Queries()) {
    const QueryFigures* ours = Find(r.linkgraph, info.name);
    if (ours == nullptr) continue;
    if (!first) out.append(",");
    first = false;
    out.append("{\"query\":");
    AppendJsonText(info.name, &out);
    out.append(",\"description\":");
    AppendJsonText(info.description, &out);
    out.append(",\"linkgraph\":");
    AppendQueryJson(*ours, &out);
    const QueryFigures* peer = r.peer ? Find(*r.peer, info.name) : nullptr;
    if (peer != nullptr) {
      out.append(",\"sqlite\":");
      AppendQueryJson(*peer, &out);
      if (ours->status.ok() && peer->status.ok()) {
        absl::StrAppendFormat(&out, ",\"ratio\":{\"columnar_median\":%.6g,\"json_median\":%.6g}",
                              peer->columnar.median / ours->columnar.median,
                              peer->to_json.median / ours->to_json.median);
      }
      out.append(",\"identical\":");
      out.append(Identical(*ours, peer) ? "true" : "false");
    }
    out.append("}");
  }
  out.append("],\"targets\":[");
  const std::vector<Target> targets = Targets(r);
  for (size_t i = 0; i < targets.size(); ++i) {
    if (i) out.append(",");
    out.append("{\"figure\":");
    AppendJsonText(targets[i].figure, &out);
    out.append(",\"need\":");
    AppendJsonText(targets[i].need, &out);
    out.append(",\"got\":");
    AppendJsonText(targets[i].got, &out);
    out.append(targets[i].met ? ",\"met\":true}" : ",\"met\":false}");
  }
  out.append("]");
  if (r.concurrency && r.concurrency->measured) {
    const ConcurrencyFigures& c = *r.concurrency;
    absl::StrAppendFormat(&out,
                          ",\"concurrency\":{\"point_qps_alone\":%.9g,\"point_qps_loading\":%.9g,"
                          "\"loads_committed\":%d,\"rows_loaded_per_second\":%.9g,"
                          "\"commit_median_alone\":%.9g,\"commit_median_reading\":%.9g}",
                          c.point_qps_alone, c.point_qps_loading, c.loads_committed,
                          c.rows_loaded_per_second, c.commit_median_alone,
                          c.commit_median_reading);
  }
  if (r.linkgraph.writes.measured) {
    auto append = [&](const WriteFigures& w) {
      absl::StrAppendFormat(&out,
                            "{\"single_commits\":%d,\"single_per_second\":%.9g,"
                            "\"batch_rows\":%d,\"batch_median\":%.9g}",
                            w.single_commits, w.single_per_second, w.batch_rows, w.batch_median);
    };
    out.append(",\"writes\":{\"linkgraph\":");
    append(r.linkgraph.writes);
    if (r.peer && r.peer->writes.measured) {
      out.append(",\"sqlite\":");
      append(r.peer->writes);
    }
    out.append("}");
  }
  if (r.durable && r.durable->measured) {
    const DurableFigures& d = *r.durable;
    absl::StrAppendFormat(
        &out,
        ",\"durable\":{\"load\":%.9g,\"open_replay\":%.9g,\"checkpoint\":%.9g,\"open\":%.9g,"
        "\"disk_bytes\":%d,\"commit_per_commit\":%.9g,\"commit_group\":%.9g,"
        "\"commit_none\":%.9g,\"migrate\":%.9g,\"migrated_rows\":%d,\"open_migrated\":%.9g",
        d.load_seconds, d.open_replay_seconds, d.checkpoint_seconds, d.open_seconds,
        d.disk_bytes, d.commit_per_commit, d.commit_group, d.commit_none, d.migrate_seconds,
        d.migrated_rows, d.open_migrated_seconds);
    if (d.sqlite) {
      absl::StrAppendFormat(&out, ",\"sqlite_full\":%.9g,\"sqlite_normal\":%.9g", d.sqlite_full,
                            d.sqlite_normal);
    }
    out.append("}");
  }
  absl::StrAppendFormat(&out, ",\"identical\":%s}\n", OutputsIdentical(r) ? "true" : "false");
  os << out;
}

}  // namespace linkgraph::bench
