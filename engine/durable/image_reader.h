// Loads a checkpoint image (layout and rationale: image_format.h) into an empty store version.
//
// Example:
//   store::Store version;                     // the schema's tables, empty
//   version.BeginWrite(store::NewStamp());
//   for (catalog::EntityId e = 0; e < catalog.size(); ++e) version.AddTable(catalog.entity(e));
//   absl::Status s = durable::ReadImage(image_bytes, &version);
//   if (!s.ok()) return s;                    // drop `version`
//   // publish `version`, then replay the write-ahead log after the image onto a writer of it
#pragma once

#include <string_view>

#include "absl/status/status.h"
#include "engine/store/store.h"

namespace linkgraph::durable {

// Fills every table of `writer` from `image`: rows with their ids, values, nulls, strings, dead
// flags, and every index (hash indexes, ordered indexes, pk_order) and live count, so that each
// table is what the image's tables were (dead rows' strings read as empty).
//
// REQUIRES: `writer` is a writer's version (BeginWrite done) whose tables were added for the
// schema the image was written under, and are still empty; nothing else reads it meanwhile.
// Returns:
//   - DataLoss, naming the table, column and byte offset, when the image is damaged: a checksum
//     mismatch, truncation, a bad block length, a malformed header or trailer, bytes after the
//     trailer, or contents that contradict themselves (an enum code out of range, a row id out of
//     range, a float that is not finite, an order that is not sorted, a duplicate primary key);
//   - FailedPrecondition when the image belongs to another schema (tables, names, column names,
//     types or enum values differ), its format version is not this reader's, or a table of
//     `writer` is not empty.
// On any error the tables are partly filled: the caller drops `writer`. Never reads outside
// `image`, whatever its bytes. What checksums alone guard is the text of string cells: an image
// crafted with valid checksums may load text that is not UTF-8, JSON or a normalized decimal. Throws only std::bad_alloc, which the caller turns into an error
// (and drops `writer`).
absl::Status ReadImage(std::string_view image, store::Store* writer);

}  // namespace linkgraph::durable
