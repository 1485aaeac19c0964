// The shell's statement grammar (dsl/statement.h): cutting sources into chunks, statements with
// quoted names, JSON and comments, and errors located by line and column.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/analyze.hpp>

#include "dsl/grammar_statement.h"
#include "dsl/location.h"
#include "dsl/statement.h"

namespace {

using linkgraph::dsl::Script;
using linkgraph::dsl::ScriptChunk;
using linkgraph::dsl::Statement;

using Kind = ScriptChunk::Kind;

// Each chunk as "<kind letter>:<text>" ('s' statement, 'd' dot command, 'm' schema text), with
// "!" appended when it is not terminated.
std::vector<std::string> Chunks(const std::string& text) {
  Script script = linkgraph::dsl::SplitScript(text);
  REQUIRE(script.blanked.size() == text.size());
  std::vector<std::string> out;
  for (const ScriptChunk& c : script.chunks) {
    std::string s(1, c.kind == Kind::kStatement ? 's' : c.kind == Kind::kDot ? 'd' : 'm');
    s += ":" + script.blanked.substr(c.begin, c.end - c.begin);
    if (!c.terminated) s += "!";
    out.push_back(s);
  }
  return out;
}

// The single statement of `text`.
absl::StatusOr<Statement> Parse(const std::string& text) {
  Script script = linkgraph::dsl::SplitScript(text);
  REQUIRE(script.chunks.size() == 1);
  REQUIRE(script.chunks[0].kind == Kind::kStatement);
  return linkgraph::dsl::ParseStatement(text, script.blanked, script.chunks[0]);
}

std::string Error(const std::string& text) {
  absl::StatusOr<Statement> st = Parse(text);
  REQUIRE_FALSE(st.ok());
  CHECK(st.status().code() == absl::StatusCode::kInvalidArgument);
  return linkgraph::dsl::Msg(st.status());
}

}  // namespace

TEST_CASE("statement grammars have no cycles without progress", "[dsl]") {
  namespace g = linkgraph::dsl::grammar::statement;
  CHECK(tao::pegtl::analyze<g::script>() == 0);
  CHECK(tao::pegtl::analyze<g::statement_text>() == 0);
}

TEST_CASE("sources split at semicolons outside strings and JSON and comments", "[dsl]") {
  CHECK(Chunks("graph p fields id; -- all\n.timer on\n") ==
        std::vector<std::string>{"s:graph p fields id", "d:.timer on"});
  CHECK(Chunks("create p {\"a\": \"x;y\", \"b\": [{\"c\": \";\"}]}; graph p fields id") ==
        std::vector<std::string>{"s:create p {\"a\": \"x;y\", \"b\": [{\"c\": \";\"}]}",
                                 "s:graph p fields id!"});
  CHECK(Chunks("graph p fields id where t = 'a;b' -- c;d\n  and u = 'x';;") ==
        std::vector<std::string>{"s:graph p fields id where t = 'a;b' " + std::string(6, ' ') +
                                 "\n  and u = 'x'"});
  CHECK(Chunks("graph \"a;b\" fields id;\n  .help") ==
        std::vector<std::string>{"s:graph \"a;b\" fields id", "d:.help!"});
  // A dot is a command only first on its line.
  CHECK(Chunks("graph p fields id; .help;") ==
        std::vector<std::string>{"s:graph p fields id", "s:.help"});
  CHECK(Chunks("/* c */ .tables\n// x\n") == std::vector<std::string>{"d:.tables"});
  CHECK(Chunks("module m {\n  model.define(\"x\", {})\n}\ngraph x fields id;") ==
        std::vector<std::string>{"m:module m {\n  model.define(\"x\", {})\n}!",
                                 "s:graph x fields id"});
  CHECK(Chunks("module m {\n") == std::vector<std::string>{"m:module m {!"});
  CHECK(Chunks("model.define(\"a\", {}); Module(\"a\", {}); module b {}") ==
        std::vector<std::string>{"m:model.define(\"a\", {}); Module(\"a\", {})", "m:module b {}"});
}

