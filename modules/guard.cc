#include "modules/guard.h"

#include <new>
#include <stdexcept>
#include <string>
#include <system_error>

#include <simdjson.h>

namespace linkgraph::modules {

absl::Status StatusFromException() {
  try {
    throw;
  } catch (const std::bad_alloc&) {
    return absl::ResourceExhaustedError("out of memory: an allocation failed");
  } catch (const std::length_error&) {
    return absl::ResourceExhaustedError("out of memory: a size exceeded what can be allocated");
  } catch (const simdjson::simdjson_error& e) {
    if (e.error() == simdjson::MEMALLOC) {
      return absl::ResourceExhaustedError("out of memory: an allocation failed");
    }
    return absl::InternalError(std::string("unexpected JSON error: ") + e.what());
  } catch (const std::system_error& e) {
    return absl::FailedPreconditionError(std::string("cannot proceed: ") + e.what());
  } catch (const std::exception& e) {
    return absl::InternalError(std::string("unexpected exception: ") + e.what());
  } catch (...) {
    return absl::InternalError("unexpected exception");
  }
}

}  // namespace linkgraph::modules
