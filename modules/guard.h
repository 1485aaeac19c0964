// What the public API returns when an exception reaches it: none escapes the library (DESIGN.md
// §9). Every public entry point that can allocate is a function-try-block ending in
//   } catch (...) { return modules::StatusFromException(); }
#pragma once

#include "absl/status/status.h"

namespace linkgraph::modules {

// Called inside a catch handler: the exception in flight as a status. Allocation failure
// (std::bad_alloc, std::length_error) is ResourceExhausted; a std::system_error (a lock taken
// again by the thread that holds it) FailedPrecondition; anything else Internal, naming it.
absl::Status StatusFromException();

}  // namespace linkgraph::modules
