// The change feed (Database::Subscribe, change_feed.h): every change kind, cascades and loads
// included; nothing from failed batches and dry runs; commit order across threads; overflow;
// callbacks querying and writing; cancelling, and destroying the Database, with events pending.
#include <catch2/catch.hpp>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "linkgraph/database.h"
#include "linkgraph/links.h"

namespace {

using linkgraph::Change;
using linkgraph::ChangeKind;
using linkgraph::CommitEvent;

const char* kSchema = R"({"modules":[
  {"name":"product","models":[
    {"name":"product","properties":{
       "id":{"type":"id","prefix":"prod","primaryKey":true},"title":{"type":"text"}},
     "relationships":{"variants":{"type":"hasMany","target":"variant","mappedBy":"product"}},
     "cascades":{"delete":["variants"]}},
    {"name":"variant","properties":{
       "id":{"type":"id","primaryKey":true},"sku":{"type":"text","unique":true}},
     "relationships":{"product":{"type":"belongsTo","target":"product","mappedBy":"variants"}}}]},
  {"name":"review","models":[{"name":"review","properties":{
     "id":{"type":"id","primaryKey":true},"product_id":{"type":"text"},"rating":{"type":"number"}}}],
   "links":[{"alias":"product_reviews","foreignKey":"product_id","primaryKey":"id",
             "foreignKeyTargetField":"id","deleteCascade":true}]},
  {"name":"collection","models":[{"name":"collection","properties":{
     "id":{"type":"id","primaryKey":true},"title":{"type":"text"}}}]}],
 "defineLinks":[{"left":{"module":"product","entity":"product","isList":true},
                 "right":{"module":"collection","entity":"collection","isList":true},
                 "database":{"extraColumns":{"position":{"type":"number","nullable":true}}}}]})";

const char* KindName(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::kCreated: return "created";
    case ChangeKind::kUpdated: return "updated";
    case ChangeKind::kDeleted: return "deleted";
    case ChangeKind::kSoftDeleted: return "soft-deleted";
    case ChangeKind::kRestored: return "restored";
    case ChangeKind::kAttached: return "attached";
    case ChangeKind::kDismissed: return "dismissed";
  }
  return "?";
}

// `<kind> <entity> <ids>` per change, joined by " | "; ids listed in full, `+N` when truncated.
std::string Render(const CommitEvent& e) {
  if (e.overflowed) {
    return "overflow " + std::to_string(e.missed_from) + ".." + std::to_string(e.commit);
  }
  std::string out;
  for (const Change& c : e.changes) {
    if (!out.empty()) out += " | ";
    out += std::string(KindName(c.kind)) + " " + c.entity + " ";
    for (size_t i = 0; i < c.ids.size(); ++i) out += (i ? "," : "") + c.ids[i];
    if (c.truncated()) out += " +" + std::to_string(c.count - static_cast<int64_t>(c.ids.size()));
  }
  return out;
}

// Records every event a subscription delivers.
struct Recorder {
  std::mutex mu;
  std::vector<CommitEvent> events;

  std::function<void(const CommitEvent&)> Callback() {
    return [this](const CommitEvent& e) {
      std::lock_guard<std::mutex> lock(mu);
      events.push_back(e);
    };
  }
  std::vector<CommitEvent> Take() {
    std::lock_guard<std::mutex> lock(mu);
    std::vector<CommitEvent> out;
    out.swap(events);
    return out;
  }
};

// A gate a callback waits at until the test opens it, telling the test it arrived.
struct Gate {
  std::mutex mu;
  std::condition_variable cv;
  bool arrived = false;
  bool open = false;

  void Arrive() {
    std::unique_lock<std::mutex> lock(mu);
    arrived = true;
    cv.notify_all();
    cv.wait(lock, [&] { return open; });
  }
  void WaitArrived() {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait(lock, [&] { return arrived; });
  }
  void Open() {
    std::lock_guard<std::mutex> lock(mu);
    open = true;
    cv.notify_all();
  }
};

std::unique_ptr<linkgraph::Database> NewDatabase() {
  linkgraph::DatabaseOptions options;
  options.clock = linkgraph::TestClock(1767225600000000);
  options.id_seed = 7;
  auto db = std::make_unique<linkgraph::Database>(options);
  REQUIRE(db->RegisterJson(kSchema).ok());
  return db;
}

