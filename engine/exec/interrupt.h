// Stopping a running query: its deadline, a cancel flag set from another thread, and a cap on
// the bytes its result may hold. Execute installs an Interrupt for the calling thread; the
// operators' loops poll it cheaply (the clock is read once every 1024 polls) and stop early,
// and Execute returns the reason.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "absl/status/status.h"

namespace linkgraph::exec {

struct QueryLimits {
  std::optional<std::chrono::steady_clock::time_point> deadline;
  const std::atomic<bool>* cancel = nullptr;
  size_t max_result_bytes = 0;  // 0 = no cap
};

class Interrupt {
 public:
  // Installs itself as the current thread's interrupt until destroyed.
  explicit Interrupt(const QueryLimits& limits);
  ~Interrupt();
  Interrupt(const Interrupt&) = delete;
  Interrupt& operator=(const Interrupt&) = delete;

  // True once the query must stop (then status() says why).
  bool Poll();
  // Adds result bytes; true once over the cap.
  bool AddBytes(size_t bytes);
  const absl::Status& status() const { return status_; }

  // The current thread's interrupt, or nullptr when none is installed.
  static Interrupt* Current();

 private:
  QueryLimits limits_;
  uint32_t polls_ = 0;
  size_t bytes_ = 0;
  absl::Status status_;
  Interrupt* previous_;
};

// Polls the current thread's interrupt, if any: true when the query must stop.
inline bool InterruptRequested() {
  Interrupt* i = Interrupt::Current();
  return i != nullptr && i->Poll();
}

}  // namespace linkgraph::exec
