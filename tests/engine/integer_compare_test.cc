// A number (int64) column compared with any decimal literal: BindLiteral + FitIntegerCompare give
// int64 comparisons that agree with exact decimal comparison (types::CompareDecimal) for every
// operator, on random literals near, inside and beyond the int64 range and random cells.
#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <random>
#include <string>

#include "engine/plan/bind.h"
#include "engine/plan/integer_compare.h"
#include "engine/types/decimal.h"

namespace {

using linkgraph::catalog::ColumnDef;
using linkgraph::catalog::ColumnType;
using linkgraph::dsl::CompareOp;
using linkgraph::dsl::Literal;
using linkgraph::plan::BoundValue;
using linkgraph::plan::Predicate;

constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
constexpr int64_t kMin = std::numeric_limits<int64_t>::min();

// The predicate `n <op> <text...>` bound and fitted as the filter binder does it.
Predicate Bind(CompareOp op, const std::vector<std::string>& texts) {
  const ColumnDef column{"n", ColumnType::kNumber};
  Predicate p;
  p.kind = Predicate::Kind::kCompare;
  p.column = 0;
  p.type = ColumnType::kNumber;
  p.op = op;
  for (const std::string& text : texts) {
    Literal lit;
    lit.kind = Literal::Kind::kNumber;
    lit.text = text;
    absl::StatusOr<BoundValue> v = linkgraph::plan::BindLiteral(lit, column, "test");
    REQUIRE(v.ok());
    p.values.push_back(std::move(*v));
  }
  linkgraph::plan::FitIntegerCompare(&p);
  return p;
}

// The fitted predicate on a non-null cell x: only int64 comparisons remain.
bool Holds(const Predicate& p, int64_t x) {
  for (const BoundValue& v : p.values) REQUIRE_FALSE(v.inexact);
  auto in = [&] {
    for (const BoundValue& v : p.values) {
      if (v.i == x) return true;
    }
    return false;
  };
  switch (p.op) {
    case CompareOp::kEq: return x == p.values[0].i;
    case CompareOp::kNe: return x != p.values[0].i;
    case CompareOp::kGt: return x > p.values[0].i;
    case CompareOp::kGte: return x >= p.values[0].i;
    case CompareOp::kLt: return x < p.values[0].i;
    case CompareOp::kLte: return x <= p.values[0].i;
    case CompareOp::kIn: return in();
    case CompareOp::kNin: return !in();
    default: FAIL("unexpected operator"); return false;
  }
}

// The exact answer: x compared with the decimal `text` by value.
bool Oracle(CompareOp op, const std::vector<std::string>& texts, int64_t x) {
  const std::string cell = *linkgraph::types::DecimalFromInt(x);
  auto cmp = [&](const std::string& text) {
    absl::StatusOr<std::string> d = linkgraph::types::NormalizeDecimal(text);
    REQUIRE(d.ok());
    return linkgraph::types::CompareDecimal(cell, *d);
  };
  bool found = false;
  for (const std::string& t : texts) found = found || cmp(t) == 0;
  switch (op) {
    case CompareOp::kEq: return cmp(texts[0]) == 0;
    case CompareOp::kNe: return cmp(texts[0]) != 0;
    case CompareOp::kGt: return cmp(texts[0]) > 0;
    case CompareOp::kGte: return cmp(texts[0]) >= 0;
    case CompareOp::kLt: return cmp(texts[0]) < 0;
    case CompareOp::kLte: return cmp(texts[0]) <= 0;
    case CompareOp::kIn: return found;
    case CompareOp::kNin: return !found;
    default: return false;
  }
}

const CompareOp kOps[] = {CompareOp::kEq,  CompareOp::kNe, CompareOp::kGt, CompareOp::kGte,
                          CompareOp::kLt, CompareOp::kLte, CompareOp::kIn, CompareOp::kNin};

// A random decimal text: sign, up to 25 integer digits (often 19-20, near the int64 edges), up
// to 18 fraction digits (with at most 20 integer digits), sometimes written with an exponent.
std::string RandomText(std::mt19937_64& rng, int64_t near) {
  std::string s;
  switch (rng() % 4) {
    case 0: s = std::to_string(near); break;  // an edge or a cell value itself
    case 1: {
      const int digits = 1 + static_cast<int>(rng() % 25);
      s = std::string(1, static_cast<char>('1' + rng() % 9));
      for (int i = 1; i < digits; ++i) s += static_cast<char>('0' + rng() % 10);
      if (rng() % 2) s = "-" + s;
      break;
    }
    default: {
      // near ± 2, which may pass the int64 edges: computed in 128 bits.
      __int128 v = static_cast<__int128>(near) + static_cast<int64_t>(rng() % 5) - 2;
      const bool negative = v < 0;
      unsigned __int128 m = negative ? -static_cast<unsigned __int128>(v)
                                     : static_cast<unsigned __int128>(v);
      do {
        s.insert(s.begin(), static_cast<char>('0' + static_cast<int>(m % 10)));
        m /= 10;
      } while (m != 0);
      if (negative) s.insert(s.begin(), '-');
      break;
    }
  }
  if (s == "-9223372036854775810" || s.size() > 25) s = "7";
  const size_t int_digits = s.size() - (s[0] == '-' ? 1 : 0);
  if (int_digits <= 20 && rng() % 3 != 0) {  // at most 38 significant digits for the oracle
    s += ".";
    const int frac = 1 + static_cast<int>(rng() % 18);
    const bool zeros = rng() % 4 == 0;  // `4.000`: integral
    for (int i = 0; i < frac; ++i) {
      s += zeros ? '0' : static_cast<char>('0' + ((i == frac - 1) ? 1 + rng() % 9 : rng() % 10));
    }
  }
  if (rng() % 5 == 0) s += "e0";
  return s;
}

}  // namespace

