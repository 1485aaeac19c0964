// The shell's statements (DESIGN.md §6), read by the PEGTL rules of grammar_statement.h:
//
//   graph ENTITY fields FIELD {, FIELD} [where FILTER] [order by KEY [asc|desc] {, …}]
//         [skip N] [take N] [with deleted]
//   graph JSON_REQUEST
//   create ENTITY JSON          update ENTITY JSON          update ENTITY set JSON where FILTER
//   delete ENTITY where FILTER  soft delete ENTITY where FILTER  restore ENTITY where FILTER
//   link JSON   dismiss JSON   unlink JSON   load [ENTITY from] 'FILE'
//   begin   commit   rollback
//
// A source (a script, a `-c` argument, what is typed at the prompt) is first cut into chunks —
// statements, dot commands and schema text — by SplitScript; ParseStatement then reads one
// statement chunk in one parse: fields, filters and orders by the field and filter grammars in
// place, JSON by the statement grammar's own JSON rules. Every offset is a byte offset into the
// source; every syntax error is InvalidArgument located `line L, column C` of the source.
//
// Example:
//   dsl::Script script = dsl::SplitScript(text);
//   for (const dsl::ScriptChunk& chunk : script.chunks) {
//     if (chunk.kind != dsl::ScriptChunk::Kind::kStatement) continue;
//     absl::StatusOr<dsl::Statement> st = dsl::ParseStatement(text, script.blanked, chunk);
//   }
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "dsl/ast.h"

namespace linkgraph::dsl {

struct ScriptChunk {
  // kStatement: up to `;` outside quotes, JSON and `--` comments (the last one's `;` optional).
  // kDot: a dot command, the first non-blank text of a line outside a statement, to the end of
  // the line. kSchema: schema text (docs/schema.md), a statement starting with `module`,
  // `Module`, `defineLink`, `model`, `import`, `export`, `const`, `let`, `var` or `class`; it
  // ends at `;` outside its strings, comments and brackets (schema statements in a row are one
  // chunk, up to a `module` block), or before a line (at bracket depth 0) that starts a dot
  // command, a `--` comment or another statement.
  enum class Kind { kStatement, kDot, kSchema };
  Kind kind = Kind::kStatement;
  size_t begin = 0;         // byte offsets into the source: the first character ...
  size_t end = 0;           // ... and just past the last (before `;`, trailing blanks dropped)
  bool terminated = false;  // a statement ended by `;`; a dot command ended by a line break;
                            // schema text ended by `;` or complete at the end of the source
};

struct Script {
  std::vector<ScriptChunk> chunks;
  // The source with every comment between and inside statements (`--`, and `//`, `/* */`
  // between statements) replaced by spaces, line breaks kept: same length, so offsets hold.
  std::string blanked;
};

// Cuts `text` into chunks. Never fails: what a chunk holds is checked when it is parsed.
Script SplitScript(std::string_view text);

// A slice of the source (from Script::blanked: comments are spaces) and its offset.
struct SourceText {
  std::string text;
  size_t offset = 0;
};

struct Statement {
  enum class Kind {
    kGraph,
    kGraphJson,
    kCreate,
    kUpdate,
    kUpdateSet,
    kDelete,
    kSoftDelete,
    kRestore,
    kLink,
    kDismiss,
    kUnlink,
    kLoad,
    kBegin,
    kCommit,
    kRollback,
  };
  Kind kind = Kind::kGraph;
  size_t offset = 0;  // the first keyword

  std::string entity;  // as named (quotes removed): "product", "link.product_collection"
  size_t entity_offset = 0;

  // kGraph: each field as written, and as parsed (FieldPath offsets are source offsets).
  std::vector<SourceText> fields;
  std::vector<FieldPath> field_paths;
  // kGraph: the order as written and its keys.
  std::optional<SourceText> order;
  std::vector<OrderKey> order_keys;
  std::optional<int64_t> skip;
  std::optional<int64_t> take;
  bool with_deleted = false;
  // kGraph, kUpdateSet, kDelete, kSoftDelete, kRestore: the text form, or the object form when
  // it starts with `{` (checked as JSON only: its meaning is the library's).
  std::optional<SourceText> filter;
  std::optional<FilterExpr> filter_expr;  // the text form as parsed (offsets are source offsets)

  // kGraphJson, kCreate, kUpdate, kUpdateSet (the data), kLink, kDismiss, kUnlink: JSON text
  // whose syntax was checked.
  SourceText json;

  // kLoad: the file as written (quotes removed).
  std::string file;
  size_t file_offset = 0;
};

// Statements nest JSON at most this deep (objects and arrays); deeper is refused before it is
// read. (The library refuses row values nested beyond 512 levels itself.)
inline constexpr size_t kMaxStatementJsonDepth = 600;

// The statement of `chunk` (a kStatement chunk of SplitScript(source)); `blanked` is the
// Script's. Syntax errors are InvalidArgument "<message> (line L, column C)" of `source`.
absl::StatusOr<Statement> ParseStatement(std::string_view source, std::string_view blanked,
                                         const ScriptChunk& chunk);

// A syntax error in a JSON document (RFC 8259, nesting at most kMaxStatementJsonDepth): the byte
// offset of the offending character and what was expected there.
struct JsonSyntaxError {
  size_t offset = 0;
  std::string message;  // "expected ':' after a JSON object key, found 'x'"
  bool trailing = false;  // content after a well-formed document
};

// The first syntax error of the JSON document `json` (blanks around it allowed), by the
// statement grammar's JSON rules; nullopt when it is well-formed. The shell asks it where a
// schema or data file the library refused as invalid JSON went wrong.
std::optional<JsonSyntaxError> FindJsonSyntaxError(std::string_view json);

// The shell's reserved words, lower case, in the grammar's order, each once: the words of the
// statement grammar's `reserved` rule (grammar_statement.h: statement words, clause words and the
// filter grammar's keywords), read from the rule itself, so that there is one list. Tab
// completion offers them.
const std::vector<std::string>& ReservedWords();

}  // namespace linkgraph::dsl
