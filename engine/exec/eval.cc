#include "engine/exec/eval.h"

#include <re2/re2.h>

#include <algorithm>

#include "base/utf8.h"
#include "engine/exec/hop.h"
#include "engine/types/decimal.h"
#include "engine/types/json_contains.h"

namespace linkgraph::exec {

namespace {

using catalog::ColumnType;
using dsl::CompareOp;

char Fold(char c, bool fold) { return fold && c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

// <0, 0, >0 comparing the cell with the bound value.
int CompareCell(const store::Column& col, uint32_t row, const plan::BoundValue& v) {
  switch (col.type()) {
    case ColumnType::kId:
    case ColumnType::kText:
    case ColumnType::kJson:
    case ColumnType::kArray: {
      int c = col.GetString(row).compare(v.s);
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    case ColumnType::kBigNumber:
      return types::CompareDecimal(col.GetString(row), v.s);
    case ColumnType::kFloat: {
      double x = col.GetFloat(row);
      return x < v.f ? -1 : (x > v.f ? 1 : 0);
    }
    case ColumnType::kEnum: {
      int c = col.EnumText(col.GetInt(row)).compare(v.s);
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    case ColumnType::kNumber:  // literals fitted to int64 by plan::FitIntegerCompare
    case ColumnType::kBoolean:
    case ColumnType::kDateTime: {
      int64_t x = col.GetInt(row);
      return x < v.i ? -1 : (x > v.i ? 1 : 0);
    }
  }
  return 0;
}

Tri FromBool(bool b) { return b ? Tri::kTrue : Tri::kFalse; }

}  // namespace

Tri EvaluateCompare(const plan::Predicate& p, const store::Column& col, uint32_t row) {
  if (col.IsNull(row)) {
    if (p.in_has_null && p.op == CompareOp::kIn) return Tri::kTrue;
    if (p.in_has_null && p.op == CompareOp::kNin) return Tri::kFalse;
    return Tri::kUnknown;
  }
  switch (p.op) {
    case CompareOp::kEq: return FromBool(CompareCell(col, row, p.values[0]) == 0);
    case CompareOp::kNe: return FromBool(CompareCell(col, row, p.values[0]) != 0);
    case CompareOp::kGt: return FromBool(CompareCell(col, row, p.values[0]) > 0);
    case CompareOp::kGte: return FromBool(CompareCell(col, row, p.values[0]) >= 0);
    case CompareOp::kLt: return FromBool(CompareCell(col, row, p.values[0]) < 0);
    case CompareOp::kLte: return FromBool(CompareCell(col, row, p.values[0]) <= 0);
    case CompareOp::kIn:
    case CompareOp::kNin: {
      bool found = std::any_of(p.values.begin(), p.values.end(), [&](const plan::BoundValue& v) {
        return CompareCell(col, row, v) == 0;
      });
      // A null in the list only decides null cells (DESIGN.md §7: $in matches them, $nin
      // excludes them); a non-null cell is in the list or not.
      return (p.op == CompareOp::kIn) == found ? Tri::kTrue : Tri::kFalse;
    }
    case CompareOp::kLike:
    case CompareOp::kILike: {
      std::string_view text =
          col.type() == ColumnType::kEnum ? col.EnumText(col.GetInt(row)) : col.GetString(row);
      return FromBool(LikeMatch(text, p.values[0].s, p.op == CompareOp::kILike));
    }
    case CompareOp::kRe: {
      if (p.regex == nullptr) return Tri::kUnknown;  // an unbound parameter: refused by Build
      std::string_view text =
          col.type() == ColumnType::kEnum ? col.EnumText(col.GetInt(row)) : col.GetString(row);
      return FromBool(re2::RE2::PartialMatch(re2::StringPiece(text.data(), text.size()),
                                             *p.regex));
    }
    case CompareOp::kContains:
      return FromBool(types::JsonContains(col.GetString(row), p.values[0].s));
    case CompareOp::kExists:
      return Tri::kUnknown;  // bound as kIsNull / kIsNotNull
  }
  return Tri::kUnknown;
}

namespace {

// `%literal%` with no other wildcard or escape: the common "contains" pattern.
bool IsContainsPattern(std::string_view pattern) {
  if (pattern.size() < 2 || pattern.front() != '%' || pattern.back() != '%') return false;
  return pattern.substr(1, pattern.size() - 2).find_first_of("%_\\") == std::string_view::npos;
}

bool ContainsFolded(std::string_view text, std::string_view needle) {
  if (needle.size() > text.size()) return false;
  for (size_t i = 0; i + needle.size() <= text.size(); ++i) {
    size_t j = 0;
    while (j < needle.size() && Fold(text[i + j], true) == Fold(needle[j], true)) ++j;
    if (j == needle.size()) return true;
  }
  return false;
}

}  // namespace

bool LikeMatch(std::string_view text, std::string_view pattern, bool fold) {
  if (IsContainsPattern(pattern)) {
    std::string_view needle = pattern.substr(1, pattern.size() - 2);
    return fold ? ContainsFolded(text, needle) : text.find(needle) != std::string_view::npos;
  }
  // Iterative wildcard matching with single-star backtracking: O(|text| * |pattern|) worst case.
  size_t t = 0, p = 0;
  size_t star_p = std::string_view::npos, star_t = 0;
  while (t < text.size()) {
    if (p < pattern.size()) {
      char pc = pattern[p];
      if (pc == '%') {
        star_p = ++p;
        star_t = t;
        continue;
      }
      if (pc == '_') {
        // `_` matches one UTF-8 code point.
        ++p;
        t = base::SkipCodePoint(text, t);
        continue;
      }
      size_t lit = p;
      if (pc == '\\' && p + 1 < pattern.size()) lit = p + 1;
      if (Fold(pattern[lit], fold) == Fold(text[t], fold)) {
        p = lit + 1;
        ++t;
        continue;
      }
    }
    if (star_p == std::string_view::npos) return false;
    p = star_p;
    t = ++star_t;
  }
  while (p < pattern.size() && pattern[p] == '%') ++p;
  return p == pattern.size();
}

Tri Evaluate(const plan::Predicate& pred, const store::Store& store, const store::Table& table,
             uint32_t row, bool with_deleted) {
  using K = plan::Predicate::Kind;
  switch (pred.kind) {
    case K::kAnd: {
      Tri out = Tri::kTrue;
      for (const plan::Predicate& c : pred.children) {
        Tri t = Evaluate(c, store, table, row, with_deleted);
        if (t == Tri::kFalse) return Tri::kFalse;
        if (t == Tri::kUnknown) out = Tri::kUnknown;
      }
      return out;
    }
    case K::kOr: {
      Tri out = Tri::kFalse;
      for (const plan::Predicate& c : pred.children) {
        Tri t = Evaluate(c, store, table, row, with_deleted);
        if (t == Tri::kTrue) return Tri::kTrue;
        if (t == Tri::kUnknown) out = Tri::kUnknown;
      }
      return out;
    }
    case K::kNot: {
      Tri t = Evaluate(pred.children[0], store, table, row, with_deleted);
      return t == Tri::kUnknown ? t : (t == Tri::kTrue ? Tri::kFalse : Tri::kTrue);
    }
    case K::kIsNull: return FromBool(table.column(pred.column).IsNull(row));
    case K::kIsNotNull: return FromBool(!table.column(pred.column).IsNull(row));
    case K::kCompare: return EvaluateCompare(pred, table.column(pred.column), row);
    case K::kExists: {
      bool found = false;
      const plan::Predicate* inner = pred.children.empty() ? nullptr : &pred.children[0];
      const store::Table& target = store.table(pred.relation->target);
      ForEachRelated(store, *pred.relation, row, with_deleted, [&](uint32_t child) {
        if (inner == nullptr || Evaluate(*inner, store, target, child, with_deleted) == Tri::kTrue) {
          found = true;
          return false;  // stop
        }
        return true;
      });
      return FromBool(found);
    }
  }
  return Tri::kUnknown;
}

}  // namespace linkgraph::exec
