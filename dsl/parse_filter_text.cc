// Text-form filters and order lists -> AST. The only translation unit instantiating
// grammar_filter.h's rules; the field parser reaches them through parse_text.h.
//
// The text form and the object form (parse_filter_json.cc) give equal trees
// (FilterExpr::operator==, which ignores `where` and `offset`) for the same filter:
//  1. A filter is one kAnd of its conjuncts: `a = 1 and b = 2` == {a: 1, b: 2}. A kAnd never
//     holds a kAnd: a parenthesised and-chain is spliced into the enclosing conjunct list
//     (`a = 1 and (b = 2 and c = 3)` == {a: 1, b: 2, c: 3}), as the object form splices the
//     filters of `$and` ({$and: [{a: 1}, {b: 2}]} == `a = 1 and b = 2`). Whitespace alone is {}.
//  2. `x or y or z` is one kOr whose children are one kAnd each (an operand's conjuncts), as
//     {$or: [{x}, {y}, {z}]}. A parenthesised `or` inside an `or` stays nested, as an `$or`
//     inside `$or` does: `(x or y) or z` == {$or: [{$or: [{x}, {y}]}, {z}]}. An `$or` of one
//     filter is that filter, spliced like `$and` ({$or: [{x: 1}]} == `x = 1`); `$or: []` (false)
//     has no text form.
//  3. `not u` is a kNot over one kAnd of u's conjuncts, as {$not: {u}}; on one field it equals
//     the field-level form: `not rating > 3` == {rating: {$not: {$gt: 3}}}.
//  4. A predicate is a kCompare{path, op, values}: `=` $eq, `!=` and `<>` $ne, `<` $lt, `<=`
//     $lte, `>` $gt, `>=` $gte, `~` $re, `like` $like, `ilike` $ilike, `in (…)` $in (== an
//     array value), `not in (…)` $nin, `contains (a, b)` $contains [a, b] and `contains a`
//     $contains [a], `exists` $exists [true]. Written directly after `not` (not in
//     parentheses), `not P exists` is $exists [false] (== {P: {$exists: false}}), as `not in`
//     is $nin; `not (P exists)` is a kNot. Several operators on one field in the object form
//     are several conjuncts: {r: {$gte: 1, $lte: 5}} == `r >= 1 and r <= 5`.
//  5. Null: `f = null` and `f is null` are $eq [null] (== {f: null}); `f != null`, `f <> null`
//     and `f is not null` are $ne [null] (== {f: {$ne: null}}); null may be an element of
//     `in`/`not in` lists; anywhere else it is a syntax error at the null.
//  6. `p.( c1 and c2 )` is one kGroup{path p} (one EXISTS) whose children are the conjuncts,
//     == {p: {c1, c2}}; `a.b.( … )` == {"a.b": {…}}; `p.( x or y )` == {p: {$or: [...]}}.
//     A dotted path is not a group: `p.x = 1 and p.y = 2` == {"p.x": 1, "p.y": 2}, two EXISTS.
//  7. `q = v` is a kSearch [v] (== {q: v}); `q` with another operator is an error.
//  8. Literals: 'it''s' kString "it's"; numbers kNumber with the text as written (`-1.50`);
//     true/false kBool; null kNull; `$name` kParam (== {"$param": "name"}).
//  9. Names: `name` or `"name"` (a keyword as a name must be quoted); keywords are
//     case-insensitive, names are not.
#include <charconv>
#include <functional>
#include <optional>
#include <utility>
#include <vector>

#include <tao/pegtl.hpp>

#include "base/utf8.h"
#include "dsl/errors.h"
#include "dsl/grammar_filter.h"
#include "dsl/location.h"
#include "dsl/parse.h"
#include "dsl/parse_text.h"

