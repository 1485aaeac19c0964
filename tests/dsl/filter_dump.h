// Filter trees for the dsl tests and fuzzers: a compact rendering
//   and(rating >= 4, or(and(a = 1), and(b in [1, null])), group product_reviews(x = 'y'))
// the shape invariants both parsers keep, and a printer back to the text form (so that
// ParseFilterText(ToText(f)) == f checks the mapping of parse_filter_text.cc on any tree).
#pragma once

#include <cctype>
#include <cstddef>
#include <string>
#include <vector>

#include "dsl/ast.h"

namespace linkgraph::dsl::testing {

inline std::string DumpOp(CompareOp op) {
  switch (op) {
    case CompareOp::kEq:
      return "=";
    case CompareOp::kNe:
      return "!=";
    case CompareOp::kGt:
      return ">";
    case CompareOp::kGte:
      return ">=";
    case CompareOp::kLt:
      return "<";
    case CompareOp::kLte:
      return "<=";
    case CompareOp::kIn:
      return "in";
    case CompareOp::kNin:
      return "nin";
    case CompareOp::kLike:
      return "like";
    case CompareOp::kILike:
      return "ilike";
    case CompareOp::kRe:
      return "~";
    case CompareOp::kContains:
      return "contains";
    case CompareOp::kExists:
      return "exists";
  }
  return "?";
}

inline std::string DumpPath(const std::vector<std::string>& path) {
  std::string out;
  for (const std::string& p : path) out += (out.empty() ? "" : ".") + p;
  return out;
}

inline std::string Dump(const FilterExpr& e) {
  auto children = [&e] {
    std::string out;
    for (const FilterExpr& c : e.children) out += (out.empty() ? "" : ", ") + Dump(c);
    return "(" + out + ")";
  };
  auto values = [&e](bool list) {
    std::string out;
    for (const Literal& v : e.values) out += (out.empty() ? "" : ", ") + Describe(v);
    return list ? "[" + out + "]" : out;
  };
  switch (e.kind) {
    case FilterExpr::Kind::kAnd:
      return "and" + children();
    case FilterExpr::Kind::kOr:
      return "or" + children();
    case FilterExpr::Kind::kNot:
      return "not" + children();
    case FilterExpr::Kind::kGroup:
      return "group " + DumpPath(e.path) + children();
    case FilterExpr::Kind::kSearch:
      return "q " + values(false);
    case FilterExpr::Kind::kCompare: {
      bool list = e.op == CompareOp::kIn || e.op == CompareOp::kNin ||
                  e.op == CompareOp::kContains || e.values.size() != 1;
      return DumpPath(e.path) + " " + DumpOp(e.op) + " " + values(list);
    }
  }
  return "?";
}

// The shape both parsers build (parse_filter_text.cc): a kAnd at the top; kAnd never directly
// under kAnd or kGroup; kOr children are kAnd; kNot has one kAnd child; kCompare has a path and
// $exists a boolean; kSearch one value. Returns an empty string, or what is wrong.
inline std::string ShapeError(const FilterExpr& e, bool top = true) {
  using K = FilterExpr::Kind;
  if (top && e.kind != K::kAnd) return "top is not a kAnd";
  switch (e.kind) {
    case K::kAnd:
    case K::kGroup:
      if (e.kind == K::kGroup && e.path.empty()) return "group without a path";
      for (const FilterExpr& c : e.children) {
        if (c.kind == K::kAnd) return "kAnd inside " + Dump(e);
      }
      break;
    case K::kOr:
      for (const FilterExpr& c : e.children) {
        if (c.kind != K::kAnd) return "kOr child not a kAnd in " + Dump(e);
      }
      break;
    case K::kNot:
      if (e.children.size() != 1 || e.children[0].kind != K::kAnd) return "bad kNot " + Dump(e);
      break;
    case K::kSearch:
      if (e.values.size() != 1 || !e.children.empty()) return "bad kSearch " + Dump(e);
      return "";
    case K::kCompare:
      if (e.path.empty() || !e.children.empty()) return "bad kCompare " + Dump(e);
      if (e.op == CompareOp::kExists &&
          (e.values.size() != 1 || e.values[0].kind != Literal::Kind::kBool)) {
        return "bad $exists " + Dump(e);
      }
      return "";
  }
  for (const FilterExpr& c : e.children) {
    std::string err = ShapeError(c, false);
    if (!err.empty()) return err;
  }
  return "";
}

inline bool IsIdentifier(const std::string& s) {
  if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  for (char c : s) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  }
  return true;
}

