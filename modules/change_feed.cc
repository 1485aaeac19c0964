#include "modules/change_feed.h"

#include <algorithm>
#include <system_error>
#include <utility>

namespace linkgraph::modules {

Subscriber::Subscriber(FeedCallback callback, const SubscribeOptions& options)
    : callback_(std::move(callback)),
      max_pending_(options.max_pending),
      max_ids_(options.max_ids_per_change) {}

Subscriber::~Subscriber() {
  // The dispatcher holds this subscriber until it ends, so it has stopped by now, or it is the
  // thread running this destructor (the last handle dropped inside its own callback).
  if (!thread_.joinable()) return;
  if (thread_.get_id() == std::this_thread::get_id()) {
    thread_.detach();
  } else {
    thread_.join();
  }
}

void Subscriber::Start(const std::shared_ptr<Subscriber>& self, std::weak_ptr<ChangeFeed> feed) {
  feed_ = std::move(feed);
  std::lock_guard<std::mutex> join(join_mu_);
  thread_ = std::thread([self] { self->Run(); });
  std::lock_guard<std::mutex> lock(mu_);
  dispatcher_id_ = thread_.get_id();
}

void Subscriber::Push(uint64_t commit, const std::shared_ptr<const CommitEvent>& event) noexcept {
  std::lock_guard<std::mutex> lock(mu_);
  if (stopped_) return;
  accepted_through_ = commit;
  bool queued = false;
  if (queue_.size() < max_pending_) {
    try {
      queue_.push_back(Item{event, missed_from_, missed_to_});
      queued = true;
    } catch (...) {
      // No room to queue it: reported like a full queue.
    }
  }
  if (queued) {
    missed_from_ = missed_to_ = 0;
  } else {
    if (missed_to_ == 0) missed_from_ = commit;
    missed_to_ = commit;
  }
  cv_.notify_all();
}

void Subscriber::Run() {
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    cv_.wait(lock, [&] { return stopped_ || !queue_.empty() || missed_to_ != 0; });
    if (stopped_) break;
    // Next: the notice of commits missed before the oldest queued event, that event, or the
    // notice of commits missed since the last queued one.
    CommitEvent notice;
    std::shared_ptr<const CommitEvent> event;
    uint64_t through = 0;
    if (!queue_.empty() && queue_.front().missed_to == 0) {
      event = std::move(queue_.front().event);
      queue_.pop_front();
      through = event->commit;
    } else {
      uint64_t& from = queue_.empty() ? missed_from_ : queue_.front().missed_from;
      uint64_t& to = queue_.empty() ? missed_to_ : queue_.front().missed_to;
      notice.overflowed = true;
      notice.missed_from = from;
      notice.commit = to;
      through = to;
      from = to = 0;
    }
    lock.unlock();
    Deliver(event ? *event : notice);
    event.reset();  // freed outside the lock
    lock.lock();
    delivered_through_ = std::max(delivered_through_, through);
    cv_.notify_all();
  }
  // Stopped: the callback, and what it captured, go on this thread before a joiner returns.
  FeedCallback callback = std::move(callback_);
  lock.unlock();
}

void Subscriber::Deliver(const CommitEvent& event) {
  // An exception from the callback ends that call only: the dispatcher goes on with the next
  // event (no exception escapes the library, and none may end the host's thread).
  try {
    bool trim = std::any_of(event.changes.begin(), event.changes.end(),
                            [&](const Change& c) { return c.ids.size() > max_ids_; });
    if (!trim) {
      callback_(event);
      return;
    }
    // The event was built for a subscriber asking for more ids than this one.
    CommitEvent trimmed;
    trimmed.commit = event.commit;
    for (const Change& c : event.changes) {
      Change t;
      t.entity = c.entity;
      t.event = c.event;
      t.kind = c.kind;
      t.link = c.link;
      t.count = c.count;
      size_t n = std::min(c.ids.size(), max_ids_);
      t.ids.assign(c.ids.begin(), c.ids.begin() + static_cast<std::ptrdiff_t>(n));
      trimmed.changes.push_back(std::move(t));
    }
    callback_(trimmed);
  } catch (...) {
  }
}

