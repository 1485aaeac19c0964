// Filters against SQLite (issue #15 item 10): random filters, written in both the object form and
// the text form, select the same root ids in linkgraph as their SQL translation does in an
// in-memory SQLite holding the same rows. The translation follows DESIGN.md §7: three-valued
// logic (only true keeps a row), a linked sub-object or a dotted path through a relation is one
// EXISTS, a null inside $in matches nulls and inside $nin excludes them, `like` is case-sensitive
// and anchored with `%` `_` `\` (SQLite: case_sensitive_like, ESCAPE '\'), `ilike` folds ASCII
// case only (an ascii_lower() function of our own, not SQLite's lower()), text compares by bytes
// (BINARY collation). Fixed seed; every difference is printed with both forms, the SQL and both
// id lists.
#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "linkgraph/database.h"

namespace {

using Json = nlohmann::ordered_json;

// A small deterministic generator (the same sequence with every standard library).
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    state_ += 0x9e3779b97f4a7c15ULL;
    uint64_t z = state_;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  size_t Below(size_t n) { return static_cast<size_t>(Next() % n); }
  bool Chance(int percent) { return Below(100) < static_cast<size_t>(percent); }
  template <typename T>
  const T& Pick(const std::vector<T>& v) {
    return v[Below(v.size())];
  }

 private:
  uint64_t state_;
};

// ---- The schema, as linkgraph and SQLite see it ---------------------------------------------

enum class Type { kText, kNumber, kEnum };

struct Column {
  std::string name;
  Type type;
  bool nullable;
};

struct Relation {
  std::string name;
  int target;             // entity index
  std::string sql_join;   // SQL condition joining `b` (target) to `a` (source)
};

struct Entity {
  std::string name;
  std::vector<Column> columns;  // without id
  std::vector<Relation> relations;
};

const std::vector<Entity>& Entities() {
  static const std::vector<Entity> entities = {
      {"product",
       {{"title", Type::kText, false},
        {"handle", Type::kText, true},
        {"rank", Type::kNumber, true},
        {"status", Type::kEnum, true}},
       {{"product_reviews", 2, "b.product_id = a.id"}}},
      {"customer",
       {{"email", Type::kText, false}, {"name", Type::kText, true}},
       {{"customer_reviews", 2, "b.customer_id = a.id"}}},
      {"review",
       {{"rating", Type::kNumber, true}, {"content", Type::kText, true}},
       {{"product", 0, "b.id = a.product_id"}, {"customer", 1, "b.id = a.customer_id"}}},
  };
  return entities;
}

constexpr char kSchema[] = R"({"modules":[
  {"name":"product","models":[{"name":"product","properties":{
     "id":{"type":"id","primaryKey":true},"title":{"type":"text"},
     "handle":{"type":"text","nullable":true},"rank":{"type":"number","nullable":true},
     "status":{"type":"enum","values":["draft","published"],"nullable":true}}}]},
  {"name":"customer","models":[{"name":"customer","properties":{
     "id":{"type":"id","primaryKey":true},"email":{"type":"text"},
     "name":{"type":"text","nullable":true}}}]},
  {"name":"review","models":[{"name":"review","properties":{
     "id":{"type":"id","primaryKey":true},"product_id":{"type":"text"},
     "customer_id":{"type":"text","nullable":true},"rating":{"type":"number","nullable":true},
     "content":{"type":"text","nullable":true}}}],
   "links":[
     {"alias":"product_reviews","foreignKey":"product_id","primaryKey":"id",
      "foreignKeyTargetField":"id"},
     {"alias":"customer_reviews","foreignKey":"customer_id","primaryKey":"id",
      "foreignKeyTargetField":"id"}]}]})";

constexpr char kSqlSchema[] = R"(
  CREATE TABLE product (id TEXT PRIMARY KEY, title TEXT NOT NULL, handle TEXT, rank INTEGER,
                        status TEXT);
  CREATE TABLE customer (id TEXT PRIMARY KEY, email TEXT NOT NULL, name TEXT);
  CREATE TABLE review (id TEXT PRIMARY KEY, product_id TEXT NOT NULL, customer_id TEXT,
                       rating INTEGER, content TEXT);)";

