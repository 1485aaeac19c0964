// Writes one version of a store as a checkpoint image (layout and rationale: image_format.h),
// streaming it to an ImageSink block by block.
//
// Example:
//   modules::Snapshot snap(state);          // any published version: it never changes
//   durable::StringImageSink sink;
//   absl::Status s = durable::WriteImage(snap.store(), sink);
//   ... later, into an empty writer's version with the same tables:
//   s = durable::ReadImage(sink.data(), &writer_version);
#pragma once

#include "absl/status/status.h"
#include "engine/durable/image_sink.h"
#include "engine/store/store.h"

namespace linkgraph::durable {

// Writes every table of `version` (rows, dead flags, nulls, values, strings of rows not dead,
// pk_order and ordered index orders) to `sink`. Returns the first error of `sink` (the image is
// then incomplete), or InternalError when a table's columns disagree with its row count (a bug).
// REQUIRES: `version` is not a writer's (a published version, held by the caller): commits may
// run meanwhile, since they write their own versions; the one word they may change in place
// (a column's last null word, as they append rows) is read atomically. Holds no more than one
// block (at most ~16 MiB, for one long string) beyond what it has appended.
// Throws only std::bad_alloc, which the caller turns into an error.
absl::Status WriteImage(const store::Store& version, ImageSink& sink);

}  // namespace linkgraph::durable
