#include <catch2/catch.hpp>

#include <string>

#include "linkgraph/database.h"

// Database::LoadJsonLines and WriteBatch::CreateLines: one row object per line, nothing after it;
// a UTF-8 byte-order mark at the very start of the text is skipped.
namespace {

void RegisterReviews(linkgraph::Database& db) {
  REQUIRE(db.RegisterJson(R"({"modules":[{"name":"review","models":[{"name":"review",
    "properties":{"id":{"type":"id","primaryKey":true},"rating":{"type":"number"}}}]}]})")
              .ok());
}

int64_t Reviews(linkgraph::Database& db) {
  auto r = db.GraphJson(R"({"entity":"review","fields":["id"]})");
  REQUIRE(r.ok());
  return static_cast<int64_t>(r->size());
}

}  // namespace

TEST_CASE("JSON Lines content after a row's object is an error at its line", "[modules]") {
  linkgraph::Database db;
  RegisterReviews(db);
  for (const char* text : {"{\"id\":\"r1\",\"rating\":1}\n{\"id\":\"r2\",\"rating\":2} "
                           "{\"id\":\"r3\",\"rating\":3}\n",
                           "{\"id\":\"r1\",\"rating\":1}\n{\"id\":\"r2\",\"rating\":2}}\n",
                           "{\"id\":\"r1\",\"rating\":1}\n{\"id\":\"r2\",\"rating\":2} x\n",
                           "{\"id\":\"r1\",\"rating\":1}\n{\"id\":\"r2\",\"rating\":2},\n"}) {
    INFO(text);
    auto loaded = db.LoadJsonLines("review", text);
    REQUIRE_FALSE(loaded.ok());
    CHECK(loaded.status().code() == absl::StatusCode::kInvalidArgument);
    std::string message(loaded.status().message());
    CHECK(message.find("content after the row's object on its line (line 2)") != std::string::npos);
    CHECK(Reviews(db) == 0);
  }
  // An object cut short is not content after one.
  auto cut = db.LoadJsonLines("review", "{\"id\":\"r1\",\"rating\":1\n");
  REQUIRE_FALSE(cut.ok());
  CHECK(std::string(cut.status().message()).find("content after") == std::string::npos);
  auto w = db.Write([](linkgraph::WriteBatch& b) {
    b.CreateLines("review", "{\"id\":\"r1\",\"rating\":1} {\"id\":\"r2\",\"rating\":2}\n",
                  "reviews.jsonl");
  });
  REQUIRE_FALSE(w.ok());
  CHECK(std::string(w.status().message()).find("reviews.jsonl:1") != std::string::npos);
  // Blanks after the object are not content.
  CHECK(db.LoadJsonLines("review", "{\"id\":\"r1\",\"rating\":1}  \t\r\n").ok());
  CHECK(Reviews(db) == 1);
}

TEST_CASE("JSON Lines skip a byte-order mark at the start of the text only", "[modules]") {
  linkgraph::Database db;
  RegisterReviews(db);
  auto loaded = db.LoadJsonLines("review", "\xEF\xBB\xBF{\"id\":\"r1\",\"rating\":1}\n");
  REQUIRE(loaded.ok());
  CHECK(Reviews(db) == 1);
  auto second = db.LoadJsonLines("review",
                                 "{\"id\":\"r2\",\"rating\":1}\n\xEF\xBB\xBF{\"id\":\"r3\",\"rating\":1}\n");
  REQUIRE_FALSE(second.ok());
  CHECK(std::string(second.status().message()).find("(line 2)") != std::string::npos);
  CHECK(Reviews(db) == 1);
}