// Text values: mixed case, like's wildcards and escape, non-ASCII letters whose case ASCII
// folding leaves alone, the empty string.
const std::vector<std::string>& Texts() {
  static const std::vector<std::string> texts = {
      "Red", "red", "RED", "red shirt", "Red_Shirt", "50% off", "50%", "%", "_", "a_b", "A_B",
      "axb", "x\\y", "\\", "é", "É", "Über", "über", "", "b", "Z", "it's"};
  return texts;
}

const std::vector<std::string>& Patterns() {
  static const std::vector<std::string> patterns = {
      "%", "", "red", "Red", "r%", "R%", "%ed", "%e%", "%E%", "%\\%%", "%\\_%", "a_b", "a\\_b",
      "_", "__", "___", "%é%", "%É%", "x\\\\y", "%\\\\%", "\\\\", "50\\%%", "_e_", "%d s%",
      "%_%", "%s%t", "Ü%", "ü%", "_ber", "%\\%", "%'%"};
  return patterns;
}

const std::vector<std::string> kStatuses = {"draft", "published"};

// ---- A random dataset, loaded into both engines ----------------------------------------------

struct Cell {
  bool null = true;
  std::string text;
  int64_t number = 0;
};

struct Row {
  std::string id;
  std::vector<Cell> cells;  // Entity::columns order
  std::string fk1;          // review: product_id
  Cell fk2;                 // review: customer_id
};

Cell RandomCell(Rng& rng, const Column& c) {
  Cell cell;
  if (c.nullable && rng.Chance(25)) return cell;
  cell.null = false;
  switch (c.type) {
    case Type::kText: cell.text = rng.Pick(Texts()); break;
    case Type::kNumber: cell.number = static_cast<int64_t>(rng.Below(8)) - 1; break;
    case Type::kEnum: cell.text = rng.Pick(kStatuses); break;
  }
  return cell;
}

std::vector<std::vector<Row>> RandomData(Rng& rng) {
  const size_t counts[] = {24, 10, 70};
  std::vector<std::vector<Row>> rows(3);
  const char* prefixes[] = {"p", "c", "r"};
  for (int e = 0; e < 3; ++e) {
    for (size_t i = 0; i < counts[e]; ++i) {
      Row r;
      r.id = prefixes[e] + std::to_string(100 + i);
      for (const Column& c : Entities()[e].columns) r.cells.push_back(RandomCell(rng, c));
      if (e == 2) {
        // Reviews cluster on the first products; some products have none.
        r.fk1 = rows[0][rng.Below(rng.Chance(70) ? 12 : 20)].id;
        if (!rng.Chance(20)) {
          r.fk2.null = false;
          r.fk2.text = rows[1][rng.Below(8)].id;
        }
      }
      rows[e].push_back(std::move(r));
    }
  }
  return rows;
}

Json CellJson(const Cell& cell, Type type) {
  if (cell.null) return nullptr;
  if (type == Type::kNumber) return cell.number;
  return cell.text;
}

std::string DataDocument(const std::vector<std::vector<Row>>& rows) {
  Json doc = Json::object();
  for (int e = 0; e < 3; ++e) {
    const Entity& ent = Entities()[e];
    Json list = Json::array();
    for (const Row& r : rows[e]) {
      Json o = Json::object();
      o["id"] = r.id;
      for (size_t c = 0; c < ent.columns.size(); ++c) {
        o[ent.columns[c].name] = CellJson(r.cells[c], ent.columns[c].type);
      }
      if (e == 2) {
        o["product_id"] = r.fk1;
        o["customer_id"] = r.fk2.null ? Json(nullptr) : Json(r.fk2.text);
      }
      list.push_back(std::move(o));
    }
    doc[ent.name] = std::move(list);
  }
  return doc.dump();
}

class Sqlite {
 public:
  Sqlite() { REQUIRE(sqlite3_open(":memory:", &db_) == SQLITE_OK); }
  ~Sqlite() { sqlite3_close(db_); }
  sqlite3* get() { return db_; }

  void Exec(const std::string& sql) {
    char* err = nullptr;
    int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
    std::string message = err ? err : "";
    sqlite3_free(err);
    INFO(sql << "\n" << message);
    REQUIRE(rc == SQLITE_OK);
  }