void Subscriber::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopped_ = true;
    queue_.clear();
    missed_from_ = missed_to_ = 0;
    cv_.notify_all();
    // From the subscriber's own callback: that callback is the one running, and the last.
    if (std::this_thread::get_id() == dispatcher_id_) return;
  }
  std::lock_guard<std::mutex> join(join_mu_);
  if (thread_.joinable()) thread_.join();
}

void Subscriber::Cancel() {
  if (std::shared_ptr<ChangeFeed> feed = feed_.lock()) feed->Remove(this);
  Stop();
}

void Subscriber::Drain() {
  std::unique_lock<std::mutex> lock(mu_);
  if (std::this_thread::get_id() == dispatcher_id_) return;
  uint64_t target = accepted_through_;
  cv_.wait(lock, [&] { return stopped_ || delivered_through_ >= target; });
}

bool Subscriber::active() const {
  std::lock_guard<std::mutex> lock(mu_);
  return !stopped_;
}

absl::StatusOr<std::shared_ptr<Subscriber>> ChangeFeed::Add(
    const std::shared_ptr<ChangeFeed>& self, FeedCallback callback,
    const SubscribeOptions& options) {
  auto subscriber = std::make_shared<Subscriber>(std::move(callback), options);
  std::lock_guard<std::mutex> lock(mu_);
  if (closed_) return absl::FailedPreconditionError("the database is being destroyed");
  // Room first: once its thread runs, the subscriber must be listed (or stopped).
  subscribers_.reserve(subscribers_.size() + 1);
  try {
    subscriber->Start(subscriber, self);
  } catch (const std::system_error& e) {
    return absl::ResourceExhaustedError(std::string("cannot start the subscriber's thread: ") +
                                        e.what());
  }
  subscribers_.push_back(subscriber);
  Recount();
  return subscriber;
}

void ChangeFeed::Remove(const Subscriber* subscriber) {
  std::lock_guard<std::mutex> lock(mu_);
  subscribers_.erase(std::remove_if(subscribers_.begin(), subscribers_.end(),
                                    [&](const std::shared_ptr<Subscriber>& s) {
                                      return s.get() == subscriber;
                                    }),
                     subscribers_.end());
  Recount();
}

void ChangeFeed::Recount() {
  size_t max_ids = 0;
  for (const std::shared_ptr<Subscriber>& s : subscribers_) max_ids = std::max(max_ids, s->max_ids());
  count_.store(subscribers_.size(), std::memory_order_relaxed);
  max_ids_.store(max_ids, std::memory_order_relaxed);
}

void ChangeFeed::Publish(uint64_t commit,
                         const std::shared_ptr<const CommitEvent>& event) noexcept {
  if (event == nullptr) return;
  std::lock_guard<std::mutex> lock(mu_);
  for (const std::shared_ptr<Subscriber>& s : subscribers_) s->Push(commit, event);
}

void ChangeFeed::Close() {
  std::vector<std::shared_ptr<Subscriber>> subscribers;
  {
    std::lock_guard<std::mutex> lock(mu_);
    closed_ = true;
    subscribers.swap(subscribers_);
    Recount();
  }
  for (const std::shared_ptr<Subscriber>& s : subscribers) s->Stop();
}

}  // namespace linkgraph::modules

namespace linkgraph {

Subscription::Subscription(std::shared_ptr<modules::Subscriber> subscriber)
    : subscriber_(std::move(subscriber)) {}

Subscription::~Subscription() { Cancel(); }

Subscription::Subscription(Subscription&& other) noexcept
    : subscriber_(std::move(other.subscriber_)) {}

Subscription& Subscription::operator=(Subscription&& other) noexcept {
  if (this != &other) {
    Cancel();
    subscriber_ = std::move(other.subscriber_);
  }
  return *this;
}

void Subscription::Cancel() {
  if (subscriber_ != nullptr) subscriber_->Cancel();
}

void Subscription::Drain() {
  if (subscriber_ != nullptr) subscriber_->Drain();
}

bool Subscription::active() const { return subscriber_ != nullptr && subscriber_->active(); }

}  // namespace linkgraph
