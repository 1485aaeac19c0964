// Long and deep filters through the whole pipeline (issue #15 items 1 and 5): the binder checks
// the depth of a dotted path before copying anything, so its cost stays linear in the input,
// and every refusal is one short line.
#include <catch2/catch.hpp>

#include <chrono>
#include <string>

#include "linkgraph/database.h"

namespace {

std::string Repeat(const std::string& s, size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

linkgraph::Database& Db() {
  static linkgraph::Database* db = [] {
    auto* d = new linkgraph::Database();
    absl::Status s = d->RegisterJson(R"({"modules":[
      {"name":"product","models":[{"name":"product","properties":{
         "id":{"type":"id","primaryKey":true},"title":{"type":"text"},
         "parent_id":{"type":"text","nullable":true},"attrs":{"type":"json","nullable":true}}}],
       "links":[{"alias":"children","foreignKey":"parent_id","primaryKey":"id",
                 "foreignKeyTargetField":"id","entity":"product"}]}]})");
    if (!s.ok()) FAIL(s.ToString());
    return d;
  }();
  return *db;
}

void CheckShort(const absl::StatusOr<linkgraph::Result>& r, const std::string& fragment) {
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == absl::StatusCode::kInvalidArgument);
  std::string m(r.status().message());
  INFO(m.substr(0, 400));
  CHECK(m.size() < 300);
  CHECK(m.find('\n') == std::string::npos);
  CHECK(m.find(fragment) != std::string::npos);
}

}  // namespace

TEST_CASE("a filter path of 2M dots is refused in linear time", "[modules][limits]") {
  auto start = std::chrono::steady_clock::now();
  // 4 MB JSON key: p.p.….id through the self relation `parent`.
  std::string key = Repeat("parent.", 600000) + "id";
  CheckShort(Db().GraphJson(R"({"entity":"product","fields":["id"],"filters":{")" + key +
                            R"(":"x"}})"),
             "filter nested deeper than");
  key = Repeat("p.", 2000000) + "id";
  CheckShort(Db().GraphJson(R"({"entity":"product","fields":["id"],"filters":{")" + key +
                            R"(":"x"}})"),
             "filter nested deeper than");
  // 800 KB text path.
  std::string text = Repeat("parent.", 110000) + "id = 'x'";
  linkgraph::GraphRequest req{.entity = "product", .fields = {"id"}};
  req.filters = text;
  CheckShort(Db().Graph(req), "filter nested deeper than");
  // A group over a long path.
  req.filters = Repeat("parent.", 110000) + "(id = 'x')";
  CheckShort(Db().Graph(req), "filter nested deeper than");
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(seconds < 20);
}

TEST_CASE("paths within the depth limit still bind", "[modules][limits]") {
  linkgraph::GraphRequest req{.entity = "product", .fields = {"id"}};
  req.filters = Repeat("parent.", 40) + "id = 'x'";
  auto r = Db().Graph(req);
  REQUIRE(r.ok());
  req.filters = Repeat("children.", 40) + "(id = 'x')";
  r = Db().Graph(req);
  REQUIRE(r.ok());
  auto j = Db().GraphJson(R"({"entity":"product","fields":["id"],"filters":{")" +
                          Repeat("parent.", 40) + R"(id":"x"}})");
  REQUIRE(j.ok());
}

TEST_CASE("unknown names in long paths make short messages", "[modules][limits]") {
  std::string name(1000000, 'z');
  CheckShort(Db().GraphJson(R"({"entity":"product","fields":["id"],"filters":{")" + name +
                            R"(.id":"x"}})"),
             "unknown alias");
  CheckShort(Db().GraphJson(R"({"entity":"product","fields":["id"],"filters":{")" + name +
                            R"(":"x"}})"),
             "unknown field");
  CheckShort(Db().GraphJson(R"({"entity":"product","fields":["id"],"filters":{"parent":{")" +
                            name + R"(":"x"}}})"),
             "unknown field");
}

TEST_CASE("a deep $contains document is refused by depth", "[modules][limits]") {
  std::string deep = R"({"entity":"product","fields":["id"],"filters":{"attrs":{"$contains":)" +
                     Repeat(R"({"a":)", 100000) + "1" + std::string(100000, '}') + "}}}";
  CheckShort(Db().GraphJson(deep), "nested too deeply");
  deep = R"({"entity":"product","fields":["id"],"filters":{"attrs":{"$contains":[)" +
         std::string(100000, '[') + std::string(100000, ']') + "]}}}";
  CheckShort(Db().GraphJson(deep), "nested too deeply");
  auto ok = Db().GraphJson(R"({"entity":"product","fields":["id"],"filters":{"attrs":{"$contains":)" +
                           Repeat(R"({"a":)", 100) + "1" + std::string(100, '}') + "}}}");
  CHECK(ok.ok());
}
