// Env::Default()'s LockFile: flock(2) on a lock file that holds the holder's process id.
#pragma once

#include <memory>
#include <string_view>

#include "absl/status/statusor.h"
#include "engine/durable/env.h"

namespace linkgraph::durable {

// Env::LockFile for the POSIX file system; see its contract in env.h.
absl::StatusOr<std::unique_ptr<FileLock>> LockPosixFile(std::string_view path);

}  // namespace linkgraph::durable