  // The first column of every row, or an error text.
  std::vector<std::string> Column(const std::string& sql, std::string* error) {
    std::vector<std::string> out;
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
      *error = sqlite3_errmsg(db_);
      return out;
    }
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      const unsigned char* t = sqlite3_column_text(stmt, 0);
      out.emplace_back(t ? reinterpret_cast<const char*>(t) : "");
    }
    if (rc != SQLITE_DONE) *error = sqlite3_errmsg(db_);
    sqlite3_finalize(stmt);
    return out;
  }

 private:
  sqlite3* db_ = nullptr;
};

// ascii_lower(x): ASCII letters folded, everything else (é, É) as is; null stays null.
void AsciiLower(sqlite3_context* ctx, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
    sqlite3_result_null(ctx);
    return;
  }
  const unsigned char* t = sqlite3_value_text(argv[0]);
  std::string s(reinterpret_cast<const char*>(t), static_cast<size_t>(sqlite3_value_bytes(argv[0])));
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  sqlite3_result_text(ctx, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
}

void LoadSqlite(Sqlite& sql, const std::vector<std::vector<Row>>& rows) {
  sql.Exec(kSqlSchema);
  sql.Exec("PRAGMA case_sensitive_like = ON;");
  REQUIRE(sqlite3_create_function(sql.get(), "ascii_lower", 1,
                                  SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr, AsciiLower,
                                  nullptr, nullptr) == SQLITE_OK);
  for (int e = 0; e < 3; ++e) {
    const Entity& ent = Entities()[e];
    std::string cols = "id", marks = "?";
    for (const Column& c : ent.columns) {
      cols += ", " + c.name;
      marks += ", ?";
    }
    if (e == 2) {
      cols += ", product_id, customer_id";
      marks += ", ?, ?";
    }
    sqlite3_stmt* stmt = nullptr;
    std::string insert = "INSERT INTO " + ent.name + " (" + cols + ") VALUES (" + marks + ")";
    REQUIRE(sqlite3_prepare_v2(sql.get(), insert.c_str(), -1, &stmt, nullptr) == SQLITE_OK);
    auto bind = [&](int i, const Cell& cell, Type type) {
      if (cell.null) {
        sqlite3_bind_null(stmt, i);
      } else if (type == Type::kNumber) {
        sqlite3_bind_int64(stmt, i, cell.number);
      } else {
        sqlite3_bind_text(stmt, i, cell.text.data(), static_cast<int>(cell.text.size()),
                          SQLITE_TRANSIENT);
      }
    };
    for (const Row& r : rows[e]) {
      sqlite3_reset(stmt);
      sqlite3_bind_text(stmt, 1, r.id.data(), static_cast<int>(r.id.size()), SQLITE_TRANSIENT);
      int i = 2;
      for (size_t c = 0; c < ent.columns.size(); ++c) bind(i++, r.cells[c], ent.columns[c].type);
      if (e == 2) {
        Cell fk;
        fk.null = false;
        fk.text = r.fk1;
        bind(i++, fk, Type::kText);
        bind(i++, r.fk2, Type::kText);
      }
      REQUIRE(sqlite3_step(stmt) == SQLITE_DONE);
    }
    sqlite3_finalize(stmt);
  }
  // The reference's own semantics, checked once.
  std::string err;
  CHECK(sql.Column("SELECT 'a' LIKE 'A'", &err) == std::vector<std::string>{"0"});
  CHECK(sql.Column("SELECT 'ab' < 'aé' AND 'Z' < 'a'", &err) == std::vector<std::string>{"1"});
  CHECK(sql.Column("SELECT ascii_lower('AÉ')", &err) == std::vector<std::string>{"aÉ"});
}

// ---- Random filters ----------------------------------------------------------------------------

enum class Op { kEq, kNe, kGt, kGte, kLt, kLte, kIn, kNin, kLike, kILike, kExists };

struct Value {
  bool null = false;
  std::string text;  // text/enum literal, or the number as written
};

