// Checkpoints and backups of a durable database (durable.h): one published version — its
// schemas, commit and catalog numbers, and a columnar image of its stores — written to a new
// file, synced, renamed into place, the directory synced; then the logs before it are removed.
//
// File layout: magic "LGCKPT\0\1", u32 format version, u32 header length H, H header bytes
// (u64 commit, u64 catalog number, i64 the last commit's clock reading, u64 the first log after
// the checkpoint, u32 schema count, then per schema u32 length + its §8 JSON; from format version
// 2: u32 migration count, then per migration u64 number, i64 clock reading, u32 step count and
// per step u32 length + its text), u32 masked crc32c
// of the header bytes, then the image (engine/durable/image_format.h, checksummed per block).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "linkgraph/database.h"

namespace linkgraph::modules {

struct CheckpointHeader {
  uint64_t commit = 0;
  uint64_t catalog_number = 0;
  int64_t last_commit_micros = 0;
  uint64_t next_log = 1;
  std::vector<std::string> schemas;  // each Register's schema, as §8 JSON, in order
  std::vector<MigrationInfo> migrations;  // the migration history (format version 2)
};

// Reads the header of the checkpoint `data` (the file at `path`); `*image` gets the image after
// it. DataLoss naming the file when it is damaged; FailedPrecondition for another format version.
absl::StatusOr<CheckpointHeader> ReadCheckpointHeader(std::string_view path,
                                                      std::string_view data,
                                                      std::string_view* image);

// Writes a checkpoint of the published version and cuts the log before it (Database::Checkpoint).
// REQUIRES: a durable database.
absl::Status WriteCheckpoint(Database::State* state);

// Writes a consistent copy of the published version as a new database in `dir`
// (Database::Backup).
absl::Status WriteBackup(Database::State* state, std::string_view dir);

}  // namespace linkgraph::modules