TEST_CASE("splitting any nesting depth neither recurses nor fails", "[dsl]") {
  std::string deep = "create p " + std::string(100000, '[') + "; graph p fields id;";
  std::vector<std::string> chunks = Chunks(deep);
  REQUIRE(chunks.size() == 1);
  CHECK(chunks[0].back() == '!');
}

TEST_CASE("graph statements with quoted names", "[dsl]") {
  absl::StatusOr<Statement> st = Parse("graph \"order\" fields id, items.\"order\".email, \"take\"");
  REQUIRE(st.ok());
  CHECK(st->kind == Statement::Kind::kGraph);
  CHECK(st->entity == "order");
  CHECK(st->entity_offset == 6);
  REQUIRE(st->fields.size() == 3);
  CHECK(st->fields[1].text == "items.\"order\".email");
  CHECK(st->fields[1].offset == 25);
  REQUIRE(st->field_paths[1].segments.size() == 3);
  CHECK(st->field_paths[1].segments[1].name == "order");
  CHECK(st->field_paths[1].segments[1].offset == 31);
  CHECK(st->field_paths[2].segments[0].name == "take");
}

TEST_CASE("graph statements with clauses and comments over lines", "[dsl]") {
  absl::StatusOr<Statement> st = Parse(
      "GRAPH product FIELDS id, product_reviews(rating >= 4, take: 2).content -- c\n"
      "  WHERE status = 'published' -- d\n  ORDER BY title desc SKIP 1 TAKE 3 WITH DELETED");
  REQUIRE(st.ok());
  REQUIRE(st->fields.size() == 2);
  CHECK(st->fields[1].text == "product_reviews(rating >= 4, take: 2).content");
  REQUIRE(st->filter);
  CHECK(st->filter->text == "status = 'published'");
  REQUIRE(st->filter_expr);
  CHECK(st->filter_expr->children.size() == 1);
  REQUIRE(st->order);
  CHECK(st->order->text == "title desc");
  REQUIRE(st->order_keys.size() == 1);
  CHECK(st->order_keys[0].descending);
  CHECK(st->skip == 1);
  CHECK(st->take == 3);
  CHECK(st->with_deleted);

  st = Parse("graph {\"entity\": \"p\", \"fields\": [\"id\"], \"filters\": {\"t\": \"a;b\"}}");
  REQUIRE(st.ok());
  CHECK(st->kind == Statement::Kind::kGraphJson);
  CHECK(st->json.offset == 6);
}

TEST_CASE("write statements keep their JSON and filters", "[dsl]") {
  absl::StatusOr<Statement> st = Parse("create link.product_collection [{\"a\": {\"b\": [1, -2.5e3, true, null]}}]");
  REQUIRE(st.ok());
  CHECK(st->kind == Statement::Kind::kCreate);
  CHECK(st->entity == "link.product_collection");
  CHECK(st->json.text == "[{\"a\": {\"b\": [1, -2.5e3, true, null]}}]");
  st = Parse("update variant set {\"inventory\": 0} where sku like 'POSTER-%'");
  REQUIRE(st.ok());
  CHECK(st->kind == Statement::Kind::kUpdateSet);
  CHECK(st->filter->text == "sku like 'POSTER-%'");
  st = Parse("soft delete product where {\"id\": \"p;1\"}");
  REQUIRE(st.ok());
  CHECK(st->kind == Statement::Kind::kSoftDelete);
  CHECK(st->filter->text == "{\"id\": \"p;1\"}");
  st = Parse("load review from 'it''s.jsonl'");
  REQUIRE(st.ok());
  CHECK(st->file == "it's.jsonl");
}

