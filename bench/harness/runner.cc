#include "modules/access.h"
#include "bench/harness/runner.h"

#include <algorithm>
#include <functional>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "bench/harness/rng.h"
#include "bench/harness/sqlite_result.h"

namespace linkgraph::bench {

LoadFigures MeasureLoad(Engine& engine, const Dataset& data) {
  LoadFigures f;
  TrimHeap();
  const int64_t before = ResidentBytes();
  const Clock::time_point start = Clock::now();
  f.status = engine.Load(data);
  f.seconds = SecondsSince(start);
  TrimHeap();
  f.rss_bytes = ResidentBytes() - before;
  f.accounted_bytes = f.status.ok() ? engine.AccountedBytes() : 0;
  return f;
}

QueryFigures MeasureQuery(Engine& engine, const Dataset& data, const QueryInfo& query,
                          const RunOptions& options) {
  QueryFigures f;
  f.query = std::string(query.name);
  f.status = engine.Prepare(query.id);
  if (!f.status.ok()) return f;
  const int repeats = options.repeats > 0 ? options.repeats : query.default_repeats;
  const int warmups = std::max(1, repeats / 10);
  for (int i = -warmups; i < 0; ++i) {
    auto r = engine.Run(query.id, ArgsFor(data, query.id, i));
    if (!r.ok()) {
      f.status = r.status();
      return f;
    }
    std::string json = r->ToJson();
  }
  std::vector<double> columnar, to_json, two_threads;
  columnar.reserve(static_cast<size_t>(repeats));
  to_json.reserve(static_cast<size_t>(repeats));
  two_threads.reserve(static_cast<size_t>(repeats));
  double rows = 0, nested = 0, bytes = 0;
  uint64_t digest = 0x6c67;
  for (int i = 0; i < repeats; ++i) {
    const QueryArgs args = ArgsFor(data, query.id, i);
    const Clock::time_point start = Clock::now();
    auto r = engine.Run(query.id, args);
    const Clock::time_point mid = Clock::now();
    if (!r.ok()) {
      f.status = r.status();
      return f;
    }
    std::string json = r->ToJson();
    const Clock::time_point end = Clock::now();
    columnar.push_back(std::chrono::duration<double>(mid - start).count());
    to_json.push_back(std::chrono::duration<double>(end - start).count());
    rows += static_cast<double>(r->size());
    nested += static_cast<double>(NestedRows(modules::ResultAccess::Data(*r).root));
    bytes += static_cast<double>(json.size());
    digest = Mix(digest ^ std::hash<std::string_view>()(json));
    const Clock::time_point again = Clock::now();
    const std::string parallel = r->ToJson(/*threads=*/2);
    two_threads.push_back(SecondsSince(again));
    if (parallel != json) {
      f.status = absl::InternalError(absl::StrCat(
          std::string(query.name), ": the JSON written on two threads differs from the serial"));
      return f;
    }
  }
  f.columnar = Summarize(std::move(columnar));
  f.to_json = Summarize(std::move(to_json));
  f.json_two_threads = Summarize(std::move(two_threads));
  f.rows = rows / repeats;
  f.nested_rows = nested / repeats;
  f.json_bytes = bytes / repeats;
  f.digest = digest;
  return f;
}

absl::StatusOr<std::string> QueryJson(Engine& engine, const Dataset& data, QueryId query,
                                      int iteration) {
  absl::Status prepared = engine.Prepare(query);
  if (!prepared.ok()) return prepared;
  auto r = engine.Run(query, ArgsFor(data, query, iteration));
  if (!r.ok()) return r.status();
  return r->ToJson();
}

}  // namespace linkgraph::bench
