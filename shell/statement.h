// One shell statement (DESIGN.md §6), parsed from its text:
//
//   graph ENTITY fields FIELD {, FIELD} [where FILTER] [order by KEY [asc|desc] {, …}]
//         [skip N] [take N] [with deleted]
//   graph JSON_REQUEST
//   create ENTITY JSON          update ENTITY JSON          update ENTITY set JSON where FILTER
//   delete ENTITY where FILTER  soft delete ENTITY where FILTER  restore ENTITY where FILTER
//   link JSON   dismiss JSON   unlink JSON   load [ENTITY from] 'FILE'
//   begin   commit   rollback
//
// Keywords are case-insensitive and reserved; identifiers may be written "quoted". The shell
// only cuts the statement into pieces: each field, the filter and the order go to the library's
// parsers as text, with the source offset of each byte kept so their errors can be located at
// `line L, column C` of the source.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "shell/splitter.h"

namespace linkgraph::shell {

// Statement text handed to a library parser, and where each of its bytes came from.
struct Piece {
  std::string text;
  size_t offset = 0;  // source offset of text[0]
  // When not empty: the source offset of each byte of `text`, plus one for its end (quoted
  // names are unquoted in fields, which shifts what follows).
  std::vector<size_t> offsets;

  // The source offset of byte `i` of `text` (i may be text.size()).
  size_t SourceOffset(size_t i) const;
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

  // kGraph.
  std::vector<Piece> fields;
  std::optional<Piece> order;
  std::optional<int64_t> skip;
  std::optional<int64_t> take;
  bool with_deleted = false;
  // kGraph, kUpdateSet, kDelete, kSoftDelete, kRestore: the text form, or the object form when
  // it starts with `{`.
  std::optional<Piece> filter;

  // kGraphJson, kCreate, kUpdate, kUpdateSet (the data), kLink, kDismiss, kUnlink.
  Piece json;

  // kLoad: the file as written.
  std::string file;
  size_t file_offset = 0;
};

// The statement of `chunk`. `source` is the whole source text (for locations) and `blanked` the
// same text with comments blanked (SplitStatements). Syntax errors are InvalidArgument located
// at `line L, column C`.
absl::StatusOr<Statement> ParseStatement(std::string_view source, std::string_view blanked,
                                         const Chunk& chunk);

}  // namespace linkgraph::shell
