// The schema language's errors: each bad schema fails with its message at its line and column
// (the caret the shell draws), naming what was expected or which name is unknown, with
// suggestions.
#include <catch2/catch.hpp>

#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/analyze.hpp>

#include "dsl/grammar_schema.h"
#include "dsl/location.h"
#include "dsl/parse_schema.h"
#include "linkgraph/schema_text.h"
#include "linkgraph/status.h"

namespace {

struct BadSchema {
  const char* text;
  int line;
  int column;
  const char* message;
};

// Model lines shared by the cases below: `M(<fields>)` is a one-model module.
#define M(fields) "module m { model.define(\"m\", { id: model.id().primaryKey(), " fields " }) }"

const BadSchema kBadSchemas[] = {
    // Unknown names, with suggestions.
    {"module m { model.define(\"m\", { id: model.txt() }) }", 1, 42,
     "unknown type 'model.txt()'; did you mean 'model.text()', 'model.id()'?"},
    {M("n: model.text().nulable()"), 1, 77, "unknown modifier '.nulable()'; did you mean '.nullable()'?"},
    {M("v: model.hasMany(() => Variantt)"), 1, 84, "unknown model 'Variantt' in module 'm'; known: m"},
    {"module m { model.define(\"m\", { id: model.id().primaryKey() }).cascade({ delete: [] }) }", 1,
     63, "unknown model option '.cascade(…)'; did you mean '.cascades(…)'?"},
    {"module m { model.define(\"m\", { id: model.id({ prefx: \"m\" }).primaryKey() }) }", 1, 47,
     "unknown model.id option 'prefx'; did you mean 'prefix'?"},
    {M("b: model.belongsTo(() => m, { mapedBy: \"x\" })"), 1, 91,
     "unknown model.belongsTo(…) option 'mapedBy'; did you mean 'mappedBy'?"},
    {M("b: model.belongsTo(() => m).index()"), 1, 89,
     "unknown modifier '.index()' of a relationship; known: .nullable()"},
    {"module m { links: [{ alias: \"a\", foreignKy: \"x_id\" }] }", 1, 34,
     "unknown link option 'foreignKy'; did you mean 'foreignKey'?"},
    {"Module(\"m\", { servce: S })", 1, 15, "unknown Module option 'servce'; did you mean 'service'?"},
    {"defineLink(a.linkable.b, c.linkable.d, { readonly: true })", 1, 42,
     "unknown defineLink option 'readonly'; did you mean 'readOnly'?"},
    {"defineLink(a.linkable.b, c.linkable.d, { database: { extraColumns: { p: model.nmber() } } })",
     1, 79, "unknown column type 'model.nmber()'; did you mean 'model.number()', 'model.integer()'?"},
    {"defineLink(a.linkable.b, c.linkable.d, {\n  database: { extraColumns: { p: { type: \"numbr\" } } },\n})",
     2, 42, "unknown type 'numbr'; did you mean 'number'?"},
    {"defneLink(a.linkable.b, c.linkable.d)", 1, 1,
     "unknown call 'defneLink(…)'; did you mean 'defineLink'?"},
    {"Module(NAME, { service: S })", 1, 8,
     "unknown constant 'NAME': name the module with a string or a `const NAME = \"…\"` before it; "
     "known: none"},
    {"module m {\n  const A = model.define(\"a\", { id: model.id().primaryKey() })\n}\n"
     "module n {\n  model.define(\"n\", { id: model.id().primaryKey(), a: model.belongsTo(() => A) })\n}",
     5, 77,
     "'A' is a model of module 'm': relationships stay inside a module; link modules with links: "
     "[…] or defineLink(…)"},
    // Syntax: what was expected, where.
    {M("s: model.text(,"), 1, 75, "expected an argument or ')'"},
    {"module m { model.define(\"m\" { id: model.id() }) }", 1, 29, "expected ',' or ')'"},
    {"module m { model.define(\"m\", { id model.id() }) }", 1, 35,
     "expected ':' and a value after the key"},
    {"module m {\n  model.define(\"m\", {\n    id: model.id().primaryKey(),\n    s: model.text().default(\"a),\n  })\n}",
     4, 29, "unterminated string"},
    {M("n: model.number().default(01)"), 1, 87, "a number may not start with 0 (01)"},
    {M("n: model.number().default(1.)"), 1, 89, "expected a digit after '.'"},
    {M("s: model.text().default(\"\\q\")"), 1, 87,
     "invalid escape: expected one of \\\" \\' \\\\ \\/ \\b \\f \\n \\r \\t \\v \\0 \\xHH \\uHHHH "
     "\\u{H...}"},
    {"module m { model.define(\"m\", { id: model.id() }) /* never closed\n", 1, 50,
     "unterminated comment: expected '*/'"},
    {"import { model } \"x\"", 1, 18, "expected 'from' and the module path"},
    {"module { }", 1, 8, "expected the module's name after 'module'"},
    {"module m {\n  model.define(\"m\", { id: model.id().primaryKey() })\n  }\n}", 4, 1,
     "expected a statement: module NAME { ... }, model.define(...), Module(...), defineLink(...), "
     "const, export or import"},
    {"module m { const }", 1, 18, "expected a name after 'const'"},
    {"module m { model.define(\"m\", {}) ] }", 1, 34,
     "expected a model (model.define(...)), links: [...] or '}'"},
    {M("id: model.text()"), 1, 61, "duplicate key 'id'"},
    // Meaning: wrong arguments and shapes.
    {M("e: model.enum(\"a\")"), 1, 75, "expected the enum's values (an array of strings), found a string"},
    {M("s: model.text(\"x\")"), 1, 75, "model.text() takes 0 arguments, not 1"},
    {M("b: model.belongsTo(() => 42)"), 1, 86, "expected the target model (`() => Model`), found a number"},
    {M("j: model.json().default(x)"), 1, 85,
     "expected a literal value (a string, number, true, false, null, array or object), found 'x'"},
    {"module m { model.define({ name: \"m\" }, {}) }", 1, 25,
     "expected the model's name as a string (an object with name and tableName is not supported)"},
    {"module m { model.define(\"m\", { id: modl.text() }) }", 1, 36,
     "expected 'model' before '.text(…)', found 'modl'"},
    {"module m { model.defne(\"m\", {}) }", 1, 12,
     "expected model.define(…) or links: […] inside module 'm', found a call"},
    {"module m { links: [{ alias: 1 }] }", 1, 29, "expected 'alias' (a string), found a number"},
    {"module m { links: [] links: [] }", 1, 22, "'links' given twice in module 'm'"},
    {"model.define(\"m\", { id: model.id().primaryKey() })", 1, 1,
     "model 'm' belongs to no module: put it in a block `module NAME { … }` or follow it with "
     "Module(NAME, { … })"},
    {"defineLink(a.linkable.b)", 1, 24, "defineLink(…) takes 2 to 3 arguments, not 1"},
    {"defineLink({ module: \"a\" }, b.linkable.c)", 1, 12,
     "a defineLink side needs 'linkable' (Module.linkable.entity) or 'module' and 'entity'"},
    {"defineLink(a.b, c.linkable.d)", 1, 12,
     "expected a linkable (Module.linkable.entity) or a side object ({ linkable, isList, … }), "
     "found '.b'"},
    {"const X = \"a\"\nconst X = \"b\"", 2, 7, "'X' is already defined"},
    {"links: []", 1, 6, "expected a statement: module NAME { ... }, model.define(...), Module(...), "
                        "defineLink(...), const, export or import"},
};

}  // namespace

