#include "engine/exec/interrupt.h"

#include <string>

namespace linkgraph::exec {

namespace {
thread_local Interrupt* current = nullptr;
}  // namespace

Interrupt::Interrupt(const QueryLimits& limits) : limits_(limits), previous_(current) {
  current = this;
}

Interrupt::~Interrupt() { current = previous_; }

Interrupt* Interrupt::Current() { return current; }

bool Interrupt::Poll() {
  if (!status_.ok()) return true;
  if ((++polls_ & 1023) != 0) return false;
  return Check();
}

bool Interrupt::Check() {
  if (!status_.ok()) return true;
  if (limits_.cancel != nullptr && limits_.cancel->load(std::memory_order_relaxed)) {
    status_ = absl::CancelledError("query cancelled");
    return true;
  }
  if (limits_.deadline && std::chrono::steady_clock::now() >= *limits_.deadline) {
    status_ = absl::DeadlineExceededError("query deadline exceeded");
    return true;
  }
  return false;
}

bool Interrupt::AddBytes(size_t bytes) {
  bytes_ += bytes;
  if (limits_.max_result_bytes != 0 && bytes_ > limits_.max_result_bytes && status_.ok()) {
    status_ = absl::ResourceExhaustedError("result larger than max_result_bytes (" +
                                           std::to_string(limits_.max_result_bytes) + ")");
  }
  return !status_.ok();
}

bool Interrupt::Holds(size_t bytes) {
  if (limits_.max_result_bytes != 0 && bytes_ + bytes > limits_.max_result_bytes && status_.ok()) {
    status_ = absl::ResourceExhaustedError("query working memory larger than max_result_bytes (" +
                                           std::to_string(limits_.max_result_bytes) + ")");
  }
  return !status_.ok();
}

}  // namespace linkgraph::exec