// A product p1 with variants v1 and v2, a review r1 of it, a collection c1 linked to it.
void Seed(linkgraph::Database& db) {
  auto s = db.Write([](linkgraph::WriteBatch& b) {
    b.Create("product",
             R"({"id":"p1","title":"Mug","variants":[{"id":"v1","sku":"A"},{"id":"v2","sku":"B"}]})");
    b.Create("review", R"({"id":"r1","product_id":"p1","rating":5})");
    b.Create("collection", R"({"id":"c1","title":"Kitchen"})");
    b.Link(R"({"product":{"product_id":"p1"},"collection":{"collection_id":"c1"}})");
  });
  REQUIRE(s.ok());
}

const char* kPair = R"({"product":{"product_id":"p1"},"collection":{"collection_id":"c1"}})";

}  // namespace

TEST_CASE("the feed reports created rows with nested creates and link rows", "[modules][feed]") {
  auto db = NewDatabase();
  Recorder rec;
  auto sub = db->Subscribe(rec.Callback());
  REQUIRE(sub.ok());
  Seed(*db);
  sub->Drain();
  std::vector<CommitEvent> events = rec.Take();
  REQUIRE(events.size() == 1);
  CHECK(events[0].commit == 1);  // Register is not a commit
  CHECK(Render(events[0]) ==
        R"(created product.product "p1" | created product.variant "v1","v2" | )"
        R"(created review.review "r1" | created collection.collection "c1" | )"
        R"(attached link.product_collection {"product":{"product_id":"p1"},"collection":{"collection_id":"c1"}})");
  REQUIRE(events[0].changes.size() == 5);
  CHECK(events[0].changes[0].event == "product.created");
  CHECK(events[0].changes[1].event == "variant.created");
  CHECK(events[0].changes[4].event == "ProductCollection.attached");
  CHECK(events[0].changes[4].link);
  CHECK_FALSE(events[0].changes[0].link);
  CHECK(events[0].changes[1].count == 2);
}

TEST_CASE("the feed reports rows created by loads", "[modules][feed]") {
  auto db = NewDatabase();
  Recorder rec;
  auto sub = db->Subscribe(rec.Callback());
  REQUIRE(sub.ok());
  auto lines = db->LoadJsonLines("review", "{\"id\":\"r1\",\"product_id\":\"p\",\"rating\":1}\n"
                                           "{\"id\":\"r2\",\"product_id\":\"p\",\"rating\":2}\n");
  REQUIRE(lines.ok());
  auto doc = db->LoadJson(R"({"product":[{"id":"p1","title":"Mug"}],
                              "collection":[{"id":"c1","title":"Kitchen"}],
                              "links":[{"product":{"product_id":"p1"},"collection":{"collection_id":"c1"}}]})");
  REQUIRE(doc.ok());
  CHECK(lines->commit == 1);
  CHECK(doc->commit == 2);
  sub->Drain();
  std::vector<CommitEvent> events = rec.Take();
  REQUIRE(events.size() == 2);
  CHECK(events[0].commit == 1);
  CHECK(Render(events[0]) == R"(created review.review "r1","r2")");
  CHECK(events[1].commit == 2);
  CHECK(Render(events[1]) ==
        R"(created product.product "p1" | created collection.collection "c1" | )"
        R"(attached link.product_collection {"product":{"product_id":"p1"},"collection":{"collection_id":"c1"}})");
}

TEST_CASE("the feed reports updated rows by key and by selector", "[modules][feed]") {
  auto db = NewDatabase();
  Seed(*db);
  Recorder rec;
  auto sub = db->Subscribe(rec.Callback());
  REQUIRE(sub.ok());
  REQUIRE(db->Service("variant").Update(R"({"id":"v2","sku":"B2"})").ok());
  REQUIRE(db->Service("product").Update(R"({"selector":{"title":"Mug"},"data":{"title":"Cup"}})").ok());
  sub->Drain();
  std::vector<CommitEvent> events = rec.Take();
  REQUIRE(events.size() == 2);
  CHECK(events[0].commit == 2);
  CHECK(Render(events[0]) == R"(updated product.variant "v2")");
  REQUIRE(events[0].changes.size() == 1);
  CHECK(events[0].changes[0].event == "variant.updated");
  CHECK(Render(events[1]) == R"(updated product.product "p1")");
}

