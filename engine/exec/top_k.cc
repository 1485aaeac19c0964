#include "engine/exec/top_k.h"

#include "engine/exec/interrupt.h"

#include <algorithm>
#include <limits>
#include <optional>
#include <vector>

#include "engine/exec/batch_filter.h"
#include "engine/exec/index_scan.h"
#include "engine/exec/order.h"

namespace linkgraph::exec {

namespace {

constexpr size_t kFirstBatch = 16;
constexpr size_t kMaxBatch = 1024;

int64_t CounterCount(const store::Table& table, const plan::Node& node, const AccessPath& access) {
  switch (access.count) {
    case AccessPath::Count::kLiveRows:
      return static_cast<int64_t>(node.with_deleted ? table.pk_order().size() : table.live_count());
    case AccessPath::Count::kEnumCounter: {
      const std::vector<int64_t>& counts = table.column(access.count_column).live_counts();
      int64_t n = 0;
      for (int64_t code : access.count_codes) n += counts[static_cast<size_t>(code)];
      return n;
    }
    case AccessPath::Count::kNone:
    case AccessPath::Count::kRows:
      break;
  }
  return 0;
}

}  // namespace

ScanOutput TopK(const store::Store& store, const plan::Node& node, const AccessPath& access) {
  const store::Table& table = store.table(node.entity);
  const plan::Predicate* filter = node.filter ? &*node.filter : nullptr;
  const store::OrderedIndex* index =
      access.kind == AccessPath::Kind::kIndexOrder ? table.ordered_index(access.column) : nullptr;
  size_t skip = static_cast<size_t>(node.skip);
  size_t need =
      node.take ? skip + static_cast<size_t>(*node.take) : std::numeric_limits<size_t>::max();
  bool count_rows = access.count == AccessPath::Count::kRows;
  // Keys after the first reorder rows of equal first-key value (the primary key has no ties).
  bool more_keys = index != nullptr && node.order.size() > 1;

  ScanOutput out;
  int64_t count = 0;
  // Takes one row that passed the filter; false when the walk can stop.
  auto take = [&](uint32_t row) {
    ++count;
    if (out.rows.size() < need ||
        (more_keys && !out.rows.empty() && index->CompareRowValues(out.rows.back(), row) == 0)) {
      out.rows.push_back(row);
      return true;
    }
    return count_rows;  // the page is full: go on only to count
  };
  // With a filter, visible rows are evaluated in batches (growing from a few rows, so a short
  // page reads little past its end) and taken in walk order.
  std::optional<BatchFilter> batch_filter;
  if (filter != nullptr) batch_filter.emplace(*filter, store, table, node.with_deleted);
  std::vector<uint32_t> batch;
  std::vector<uint8_t> result;
  size_t batch_size = kFirstBatch;
  bool stopped = false;
  auto flush = [&]() {
    result.resize(batch.size());
    batch_filter->Evaluate(batch, result.data());
    for (size_t i = 0; i < batch.size() && !stopped; ++i) {
      if (result[i] == kYes && !take(batch[i])) stopped = true;
    }
    batch.clear();
    batch_size = std::min(batch_size * 2, kMaxBatch);
    return !stopped;
  };
  auto visit = [&](uint32_t row) {
    if (InterruptRequested()) return false;
    if (!table.IsVisible(row, node.with_deleted)) return true;
    if (!batch_filter) return take(row);
    batch.push_back(row);
    return batch.size() < batch_size || flush();
  };
  if (index != nullptr) {
    WalkSpan(*index, SpanOf(*index, access), access.descending, visit);
  } else if (!access.descending) {
    for (uint32_t row : table.pk_order()) {
      if (!visit(row)) break;
    }
  } else {
    const store::RowList& pk = table.pk_order();
    for (auto it = pk.rbegin(); it != pk.rend(); ++it) {
      if (!visit(*it)) break;
    }
  }
  if (batch_filter && !batch.empty() && !stopped && !InterruptRequested()) flush();
  if (more_keys) {
    SortRows(store, table, node.order, node.with_deleted, out.rows.begin(), out.rows.end());
  }
  out.count = count_rows ? count : CounterCount(table, node, access);
  size_t begin = std::min(skip, out.rows.size());
  size_t end = std::min(need, out.rows.size());
  out.rows.erase(out.rows.begin() + static_cast<std::ptrdiff_t>(end), out.rows.end());
  out.rows.erase(out.rows.begin(), out.rows.begin() + static_cast<std::ptrdiff_t>(begin));
  return out;
}

}  // namespace linkgraph::exec
