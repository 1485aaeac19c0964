// The change feed (Database::Subscribe): after each commit, in commit order, a subscriber's
// callback receives the commit's number and what it changed, entity by entity, as Medusa emits
// its events (`product.created`, `product-variant.deleted`, `ProductCollection.attached`).
//
// Example:
//   absl::StatusOr<linkgraph::Subscription> sub =
//       db.Subscribe([](const linkgraph::CommitEvent& e) {
//         for (const linkgraph::Change& c : e.changes) {
//           std::cout << e.commit << " " << c.event << " " << c.count << "\n";
//         }
//       });
//   db.Service("product").Create(R"({"title":"Shirt"})");   // prints `1 product.created 1`
//   sub->Drain();   // waits until the callback has seen every commit made so far
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "linkgraph/export.h"

namespace linkgraph {

namespace modules {
class Subscriber;
}  // namespace modules

// What a commit did to a set of rows of one entity (or one defineLink's link rows). The state
// before the commit is compared with the state after it, row by row:
//   kCreated      a row that did not exist (rows loaded, created nested in their parent, and
//                 the pivot rows of manyToMany ids given on create included);
//   kUpdated      an existing row with fields set (a link row: its extra columns);
//   kDeleted      a row deleted (hard), by the call or by a cascade; a link row deleted;
//   kSoftDeleted  a live row soft-deleted, by the call or by a cascade;
//   kRestored     a soft-deleted row live again (a link row: restored, or re-created by
//                 Links().Create of the same pair, or brought back with its restored end);
//   kAttached     a new link row (Links().Create, a data document's "links");
//   kDismissed    a live link row soft-deleted (Links().Dismiss, or its end soft-deleted).
// A row created and deleted by the same commit is not reported; a row created soft-deleted
// (deleted_at given) is reported as created and soft-deleted (link rows: attached and
// dismissed); a row soft-deleted and restored by the same commit is reported only if fields
// were set (updated).
enum class ChangeKind : uint8_t {
  kCreated, kUpdated, kDeleted, kSoftDeleted, kRestored, kAttached, kDismissed
};

struct Change {
  // The entity as `module.entity` ("product.product"); for link rows the pivot entity of the
  // defineLink ("link.product_collection").
  std::string entity{};
  // Medusa's event name: `<kebab(Entity)>.created|updated|deleted|restored` for entities
  // (soft deletes are `deleted`, as Medusa emits them); `<PivotEntity>.attached|detached|updated`
  // for link rows (attached and restored are `attached`, dismissed and deleted `detached`).
  std::string event{};
  ChangeKind kind = ChangeKind::kCreated;
  bool link = false;  // link rows of a defineLink pivot
  // How many rows changed; `ids` lists the first of them (SubscribeOptions::max_ids_per_change
  // at most), in the order the commit wrote them.
  int64_t count = 0;
  // JSON text, ready to pass back to the API: for entities the primary key (`"prod_01H…"` with
  // its quotes, or `42`); for link rows the link row in the link service's shape,
  // `{"product":{"product_id":"p1"},"collection":{"collection_id":"c1"}}`.
  std::vector<std::string> ids{};
  // True when `ids` lists fewer rows than `count` (a large load or update).
  bool truncated() const { return static_cast<int64_t>(ids.size()) < count; }
};

struct CommitEvent {
  // The commit's number: 1 for the first commit of the Database, then one more per commit that
  // succeeded (a failed write, a dry run and Register take none and emit nothing).
  uint64_t commit = 0;
  // Grouped by entity and kind, in the order of the first row the commit wrote of each group.
  std::vector<Change> changes{};
  // An overflow notice instead of a commit: the subscriber's queue was full, and the events of
  // commits `missed_from` … `commit` (both included) were dropped for it; `changes` is empty.
  // Every commit number reaches a subscriber exactly once, in an event or in a notice.
  bool overflowed = false;
  uint64_t missed_from = 0;
};

struct SubscribeOptions {
  // Events waiting for this subscriber's callback at most; a commit arriving when the queue is
  // full is dropped for this subscriber and reported by an overflow notice. At least 1.
  size_t max_pending = 1024;
  // Ids listed per Change at most (Change::count always has the total), bounding what a large
  // load costs a subscriber: a 500,000-row load is one Change with count 500000 and the first
  // 10,000 ids. SIZE_MAX lists them all.
  size_t max_ids_per_change = 10000;
};

// A subscription (Database::Subscribe). Move-only; destroying it cancels it.
class LINKGRAPH_EXPORT Subscription {
 public:
  Subscription() = default;  // inert: Cancel and Drain do nothing
  ~Subscription();
  Subscription(Subscription&& other) noexcept;
  Subscription& operator=(Subscription&& other) noexcept;
  Subscription(const Subscription&) = delete;
  Subscription& operator=(const Subscription&) = delete;

  // Stops the subscription: events not yet delivered are dropped, no callback starts after it
  // returns, and it returns once the callback running (if any) has returned. Idempotent.
  // Called from the subscription's own callback, it does not wait (the caller is that
  // callback): the callback runs to its end and is the last one. Safe from any thread, also
  // after the Database is gone. (Two callbacks each cancelling the other's subscription would
  // wait for each other, like two threads joining each other.)
  void Cancel();
  // Waits until the callback has returned for every commit made before this call (events and
  // overflow notices), or the subscription stopped. Returns at once when called from the
  // subscription's own callback.
  void Drain();
  // False once cancelled, or once its Database is destroyed.
  bool active() const;

 private:
  friend class Database;
  explicit Subscription(std::shared_ptr<modules::Subscriber> subscriber);
  std::shared_ptr<modules::Subscriber> subscriber_;
};

}  // namespace linkgraph