TEST_CASE("the feed reports hard deletes with the rows their cascade reached", "[modules][feed]") {
  auto db = NewDatabase();
  Seed(*db);
  Recorder rec;
  auto sub = db->Subscribe(rec.Callback());
  REQUIRE(sub.ok());
  REQUIRE(db->Service("product").Delete(R"("p1")").ok());
  sub->Drain();
  std::vector<CommitEvent> events = rec.Take();
  REQUIRE(events.size() == 1);
  // In the order the cascade wrote them: the link row goes with its end, then the product and
  // its followers (in-module cascade, then the seed-form link's deleteCascade).
  CHECK(Render(events[0]) ==
        R"(deleted link.product_collection {"product":{"product_id":"p1"},"collection":{"collection_id":"c1"}} | )"
        R"(deleted product.product "p1" | deleted product.variant "v1","v2" | deleted review.review "r1")");
  REQUIRE(events[0].changes.size() == 4);
  CHECK(events[0].changes[0].event == "ProductCollection.detached");
  CHECK(events[0].changes[1].event == "product.deleted");
}

TEST_CASE("the feed reports soft deletes and restores with their cascades", "[modules][feed]") {
  auto db = NewDatabase();
  Seed(*db);
  Recorder rec;
  auto sub = db->Subscribe(rec.Callback());
  REQUIRE(sub.ok());
  REQUIRE(db->Service("product").SoftDelete(R"(["p1"])").ok());
  REQUIRE(db->Service("product").Restore(R"(["p1"])").ok());
  sub->Drain();
  std::vector<CommitEvent> events = rec.Take();
  REQUIRE(events.size() == 2);
  CHECK(Render(events[0]) ==
        R"(soft-deleted product.product "p1" | )"
        R"(dismissed link.product_collection {"product":{"product_id":"p1"},"collection":{"collection_id":"c1"}} | )"
        R"(soft-deleted product.variant "v1","v2" | soft-deleted review.review "r1")");
  REQUIRE(events[0].changes.size() == 4);
  CHECK(events[0].changes[0].event == "product.deleted");  // Medusa's name for a soft delete
  CHECK(events[0].changes[1].event == "ProductCollection.detached");
  CHECK(Render(events[1]) ==
        R"(restored product.product "p1" | )"
        R"(restored link.product_collection {"product":{"product_id":"p1"},"collection":{"collection_id":"c1"}} | )"
        R"(restored product.variant "v1","v2" | restored review.review "r1")");
  REQUIRE(events[1].changes.size() == 4);
  CHECK(events[1].changes[0].event == "product.restored");
  CHECK(events[1].changes[1].event == "ProductCollection.attached");
}

TEST_CASE("the feed reports link rows attached updated dismissed restored and deleted",
          "[modules][feed]") {
  auto db = NewDatabase();
  REQUIRE(db->LoadJson(R"({"product":[{"id":"p1","title":"Mug"}],
                           "collection":[{"id":"c1","title":"Kitchen"}]})")
              .ok());
  Recorder rec;
  auto sub = db->Subscribe(rec.Callback());
  REQUIRE(sub.ok());
  linkgraph::Links links = db->Links();
  const std::string pair = kPair;
  const std::string with_data =
      R"({"product":{"product_id":"p1"},"collection":{"collection_id":"c1"},"data":{"position":2}})";
  REQUIRE(links.Create(pair).ok());
  REQUIRE(links.Create(with_data).ok());  // the live pair: its data updated
  REQUIRE(links.Dismiss(pair).ok());
  REQUIRE(links.Dismiss(pair).ok());  // already dismissed: nothing changes
  REQUIRE(links.Restore(pair).ok());
  REQUIRE(links.Dismiss(pair).ok());
  REQUIRE(links.Create(pair).ok());  // the dismissed pair: restored
  REQUIRE(links.Delete(pair).ok());
  sub->Drain();
  std::vector<CommitEvent> events = rec.Take();
  std::vector<std::string> seen;
  for (const CommitEvent& e : events) {
    seen.push_back(std::to_string(e.commit) + " " + Render(e));
  }
  const std::string p = pair;
  CHECK(seen == std::vector<std::string>{
                    "2 attached link.product_collection " + p,
                    "3 updated link.product_collection " + p,
                    "4 dismissed link.product_collection " + p,
                    "5 ",  // a commit that changed nothing still has its number and event
                    "6 restored link.product_collection " + p,
                    "7 dismissed link.product_collection " + p,
                    "8 restored link.product_collection " + p,
                    "9 deleted link.product_collection " + p});
  REQUIRE(events.size() == 8);
  REQUIRE(events[1].changes.size() == 1);
  REQUIRE(events[7].changes.size() == 1);
  CHECK(events[1].changes[0].event == "ProductCollection.updated");
  CHECK(events[7].changes[0].event == "ProductCollection.detached");
}