// Whether the text form can write `e` (the object form can also write empty lists of
// conditions, nulls with any operator and parameters with any name).
inline bool TextExpressible(const FilterExpr& e, bool top = true) {
  using K = FilterExpr::Kind;
  if (!top && e.kind == K::kAnd && e.children.empty()) return false;
  if ((e.kind == K::kOr || e.kind == K::kGroup) && e.children.empty()) return false;
  for (const Literal& v : e.values) {
    if (v.kind == Literal::Kind::kParam && !IsIdentifier(v.text)) return false;
    if (v.kind == Literal::Kind::kJson) return false;  // a document is a string in the text form
    if (v.kind == Literal::Kind::kNull && e.kind == K::kCompare && e.op != CompareOp::kEq &&
        e.op != CompareOp::kNe && e.op != CompareOp::kIn && e.op != CompareOp::kNin) {
      return false;
    }
  }
  if (e.kind == K::kCompare &&
      (e.op == CompareOp::kEq || e.op == CompareOp::kNe || e.op == CompareOp::kGt ||
       e.op == CompareOp::kGte || e.op == CompareOp::kLt || e.op == CompareOp::kLte ||
       e.op == CompareOp::kLike || e.op == CompareOp::kILike || e.op == CompareOp::kRe) &&
      e.values.size() != 1) {
    return false;
  }
  if (e.kind == K::kCompare && e.path.size() == 1 && e.path[0] == "q") return false;
  for (const FilterExpr& c : e.children) {
    if (!TextExpressible(c, false)) return false;
  }
  return true;
}

inline std::string Quote(const std::string& s, char q) {
  std::string out(1, q);
  for (char c : s) {
    out += c;
    if (c == q) out += q;
  }
  return out + q;
}

inline std::string TextLiteral(const Literal& lit) {
  switch (lit.kind) {
    case Literal::Kind::kNull:
      return "null";
    case Literal::Kind::kBool:
      return lit.boolean ? "true" : "false";
    case Literal::Kind::kNumber:
      return lit.text;
    case Literal::Kind::kString:
      return Quote(lit.text, '\'');
    case Literal::Kind::kParam:
      return "$" + lit.text;
    case Literal::Kind::kJson:
      return Quote(lit.text, '\'');  // as a string: not TextExpressible
  }
  return "?";
}

inline std::string TextPath(const std::vector<std::string>& path) {
  std::string out;
  for (const std::string& p : path) out += (out.empty() ? "" : ".") + Quote(p, '"');
  return out;
}

inline std::string ToText(const FilterExpr& e);

// Conditions joined by `and`; `or` needs parentheses there.
inline std::string TextConjuncts(const std::vector<FilterExpr>& items) {
  std::string out;
  for (const FilterExpr& c : items) {
    if (!out.empty()) out += " and ";
    out += c.kind == FilterExpr::Kind::kOr ? "(" + ToText(c) + ")" : ToText(c);
  }
  return out;
}

inline std::string TextList(const std::vector<Literal>& values) {
  std::string out;
  for (const Literal& v : values) out += (out.empty() ? "" : ", ") + TextLiteral(v);
  return "(" + out + ")";
}

// The text form of a tree satisfying TextExpressible, without parentheses that would nest it
// deeper than it is.
inline std::string ToText(const FilterExpr& e) {
  using K = FilterExpr::Kind;
  switch (e.kind) {
    case K::kAnd:
      return TextConjuncts(e.children);
    case K::kOr: {
      std::string out;
      for (const FilterExpr& c : e.children) {
        if (!out.empty()) out += " or ";
        out += c.kind == K::kAnd ? TextConjuncts(c.children) : "(" + ToText(c) + ")";
      }
      return out;
    }
    case K::kNot: {
      const FilterExpr& inner = e.children.at(0);
      if (inner.children.size() == 1) {
        const FilterExpr& only = inner.children[0];
        bool bare_exists =
            only.kind == K::kCompare && only.op == CompareOp::kExists && only.values.at(0).boolean;
        if (only.kind != K::kOr && !bare_exists) return "not " + ToText(only);
      }
      return "not (" + TextConjuncts(inner.children) + ")";
    }
    case K::kGroup:
      return TextPath(e.path) + ".(" + TextConjuncts(e.children) + ")";
    case K::kSearch:
      return "q = " + TextLiteral(e.values.at(0));
    case K::kCompare: {
      std::string path = TextPath(e.path);
      switch (e.op) {
        case CompareOp::kEq:
          return path + " = " + TextLiteral(e.values.at(0));
        case CompareOp::kNe:
          return path + " != " + TextLiteral(e.values.at(0));
        case CompareOp::kGt:
          return path + " > " + TextLiteral(e.values.at(0));
        case CompareOp::kGte:
          return path + " >= " + TextLiteral(e.values.at(0));
        case CompareOp::kLt:
          return path + " < " + TextLiteral(e.values.at(0));
        case CompareOp::kLte:
          return path + " <= " + TextLiteral(e.values.at(0));
        case CompareOp::kLike:
          return path + " like " + TextLiteral(e.values.at(0));
        case CompareOp::kILike:
          return path + " ilike " + TextLiteral(e.values.at(0));
        case CompareOp::kRe:
          return path + " ~ " + TextLiteral(e.values.at(0));
        case CompareOp::kIn:
          return path + " in " + TextList(e.values);
        case CompareOp::kNin:
          return path + " not in " + TextList(e.values);
        case CompareOp::kContains:
          return path + " contains " + TextList(e.values);
        case CompareOp::kExists:
          return e.values.at(0).boolean ? path + " exists" : "not " + path + " exists";
      }
    }
  }
  return "?";
}

}  // namespace linkgraph::dsl::testing
