// Pieces of the schema-text reader shared by its files: schema_text_expr.cc (checked access to
// the parsed expressions, literals as JSON), schema_text_model.cc (property and relationship
// builders) and schema_text_read.cc (statements, modules, links). Errors are thrown as
// ReadError with the byte offset of the culprit and caught by ReadSchemaText. Internal to
// modules/.
#pragma once

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dsl/location.h"
#include "dsl/schema_ast.h"
#include "linkgraph/schema.h"

namespace linkgraph::modules::schema_text {

using dsl::SchemaExpr;
using EKind = SchemaExpr::Kind;

struct ReadError {
  size_t offset;
  std::string message;
};

[[noreturn]] void Fail(size_t offset, std::string message);

// "did you mean 'x'?" or "known: a, b".
std::string SuggestAmong(std::string_view name, const std::vector<std::string>& known);

// What an expression is, for messages: "a string", "'Foo'", "a call".
std::string Describe(const SchemaExpr& e);

// The value of `e`, which must be of the kind named (else Fail "expected <what> …").
std::string String(const SchemaExpr& e, std::string_view what);
bool Bool(const SchemaExpr& e, std::string_view what);
const SchemaExpr& Object(const SchemaExpr& e, std::string_view what);
const SchemaExpr& Array(const SchemaExpr& e, std::string_view what);

// Calls fn(key, value) for each member of `object`, refusing keys not in `known` (the option
// names of `what`) with suggestions.
template <typename Fn>
void Members(const SchemaExpr& object, const std::vector<std::string>& known, std::string_view what,
             const Fn& fn) {
  for (size_t i = 0; i < object.children.size(); ++i) {
    const std::string& key = object.keys[i];
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      Fail(object.key_offsets[i], "unknown " + std::string(what) + " option '" + dsl::Clip(key) +
                                      "'; " + SuggestAmong(key, known));
    }
    fn(key, object.children[i]);
  }
}

// A call's callee and arguments; the offset of a member access's name.
inline const SchemaExpr& Callee(const SchemaExpr& call) { return call.children[0]; }
inline size_t ArgCount(const SchemaExpr& call) { return call.children.size() - 1; }
inline const SchemaExpr& Arg(const SchemaExpr& call, size_t i) { return call.children[i + 1]; }
inline size_t NameOffset(const SchemaExpr& member) { return member.end - member.text.size(); }

// Fails unless the call has between `min` and `max` arguments (`shown` names the call).
void ExpectArgs(const SchemaExpr& call, size_t min, size_t max, std::string_view shown);

// `a.b` / a name -> "a.b"; "" for anything else.
std::string Path(const SchemaExpr& e);

// The JSON text of a default written at `e` in `text`: as written when that is JSON already
// (so that a JSON document's text survives a round trip), else compact JSON.
std::string DefaultJson(std::string_view text, const SchemaExpr& e);

// ---- Models (schema_text_model.cc)

// A relationship's target as written, resolved once its module is known.
struct TargetRef {
  size_t relationship = 0;  // its index in the model's relationships
  std::string name;
  size_t offset = 0;
};

// Reads `name: model.<type>(…).<modifier>(…)…` into `model`'s properties or relationships; a
// relationship's target is added to `targets`, unresolved.
void ReadField(std::string_view text, const std::string& name, const SchemaExpr& e, Model* model,
               std::vector<TargetRef>* targets);

// An extra column of a defineLink: a property builder, or the JSON form `{ type: "number", … }`.
Property ReadColumn(std::string_view text, const SchemaExpr& e);

}  // namespace linkgraph::modules::schema_text