TEST_CASE("the feed compares each row before and after the commit", "[modules][feed]") {
  auto db = NewDatabase();
  Seed(*db);
  Recorder rec;
  auto sub = db->Subscribe(rec.Callback());
  REQUIRE(sub.ok());
  // Created then deleted: not reported at all.
  REQUIRE(db->Write([](linkgraph::WriteBatch& b) {
              b.Create("collection", R"({"id":"c2","title":"Gone"})");
              b.Delete("collection", R"("c2")");
            }).ok());
  // Created then soft-deleted: both; updated twice: once.
  REQUIRE(db->Write([](linkgraph::WriteBatch& b) {
              b.Create("collection", R"([{"id":"c3","title":"Hidden"},{"id":"c4","title":"Kept"}])");
              b.SoftDelete("collection", R"("c3")");
              b.Update("collection", R"({"id":"c1","title":"Kitchen 2"})");
              b.Update("collection", R"({"id":"c1","title":"Kitchen 3"})");
            }).ok());
  // Soft-deleted and restored: unchanged.
  REQUIRE(db->Write([](linkgraph::WriteBatch& b) {
              b.SoftDelete("collection", R"("c4")");
              b.Restore("collection", R"("c4")");
            }).ok());
  sub->Drain();
  std::vector<std::string> seen;
  for (const CommitEvent& e : rec.Take()) seen.push_back(std::to_string(e.commit) + " " + Render(e));
  CHECK(seen == std::vector<std::string>{
                    "2 ",
                    R"(3 created collection.collection "c3","c4" | )"
                    R"(soft-deleted collection.collection "c3" | updated collection.collection "c1")",
                    "4 "});
}

TEST_CASE("a failed batch and a dry run emit nothing and take no commit number",
          "[modules][feed]") {
  auto db = NewDatabase();
  Recorder rec;
  auto sub = db->Subscribe(rec.Callback());
  REQUIRE(sub.ok());
  auto first = db->Write([](linkgraph::WriteBatch& b) {
    b.Create("product", R"({"id":"p1","title":"Mug"})");
  });
  REQUIRE(first.ok());
  // Rows written, a cascade run, then a failure: all rolled back, nothing emitted.
  auto failed = db->Write([](linkgraph::WriteBatch& b) {
    b.Create("product", R"({"id":"p2","title":"Cup"})");
    b.Delete("product", R"("p1")");
    b.Create("product", R"({"id":"p3","nope":1})");
  });
  REQUIRE_FALSE(failed.ok());
  auto dry = db->DryRun([](linkgraph::WriteBatch& b) {
    b.Create("product", R"({"id":"p4","title":"Bowl"})");
  });
  REQUIRE(dry.ok());
  REQUIRE_FALSE(db->Service("product").Create(R"({"id":"p1","title":"again"})").ok());
  auto next = db->Write([](linkgraph::WriteBatch& b) {
    b.Create("product", R"({"id":"p5","title":"Plate"})");
  });
  REQUIRE(next.ok());
  CHECK(first->commit == 1);
  CHECK(next->commit == 2);
  sub->Drain();
  std::vector<CommitEvent> events = rec.Take();
  REQUIRE(events.size() == 2);
  CHECK(events[0].commit == 1);
  CHECK(Render(events[0]) == R"(created product.product "p1")");
  CHECK(events[1].commit == 2);
  CHECK(Render(events[1]) == R"(created product.product "p5")");
}