TEST_CASE("statement errors are located by line and column", "[dsl]") {
  CHECK(Error("create product {\"title\": }") ==
        "expected a JSON value, found '}' (line 1, column 26)");
  CHECK(Error("create product\n  [{\"title\": \"x\"},\n   {\"title\" \"y\"}]") ==
        "expected ':' after a JSON object key, found 'y' (line 3, column 13)");
  CHECK(Error("create product {\"title\": \"x\\q\"}") ==
        "invalid JSON: expected an escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX) after '\\' "
        "(line 1, column 29)");
  CHECK(Error("create product {\"title\": 01}") ==
        "expected ',' or '}' in a JSON object, found '1' (line 1, column 27)");
  CHECK(Error("graph product fields id\n  order title") ==
        "expected 'by' after 'order', found 'title' (line 2, column 9)");
  CHECK(Error("graph product fields id, null") ==
        "'null' is a reserved word; write it \"null\" to use it as a name (line 1, column 26)");
  CHECK(Error("graph product fields items.\"\".id") == "empty name (line 1, column 28)");
  CHECK(Error("graph product fields id where a = 1 where b = 2") ==
        "'where' given twice (line 1, column 37)");
  CHECK(Error("select * from product") ==
        "unknown statement 'select'; statements: graph, create, update, delete, soft delete, "
        "restore, link, dismiss, unlink, load, begin, commit, rollback (line 1, column 1)");
}

TEST_CASE("deep JSON in a statement is an error and not a crash", "[dsl]") {
  std::string deep = "create p " + std::string(100000, '[') + std::string(100000, ']');
  CHECK(Error(deep).rfind("JSON nested deeper than", 0) == 0);
  std::string objects = "link ";
  for (int i = 0; i < 100000; ++i) objects += "{\"a\":";
  CHECK(Error(objects).rfind("JSON nested deeper than", 0) == 0);
}

TEST_CASE("statements are UTF-8 as the library reads them", "[dsl]") {
  // Found by fuzz_statement: a filter read in place was not checked for UTF-8.
  CHECK(Error("graph p fields id where t = 'a\xad\xad'") == "invalid UTF-8 (line 1, column 31)");
}

TEST_CASE("JSON documents get the position of their syntax error", "[dsl]") {
  using linkgraph::dsl::FindJsonSyntaxError;
  CHECK_FALSE(FindJsonSyntaxError(" {\"a\": [1, 2.5, -0, \"\\u00e9\", {}]} \n"));
  auto e = FindJsonSyntaxError("{\"a\": [1 2]}");
  REQUIRE(e);
  CHECK(e->offset == 9);
  CHECK(e->message == "expected ',' or ']' in a JSON array, found '2'");
  CHECK_FALSE(e->trailing);
  e = FindJsonSyntaxError("{} {}");
  REQUIRE(e);
  CHECK(e->offset == 3);
  CHECK(e->trailing);
  e = FindJsonSyntaxError("[\"abc");
  REQUIRE(e);
  CHECK(e->offset == 1);
  CHECK(e->message == "invalid JSON: unterminated string");
  e = FindJsonSyntaxError(std::string(100000, '['));
  REQUIRE(e);
  CHECK(e->message.rfind("JSON nested deeper than", 0) == 0);
}

TEST_CASE("the reserved words are read from the grammar", "[dsl]") {
  namespace pegtl = tao::pegtl;
  namespace g = linkgraph::dsl::grammar::statement;
  const std::vector<std::string>& words = linkgraph::dsl::ReservedWords();
  for (const char* w :
       {"graph", "fields", "where", "order", "by", "asc", "desc", "skip", "take", "with", "deleted",
        "create", "update", "set", "delete", "soft", "restore", "link", "dismiss", "unlink",
        "load", "from", "begin", "commit", "rollback", "and", "or", "not", "in", "is", "null",
        "true", "false", "like", "ilike", "contains", "exists"}) {
    INFO("word: " << w);
    CHECK(std::count(words.begin(), words.end(), std::string(w)) == 1);
  }
  CHECK(words.size() == 37);
  for (const std::string& w : words) {
    INFO("word: " << w);
    pegtl::memory_input<> in(w, "");
    CHECK(pegtl::parse<pegtl::seq<g::reserved, pegtl::eof>>(in));
    CHECK(std::all_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; }));
  }
}