struct Node {
  enum class Kind { kAnd, kOr, kNot, kCompare, kGroup, kRelExists };
  Kind kind = Kind::kAnd;
  std::vector<Node> children;  // kAnd/kOr: operands; kNot: one; kGroup: conjuncts
  // kCompare: relations walked first (a dotted path), then `column` of the entity reached.
  std::vector<int> hops;  // relation indexes, entity by entity
  int column = 0;
  Op op = Op::kEq;
  std::vector<Value> values;
  bool exists = true;  // kRelExists, and Op::kExists
  // Rendering choices, drawn once so both forms and SQL see the same tree.
  bool wrap_and = false;   // object form: an $and array rather than one object
  bool field_not = false;  // kNot over one kCompare: written {f: {$not: {...}}}
  bool op_object = false;  // kEq/kIn: {"f": {"$eq": v}} rather than {"f": v}
  bool keyword = false;    // text: `is null` rather than `= null`
};

struct Generator {
  Rng& rng;

  Value RandomValue(const Column& c) {
    Value v;
    switch (c.type) {
      case Type::kText: v.text = rng.Pick(Texts()); break;
      case Type::kEnum: v.text = rng.Pick(kStatuses); break;
      case Type::kNumber:
        v.text = rng.Chance(15) ? "2.5" : std::to_string(static_cast<int>(rng.Below(8)) - 1);
        break;
    }
    return v;
  }

  Node Compare(int entity, std::vector<int> hops) {
    Node n;
    n.kind = Node::Kind::kCompare;
    n.hops = std::move(hops);
    const Entity& e = Entities()[entity];
    n.column = static_cast<int>(rng.Below(e.columns.size()));
    const Column& c = e.columns[n.column];
    std::vector<Op> ops = {Op::kEq, Op::kNe, Op::kGt, Op::kGte, Op::kLt,
                           Op::kLte, Op::kIn, Op::kNin, Op::kExists};
    if (c.type != Type::kNumber) {
      for (int i = 0; i < 4; ++i) {
        ops.push_back(Op::kLike);
        ops.push_back(Op::kILike);
      }
    }
    n.op = rng.Pick(ops);
    n.op_object = rng.Chance(50);
    n.keyword = rng.Chance(50);
    switch (n.op) {
      case Op::kEq:
      case Op::kNe:
        if (rng.Chance(20)) {
          n.values.push_back(Value{true, ""});
        } else {
          n.values.push_back(RandomValue(c));
        }
        break;
      case Op::kIn:
      case Op::kNin: {
        size_t k = 1 + rng.Below(3);
        for (size_t i = 0; i < k; ++i) n.values.push_back(RandomValue(c));
        if (rng.Chance(40)) n.values.insert(n.values.begin() + rng.Below(k + 1), Value{true, ""});
        break;
      }
      case Op::kLike:
      case Op::kILike:
        n.values.push_back(Value{false, rng.Pick(Patterns())});
        break;
      case Op::kExists:
        n.exists = rng.Chance(50);
        break;
      default:
        n.values.push_back(RandomValue(c));
    }
    return n;
  }

  // A filter over `entity`; `budget` bounds its size, `depth` its relation nesting.
  Node Filter(int entity, int budget, int depth) {
    const Entity& e = Entities()[entity];
    size_t r = rng.Below(100);
    if (budget <= 1 || r < 35) {
      // A comparison, sometimes through one or two relations written dotted.
      std::vector<int> hops;
      int at = entity;
      while (depth + static_cast<int>(hops.size()) < 3 && rng.Chance(hops.empty() ? 25 : 20)) {
        int rel = static_cast<int>(rng.Below(Entities()[at].relations.size()));
        hops.push_back(rel);
        at = Entities()[at].relations[rel].target;
      }
      return Compare(at, std::move(hops));
    }
    Node n;
    if (r < 50) {
      n.kind = Node::Kind::kAnd;
      n.wrap_and = rng.Chance(40);
      size_t k = 2 + rng.Below(2);
      for (size_t i = 0; i < k; ++i) n.children.push_back(Filter(entity, budget / 2, depth));
    } else if (r < 65) {
      n.kind = Node::Kind::kOr;
      size_t k = 2 + rng.Below(2);
      for (size_t i = 0; i < k; ++i) n.children.push_back(Filter(entity, budget / 2, depth));
    } else if (r < 78) {
      n.kind = Node::Kind::kNot;
      n.children.push_back(Filter(entity, budget - 1, depth));
      n.field_not = n.children[0].kind == Node::Kind::kCompare && n.children[0].hops.empty() &&
                    rng.Chance(50);
    } else if (r < 95 && depth < 3) {
      // A linked sub-object: one EXISTS; its conjuncts often start with a $not.
      n.kind = Node::Kind::kGroup;
      n.hops.push_back(static_cast<int>(rng.Below(e.relations.size())));
      int target = e.relations[n.hops[0]].target;
      size_t k = 1 + rng.Below(2);
      for (size_t i = 0; i < k; ++i) {
        if (rng.Chance(30)) {
          Node neg;
          neg.kind = Node::Kind::kNot;
          neg.children.push_back(Filter(target, budget / 2, depth + 1));
          n.children.push_back(std::move(neg));
        } else {
          n.children.push_back(Filter(target, budget / 2, depth + 1));
        }
      }
    } else {
      n.kind = Node::Kind::kRelExists;
      n.hops.push_back(static_cast<int>(rng.Below(e.relations.size())));
      n.exists = rng.Chance(60);
    }
    return n;
  }
};