TEST_CASE("a large load lists the first ids and counts every row", "[modules][feed]") {
  auto db = NewDatabase();
  Recorder few, all;
  linkgraph::SubscribeOptions three;
  three.max_ids_per_change = 3;
  linkgraph::SubscribeOptions unlimited;
  unlimited.max_ids_per_change = SIZE_MAX;
  auto sub_few = db->Subscribe(few.Callback(), three);
  auto sub_all = db->Subscribe(all.Callback(), unlimited);
  REQUIRE(sub_few.ok());
  REQUIRE(sub_all.ok());
  std::string lines;
  for (int i = 0; i < 1000; ++i) {
    lines += R"({"id":"r)" + std::to_string(i) + R"(","product_id":"p","rating":1})" "\n";
  }
  REQUIRE(db->LoadJsonLines("review", lines).ok());
  sub_few->Drain();
  sub_all->Drain();
  std::vector<CommitEvent> a = few.Take(), b = all.Take();
  REQUIRE(a.size() == 1);
  REQUIRE(b.size() == 1);
  REQUIRE(a[0].changes.size() == 1);
  CHECK(Render(a[0]) == R"(created review.review "r0","r1","r2" +997)");
  CHECK(a[0].changes[0].count == 1000);
  CHECK(a[0].changes[0].truncated());
  REQUIRE(b[0].changes.size() == 1);
  CHECK(b[0].changes[0].count == 1000);
  REQUIRE(b[0].changes[0].ids.size() == 1000);
  CHECK(b[0].changes[0].ids[999] == R"("r999")");
  CHECK_FALSE(b[0].changes[0].truncated());
}

TEST_CASE("commits from 4 writer threads reach 2 subscribers in commit order without gaps",
          "[modules][feed][concurrency]") {
  auto db = NewDatabase();
  constexpr int kThreads = 4, kWrites = 150;
  linkgraph::SubscribeOptions roomy;
  roomy.max_pending = kThreads * kWrites;  // no overflow: every event is checked
  Recorder recs[2];
  std::optional<linkgraph::Subscription> subs[2];
  for (int s = 0; s < 2; ++s) {
    auto sub = db->Subscribe(recs[s].Callback(), roomy);
    REQUIRE(sub.ok());
    subs[s].emplace(std::move(*sub));
  }
  std::mutex written_mu;
  std::map<uint64_t, std::string> written;  // commit -> the id it created
  std::atomic<int> failures{0};
  std::vector<std::thread> writers;
  for (int t = 0; t < kThreads; ++t) {
    writers.emplace_back([&, t] {
      for (int i = 0; i < kWrites; ++i) {
        std::string id = "w" + std::to_string(t) + "_" + std::to_string(i);
        auto s = db->Write([&](linkgraph::WriteBatch& b) {
          b.Create("product", R"({"id":")" + id + R"(","title":"t"})");
        });
        if (!s.ok()) {
          failures.fetch_add(1);
          continue;
        }
        std::lock_guard<std::mutex> lock(written_mu);
        written[s->commit] = "\"" + id + "\"";
      }
    });
  }
  for (std::thread& w : writers) w.join();
  CHECK(failures.load() == 0);
  REQUIRE(written.size() == static_cast<size_t>(kThreads * kWrites));
  for (int s = 0; s < 2; ++s) {
    subs[s]->Drain();
    std::vector<CommitEvent> events = recs[s].Take();
    REQUIRE(events.size() == written.size());
    uint64_t expected = 1;
    int wrong = 0;
    for (const CommitEvent& e : events) {
      if (e.overflowed || e.commit != expected || e.changes.size() != 1 ||
          e.changes[0].ids.size() != 1 || e.changes[0].ids[0] != written[e.commit]) {
        ++wrong;
      }
      ++expected;
    }
    CHECK(wrong == 0);
  }
}