namespace linkgraph::dsl {

namespace internal {

namespace {

namespace pegtl = tao::pegtl;
using Input = pegtl::memory_input<pegtl::tracking_mode::lazy, pegtl::eol::lf_crlf, const char*>;

template <typename ActionInput>
uint32_t Begin(const ActionInput& in) {
  return static_cast<uint32_t>(in.begin() - in.input().begin());
}

template <typename ActionInput>
uint32_t End(const ActionInput& in) {
  return static_cast<uint32_t>(in.end() - in.input().begin());
}

// Strips the quotes of a `quote`-delimited token and undoubles the quotes inside.
std::string Unquote(std::string_view token, char quote) {
  std::string out;
  out.reserve(token.size());
  for (size_t i = 1; i + 1 < token.size(); ++i) {
    out += token[i];
    if (token[i] == quote) ++i;
  }
  return out;
}

// `name` or `"name"` -> the name.
std::string DecodeName(std::string_view token, uint32_t offset) {
  if (token.empty() || token[0] != '"') return std::string(token);
  std::string name = Unquote(token, '"');
  if (name.empty()) throw SyntaxError{offset, "empty name"};
  return name;
}

FilterExpr MakeAnd(std::vector<FilterExpr> children, uint32_t offset, std::string where) {
  FilterExpr e;
  e.kind = FilterExpr::Kind::kAnd;
  e.children = std::move(children);
  e.offset = offset;
  e.where = std::move(where);
  return e;
}

// Builds the FilterExpr from the actions' events, which arrive in input order (so `where` is
// asked for non-decreasing offsets). One Level per open parenthesis, group or `not`.
class FilterBuilder {
 public:
  enum class LevelKind : uint8_t { kRoot, kParen, kGroup, kNot };

  FilterBuilder(const WhereFn& where, uint32_t offset) : where_(where) {
    Open(LevelKind::kRoot, offset);
  }

  void Open(LevelKind kind, uint32_t offset) {
    Level level;
    level.kind = kind;
    level.offset = level.and_offset = offset;
    level.where = level.and_where = where_(offset);
    levels_.push_back(std::move(level));
  }

  // `p.(`: a group over the path just read.
  void OpenGroup() {
    Level level;
    level.kind = LevelKind::kGroup;
    level.offset = level.and_offset = pending_.offset;
    level.where = level.and_where = pending_.where;
    level.path = std::move(pending_.path);
    levels_.push_back(std::move(level));
  }

  void Close() {
    Level level = std::move(levels_.back());
    levels_.pop_back();
    std::vector<FilterExpr>& out = levels_.back().conj;
    switch (level.kind) {
      case LevelKind::kParen:
        for (FilterExpr& e : Conjuncts(level)) out.push_back(std::move(e));
        return;
      case LevelKind::kGroup: {
        FilterExpr group;
        group.kind = FilterExpr::Kind::kGroup;
        group.path = std::move(level.path);
        group.children = Conjuncts(level);
        group.offset = level.offset;
        group.where = std::move(level.where);
        out.push_back(std::move(group));
        return;
      }
      case LevelKind::kNot: {
        if (level.bare_exists) {
          FilterExpr exists = std::move(level.conj[0]);
          exists.values[0].boolean = false;
          out.push_back(std::move(exists));
          return;
        }
        FilterExpr neg;
        neg.kind = FilterExpr::Kind::kNot;
        neg.offset = level.offset;
        neg.where = level.where;
        neg.children.push_back(MakeAnd(std::move(level.conj), level.offset, level.where));
        out.push_back(std::move(neg));
        return;
      }
      case LevelKind::kRoot:
        break;
    }
    throw SyntaxError{level.offset, "internal error: unbalanced filter levels"};
  }

  // `or` read; the next operand starts at `offset`.
  void NextOr(uint32_t offset) {
    Level& level = levels_.back();
    level.disj.push_back(MakeAnd(std::move(level.conj), level.and_offset, level.and_where));
    level.conj.clear();
    level.and_offset = offset;
    level.and_where = where_(offset);
  }

  void PathHead(std::string name, uint32_t offset) {
    pending_ = Pending();
    pending_.path.push_back(std::move(name));
    pending_.offset = offset;
    pending_.where = where_(offset);
  }
  void PathSegment(std::string name) { pending_.path.push_back(std::move(name)); }

  void Op(CompareOp op, uint32_t offset) {
    pending_.op = op;
    pending_.op_offset = offset;
  }
  // `is` (then IsNull), `exists`: keyword forms, not comparisons with a value.
  void KeywordOp(CompareOp op, uint32_t offset) {
    Op(op, offset);
    pending_.keyword_form = true;
  }
  void IsNull(bool negated, uint32_t offset) {
    if (negated) pending_.op = CompareOp::kNe;
    Literal null;
    null.offset = offset;
    pending_.values.push_back(std::move(null));
  }
  void Value(Literal lit) {
    if (lit.kind == Literal::Kind::kParam) lit.where = where_(lit.offset);
    pending_.values.push_back(std::move(lit));
  }