// ---- The three renderings ----------------------------------------------------------------------

const char* OpName(Op op) {
  switch (op) {
    case Op::kEq: return "$eq";
    case Op::kNe: return "$ne";
    case Op::kGt: return "$gt";
    case Op::kGte: return "$gte";
    case Op::kLt: return "$lt";
    case Op::kLte: return "$lte";
    case Op::kIn: return "$in";
    case Op::kNin: return "$nin";
    case Op::kLike: return "$like";
    case Op::kILike: return "$ilike";
    case Op::kExists: return "$exists";
  }
  return "?";
}

// Resolves the compare's path from `entity`: the dotted name and the column.
const Column& PathOf(const Node& n, int entity, std::string* dotted) {
  int at = entity;
  for (int h : n.hops) {
    const Relation& rel = Entities()[at].relations[h];
    *dotted += rel.name + ".";
    at = rel.target;
  }
  const Column& c = Entities()[at].columns[n.column];
  *dotted += c.name;
  return c;
}

Json ValueJson(const Value& v, Type type) {
  if (v.null) return nullptr;
  if (type == Type::kNumber) return Json::parse(v.text);
  return v.text;
}

// Object form: the members a node contributes to the object of its conjunction.
using Members = std::vector<std::pair<std::string, Json>>;

Json ObjectOf(const std::vector<Node>& conjuncts, int entity, bool wrap);

Json OperatorObject(const Node& n, const Column& c) {
  Json ops = Json::object();
  if (n.op == Op::kExists) {
    ops["$exists"] = n.exists;
  } else if (n.op == Op::kIn || n.op == Op::kNin) {
    Json list = Json::array();
    for (const Value& v : n.values) list.push_back(ValueJson(v, c.type));
    ops[OpName(n.op)] = list;
  } else {
    ops[OpName(n.op)] = ValueJson(n.values[0], c.type);
  }
  return ops;
}

Members MembersOf(const Node& n, int entity) {
  const Entity& e = Entities()[entity];
  switch (n.kind) {
    case Node::Kind::kAnd:
      if (n.wrap_and) return {{"$and", ObjectOf(n.children, entity, true)["$and"]}};
      {
        Json obj = ObjectOf(n.children, entity, false);
        Members out;
        for (auto it = obj.begin(); it != obj.end(); ++it) out.emplace_back(it.key(), it.value());
        return out;
      }
    case Node::Kind::kOr: {
      Json list = Json::array();
      for (const Node& c : n.children) list.push_back(ObjectOf({c}, entity, false));
      return {{"$or", list}};
    }
    case Node::Kind::kNot: {
      const Node& inner = n.children[0];
      if (n.field_not) {
        std::string name;
        const Column& c = PathOf(inner, entity, &name);
        return {{name, Json{{"$not", OperatorObject(inner, c)}}}};
      }
      return {{"$not", ObjectOf({inner}, entity, false)}};
    }
    case Node::Kind::kCompare: {
      std::string name;
      const Column& c = PathOf(n, entity, &name);
      if (!n.op_object && n.op == Op::kEq) return {{name, ValueJson(n.values[0], c.type)}};
      if (!n.op_object && n.op == Op::kIn) return {{name, OperatorObject(n, c)["$in"]}};
      return {{name, OperatorObject(n, c)}};
    }
    case Node::Kind::kGroup: {
      const Relation& rel = e.relations[n.hops[0]];
      return {{rel.name, ObjectOf(n.children, rel.target, false)}};
    }
    case Node::Kind::kRelExists:
      return {{e.relations[n.hops[0]].name, Json{{"$exists", n.exists}}}};
  }
  return {};
}

