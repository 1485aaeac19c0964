// The syntax tree of schema text (docs/schema.md): the subset of TypeScript a Medusa module is
// written in — statements (`import`, `const X = …`, `export default …`, `module name { … }`,
// `class … {}`) whose expressions are literals, names, member accesses, calls, `() => X`
// arrows, objects and arrays. What the calls mean (`model.text()`, `defineLink(…)`) is decided
// by modules/schema_text_read.cc; the dsl knows only the syntax. Every node keeps the byte
// offset of its first character so that meaning errors point at it.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace linkgraph::dsl {

struct SchemaExpr {
  enum class Kind {
    kNull,
    kBool,     // text: "true" or "false"
    kNumber,   // text: as written (JSON number syntax)
    kString,   // text: decoded
    kName,     // text: the identifier
    kMember,   // children[0].text ; text: the member name
    kCall,     // children[0] is the callee, then the arguments
    kArrow,    // `() => body`: children[0] is the body
    kObject,   // children are the values, keys[i] / key_offsets[i] their keys
    kArray,    // children are the elements
  };
  Kind kind = Kind::kNull;
  size_t offset = 0;  // first byte
  size_t end = 0;     // past the last byte
  std::string text;
  std::vector<SchemaExpr> children;
  std::vector<std::string> keys;
  std::vector<size_t> key_offsets;
};

struct SchemaStatement {
  enum class Kind {
    kImport,  // import_name (the default or namespace import, may be empty) from import_path
    kExpr,    // [export [default]] [const binding =] expr
    kModule,  // module name { body }
    kLinks,   // `links: [...]` inside a module block: expr
    kClass,   // class declaration: accepted and ignored
  };
  Kind kind = Kind::kExpr;
  size_t offset = 0;
  std::string binding;  // kExpr: the const name, or empty
  size_t binding_offset = 0;
  SchemaExpr expr;      // kExpr, kLinks
  std::string name;     // kModule: the module name; kImport: the imported name
  size_t name_offset = 0;
  std::string import_path;                // kImport
  std::vector<SchemaStatement> body;      // kModule
};

struct SchemaFile {
  std::vector<SchemaStatement> statements;
};

}  // namespace linkgraph::dsl