  void EndPredicate() {
    Pending& p = pending_;
    FilterExpr e;
    e.offset = p.offset;
    e.where = std::move(p.where);
    if (p.path.size() == 1 && p.path[0] == "q") {
      if (p.op != CompareOp::kEq || p.keyword_form) {
        throw SyntaxError{p.op_offset, "q is the text search and takes '=' (q = 'text')"};
      }
      e.kind = FilterExpr::Kind::kSearch;
    } else {
      e.kind = FilterExpr::Kind::kCompare;
      e.path = std::move(p.path);
      e.op = p.op;
      bool null_ok = p.op == CompareOp::kEq || p.op == CompareOp::kNe ||
                     p.op == CompareOp::kIn || p.op == CompareOp::kNin;
      for (const Literal& lit : p.values) {
        if (lit.kind == Literal::Kind::kNull && !null_ok) {
          throw SyntaxError{lit.offset, "null can only be compared with = or != (use is null)"};
        }
      }
    }
    e.values = std::move(p.values);
    Level& level = levels_.back();
    if (level.kind == LevelKind::kNot && e.op == CompareOp::kExists &&
        e.kind == FilterExpr::Kind::kCompare) {
      level.bare_exists = true;
    }
    level.conj.push_back(std::move(e));
  }

  // The whole filter. REQUIRES: every level opened was closed.
  FilterExpr Finish() {
    if (levels_.size() != 1) throw SyntaxError{0, "internal error: unbalanced filter levels"};
    Level& root = levels_.back();
    return MakeAnd(Conjuncts(root), root.offset, root.where);
  }

 private:
  struct Level {
    LevelKind kind = LevelKind::kRoot;
    uint32_t offset = 0;
    std::string where;
    std::vector<std::string> path;  // kGroup
    std::vector<FilterExpr> conj;   // the and-chain being read
    std::vector<FilterExpr> disj;   // operands of `or` read so far, one kAnd each
    uint32_t and_offset = 0;        // where the and-chain being read starts
    std::string and_where;
    bool bare_exists = false;       // kNot over a bare `P exists`
  };

  struct Pending {
    std::vector<std::string> path;
    uint32_t offset = 0;
    std::string where;
    CompareOp op = CompareOp::kEq;
    uint32_t op_offset = 0;
    bool keyword_form = false;
    std::vector<Literal> values;
  };

  // The level's content as conjuncts: its and-chain, or one kOr of its or-operands.
  static std::vector<FilterExpr> Conjuncts(Level& level) {
    if (level.disj.empty()) return std::move(level.conj);
    level.disj.push_back(MakeAnd(std::move(level.conj), level.and_offset, level.and_where));
    FilterExpr any;
    any.kind = FilterExpr::Kind::kOr;
    any.children = std::move(level.disj);
    any.offset = level.offset;
    any.where = level.where;
    std::vector<FilterExpr> out;
    out.push_back(std::move(any));
    return out;
  }

  const WhereFn& where_;
  std::vector<Level> levels_;
  Pending pending_;
};

template <typename Rule>
struct filter_action : pegtl::nothing<Rule> {};

template <FilterBuilder::LevelKind kKind>
struct open_level {
  template <typename ActionInput>
  static void apply(const ActionInput& in, FilterBuilder& b) {
    b.Open(kKind, Begin(in));
  }
};
struct close_level {
  template <typename ActionInput>
  static void apply(const ActionInput&, FilterBuilder& b) {
    b.Close();
  }
};

template <> struct filter_action<grammar::paren_open>
    : open_level<FilterBuilder::LevelKind::kParen> {};
template <> struct filter_action<grammar::not_op> : open_level<FilterBuilder::LevelKind::kNot> {};
template <> struct filter_action<grammar::paren_close> : close_level {};
template <> struct filter_action<grammar::group_close> : close_level {};
template <> struct filter_action<grammar::not_expr> : close_level {};

template <>
struct filter_action<grammar::group_open> {
  template <typename ActionInput>
  static void apply(const ActionInput&, FilterBuilder& b) {
    b.OpenGroup();
  }
};

template <>
struct filter_action<grammar::or_op> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, FilterBuilder& b) {
    b.NextOr(End(in));
  }
};

template <>
struct filter_action<grammar::path_head> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, FilterBuilder& b) {
    b.PathHead(DecodeName(in.string_view(), Begin(in)), Begin(in));
  }
};