// One object holding all `conjuncts`: their members side by side when the keys differ (and
// `wrap` is false), else {"$and": [one object each]}.
Json ObjectOf(const std::vector<Node>& conjuncts, int entity, bool wrap) {
  std::vector<Members> parts;
  bool clash = false;
  std::vector<std::string> keys;
  for (const Node& c : conjuncts) {
    parts.push_back(MembersOf(c, entity));
    for (const auto& [k, v] : parts.back()) {
      for (const std::string& seen : keys) clash = clash || seen == k;
      keys.push_back(k);
    }
  }
  if (wrap || clash) {
    Json list = Json::array();
    for (const Members& m : parts) {
      Json o = Json::object();
      // Members of one conjunct may clash among themselves only through a spliced $and.
      bool inner_clash = false;
      for (size_t i = 0; i < m.size(); ++i) {
        for (size_t j = 0; j < i; ++j) inner_clash = inner_clash || m[i].first == m[j].first;
      }
      if (inner_clash) {
        Json sub = Json::array();
        for (const auto& [k, v] : m) sub.push_back(Json{{k, v}});
        o["$and"] = sub;
      } else {
        for (const auto& [k, v] : m) o[k] = v;
      }
      list.push_back(std::move(o));
    }
    return Json{{"$and", list}};
  }
  Json o = Json::object();
  for (const Members& m : parts) {
    for (const auto& [k, v] : m) o[k] = v;
  }
  return o;
}

std::string Quoted(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    out += c;
    if (c == '\'') out += '\'';
  }
  return out + "'";
}

std::string TextValue(const Value& v, Type type) {
  if (v.null) return "null";
  return type == Type::kNumber ? v.text : Quoted(v.text);
}

std::string Text(const Node& n, int entity);

std::string TextConjuncts(const std::vector<Node>& items, int entity) {
  std::string out;
  for (const Node& c : items) {
    if (!out.empty()) out += " and ";
    out += c.kind == Node::Kind::kOr ? "(" + Text(c, entity) + ")" : Text(c, entity);
  }
  return out;
}

std::string Text(const Node& n, int entity) {
  const Entity& e = Entities()[entity];
  switch (n.kind) {
    case Node::Kind::kAnd:
      return TextConjuncts(n.children, entity);
    case Node::Kind::kOr: {
      std::string out;
      for (const Node& c : n.children) {
        out += (out.empty() ? "(" : " or (") + Text(c, entity) + ")";
      }
      return out;
    }
    case Node::Kind::kNot:
      return "not (" + Text(n.children[0], entity) + ")";
    case Node::Kind::kGroup: {
      const Relation& rel = e.relations[n.hops[0]];
      return rel.name + ".(" + TextConjuncts(n.children, rel.target) + ")";
    }
    case Node::Kind::kRelExists:
      return (n.exists ? "" : "not ") + e.relations[n.hops[0]].name + " exists";
    case Node::Kind::kCompare: {
      std::string name;
      const Column& c = PathOf(n, entity, &name);
      auto list = [&] {
        std::string out;
        for (const Value& v : n.values) out += (out.empty() ? "" : ", ") + TextValue(v, c.type);
        return "(" + out + ")";
      };
      switch (n.op) {
        case Op::kEq:
          if (n.values[0].null && n.keyword) return name + " is null";
          return name + " = " + TextValue(n.values[0], c.type);
        case Op::kNe:
          if (n.values[0].null && n.keyword) return name + " is not null";
          return name + (n.keyword ? " <> " : " != ") + TextValue(n.values[0], c.type);
        case Op::kGt: return name + " > " + TextValue(n.values[0], c.type);
        case Op::kGte: return name + " >= " + TextValue(n.values[0], c.type);
        case Op::kLt: return name + " < " + TextValue(n.values[0], c.type);
        case Op::kLte: return name + " <= " + TextValue(n.values[0], c.type);
        case Op::kIn: return name + " in " + list();
        case Op::kNin: return name + " not in " + list();
        case Op::kLike: return name + " like " + Quoted(n.values[0].text);
        case Op::kILike: return name + " ilike " + Quoted(n.values[0].text);
        case Op::kExists: return n.exists ? name + " exists" : "not " + name + " exists";
      }
    }
  }
  return "?";
}

