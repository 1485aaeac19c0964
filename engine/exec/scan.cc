#include "engine/exec/scan.h"

#include <algorithm>
#include <optional>

#include "engine/exec/batch_filter.h"
#include "engine/exec/index_scan.h"
#include "engine/exec/interrupt.h"
#include "engine/exec/order.h"
#include "engine/exec/top_k.h"

namespace linkgraph::exec {

namespace {

constexpr size_t kScanBatch = 1024;

// The candidate rows of an unordered access path other than a primary-key scan, in primary-key
// order.
std::vector<uint32_t> Candidates(const store::Table& table, const AccessPath& access) {
  switch (access.kind) {
    case AccessPath::Kind::kPkOrderScan:
    case AccessPath::Kind::kIndexOrder:  // not reached: ordered paths go through TopK
      return std::vector<uint32_t>(table.pk_order().begin(), table.pk_order().end());
    case AccessPath::Kind::kIndexRange:
      return IndexRangeRows(table, access);
    case AccessPath::Kind::kIndexLookup:
      break;
  }
  std::vector<uint32_t> rows = IndexLookupRows(table, access);
  if (access.keys.size() > 1) {
    std::sort(rows.begin(), rows.end(), [&](uint32_t a, uint32_t b) { return table.PkLess(a, b); });
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
  }
  return rows;
}

}  // namespace

ScanOutput ScanRoot(const store::Store& store, const plan::Node& node, const AccessPath& access) {
  if (access.ordered) return TopK(store, node, access);
  const store::Table& table = store.table(node.entity);
  ScanOutput out;
  // A primary-key scan reads the table's order in place, block by block; other paths build
  // their candidates.
  std::optional<BatchFilter> filter;
  if (node.filter) filter.emplace(*node.filter, store, table, node.with_deleted);
  std::vector<uint32_t> batch;
  std::vector<uint8_t> result;
  bool stopped = false;
  auto scan = [&](const uint32_t* candidates, size_t n) {
    for (size_t begin = 0; begin < n && !stopped; begin += kScanBatch) {
      if (InterruptRequested()) {
        stopped = true;
        break;
      }
      const size_t end = std::min(n, begin + kScanBatch);
      if (!filter) {
        for (size_t i = begin; i < end; ++i) {
          if (table.IsVisible(candidates[i], node.with_deleted)) out.rows.push_back(candidates[i]);
        }
        continue;
      }
      batch.clear();
      batch.reserve(end - begin);  // one allocation, not a growing vector's several
      for (size_t i = begin; i < end; ++i) {
        if (table.IsVisible(candidates[i], node.with_deleted)) batch.push_back(candidates[i]);
      }
      result.resize(batch.size());
      filter->Evaluate(batch, result.data());
      for (size_t i = 0; i < batch.size(); ++i) {
        if (result[i] == kYes) out.rows.push_back(batch[i]);
      }
    }
  };
  if (access.kind == AccessPath::Kind::kPkOrderScan) {
    out.rows.reserve(table.pk_order().size());
    table.pk_order().ForEachBlock(scan);
  } else {
    const std::vector<uint32_t> built = Candidates(table, access);
    out.rows.reserve(built.size());
    scan(built.data(), built.size());
  }
  out.count = static_cast<int64_t>(out.rows.size());
  SortRows(store, table, node.order, node.with_deleted, out.rows.begin(), out.rows.end());
  size_t skip = static_cast<size_t>(std::min<int64_t>(node.skip, out.count));
  size_t end = out.rows.size();
  if (node.take) end = std::min(end, skip + static_cast<size_t>(*node.take));
  out.rows.erase(out.rows.begin() + end, out.rows.end());
  out.rows.erase(out.rows.begin(), out.rows.begin() + skip);
  return out;
}

}  // namespace linkgraph::exec