template <>
struct filter_action<grammar::path_segment> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, FilterBuilder& b) {
    b.PathSegment(DecodeName(in.string_view(), Begin(in)));
  }
};

template <CompareOp kOp>
struct set_op {
  template <typename ActionInput>
  static void apply(const ActionInput& in, FilterBuilder& b) {
    b.Op(kOp, Begin(in));
  }
};

template <> struct filter_action<grammar::op_eq> : set_op<CompareOp::kEq> {};
template <> struct filter_action<grammar::op_ne> : set_op<CompareOp::kNe> {};
template <> struct filter_action<grammar::op_lt> : set_op<CompareOp::kLt> {};
template <> struct filter_action<grammar::op_lte> : set_op<CompareOp::kLte> {};
template <> struct filter_action<grammar::op_gt> : set_op<CompareOp::kGt> {};
template <> struct filter_action<grammar::op_gte> : set_op<CompareOp::kGte> {};
template <> struct filter_action<grammar::op_re> : set_op<CompareOp::kRe> {};
template <> struct filter_action<grammar::op_in> : set_op<CompareOp::kIn> {};
template <> struct filter_action<grammar::op_not_in> : set_op<CompareOp::kNin> {};
template <> struct filter_action<grammar::op_like> : set_op<CompareOp::kLike> {};
template <> struct filter_action<grammar::op_ilike> : set_op<CompareOp::kILike> {};
template <> struct filter_action<grammar::op_contains> : set_op<CompareOp::kContains> {};

template <>
struct filter_action<grammar::kw_is> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, FilterBuilder& b) {
    b.KeywordOp(CompareOp::kEq, Begin(in));
  }
};

template <>
struct filter_action<grammar::is_null> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, FilterBuilder& b) {
    b.IsNull(false, Begin(in));
  }
};

template <>
struct filter_action<grammar::is_not_null> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, FilterBuilder& b) {
    b.IsNull(true, Begin(in));
  }
};

template <>
struct filter_action<grammar::op_exists> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, FilterBuilder& b) {
    b.KeywordOp(CompareOp::kExists, Begin(in));
    Literal yes;
    yes.kind = Literal::Kind::kBool;
    yes.boolean = true;
    yes.offset = Begin(in);
    b.Value(std::move(yes));
  }
};

template <Literal::Kind kKind>
struct literal_value {
  template <typename ActionInput>
  static void apply(const ActionInput& in, FilterBuilder& b) {
    Literal lit;
    lit.kind = kKind;
    lit.offset = Begin(in);
    std::string_view token = in.string_view();
    switch (kKind) {
      case Literal::Kind::kString: lit.text = Unquote(token, '\''); break;
      case Literal::Kind::kNumber: lit.text = std::string(token); break;
      case Literal::Kind::kParam: lit.text = std::string(token.substr(1)); break;
      case Literal::Kind::kBool: lit.boolean = token[0] == 't' || token[0] == 'T'; break;
      case Literal::Kind::kNull: break;
      case Literal::Kind::kJson: break;  // the object form's only
    }
    b.Value(std::move(lit));
  }
};

template <> struct filter_action<grammar::string_lit> : literal_value<Literal::Kind::kString> {};
template <> struct filter_action<grammar::number> : literal_value<Literal::Kind::kNumber> {};
template <> struct filter_action<grammar::param> : literal_value<Literal::Kind::kParam> {};
template <> struct filter_action<grammar::lit_true> : literal_value<Literal::Kind::kBool> {};
template <> struct filter_action<grammar::lit_false> : literal_value<Literal::Kind::kBool> {};
template <> struct filter_action<grammar::lit_null> : literal_value<Literal::Kind::kNull> {};

template <>
struct filter_action<grammar::predicate> {
  template <typename ActionInput>
  static void apply(const ActionInput&, FilterBuilder& b) {
    b.EndPredicate();
  }
};

// ---- Order lists -----------------------------------------------------------------------------

struct OrderBuilder {
  const WhereFn& where;
  std::vector<OrderKey>* keys;
};