std::string SqlValue(const Value& v, Type type) {
  return type == Type::kNumber ? v.text : Quoted(v.text);
}

std::string Sql(const Node& n, int entity, int alias);

std::string SqlAll(const std::vector<Node>& items, int entity, int alias) {
  if (items.empty()) return "1";
  std::string out;
  for (const Node& c : items) out += (out.empty() ? "(" : " AND (") + Sql(c, entity, alias) + ")";
  return out;
}

// EXISTS through relation `rel` of `entity` from alias t<alias>, with `inner` over t<alias+1>.
std::string SqlExists(const Relation& rel, int alias, const std::string& inner) {
  std::string a = "t" + std::to_string(alias), b = "t" + std::to_string(alias + 1);
  std::string join = rel.sql_join;
  join.replace(join.find("b."), 2, b + ".");
  join.replace(join.find("a."), 2, a + ".");
  return "EXISTS (SELECT 1 FROM " + Entities()[rel.target].name + " " + b + " WHERE " + join +
         " AND (" + inner + "))";
}

std::string SqlCompare(const Node& n, const Column& c, const std::string& x) {
  std::vector<std::string> vals;
  bool has_null = false;
  for (const Value& v : n.values) {
    if (v.null) {
      has_null = true;
    } else {
      vals.push_back(SqlValue(v, c.type));
    }
  }
  std::string list;
  for (const std::string& v : vals) list += (list.empty() ? "" : ", ") + v;
  switch (n.op) {
    case Op::kEq: return has_null ? x + " IS NULL" : x + " = " + vals[0];
    case Op::kNe: return has_null ? x + " IS NOT NULL" : x + " <> " + vals[0];
    case Op::kGt: return x + " > " + vals[0];
    case Op::kGte: return x + " >= " + vals[0];
    case Op::kLt: return x + " < " + vals[0];
    case Op::kLte: return x + " <= " + vals[0];
    case Op::kIn:
      if (!has_null) return x + " IN (" + list + ")";
      return vals.empty() ? x + " IS NULL" : "(" + x + " IS NULL OR " + x + " IN (" + list + "))";
    case Op::kNin:
      if (!has_null) return x + " NOT IN (" + list + ")";
      return vals.empty() ? x + " IS NOT NULL"
                          : "(" + x + " IS NOT NULL AND " + x + " NOT IN (" + list + "))";
    case Op::kLike: return x + " LIKE " + vals[0] + " ESCAPE '\\'";
    case Op::kILike:
      return "ascii_lower(" + x + ") LIKE ascii_lower(" + vals[0] + ") ESCAPE '\\'";
    case Op::kExists: return x + (n.exists ? " IS NOT NULL" : " IS NULL");
  }
  return "?";
}

std::string Sql(const Node& n, int entity, int alias) {
  const Entity& e = Entities()[entity];
  switch (n.kind) {
    case Node::Kind::kAnd: return SqlAll(n.children, entity, alias);
    case Node::Kind::kOr: {
      std::string out;
      for (const Node& c : n.children) {
        out += (out.empty() ? "(" : " OR (") + Sql(c, entity, alias) + ")";
      }
      return out;
    }
    case Node::Kind::kNot: return "NOT (" + Sql(n.children[0], entity, alias) + ")";
    case Node::Kind::kGroup: {
      const Relation& rel = e.relations[n.hops[0]];
      return SqlExists(rel, alias, SqlAll(n.children, rel.target, alias + 1));
    }
    case Node::Kind::kRelExists: {
      std::string ex = SqlExists(e.relations[n.hops[0]], alias, "1");
      return n.exists ? ex : "NOT " + ex;
    }
    case Node::Kind::kCompare: {
      // Each relation of a dotted path is one EXISTS.
      std::vector<const Relation*> rels;
      int at = entity;
      for (int h : n.hops) {
        rels.push_back(&Entities()[at].relations[h]);
        at = rels.back()->target;
      }
      const Column& c = Entities()[at].columns[n.column];
      std::string inner = SqlCompare(
          n, c, "t" + std::to_string(alias + static_cast<int>(rels.size())) + "." + c.name);
      for (size_t i = rels.size(); i-- > 0;) {
        inner = SqlExists(*rels[i], alias + static_cast<int>(i), inner);
      }
      return inner;
    }
  }
  return "?";
}

