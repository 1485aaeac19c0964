#include "linkgraph/status.h"

#include "base/json_string.h"
#include "dsl/location.h"

namespace linkgraph {

std::string StatusCodeName(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kOk: return "ok";
    case absl::StatusCode::kCancelled: return "cancelled";
    case absl::StatusCode::kUnknown: return "unknown";
    case absl::StatusCode::kInvalidArgument: return "invalid_argument";
    case absl::StatusCode::kDeadlineExceeded: return "deadline_exceeded";
    case absl::StatusCode::kNotFound: return "not_found";
    case absl::StatusCode::kAlreadyExists: return "already_exists";
    case absl::StatusCode::kPermissionDenied: return "permission_denied";
    case absl::StatusCode::kResourceExhausted: return "resource_exhausted";
    case absl::StatusCode::kFailedPrecondition: return "failed_precondition";
    case absl::StatusCode::kAborted: return "aborted";
    case absl::StatusCode::kOutOfRange: return "out_of_range";
    case absl::StatusCode::kUnimplemented: return "unimplemented";
    case absl::StatusCode::kInternal: return "internal";
    case absl::StatusCode::kUnavailable: return "unavailable";
    case absl::StatusCode::kDataLoss: return "data_loss";
    case absl::StatusCode::kUnauthenticated: return "unauthenticated";
    default: return "unknown";
  }
}

std::string StatusToJson(const absl::Status& status) {
  std::string out = "{\"error\":{\"code\":\"";
  out += StatusCodeName(status.code());
  out += "\",\"message\":";
  base::AppendJsonString(std::string_view(status.message().data(), status.message().size()),
                          &out);
  out += "}}";
  return out;
}

std::string StatusLocation(const absl::Status& status) { return dsl::WhereOf(status); }

}  // namespace linkgraph
