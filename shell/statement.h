// The shell's statements are the dsl's (dsl/statement.h: SplitScript cuts a source into chunks,
// ParseStatement reads one statement); these are the names the executor uses for them.
#pragma once

#include "dsl/statement.h"

namespace linkgraph::shell {

using Chunk = dsl::ScriptChunk;
using Split = dsl::Script;
using Statement = dsl::Statement;
using Piece = dsl::SourceText;

}  // namespace linkgraph::shell
