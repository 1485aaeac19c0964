// Hints for words users bring from other query languages: an error located at `limit` in
// `graph product fields id limit 2;` also says "did you mean 'take'?".
#pragma once

#include "absl/status/status.h"
#include "shell/source.h"

namespace linkgraph::shell {

// `status` with a hint added when it is an InvalidArgument located (`line L, column C`) at a
// word of `source` that another language uses for one of ours (limit, offset, select, sort,
// order_by, …) and it has no suggestion yet; otherwise `status` unchanged.
absl::Status WithForeignWordHint(const absl::Status& status, const Source& source);

}  // namespace linkgraph::shell