TEST_CASE("a blocked subscriber gets an overflow notice and never stalls commits",
          "[modules][feed][concurrency]") {
  auto db = NewDatabase();
  Gate gate;
  Recorder blocked, other;
  linkgraph::SubscribeOptions two;
  two.max_pending = 2;
  auto sub = db->Subscribe(
      [&](const CommitEvent& e) {
        if (e.commit == 1) gate.Arrive();
        blocked.Callback()(e);
      },
      two);
  auto sub_other = db->Subscribe(other.Callback(), two);
  REQUIRE(sub.ok());
  REQUIRE(sub_other.ok());
  auto create = [&](int i) {
    std::string id = "p" + std::to_string(i);
    return db->Service("product").Create(R"({"id":")" + id + R"(","title":"t"})").ok();
  };
  REQUIRE(create(1));
  gate.WaitArrived();  // the callback holds commit 1
  // Commits 2 and 3 fill its queue; 4 to 6 find it full. None waits for the callback.
  for (int i = 2; i <= 6; ++i) {
    REQUIRE(create(i));
    sub_other->Drain();  // the other subscriber keeps up with each commit
  }
  CHECK(other.Take().size() == 6);
  gate.Open();
  sub->Drain();
  REQUIRE(create(7));  // after the notice, events flow again
  sub->Drain();
  std::vector<std::string> seen;
  for (const CommitEvent& e : blocked.Take()) {
    seen.push_back(std::to_string(e.commit) + " " + Render(e));
  }
  CHECK(seen == std::vector<std::string>{"1 created product.product \"p1\"",
                                         "2 created product.product \"p2\"",
                                         "3 created product.product \"p3\"",
                                         "6 overflow 4..6",
                                         "7 created product.product \"p7\""});
}

TEST_CASE("a callback may query and write the database", "[modules][feed][concurrency]") {
  auto db = NewDatabase();
  std::mutex mu;
  std::vector<std::string> seen;
  auto sub = db->Subscribe([&](const CommitEvent& e) {
    for (const Change& c : e.changes) {
      if (c.entity != "product.product" || c.kind != ChangeKind::kCreated) continue;
      // The commit is visible to the callback's queries.
      auto r = db->GraphJson(R"({"entity":"product","fields":["id","title"],"filters":{"id":)" +
                             c.ids[0] + "}}");
      std::lock_guard<std::mutex> lock(mu);
      seen.push_back(r.ok() ? r->ToJson() : r.status().ToString());
      // A write from the callback: its own event comes after this one.
      auto w = db->Service("review").Create(R"({"id":"audit","product_id":)" + c.ids[0] +
                                            R"(,"rating":0})");
      if (!w.ok()) seen.push_back(w.status().ToString());
    }
    if (!e.changes.empty() && e.changes[0].entity == "review.review") {
      std::lock_guard<std::mutex> lock(mu);
      seen.push_back(std::to_string(e.commit) + " " + Render(e));
    }
  });
  REQUIRE(sub.ok());
  REQUIRE(db->Service("product").Create(R"({"id":"p1","title":"Mug"})").ok());
  sub->Drain();  // commit 1 delivered; its callback made commit 2
  sub->Drain();  // commit 2 delivered
  std::lock_guard<std::mutex> lock(mu);
  CHECK(seen == std::vector<std::string>{
                    R"({"data":[{"id":"p1","title":"Mug"}],"metadata":{"count":1,"skip":0,"take":null}})",
                    R"(2 created review.review "audit")"});
}

TEST_CASE("cancelling a subscription drops its pending events and waits for its callback",
          "[modules][feed][concurrency]") {
  auto db = NewDatabase();
  Gate gate;
  Recorder rec;
  auto sub = db->Subscribe([&](const CommitEvent& e) {
    if (e.commit == 1) gate.Arrive();
    rec.Callback()(e);
  });
  REQUIRE(sub.ok());
  REQUIRE(db->Service("product").Create(R"({"id":"p1","title":"t"})").ok());
  gate.WaitArrived();
  REQUIRE(db->Service("product").Create(R"({"id":"p2","title":"t"})").ok());
  REQUIRE(db->Service("product").Create(R"({"id":"p3","title":"t"})").ok());  // 2 and 3 pending
  std::atomic<bool> cancelled{false};
  std::thread canceller([&] {
    sub->Cancel();
    cancelled = true;
  });
  while (sub->active()) std::this_thread::yield();  // Cancel has stopped it and now waits
  CHECK_FALSE(cancelled.load());                    // for the callback holding commit 1
  gate.Open();
  canceller.join();
  CHECK(cancelled.load());
  REQUIRE(db->Service("product").Create(R"({"id":"p4","title":"t"})").ok());
  sub->Drain();  // returns at once: stopped
  std::vector<CommitEvent> events = rec.Take();
  REQUIRE(events.size() == 1);
  CHECK(events[0].commit == 1);
}