std::vector<std::string> Ids(const std::string& result_json) {
  std::vector<std::string> out;
  Json doc = Json::parse(result_json);
  for (const Json& row : doc["data"]) out.push_back(row["id"].get<std::string>());
  return out;
}

std::string Joined(const std::vector<std::string>& ids) {
  std::string out;
  for (const std::string& id : ids) out += (out.empty() ? "" : " ") + id;
  return "[" + out + "]";
}

}  // namespace

TEST_CASE("random filters in both forms select what SQLite selects", "[differential]") {
  Rng rng(15);
  std::vector<std::vector<Row>> rows = RandomData(rng);
  linkgraph::Database db;
  REQUIRE(db.RegisterJson(kSchema).ok());
  auto loaded = db.LoadJson(DataDocument(rows));
  INFO((loaded.ok() ? std::string() : std::string(loaded.status().message())));
  REQUIRE(loaded.ok());
  Sqlite sql;
  LoadSqlite(sql, rows);

  Generator gen{rng};
  const int kQueries = 3000;
  int differences = 0, object_queries = 0, text_queries = 0, nonempty = 0;
  for (int q = 0; q < kQueries; ++q) {
    int entity = q % 5 < 3 ? 0 : (q % 5 == 3 ? 1 : 2);
    Node root;
    root.kind = Node::Kind::kAnd;
    root.children.push_back(gen.Filter(entity, 1 + static_cast<int>(rng.Below(7)), 0));
    const std::string name = Entities()[entity].name;
    std::string object_form = ObjectOf(root.children, entity, false).dump();
    std::string text_form = Text(root, entity);
    std::string where = Sql(root, entity, 0);

    std::string error;
    std::vector<std::string> want = sql.Column(
        "SELECT t0.id FROM " + name + " t0 WHERE " + where + " ORDER BY t0.id", &error);
    Json request = Json::object();
    request["entity"] = name;
    request["fields"] = Json::array({"id"});
    request["filters"] = Json::parse(object_form);
    auto by_object = db.GraphJson(request.dump());
    request["filters"] = text_form;
    auto by_text = db.GraphJson(request.dump());
    std::vector<std::string> got_object, got_text;
    std::string problem = error.empty() ? "" : "SQLite: " + error + "\n";
    if (by_object.ok()) {
      got_object = Ids(by_object->ToJson());
      ++object_queries;
    } else {
      problem += "object form: " + std::string(by_object.status().message()) + "\n";
    }
    if (by_text.ok()) {
      got_text = Ids(by_text->ToJson());
      ++text_queries;
    } else {
      problem += "text form: " + std::string(by_text.status().message()) + "\n";
    }
    if (problem.empty() && (got_object != want || got_text != want)) problem = "ids differ\n";
    if (!want.empty()) ++nonempty;
    if (!problem.empty()) {
      ++differences;
      if (differences <= 10) {
        UNSCOPED_INFO("query " << q << " on " << name << ": " << problem << "object: "
                               << object_form << "\ntext:   " << text_form << "\nsql:    "
                               << where << "\nsqlite:      " << Joined(want)
                               << "\nobject form: " << Joined(got_object)
                               << "\ntext form:   " << Joined(got_text));
        CHECK(problem.empty());
      }
    }
  }
  CHECK(differences == 0);
  CHECK(object_queries == kQueries);
  CHECK(text_queries == kQueries);
  // The generator must not drift into trivial filters.
  CHECK(nonempty > kQueries / 3);
  CHECK(nonempty < kQueries);
}
