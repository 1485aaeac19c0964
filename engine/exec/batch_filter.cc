#include "engine/exec/batch_filter.h"

#include <algorithm>

#include "engine/exec/access.h"
#include "engine/exec/eval.h"
#include "engine/exec/hop.h"
#include "engine/exec/index_scan.h"
#include "engine/exec/interrupt.h"
#include "engine/types/hash_grow.h"

namespace linkgraph::exec {

namespace {

using catalog::ColumnType;
using dsl::CompareOp;

constexpr size_t kBuildBatch = 1024;

// True when a semi-join's working rows (4 bytes each) with the result so far pass the query's
// cap (max_result_bytes): the query stops with ResourceExhausted instead of growing on.
bool Held(size_t rows) {
  Interrupt* i = Interrupt::Current();
  return i != nullptr && i->Holds(rows * sizeof(uint32_t));
}

// True when `p` holds an EXISTS (its evaluation hops again).
bool HasExists(const plan::Predicate& p) {
  if (p.kind == plan::Predicate::Kind::kExists) return true;
  return std::any_of(p.children.begin(), p.children.end(),
                     [](const plan::Predicate& c) { return HasExists(c); });
}

// Related rows probed before a build is considered (its planning reads an index).
constexpr size_t kMinProbed = 1024;

uint8_t FromTri(Tri t) { return t == Tri::kTrue ? kYes : (t == Tri::kFalse ? kNo : kMaybe); }

// The result of a comparison on a null cell.
uint8_t NullResult(const plan::Predicate& p) {
  if (p.in_has_null && p.op == CompareOp::kIn) return kYes;
  if (p.in_has_null && p.op == CompareOp::kNin) return kNo;
  return kMaybe;
}

// One loop over `rows`: null cells get `null_result`, others `test(value) ? kYes : kNo`.
template <typename Get, typename Test>
void Loop(const store::Column& col, std::span<const uint32_t> rows, uint8_t null_result,
          uint8_t* out, Get get, Test test) {
  for (size_t i = 0; i < rows.size(); ++i) {
    const uint32_t r = rows[i];
    out[i] = col.IsNull(r) ? null_result : (test(get(r)) ? kYes : kNo);
  }
}

template <typename T, typename Get>
bool CompareLoop(const store::Column& col, CompareOp op, const T& v,
                 std::span<const uint32_t> rows, uint8_t null_result, uint8_t* out, Get get) {
  switch (op) {
    case CompareOp::kEq: Loop(col, rows, null_result, out, get, [&](const T& x) { return x == v; }); return true;
    case CompareOp::kNe: Loop(col, rows, null_result, out, get, [&](const T& x) { return x != v; }); return true;
    case CompareOp::kGt: Loop(col, rows, null_result, out, get, [&](const T& x) { return x > v; }); return true;
    case CompareOp::kGte: Loop(col, rows, null_result, out, get, [&](const T& x) { return x >= v; }); return true;
    case CompareOp::kLt: Loop(col, rows, null_result, out, get, [&](const T& x) { return x < v; }); return true;
    case CompareOp::kLte: Loop(col, rows, null_result, out, get, [&](const T& x) { return x <= v; }); return true;
    default: return false;
  }
}

// A typed loop for the common comparisons; false when `p` needs the general evaluator.
bool TypedCompare(const plan::Predicate& p, const store::Column& col,
                  std::span<const uint32_t> rows, uint8_t* out) {
  const uint8_t null_result = NullResult(p);
  const bool list = p.op == CompareOp::kIn || p.op == CompareOp::kNin;
  switch (col.type()) {
    case ColumnType::kNumber:
    case ColumnType::kBoolean:
    case ColumnType::kDateTime: {
      auto get = [&](uint32_t r) { return col.GetInt(r); };
      if (list) {
        const bool in = p.op == CompareOp::kIn;
        Loop(col, rows, null_result, out, get, [&](int64_t x) {
          bool found = std::any_of(p.values.begin(), p.values.end(),
                                   [&](const plan::BoundValue& v) { return v.i == x; });
          return found == in;
        });
        return true;
      }
      return CompareLoop<int64_t>(col, p.op, p.values[0].i, rows, null_result, out, get);
    }
    case ColumnType::kId:
    case ColumnType::kText: {
      auto get = [&](uint32_t r) { return col.GetString(r); };
      if (list) {
        const bool in = p.op == CompareOp::kIn;
        Loop(col, rows, null_result, out, get, [&](std::string_view x) {
          bool found = std::any_of(p.values.begin(), p.values.end(),
                                   [&](const plan::BoundValue& v) { return v.s == x; });
          return found == in;
        });
        return true;
      }
      return CompareLoop<std::string_view>(col, p.op, std::string_view(p.values[0].s), rows,
                                           null_result, out, get);
    }
    default:
      return false;
  }
}

}  // namespace

struct BatchFilter::SemiJoin {
  size_t probed = 0;                // related rows visited by probes so far
  bool built = false;
  bool buildable = true;            // false: a step has no index to walk back through
  bool planned = false;             // PlanBuild ran
  bool all_rows = true;             // planned: the build reads every row of the related table
  int8_t inner_hops = -1;           // the inner filter holds an EXISTS: -1 unknown, 0 no, 1 yes
  std::vector<uint32_t> candidates;  // planned, !all_rows: rows from an index, to filter
  std::vector<uint64_t> bits;       // built: one bit per row of the evaluated table
};

BatchFilter::BatchFilter(const plan::Predicate& filter, const store::Store& store,
                         const store::Table& table, bool with_deleted)
    : filter_(filter), store_(store), table_(table), with_deleted_(with_deleted) {}

BatchFilter::~BatchFilter() = default;

void BatchFilter::Evaluate(std::span<const uint32_t> rows, uint8_t* out) {
  Eval(filter_, table_, with_deleted_, rows, out);
}

void BatchFilter::Eval(const plan::Predicate& p, const store::Table& table, bool with_deleted,
                       std::span<const uint32_t> rows, uint8_t* out) {
  using K = plan::Predicate::Kind;
  switch (p.kind) {
    case K::kAnd:
    case K::kOr: {
      // Later children run only on the rows the earlier ones left undecided (not false for
      // AND, not true for OR).
      const bool is_and = p.kind == K::kAnd;
      const uint8_t decided = is_and ? kNo : kYes;
      std::fill(out, out + rows.size(), is_and ? kYes : kNo);
      std::vector<uint32_t> sub_rows;
      std::vector<uint32_t> sub_index;
      std::vector<uint8_t> sub_out;
      for (const plan::Predicate& c : p.children) {
        sub_rows.clear();
        sub_index.clear();
        for (size_t i = 0; i < rows.size(); ++i) {
          if (out[i] != decided) {
            sub_rows.push_back(rows[i]);
            sub_index.push_back(static_cast<uint32_t>(i));
          }
        }
        if (sub_rows.empty()) break;
        sub_out.resize(sub_rows.size());
        Eval(c, table, with_deleted, sub_rows, sub_out.data());
        for (size_t j = 0; j < sub_rows.size(); ++j) {
          uint8_t& o = out[sub_index[j]];
          o = is_and ? std::min(o, sub_out[j]) : std::max(o, sub_out[j]);
        }
      }
      return;
    }
    case K::kNot:
      Eval(p.children[0], table, with_deleted, rows, out);
      for (size_t i = 0; i < rows.size(); ++i) out[i] = static_cast<uint8_t>(kYes - out[i]);
      return;
    case K::kIsNull:
    case K::kIsNotNull: {
      const store::Column& col = table.column(p.column);
      const bool want_null = p.kind == K::kIsNull;
      for (size_t i = 0; i < rows.size(); ++i) out[i] = col.IsNull(rows[i]) == want_null ? kYes : kNo;
      return;
    }
    case K::kCompare: {
      const store::Column& col = table.column(p.column);
      if (col.type() == ColumnType::kEnum) {
        // Every operator on an enum depends only on its code: decide each code once.
        std::vector<uint8_t> by_code(col.enum_values().size(), kNo);
        std::vector<uint32_t> sample(col.enum_values().size(), UINT32_MAX);
        for (size_t i = 0; i < rows.size(); ++i) {
          const uint32_t r = rows[i];
          if (col.IsNull(r)) {
            out[i] = NullResult(p);
            continue;
          }
          const size_t code = static_cast<size_t>(col.GetInt(r));
          if (sample[code] == UINT32_MAX) {
            sample[code] = r;
            by_code[code] = FromTri(EvaluateCompare(p, col, r));
          }
          out[i] = by_code[code];
        }
        return;
      }
      if (TypedCompare(p, col, rows, out)) return;
      for (size_t i = 0; i < rows.size(); ++i) out[i] = FromTri(EvaluateCompare(p, col, rows[i]));
      return;
    }
    case K::kExists:
      EvalExists(p, table, with_deleted, rows, out);
      return;
  }
}

void BatchFilter::EvalExists(const plan::Predicate& p, const store::Table& table,
                             bool with_deleted, std::span<const uint32_t> rows, uint8_t* out) {
  types::GrowBeforeInsert(semi_joins_);
  std::unique_ptr<SemiJoin>& slot = semi_joins_[&p];
  if (slot == nullptr) slot = std::make_unique<SemiJoin>();
  SemiJoin& sj = *slot;
  if (ShouldBuild(p, sj)) Build(p, table, with_deleted, &sj);
  const store::Table& target = store_.table(p.relation->target);
  if (sj.built) {
    for (size_t i = 0; i < rows.size(); ++i) {
      const uint32_t r = rows[i];
      out[i] = (sj.bits[r >> 6] >> (r & 63)) & 1 ? kYes : kNo;
    }
    return;
  }
  // Probe: the related rows of the whole batch, then the inner filter over them at once.
  std::vector<uint32_t> offsets;
  std::vector<uint32_t> related;
  RelatedRows(store_, *p.relation, rows, with_deleted, /*first_only=*/false, /*results=*/false,
              &offsets, &related);
  if (offsets.size() != rows.size() + 1 || Held(related.size())) {
    std::fill(out, out + rows.size(), kNo);  // stopped: the query returns the interrupt's status
    return;
  }
  sj.probed += related.size();
  std::vector<uint8_t> inner(related.size(), kYes);
  if (sj.inner_hops < 0) sj.inner_hops = !p.children.empty() && HasExists(p.children[0]);
  if (!p.children.empty() && !related.empty() && sj.inner_hops == 0) {
    Eval(p.children[0], target, with_deleted, related, inner.data());
  } else if (!p.children.empty() && !related.empty()) {
    // An inner filter that hops again runs once per distinct related row, however many parents
    // share it: a chain of EXISTS (`a.b.c.d = x`) costs the edges of each hop, never the paths
    // through all of them.
    std::vector<uint32_t> distinct(related);
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    if (distinct.size() == related.size()) {
      Eval(p.children[0], target, with_deleted, related, inner.data());
    } else {
      std::vector<uint8_t> distinct_inner(distinct.size());
      Eval(p.children[0], target, with_deleted, distinct, distinct_inner.data());
      for (size_t i = 0; i < related.size(); ++i) {
        auto at = std::lower_bound(distinct.begin(), distinct.end(), related[i]);
        inner[i] = distinct_inner[static_cast<size_t>(at - distinct.begin())];
      }
    }
  }
  for (size_t i = 0; i < rows.size(); ++i) {
    out[i] = std::any_of(inner.begin() + offsets[i], inner.begin() + offsets[i + 1],
                         [](uint8_t v) { return v == kYes; })
                 ? kYes
                 : kNo;
  }
}

bool BatchFilter::ShouldBuild(const plan::Predicate& p, SemiJoin& sj) {
  if (sj.built || !sj.buildable) return false;
  const store::Table& target = store_.table(p.relation->target);
  if (build_divisor_) return sj.probed * *build_divisor_ > target.row_count();
  if (sj.probed < kMinProbed) return false;
  if (!sj.planned) PlanBuild(p, &sj);
  if (!sj.buildable) return false;
  const size_t cost = sj.all_rows ? target.row_count() / 32 : sj.candidates.size();
  return sj.probed > cost;
}

void BatchFilter::PlanBuild(const plan::Predicate& p, SemiJoin* sj) {
  sj->planned = true;
  const catalog::RelationDef& rel = *p.relation;
  // Walking back needs an index on every step's source column; without one, keep probing.
  for (size_t s = 0; s < rel.steps.size(); ++s) {
    const catalog::EntityId source = s == 0 ? rel.source : rel.steps[s - 1].target;
    if (store_.table(source).hash_index(rel.steps[s].from_column) == nullptr) {
      sj->buildable = false;
      return;
    }
  }
  if (p.children.empty()) return;
  const store::Table& target = store_.table(p.relation->target);
  plan::Node inner;
  inner.entity = p.relation->target;
  inner.filter = p.children[0];
  const AccessPath access = ChooseAccess(inner, target.def(), /*count=*/false);
  if (access.kind == AccessPath::Kind::kIndexLookup) {
    sj->candidates = IndexLookupRows(target, access);
    sj->all_rows = false;
  } else if (access.kind == AccessPath::Kind::kIndexRange &&
             target.ordered_index(access.column) != nullptr) {
    sj->candidates = IndexRangeRows(target, access, RowOrder::kPhysical);
    sj->all_rows = false;
  }
}

void BatchFilter::Build(const plan::Predicate& p, const store::Table& table, bool with_deleted,
                        SemiJoin* sj) {
  const catalog::RelationDef& rel = *p.relation;
  // The visible related rows satisfying the inner filter.
  const store::Table& target = store_.table(rel.target);
  if (!sj->planned) PlanBuild(p, sj);
  if (!sj->buildable) return;
  const bool all_rows = sj->all_rows;
  const std::vector<uint32_t>& candidates = sj->candidates;
  const size_t total = all_rows ? target.row_count() : candidates.size();
  std::vector<uint32_t> current;
  std::vector<uint32_t> batch;
  std::vector<uint8_t> result;
  for (size_t begin = 0; begin < total; begin += kBuildBatch) {
    if (InterruptCheck() || Held(current.size())) return;  // not built: callers stop
    const size_t end = std::min(total, begin + kBuildBatch);
    batch.clear();
    for (size_t i = begin; i < end; ++i) {
      const uint32_t r = all_rows ? static_cast<uint32_t>(i) : candidates[i];
      if (target.IsVisible(r, with_deleted)) batch.push_back(r);
    }
    if (batch.empty()) continue;
    if (p.children.empty()) {
      current.insert(current.end(), batch.begin(), batch.end());
      continue;
    }
    result.resize(batch.size());
    Eval(p.children[0], target, with_deleted, batch, result.data());
    for (size_t i = 0; i < batch.size(); ++i) {
      if (result[i] == kYes) current.push_back(batch[i]);
    }
  }
  // Back through the steps: rows of step s's target to the rows of its source holding the key.
  for (size_t s = rel.steps.size(); s-- > 0;) {
    const catalog::HopStep& step = rel.steps[s];
    const catalog::EntityId source_id = s == 0 ? rel.source : rel.steps[s - 1].target;
    const store::Table& source = s == 0 ? table : store_.table(source_id);
    const store::Table& to = store_.table(step.target);
    const store::Column& key = to.column(step.to_column);
    const store::HashIndex* idx = source.hash_index(step.from_column);
    std::vector<uint32_t> previous;
    for (uint32_t r : current) {
      if (InterruptRequested() || ((previous.size() & 4095) == 0 && Held(previous.size()))) return;
      store::HashIndex::Rows posting = idx->Find(key.Get(r));
      if (posting == nullptr) continue;
      for (uint32_t q : *posting) {
        // The evaluated table's own rows are checked by the caller; intermediate rows (pivots)
        // must be visible, as in the probe.
        if (s == 0 || source.IsVisible(q, with_deleted)) previous.push_back(q);
      }
    }
    std::sort(previous.begin(), previous.end());
    previous.erase(std::unique(previous.begin(), previous.end()), previous.end());
    current = std::move(previous);
  }
  sj->bits.assign((table.row_count() + 63) / 64, 0);
  for (uint32_t r : current) sj->bits[r >> 6] |= uint64_t{1} << (r & 63);
  sj->built = true;
}

}  // namespace linkgraph::exec