template <typename Rule>
struct order_action : pegtl::nothing<Rule> {};

template <>
struct order_action<grammar::order_head> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, OrderBuilder& b) {
    OrderKey key;
    key.path.push_back(DecodeName(in.string_view(), Begin(in)));
    key.where = b.where(Begin(in));
    b.keys->push_back(std::move(key));
  }
};

template <>
struct order_action<grammar::order_segment> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, OrderBuilder& b) {
    if (b.keys->back().path.size() > kMaxFieldDepth) {
      throw SyntaxError{Begin(in), "order key deeper than " + std::to_string(kMaxFieldDepth) +
                                       " relations"};
    }
    b.keys->back().path.push_back(DecodeName(in.string_view(), Begin(in)));
  }
};

template <>
struct order_action<grammar::order_desc> {
  template <typename ActionInput>
  static void apply(const ActionInput&, OrderBuilder& b) {
    b.keys->back().descending = true;
  }
};

}  // namespace

std::optional<FilterExpr> ParseFilterAt(std::string_view text, size_t* pos,
                                        const WhereFn& where) {
  Input in(text.data(), text.data() + text.size(), "filter");
  in.bump(*pos);
  FilterBuilder builder(where, static_cast<uint32_t>(*pos));
  if (!pegtl::parse<grammar::or_expr, filter_action, grammar::control>(in, builder)) {
    return std::nullopt;
  }
  *pos = static_cast<size_t>(in.current() - in.begin());
  return builder.Finish();
}

bool ParseOrderAt(std::string_view text, size_t* pos, const WhereFn& where,
                  std::vector<OrderKey>* out) {
  Input in(text.data(), text.data() + text.size(), "order");
  in.bump(*pos);
  OrderBuilder builder{where, out};
  if (!pegtl::parse<grammar::order_value, order_action, grammar::control>(in, builder)) {
    return false;
  }
  *pos = static_cast<size_t>(in.current() - in.begin());
  return true;
}

bool ParseOrderListAt(std::string_view text, size_t* pos, const WhereFn& where,
                      std::vector<OrderKey>* out) {
  Input in(text.data(), text.data() + text.size(), "order");
  in.bump(*pos);
  OrderBuilder builder{where, out};
  if (!pegtl::parse<grammar::order_list, order_action, grammar::control>(in, builder)) {
    return false;
  }
  *pos = static_cast<size_t>(in.current() - in.begin());
  return true;
}

absl::StatusOr<std::vector<OrderKey>> ParseOrderList(std::string_view text,
                                                     const std::string& where_prefix) {
  if (text.size() > kMaxFieldBytes) {
    return InvalidAt("order longer than " + std::to_string(kMaxFieldBytes) + " bytes",
                     where_prefix);
  }
  TextWhere where(where_prefix, text);
  if (size_t bad = base::FirstInvalidUtf8(text); bad != std::string_view::npos) {
    return InvalidAt("invalid UTF-8", where(bad));
  }
  const WhereFn where_fn = std::ref(where);
  std::vector<OrderKey> keys;
  OrderBuilder builder{where_fn, &keys};
  Input in(text.data(), text.data() + text.size(), "order");
  try {
    pegtl::parse<grammar::order_text, order_action, grammar::control>(in, builder);
  } catch (const SyntaxError& e) {
    return InvalidAt(e.message, where(e.offset));
  }
  return keys;
}

}  // namespace internal

absl::StatusOr<FilterExpr> ParseFilterText(std::string_view text,
                                           const std::function<std::string(size_t)>& where) {
  if (text.size() > kMaxFilterBytes) {
    return InvalidAt("filter longer than " + std::to_string(kMaxFilterBytes) + " bytes",
                     where(0));
  }
  if (size_t bad = base::FirstInvalidUtf8(text); bad != std::string_view::npos) {
    return InvalidAt("invalid UTF-8", where(bad));
  }
  internal::Input in(text.data(), text.data() + text.size(), "filters");
  try {
    internal::FilterBuilder builder(where, 0);
    tao::pegtl::parse<grammar::filter, internal::filter_action, grammar::control>(in, builder);
    return builder.Finish();
  } catch (const internal::SyntaxError& e) {
    return InvalidAt(e.message, where(e.offset));
  }
}

}  // namespace linkgraph::dsl
