// Checkpoint image timings (issue 21): the benchmark's data set loaded from JSON Lines, written as
// an image, and loaded back from it, with the image's size against the tables' memory. Not a
// test; run by hand:
//   ./build/bench/linkgraph_image_bench [scale: XS | S | M | 1M] [dir] [repeats]
// `1M` is 200k products with 1M reviews. The data set is generated into `dir` (default
// /tmp/linkgraph-image-bench/<scale>) unless already there.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include <time.h>

#include "bench/harness/dataset.h"
#include "bench/harness/schema.h"
#include "engine/durable/image_reader.h"
#include "engine/durable/image_writer.h"
#include "engine/store/store.h"
#include "linkgraph/database.h"
#include "modules/access.h"
#include "modules/state.h"

namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

// This thread's CPU time: on a machine shared with other jobs, steadier than the wall clock.
double CpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

int Fail(const std::string& what, const absl::Status& s) {
  std::fprintf(stderr, "%s: %s\n", what.c_str(), std::string(s.message()).c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  namespace bench = linkgraph::bench;
  const std::string name = argc > 1 ? argv[1] : "S";
  std::optional<bench::Scale> scale =
      name == "1M" ? std::optional<bench::Scale>(bench::Scale{"1M", 200000, 100000})
                   : bench::ScaleByName(name);
  if (!scale) return Fail(name, absl::InvalidArgumentError("unknown scale"));
  const std::string dir = argc > 2 ? argv[2] : "/tmp/linkgraph-image-bench/" + name;
  const int repeats = argc > 3 ? std::max(1, std::atoi(argv[3])) : 5;

  absl::StatusOr<bench::Dataset> data = bench::GenerateDataset(*scale, dir);
  if (!data.ok()) return Fail("generate", data.status());

  linkgraph::Database db;
  if (absl::Status s = db.RegisterJson(bench::kLinkgraphSchema); !s.ok()) return Fail("schema", s);
  double json_seconds = 0;
  int64_t rows = 0;
  for (const bench::EntityFile& f : data->files) {
    absl::StatusOr<std::string> text = bench::ReadWholeFile(f.path);
    if (!text.ok()) return Fail(f.path, text.status());
    const auto t0 = Clock::now();
    auto loaded = db.LoadJsonLines(f.entity, *text);
    json_seconds += Seconds(t0);
    if (!loaded.ok()) return Fail(f.path, loaded.status());
    rows += f.rows;
  }

  linkgraph::modules::Snapshot snap(linkgraph::modules::DatabaseAccess::State(db));
  const linkgraph::store::Store& store = snap.store();
  size_t memory = 0;
  for (linkgraph::catalog::EntityId e = 0; e < store.table_count(); ++e) {
    memory += store.table(e).MemoryBytes();
  }

  double write_best = 1e9, load_best = 1e9, write_cpu = 1e9, load_cpu = 1e9;
  std::string image;
  for (int i = 0; i < repeats; ++i) {
    linkgraph::durable::StringImageSink sink;
    sink.data().reserve(image.size());
    const auto t0 = Clock::now();
    const double c0 = CpuSeconds();
    if (absl::Status s = linkgraph::durable::WriteImage(store, sink); !s.ok()) {
      return Fail("write", s);
    }
    write_cpu = std::min(write_cpu, CpuSeconds() - c0);
    write_best = std::min(write_best, Seconds(t0));
    image = std::move(sink.data());
  }
  for (int i = 0; i < repeats; ++i) {
    auto loaded = std::make_unique<linkgraph::store::Store>();
    loaded->BeginWrite(linkgraph::store::NewStamp());
    for (linkgraph::catalog::EntityId e = 0; e < snap.catalog().size(); ++e) {
      loaded->AddTable(snap.catalog().entity(e));
    }
    const auto t0 = Clock::now();
    const double c0 = CpuSeconds();
    if (absl::Status s = linkgraph::durable::ReadImage(image, loaded.get()); !s.ok()) {
      return Fail("load", s);
    }
    load_cpu = std::min(load_cpu, CpuSeconds() - c0);
    load_best = std::min(load_best, Seconds(t0));
  }

  std::printf("scale %s: %lld rows in %zu tables, JSON Lines %.1f MB\n", name.c_str(),
              static_cast<long long>(rows), store.table_count(), data->jsonl_bytes / 1e6);
  std::printf("  load from JSON Lines   %8.3f s\n", json_seconds);
  std::printf("  image write (best of %d) %6.3f s  (%.0f MB/s), CPU %.3f s\n", repeats,
              write_best, image.size() / 1e6 / write_best, write_cpu);
  std::printf("  image load  (best of %d) %6.3f s  (%.0f MB/s), CPU %.3f s\n", repeats,
              load_best, image.size() / 1e6 / load_best, load_cpu);
  std::printf("  image %.1f MB, tables' MemoryBytes %.1f MB (%.2fx)\n", image.size() / 1e6,
              memory / 1e6, static_cast<double>(image.size()) / static_cast<double>(memory));
  return 0;
}