TEST_CASE("integer compare: fitted comparisons agree with exact decimal comparison",
          "[plan][numbers]") {
  std::mt19937_64 rng(1511);
  const int64_t edges[] = {kMin, kMin + 1, -250, -1, 0, 1, 4, 249, 250, kMax - 1, kMax};
  int mismatches = 0;
  for (int i = 0; i < 20000; ++i) {
    const int64_t near = rng() % 2 ? edges[rng() % std::size(edges)] : static_cast<int64_t>(rng());
    const CompareOp op = kOps[rng() % std::size(kOps)];
    std::vector<std::string> texts = {RandomText(rng, near)};
    if (op == CompareOp::kIn || op == CompareOp::kNin) {
      for (int k = static_cast<int>(rng() % 3); k > 0; --k) texts.push_back(RandomText(rng, near));
    }
    const Predicate p = Bind(op, texts);
    for (int j = 0; j < 8; ++j) {
      int64_t x = 0;
      switch (rng() % 3) {
        case 0: x = edges[rng() % std::size(edges)]; break;
        case 1: x = static_cast<int64_t>(rng()); break;
        default: {
          // Next to the literal's own value.
          const int64_t base = p.values.empty() ? near : p.values[0].i;
          const int64_t step = static_cast<int64_t>(rng() % 3) - 1;
          x = (step > 0 && base == kMax) || (step < 0 && base == kMin) ? base : base + step;
        }
      }
      if (Holds(p, x) != Oracle(op, texts, x)) {
        ++mismatches;
        UNSCOPED_INFO("n op " << static_cast<int>(op) << " " << texts[0] << " at " << x);
      }
    }
  }
  CHECK(mismatches == 0);
}

TEST_CASE("integer compare: the issue's literals", "[plan][numbers]") {
  CHECK(Holds(Bind(CompareOp::kGt, {"9223372036854775806.5"}), kMax));
  CHECK_FALSE(Holds(Bind(CompareOp::kGt, {"9223372036854775806.5"}), kMax - 1));
  CHECK(Holds(Bind(CompareOp::kGt, {"249.99999999999999"}), 250));
  CHECK_FALSE(Holds(Bind(CompareOp::kGt, {"249.99999999999999"}), 249));
  CHECK_FALSE(Holds(Bind(CompareOp::kEq, {"4.5"}), 4));
  CHECK(Holds(Bind(CompareOp::kNe, {"4.5"}), 4));
  CHECK_FALSE(Holds(Bind(CompareOp::kGt, {"1e30"}), kMax));
  CHECK(Holds(Bind(CompareOp::kLt, {"1e30"}), kMax));
  CHECK(Holds(Bind(CompareOp::kGte, {"-1e30"}), kMin));
  CHECK_FALSE(Holds(Bind(CompareOp::kLte, {"-1e30"}), kMin));
  CHECK(Holds(Bind(CompareOp::kEq, {"4.000"}), 4));
  CHECK(Bind(CompareOp::kIn, {"4.5", "1e30", "5"}).values.size() == 1);
}
