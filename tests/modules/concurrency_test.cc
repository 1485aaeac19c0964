// DESIGN.md §5 concurrency: queries run while writes commit one at a time; a query reads one
// consistent snapshot, and a Result stays valid (and unchanged) after later writes.
#include <catch2/catch.hpp>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "linkgraph/database.h"

namespace {

const char* kSchema = R"({"modules":[
  {"name":"product","models":[{"name":"product","properties":{
     "id":{"type":"id","primaryKey":true},"title":{"type":"text"},
     "status":{"type":"enum","values":["draft","published"]}}}]},
  {"name":"review","models":[{"name":"review","properties":{
     "id":{"type":"id","primaryKey":true},"product_id":{"type":"text"},
     "rating":{"type":"number","index":true}}}],
   "links":[{"alias":"product_reviews","foreignKey":"product_id","primaryKey":"id",
             "foreignKeyTargetField":"id"}]}]})";

}  // namespace

TEST_CASE("queries see whole commits while writes go on and results outlive later writes",
          "[modules][concurrency]") {
  linkgraph::Database db;
  REQUIRE(db.RegisterJson(kSchema).ok());
  constexpr int kBatches = 150;
  std::atomic<bool> done{false};
  std::atomic<int> failures{0};

  // Each batch creates a product and its three reviews, then retitles every earlier product:
  // a reader must never see a product with fewer than three reviews, nor two titles at once.
  std::thread writer([&] {
    for (int b = 0; b < kBatches; ++b) {
      const std::string p = "p" + std::to_string(1000 + b);
      auto s = db.Write([&](linkgraph::WriteBatch& w) {
        w.Create("product", R"({"id":")" + p + R"(","title":"t)" + std::to_string(b) +
                                R"(","status":"published"})");
        std::string reviews = "[";
        for (int r = 0; r < 3; ++r) {
          reviews += std::string(r ? "," : "") + R"({"id":")" + p + "_r" + std::to_string(r) +
                     R"(","product_id":")" + p + R"(","rating":)" + std::to_string(1 + r) + "}";
        }
        w.Create("review", reviews + "]");
        w.Update("product", R"({"selector":{"status":"published"},"data":{"title":"t)" +
                                std::to_string(b) + R"("}})");
      });
      if (!s.ok()) failures.fetch_add(1);
    }
    done = true;
  });

  std::vector<std::pair<std::string, linkgraph::Result>> kept;  // reader 0's results
  auto read = [&](int reader) {
    int seen = 0;
    while (!done || seen < 3) {
      ++seen;
      auto r = db.GraphJson(R"({"entity":"product","fields":["id","title","product_reviews.rating"],
                               "filters":"product_reviews.rating >= 1"})");
      if (!r.ok()) {
        failures.fetch_add(1);
        return;
      }
      std::string title;
      for (size_t i = 0; i < r->size(); ++i) {
        linkgraph::RowView row = r->row(i);
        if (row.GetList("product_reviews").size() != 3) failures.fetch_add(1);
        std::string t(row.GetString("title"));
        if (i == 0) title = t;
        if (t != title) failures.fetch_add(1);  // one commit's titles, not a mix
      }
      if (r->count() != static_cast<int64_t>(r->size())) failures.fetch_add(1);
      if (reader == 0 && seen % 10 == 0 && kept.size() < 50) kept.emplace_back(r->ToJson(), *r);
    }
  };
  std::vector<std::thread> readers;
  for (int i = 0; i < 3; ++i) readers.emplace_back(read, i);
  writer.join();
  for (std::thread& t : readers) t.join();

  CHECK(failures.load() == 0);
  auto all = db.GraphJson(R"({"entity":"product","fields":["id"]})");
  REQUIRE(all.ok());
  CHECK(all->size() == kBatches);
  // Results taken during the writes still read exactly as they did.
  for (const auto& [json, result] : kept) CHECK(result.ToJson() == json);
}