TEST_CASE("schema grammar has no cycles without progress", "[schema_text]") {
  CHECK(tao::pegtl::analyze<linkgraph::dsl::schema_grammar::file>() == 0);
}

TEST_CASE("bad schemas fail at their line and column with their message", "[schema_text]") {
  int checked = 0;
  for (const BadSchema& bad : kBadSchemas) {
    INFO(bad.text);
    absl::StatusOr<linkgraph::Schema> s = linkgraph::ParseSchemaText(bad.text);
    REQUIRE_FALSE(s.ok());
    CHECK(s.status().code() == absl::StatusCode::kInvalidArgument);
    std::string where =
        "line " + std::to_string(bad.line) + ", column " + std::to_string(bad.column);
    CHECK(linkgraph::StatusLocation(s.status()) == where);
    CHECK(linkgraph::dsl::MessageWithoutWhere(s.status()) == bad.message);
    ++checked;
  }
  CHECK(checked >= 25);
}

TEST_CASE("schema text nested too deep is refused before it is read", "[schema_text]") {
  std::string deep = "module m { model.define(\"m\", { id: model.json().default(";
  for (int i = 0; i < 10000; ++i) deep += "[";
  absl::StatusOr<linkgraph::Schema> s = linkgraph::ParseSchemaText(deep);
  REQUIRE_FALSE(s.ok());
  CHECK(linkgraph::dsl::MessageWithoutWhere(s.status()) == "schema text nested deeper than 64 levels");
  CHECK_FALSE(linkgraph::ParseSchemaText("module m { x: \xff }").ok());
}

TEST_CASE("schema text over the size limit is refused", "[schema_text]") {
  std::string huge(linkgraph::dsl::kMaxSchemaBytes + 1, ' ');
  absl::StatusOr<linkgraph::Schema> s = linkgraph::ParseSchemaText(huge);
  REQUIRE_FALSE(s.ok());
  CHECK(linkgraph::dsl::MessageWithoutWhere(s.status()) ==
        "schema text longer than 16777216 bytes");
  huge.resize(linkgraph::dsl::kMaxSchemaBytes);
  CHECK(linkgraph::ParseSchemaText(huge).ok());
}
