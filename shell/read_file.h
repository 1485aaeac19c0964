// Reading the files the shell takes (DESIGN.md §6): SCRIPT, `.read FILE`, `--schema FILE`,
// `--load FILE` and `load 'FILE'`, and the statements of standard input. Only regular files are
// read (a SCRIPT may also be a FIFO, or the file standard input is), at most kMaxFileBytes, so
// that /dev/zero or a directory given by mistake is refused before anything is read; a UTF-8
// byte-order mark at the very start is skipped.
//
// Example:
//   LG_ASSIGN_OR_RETURN(std::string text, ReadFile(path, FileUse::kData));
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace linkgraph::shell {

// The largest file the shell reads: 1 GiB.
inline constexpr int64_t kMaxFileBytes = int64_t{1} << 30;

enum class FileUse {
  kData,    // a load, `.read` or `--schema`: a regular file
  kScript,  // SCRIPT: a regular file, a FIFO, or the file standard input is
};

// The content of `path` without a leading byte-order mark. InvalidArgument "cannot read '<path>':
// is a directory" / "not a regular file (a character device)" / "larger than the 1 GiB limit of
// files the shell reads"; an error of the system (a missing file, no permission) keeps its code
// (absl::ErrnoToStatus: NotFound, PermissionDenied, …) with the system's message.
absl::StatusOr<std::string> ReadFile(const std::string& path, FileUse use = FileUse::kData);

// All of standard input (at most kMaxFileBytes), without a leading byte-order mark.
absl::StatusOr<std::string> ReadStandardInput();

// `text` without a UTF-8 byte-order mark (EF BB BF) at its start.
std::string_view SkipByteOrderMark(std::string_view text);

// The status of the system error `err` (an errno value) for `what`: "<what>: <strerror>", with the
// code absl::ErrnoToStatusCode gives (ENOSPC ResourceExhausted, EACCES PermissionDenied, …).
absl::Status SystemError(int err, std::string_view what);

}  // namespace linkgraph::shell
