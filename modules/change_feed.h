// The change feed's delivery: a ChangeFeed per Database fans each commit's event out to its
// Subscribers, each with a bounded queue and a dispatcher thread of its own that runs the
// callback outside every Database lock.
//
// One thread per subscriber, not one for all: a slow or blocked callback then delays only its
// own events (and overflows only its own queue), never another subscriber's; and Cancel can wait
// for exactly its callback. Subscriptions are few (a cache, an indexer, a log), so a thread each
// costs little.
//
// Publish is called by the commit path under the commit lock, so events enter every queue in
// commit order; it never waits for a callback (it takes each queue's mutex only to push).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "linkgraph/change_feed.h"

namespace linkgraph::modules {

class ChangeFeed;

using FeedCallback = std::function<void(const CommitEvent&)>;

class Subscriber {
 public:
  Subscriber(FeedCallback callback, const SubscribeOptions& options);
  ~Subscriber();  // joins the dispatcher (detaches it when run by the dispatcher itself)
  Subscriber(const Subscriber&) = delete;
  Subscriber& operator=(const Subscriber&) = delete;

  // Starts the dispatcher thread; `self` is this subscriber (the thread keeps it alive until it
  // ends). Throws std::system_error when no thread can be started.
  void Start(const std::shared_ptr<Subscriber>& self, std::weak_ptr<ChangeFeed> feed);

  // Queues commit `commit`'s event, or records the commit as missed when the queue is full (or
  // the queue cannot grow). Never waits for the callback, never throws.
  void Push(uint64_t commit, const std::shared_ptr<const CommitEvent>& event) noexcept;

  // Subscription::Cancel: leaves the feed, then Stop.
  void Cancel();
  // Drops what is queued and waits for the running callback (not when called from it).
  void Stop();
  void Drain();
  bool active() const;
  size_t max_ids() const { return max_ids_; }

 private:
  struct Item {
    std::shared_ptr<const CommitEvent> event;
    // Commits missed (queue full) just before this one, reported first; 0 when none.
    uint64_t missed_from = 0, missed_to = 0;
  };
  void Run();
  void Deliver(const CommitEvent& event);

  FeedCallback callback_;
  const size_t max_pending_;
  const size_t max_ids_;
  std::weak_ptr<ChangeFeed> feed_;

  mutable std::mutex mu_;
  std::condition_variable cv_;  // work for the dispatcher; progress for Drain and Stop
  std::deque<Item> queue_;
  uint64_t missed_from_ = 0, missed_to_ = 0;  // missed after the last queued item
  uint64_t accepted_through_ = 0;   // the last commit queued or missed
  uint64_t delivered_through_ = 0;  // the last commit whose event or notice was delivered
  bool stopped_ = false;
  std::thread::id dispatcher_id_;

  std::mutex join_mu_;  // one joiner at a time
  std::thread thread_;
};

class ChangeFeed {
 public:
  ChangeFeed() = default;
  ChangeFeed(const ChangeFeed&) = delete;
  ChangeFeed& operator=(const ChangeFeed&) = delete;

  // True when someone subscribes: the commit path builds events only then. A relaxed read: the
  // commit path calls it under the commit lock, and Publish settles who receives the event.
  bool active() const { return count_.load(std::memory_order_relaxed) > 0; }
  // The largest max_ids_per_change of the subscribers (ids an event needs to list).
  size_t max_ids() const { return max_ids_.load(std::memory_order_relaxed); }

  // A new subscriber, receiving the events of commits published after this returns.
  // FailedPrecondition once Close ran; ResourceExhausted when no thread can be started.
  absl::StatusOr<std::shared_ptr<Subscriber>> Add(const std::shared_ptr<ChangeFeed>& self,
                                                  FeedCallback callback,
                                                  const SubscribeOptions& options);
  void Remove(const Subscriber* subscriber);

  // Hands commit `commit`'s event to every subscriber. `event` is null when no one subscribed
  // when the commit was built (a subscriber added since then starts with the next commit).
  // REQUIRES: called under the commit lock, with increasing `commit`. Never throws.
  void Publish(uint64_t commit, const std::shared_ptr<const CommitEvent>& event) noexcept;

  // The Database is going: every subscriber stops (their pending events are dropped) and their
  // running callbacks are waited for, except the caller's own when it is one.
  void Close();

 private:
  void Recount();  // count_ and max_ids_ from subscribers_; REQUIRES: mu_ held

  std::mutex mu_;
  std::vector<std::shared_ptr<Subscriber>> subscribers_;
  bool closed_ = false;
  std::atomic<size_t> count_{0};
  std::atomic<size_t> max_ids_{0};
};

}  // namespace linkgraph::modules