TEST_CASE("a callback may cancel or destroy its own subscription", "[modules][feed][concurrency]") {
  auto db = NewDatabase();
  Recorder rec;
  // Set before the first commit, so before any callback runs; Cancel may be called on one
  // Subscription from several threads.
  std::optional<linkgraph::Subscription> own;
  std::atomic<int> calls{0};
  auto sub = db->Subscribe([&](const CommitEvent& e) {
    rec.Callback()(e);
    calls.fetch_add(1);
    own->Cancel();  // does not wait for itself
  });
  REQUIRE(sub.ok());
  own.emplace(std::move(*sub));
  REQUIRE(db->Service("product").Create(R"({"id":"p1","title":"t"})").ok());
  REQUIRE(db->Service("product").Create(R"({"id":"p2","title":"t"})").ok());
  own->Drain();   // until commit 1 is delivered (its callback stops the subscription)
  own->Cancel();  // joins the dispatcher
  CHECK(calls.load() == 1);  // commit 2, queued or not, was dropped
  CHECK(rec.Take().size() == 1);

  // Destroying the handle from inside the callback: the dispatcher finishes on its own.
  Recorder rec2;
  std::optional<linkgraph::Subscription> self;
  Gate done;
  auto sub2 = db->Subscribe([&](const CommitEvent& e) {
    rec2.Callback()(e);
    self.reset();
    done.Open();
  });
  REQUIRE(sub2.ok());
  self.emplace(std::move(*sub2));
  REQUIRE(db->Service("product").Create(R"({"id":"p3","title":"t"})").ok());
  {
    std::unique_lock<std::mutex> lock(done.mu);
    done.cv.wait(lock, [&] { return done.open; });
  }
  REQUIRE(db->Service("product").Create(R"({"id":"p4","title":"t"})").ok());
  std::vector<CommitEvent> events = rec2.Take();
  REQUIRE(events.size() == 1);
  CHECK(events[0].commit == 3);
}

TEST_CASE("destroying the database stops its live subscriptions", "[modules][feed][concurrency]") {
  auto db = NewDatabase();
  Gate gate;
  Recorder rec, idle;
  auto sub = db->Subscribe([&](const CommitEvent& e) {
    if (e.commit == 1) gate.Arrive();
    rec.Callback()(e);
  });
  auto sub_idle = db->Subscribe(idle.Callback());
  REQUIRE(sub.ok());
  REQUIRE(sub_idle.ok());
  REQUIRE(db->Service("product").Create(R"({"id":"p1","title":"t"})").ok());
  gate.WaitArrived();
  REQUIRE(db->Service("product").Create(R"({"id":"p2","title":"t"})").ok());
  std::atomic<bool> destroyed{false};
  std::thread destroyer([&] {
    db.reset();
    destroyed = true;
  });
  while (sub->active()) std::this_thread::yield();
  CHECK_FALSE(destroyed.load());  // ~Database waits for the running callback
  gate.Open();
  destroyer.join();
  CHECK(destroyed.load());
  CHECK_FALSE(sub_idle->active());
  sub->Drain();  // no-ops once the Database is gone
  sub->Cancel();
  std::vector<CommitEvent> events = rec.Take();
  REQUIRE(events.size() == 1);  // commit 2 was pending: dropped
  CHECK(events[0].commit == 1);
}

TEST_CASE("Subscribe refuses an empty callback and an empty queue", "[modules][feed]") {
  auto db = NewDatabase();
  auto none = db->Subscribe(nullptr);
  REQUIRE_FALSE(none.ok());
  CHECK(none.status().code() == absl::StatusCode::kInvalidArgument);
  linkgraph::SubscribeOptions zero;
  zero.max_pending = 0;
  auto empty = db->Subscribe([](const CommitEvent&) {}, zero);
  REQUIRE_FALSE(empty.ok());
  CHECK(empty.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(std::string(empty.status().message()).find("max_pending") != std::string::npos);
  linkgraph::Subscription inert;  // default-constructed: inert
  inert.Cancel();
  inert.Drain();
  CHECK_FALSE(inert.active());
}
