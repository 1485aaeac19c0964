#include "engine/plan/integer_compare.h"

#include <algorithm>
#include <limits>

namespace linkgraph::plan {

namespace {

using dsl::CompareOp;

constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
constexpr int64_t kMin = std::numeric_limits<int64_t>::min();

void Set(Predicate* p, CompareOp op, int64_t v) {
  p->op = op;
  p->values[0] = BoundValue{};
  p->values[0].i = v;
}

void Never(Predicate* p) { Set(p, CompareOp::kGt, kMax); }
void Always(Predicate* p) { Set(p, CompareOp::kGte, kMin); }

}  // namespace

void FitIntegerCompare(Predicate* p) {
  if (p->kind != Predicate::Kind::kCompare || p->type != catalog::ColumnType::kNumber) return;
  if (p->op == CompareOp::kIn || p->op == CompareOp::kNin) {
    p->values.erase(std::remove_if(p->values.begin(), p->values.end(),
                                   [](const BoundValue& v) { return v.inexact; }),
                    p->values.end());
    return;
  }
  if (p->values.size() != 1 || !p->values[0].inexact) return;
  const BoundValue& v = p->values[0];
  const bool greater = p->op == CompareOp::kGt || p->op == CompareOp::kGte;
  const bool less = p->op == CompareOp::kLt || p->op == CompareOp::kLte;
  if (!greater && !less && p->op != CompareOp::kEq && p->op != CompareOp::kNe) return;
  if (v.beyond != 0) {
    // Above the range, `x > v`, `x >= v` and `x = v` never hold; below it `x < v`, `x <= v`
    // and `x = v` never do; the other three always do.
    const bool never = p->op == CompareOp::kEq || (v.beyond > 0 ? greater : less);
    never ? Never(p) : Always(p);
    return;
  }
  switch (p->op) {
    case CompareOp::kEq: Never(p); return;
    case CompareOp::kNe: Always(p); return;
    case CompareOp::kGt:
    case CompareOp::kGte: Set(p, CompareOp::kGt, v.i); return;
    default: Set(p, CompareOp::kLte, v.i); return;  // kLt, kLte
  }
}

}  // namespace linkgraph::plan
