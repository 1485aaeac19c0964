#include "bench/harness/concurrency.h"

#include <algorithm>
#include <atomic>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "bench/harness/measure.h"

namespace linkgraph::bench {

namespace {

constexpr double kWindowSeconds = 1.5;
constexpr int kLoadRows = 10000;
constexpr int kCommits = 300;

// Point queries on this thread for kWindowSeconds; queries per second.
absl::StatusOr<double> PointQueries(LinkgraphEngine& engine, const Dataset& data) {
  int64_t n = 0;
  const auto start = Clock::now();
  while (SecondsSince(start) < kWindowSeconds) {
    for (int i = 0; i < 64; ++i, ++n) {
      auto r = engine.Run(QueryId::kQ1p, ArgsFor(data, QueryId::kQ1p, static_cast<int>(n)));
      if (!r.ok()) return r.status();
    }
  }
  return static_cast<double>(n) / SecondsSince(start);
}

// `kLoadRows` new reviews as JSON Lines: the data set's first reviews under new ids.
absl::StatusOr<std::string> LoadText(const Dataset& data, int batch) {
  std::ifstream in(data.dir + "/review.jsonl");
  std::string line, text;
  for (int i = 0; i < kLoadRows && std::getline(in, line); ++i) {
    const size_t id_end = line.find("\",");
    if (line.rfind(R"({"id":")", 0) != 0 || id_end == std::string::npos) {
      return absl::InternalError("unexpected review line: " + line.substr(0, 40));
    }
    absl::StrAppend(&text, R"({"id":"conc_)", batch, "_", i, line.substr(id_end), "\n");
  }
  return text;
}

// One-row commits on this thread; the median latency in seconds.
absl::StatusOr<double> Commits(LinkgraphEngine& engine, int round) {
  std::vector<double> times;
  for (int i = 0; i < kCommits; ++i) {
    const std::string row = absl::StrCat(
        R"({"id":"commit_)", round, "_", i,
        R"(","product_id":"prod_0000001","customer_id":"cus_0000001","rating":3,"content":"c",)"
        R"("created_at":"2024-01-01T00:00:00.000Z","updated_at":"2024-01-01T00:00:00.000Z"})");
    const auto start = Clock::now();
    auto w = engine.db().Write([&](WriteBatch& b) { b.Create("review", row); });
    times.push_back(SecondsSince(start));
    if (!w.ok()) return w.status();
  }
  return Summarize(std::move(times)).median;
}

}  // namespace

ConcurrencyFigures MeasureConcurrency(LinkgraphEngine& engine, const Dataset& data) {
  ConcurrencyFigures f;
  auto fail = [&](const absl::Status& s) {
    f.status = s;
    return f;
  };
  if (absl::Status s = engine.Prepare(QueryId::kQ1p); !s.ok()) return fail(s);

  auto alone = PointQueries(engine, data);
  if (!alone.ok()) return fail(alone.status());
  f.point_qps_alone = *alone;

  // Loads on another thread, one after another, while this one queries.
  std::vector<std::string> texts;
  for (int b = 0; b < 2; ++b) {
    auto text = LoadText(data, b);
    if (!text.ok()) return fail(text.status());
    texts.push_back(std::move(*text));
  }
  std::atomic<bool> stop{false};
  std::atomic<int64_t> loads{0};
  absl::Status load_status;
  const auto load_start = Clock::now();
  std::thread loader([&] {
    for (int k = 0; !stop; ++k) {
      // Each load's ids are new: alternate texts, renamed by round.
      std::string text = texts[k % 2];
      const std::string from = absl::StrCat("\"conc_", k % 2, "_");
      const std::string to = absl::StrCat("\"conc_", k, "_");
      for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at)) {
        text.replace(at, from.size(), to);
        at += to.size();
      }
      auto w = engine.db().LoadJsonLines("review", text);
      if (!w.ok()) {
        load_status = w.status();
        return;
      }
      ++loads;
    }
  });
  auto loading = PointQueries(engine, data);
  stop = true;
  loader.join();
  const double load_seconds = SecondsSince(load_start);
  if (!loading.ok()) return fail(loading.status());
  if (!load_status.ok()) return fail(load_status);
  f.point_qps_loading = *loading;
  f.loads_committed = loads;
  f.rows_loaded_per_second = static_cast<double>(loads * kLoadRows) / load_seconds;

  auto commits_alone = Commits(engine, 0);
  if (!commits_alone.ok()) return fail(commits_alone.status());
  f.commit_median_alone = *commits_alone;
  stop = false;
  absl::Status read_status;
  std::thread reader([&] {
    for (int64_t n = 0; !stop; ++n) {
      auto r = engine.Run(QueryId::kQ1p, ArgsFor(data, QueryId::kQ1p, static_cast<int>(n)));
      if (!r.ok()) {
        read_status = r.status();
        return;
      }
    }
  });
  auto commits_reading = Commits(engine, 1);
  stop = true;
  reader.join();
  if (!commits_reading.ok()) return fail(commits_reading.status());
  if (!read_status.ok()) return fail(read_status);
  f.commit_median_reading = *commits_reading;
  f.measured = true;
  return f;
}

}  // namespace linkgraph::bench
