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

  // True once the query must stop (then status() says why). Cheap: the cancel flag and the
  // clock are read once every 1024 polls.
  bool Poll();
  // As Poll, reading the cancel flag and the clock now: at the start of a query and at each
  // operator boundary, so an expired deadline or a set flag stops even a small query.
  bool Check();
  // Adds result bytes (values, and row ids as operators produce them); true once over the cap.
  bool AddBytes(size_t bytes);
  // True (and status() ResourceExhausted) when the result so far plus `bytes` of an operator's
  // working memory (a semi-join's related rows) pass the cap; the working bytes are not kept.
  bool Holds(size_t bytes);
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

// Checks the current thread's interrupt now (Interrupt::Check): at operator boundaries.
inline bool InterruptCheck() {
  Interrupt* i = Interrupt::Current();
  return i != nullptr && i->Check();
}

// Counts `rows` row ids an operator produced against the result cap (4 bytes each): true when
// the query must stop. Operators call it as their output grows, not only at the end.
inline bool InterruptAddRows(size_t rows) {
  Interrupt* i = Interrupt::Current();
  return i != nullptr && i->AddBytes(rows * sizeof(uint32_t));
}

}  // namespace linkgraph::exec
