#include "engine/result/ordered_chunks.h"

#include <condition_variable>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace linkgraph::result {

namespace {

class Pipeline {
 public:
  Pipeline(size_t chunks, size_t window,
           const std::function<std::string_view(size_t, size_t)>& produce)
      : chunks_(chunks), window_(window), produce_(produce), done_(window) {}

  // A helper thread: produces chunks until there are none left or the run stopped.
  void Help() {
    std::unique_lock lock(mu_);
    while (true) {
      cv_.wait(lock, [&] { return stopped_ || next_ >= chunks_ || next_ < consumed_ + window_; });
      if (stopped_ || next_ >= chunks_) return;
      ProduceOne(lock);
    }
  }

  // The caller's thread: consumes in order, producing while the next chunk is not ready.
  void Run(const std::function<void(std::string_view)>& consume) {
    std::unique_lock lock(mu_);
    while (consumed_ < chunks_ && !stopped_) {
      const size_t slot = consumed_ % window_;
      if (done_[slot].has_text) {
        const std::string_view text = done_[slot].text;
        lock.unlock();
        try {
          consume(text);
        } catch (...) {
          lock.lock();
          Stop(std::current_exception());
          break;
        }
        lock.lock();
        done_[slot].has_text = false;
        ++consumed_;
        cv_.notify_all();
      } else if (next_ < chunks_ && next_ < consumed_ + window_) {
        ProduceOne(lock);
      } else {
        cv_.wait(lock);
      }
    }
  }

  // Wakes the helpers so they return; the first error is the one Rethrow reports.
  void Stop(std::exception_ptr error) {
    if (error != nullptr && error_ == nullptr) error_ = error;
    stopped_ = true;
    cv_.notify_all();
  }
  void StopLocked() {
    std::lock_guard lock(mu_);
    Stop(nullptr);
  }

  void Rethrow() {
    if (error_ != nullptr) std::rethrow_exception(error_);
  }

 private:
  struct Slot {
    bool has_text = false;
    std::string_view text;
  };

  // Called with `lock` held; produces chunk next_ with it released.
  void ProduceOne(std::unique_lock<std::mutex>& lock) {
    const size_t chunk = next_++;
    const size_t slot = chunk % window_;
    lock.unlock();
    std::string_view text;
    std::exception_ptr error;
    try {
      text = produce_(chunk, slot);
    } catch (...) {
      error = std::current_exception();
    }
    lock.lock();
    if (error != nullptr) {
      Stop(error);
      return;
    }
    done_[slot] = {true, text};
    cv_.notify_all();
  }

  const size_t chunks_;
  const size_t window_;
  const std::function<std::string_view(size_t, size_t)>& produce_;
  std::mutex mu_;
  std::condition_variable cv_;
  size_t next_ = 0;      // the next chunk to produce
  size_t consumed_ = 0;  // chunks consumed
  bool stopped_ = false;
  std::exception_ptr error_;
  std::vector<Slot> done_;  // per slot: the produced text not consumed yet
};

}  // namespace

void ProduceInOrder(size_t chunks, unsigned threads, size_t window,
                    const std::function<std::string_view(size_t chunk, size_t slot)>& produce,
                    const std::function<void(std::string_view text)>& consume) {
  Pipeline pipeline(chunks, window, produce);
  std::vector<std::thread> helpers;
  helpers.reserve(threads);
  for (unsigned i = 1; i < threads && i < chunks; ++i) {
    try {
      helpers.emplace_back([&pipeline] { pipeline.Help(); });
    } catch (const std::system_error&) {
      break;  // No thread to be had: fewer threads write.
    }
  }
  pipeline.Run(consume);
  pipeline.StopLocked();
  for (std::thread& t : helpers) t.join();
  pipeline.Rethrow();
}

}  // namespace linkgraph::result
