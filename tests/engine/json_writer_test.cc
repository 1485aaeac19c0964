// Tests for the result JSON writer (engine/result/json_writer.h) and its parts: the raw-buffer
// scalar writers must write exactly what the string appenders they replace write, and a
// document written in parallel, in small pieces or to a stream must be the same text as one
// written whole on one thread.
#include "engine/result/json_writer.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <cstring>
#include <limits>
#include <memory>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "base/json_string.h"
#include "engine/result/json_buffer.h"
#include "engine/result/json_scalars.h"
#include "engine/result/ordered_chunks.h"
#include "engine/types/datetime.h"
#include "engine/types/float_format.h"
#include "linkgraph/database.h"
#include "linkgraph/links.h"
#include "linkgraph/service.h"
#include "modules/access.h"

namespace linkgraph::result {
namespace {

// Writes with `write` into a buffer of sentinels and checks it stayed within `bound` bytes
// plus the slack; returns the text.
template <class Write>
std::string Written(size_t bound, Write write) {
  std::vector<char> buf(bound + kJsonSlackBytes + 64, '\x7f');
  char* end = write(buf.data());
  const auto size = static_cast<size_t>(end - buf.data());
  CHECK(size <= bound);
  for (size_t i = bound + kJsonSlackBytes; i < buf.size(); ++i) REQUIRE(buf[i] == '\x7f');
  return std::string(buf.data(), size);
}

std::string StringJson(std::string_view s) {
  return Written(MaxJsonStringBytes(s.size()), [&](char* p) { return WriteJsonString(p, s); });
}

TEST_CASE("WriteJsonString writes what AppendJsonString appends", "[json_writer]") {
  for (int c = 0; c < 256; ++c) {
    const std::string s(1, static_cast<char>(c));
    INFO("byte " << c);
    CHECK(StringJson(s) == base::QuoteJson(s));
  }
  // Every length around the block sizes, with one byte to escape at every position.
  for (size_t n = 0; n <= 70; ++n) {
    std::string plain(n, 'a');
    for (size_t i = 0; i < n; ++i) plain[i] = static_cast<char>('a' + i % 26);
    CHECK(StringJson(plain) == base::QuoteJson(plain));
    for (size_t i = 0; i < n; ++i) {
      for (char c : {'"', '\\', '\n', '\x01', '\x1f'}) {
        std::string s = plain;
        s[i] = c;
        INFO("length " << n << ", escape at " << i);
        REQUIRE(StringJson(s) == base::QuoteJson(s));
      }
    }
  }
  // Random text from an alphabet heavy in bytes to escape, UTF-8 and DEL.
  std::mt19937_64 rng(17);
  const std::string alphabet = "ab \"\\\n\r\t\b\f\x01\x1f\x7f/\xc3\xa9\xe2\x80\x94";
  for (int round = 0; round < 5000; ++round) {
    std::string s(rng() % 100, ' ');
    for (char& c : s) c = alphabet[rng() % alphabet.size()];
    INFO("round " << round);
    REQUIRE(StringJson(s) == base::QuoteJson(s));
  }
  // Every byte to escape at once: the bound is reached.
  const std::string controls(40, '\x02');
  CHECK(StringJson(controls).size() == MaxJsonStringBytes(controls.size()));
  CHECK(StringJson(controls) == base::QuoteJson(controls));
}

TEST_CASE("WriteJsonInt, WriteJsonFloat and WriteJsonDateTime write the types' text",
          "[json_writer]") {
  auto int_json = [](int64_t v) {
    return Written(kMaxJsonScalarBytes, [&](char* p) { return WriteJsonInt(p, v); });
  };
  auto float_json = [](double v) {
    return Written(kMaxJsonScalarBytes, [&](char* p) { return WriteJsonFloat(p, v); });
  };
  auto datetime_json = [](int64_t v) {
    return Written(kMaxJsonScalarBytes, [&](char* p) { return WriteJsonDateTime(p, v); });
  };
  auto want_float = [](double v) {
    std::string s;
    types::AppendFloat(v, &s);
    return s;
  };
  auto want_datetime = [](int64_t v) {
    std::string s = "\"";
    types::AppendDateTime(v, &s);
    return s + "\"";
  };
  constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  for (int64_t v : {int64_t{0}, int64_t{-1}, int64_t{7}, int64_t{1000000}, kMin, kMax}) {
    CHECK(int_json(v) == std::to_string(v));
  }
  for (double v : {0.0, -0.0, 1.0, -1.5, 0.1, 1e21, 1e-7, 5e-324, 1.7976931348623157e308,
                   -2.2250738585072014e-308, 123456.789}) {
    CHECK(float_json(v) == want_float(v));
  }
  for (int64_t v : {int64_t{0}, int64_t{-1}, int64_t{1000}, int64_t{1001}, types::kMinDateTime,
                    types::kMaxDateTime, types::kMinDateTime - 1, types::kMaxDateTime + 1, kMin,
                    kMax, int64_t{1767323045123456}, int64_t{-86400000000}}) {
    INFO("micros " << v);
    CHECK(datetime_json(v) == want_datetime(v));
  }
  std::mt19937_64 rng(5);
  for (int round = 0; round < 20000; ++round) {
    const auto bits = rng();
    const auto v = static_cast<int64_t>(bits);
    REQUIRE(int_json(v >> (bits % 64)) == std::to_string(v >> (bits % 64)));
    double d;
    std::memcpy(&d, &bits, sizeof d);
    if (std::isfinite(d)) REQUIRE(float_json(d) == want_float(d));
    // In the dateTime range, whole milliseconds and not; and anywhere.
    const auto span = static_cast<uint64_t>(types::kMaxDateTime - types::kMinDateTime);
    int64_t t = types::kMinDateTime + static_cast<int64_t>(bits % span);
    if (round % 2 == 0) t -= t % 1000;
    INFO("micros " << t);
    REQUIRE(datetime_json(t) == want_datetime(t));
    REQUIRE(datetime_json(v) == want_datetime(v));
  }
}

TEST_CASE("JsonBuffer hands its text on as it fills and grows for a large value", "[json_writer]") {
  std::string out = "x";
  JsonBuffer buf(&out, nullptr, 8);
  char* p = buf.Begin();
  for (int i = 0; i < 100; ++i) {
    p = buf.Reserve(p, 3);
    std::memcpy(p, "abc", 3);
    p += 3;
  }
  const std::string big(5000, 'z');
  p = buf.Reserve(p, big.size());
  std::memcpy(p, big.data(), big.size());
  p += big.size();
  buf.Flush(p);
  std::string want = "x";
  for (int i = 0; i < 100; ++i) want += "abc";
  CHECK(out == want + big);

  // Without a destination it keeps everything.
  JsonBuffer keep(nullptr, nullptr, 4);
  p = keep.Begin();
  for (int i = 0; i < 1000; ++i) {
    p = keep.Reserve(p, 1);
    *p++ = static_cast<char>('0' + i % 10);
  }
  REQUIRE(keep.Text(p).size() == 1000);
  CHECK(keep.Text(p).substr(0, 12) == "012345678901");
}

TEST_CASE("ProduceInOrder consumes every chunk once, in order, within the window",
          "[json_writer]") {
  for (unsigned threads : {1u, 2u, 4u}) {
    for (size_t window : {size_t{1}, size_t{3}, size_t{16}}) {
      for (size_t chunks : {size_t{0}, size_t{1}, size_t{2}, size_t{50}}) {
        std::vector<std::string> slots(window);
        std::atomic<int> held{0};
        std::atomic<int> most{0};
        std::string got;
        ProduceInOrder(
            chunks, threads, window,
            [&](size_t chunk, size_t slot) -> std::string_view {
              REQUIRE(slot < window);
              const int now = ++held;
              int m = most.load();
              while (now > m && !most.compare_exchange_weak(m, now)) {
              }
              // Uneven work, so chunks finish out of order.
              std::this_thread::sleep_for(std::chrono::microseconds((chunk * 7919) % 300));
              slots[slot] = std::to_string(chunk) + ",";
              return slots[slot];
            },
            [&](std::string_view text) {
              got.append(text);
              --held;
            });
        std::string want;
        for (size_t i = 0; i < chunks; ++i) want += std::to_string(i) + ",";
        INFO(threads << " threads, window " << window << ", " << chunks << " chunks");
        CHECK(got == want);
        CHECK(static_cast<size_t>(most.load()) <= window);
      }
    }
  }
}

TEST_CASE("ProduceInOrder rethrows the first error after its threads stop", "[json_writer]") {
  std::vector<std::string> slots(4);
  std::atomic<int> produced{0};
  CHECK_THROWS_AS(ProduceInOrder(
                      100, 2, 4,
                      [&](size_t chunk, size_t slot) -> std::string_view {
                        ++produced;
                        if (chunk == 10) throw std::runtime_error("produce");
                        slots[slot] = "x";
                        return slots[slot];
                      },
                      [](std::string_view) {}),
                  std::runtime_error);
  CHECK(produced.load() < 100);
  size_t consumed = 0;
  CHECK_THROWS_AS(ProduceInOrder(
                      100, 2, 4,
                      [&](size_t, size_t slot) -> std::string_view {
                        slots[slot] = "y";
                        return slots[slot];
                      },
                      [&](std::string_view) {
                        if (++consumed == 5) throw std::length_error("consume");
                      }),
                  std::length_error);
  CHECK(consumed == 5);
}

// ---------------------------------------------------------------------------------------------
// Whole documents

constexpr const char* kSchema = R"({"modules":[
  {"name":"product","models":[{"name":"product","properties":{
     "id":{"type":"id","prefix":"prod","primaryKey":true},"title":{"type":"text"},
     "status":{"type":"enum","values":["draft","published"]},
     "price":{"type":"float","nullable":true},"stock":{"type":"number","nullable":true},
     "featured":{"type":"boolean","nullable":true},
     "released":{"type":"dateTime","nullable":true},
     "specs":{"type":"json","nullable":true},"big":{"type":"bigNumber","nullable":true}}}]},
  {"name":"review","models":[{"name":"review","properties":{
     "id":{"type":"id","primaryKey":true},"product_id":{"type":"text"},
     "content":{"type":"text"},"rating":{"type":"number"}}}],
   "links":[{"alias":"product_reviews","foreignKey":"product_id","primaryKey":"id",
             "foreignKeyTargetField":"id"}]}]})";

// Titles and review texts that need escapes (quotes, backslashes, control characters), carry
// UTF-8, or are long enough to span several blocks and cache lines.
std::string Text(std::mt19937_64& rng, int i) {
  static const char* const kParts[] = {"plain",
                                       "say \\\"hi\\\"",
                                       "back\\\\slash",
                                       "tab\\there",
                                       "nl\\nline",
                                       "ctl\\u0001x",
                                       "caf\u00e9 \u2014 cr\u00e8me",
                                       "a somewhat longer piece of text that spans blocks",
                                       "",
                                       "\\u001f"};
  std::string s;
  const int parts = static_cast<int>(rng() % 4);
  for (int k = 0; k < parts; ++k) s += kParts[rng() % 10];
  return s + " " + std::to_string(i);
}

std::unique_ptr<Database> MakeDb(int products) {
  auto db = std::make_unique<Database>();
  REQUIRE(db->RegisterJson(kSchema).ok());
  std::mt19937_64 rng(42);
  std::string lines;
  for (int i = 0; i < products; ++i) {
    lines += R"({"id":"prod_)" + std::to_string(i) + R"(","title":")" + Text(rng, i) +
             R"(","status":")" + (i % 3 ? "draft" : "published") + "\"";
    if (i % 4 != 0) lines += ",\"price\":" + std::to_string(i % 1000) + ".25";
    if (i % 5 != 0) lines += ",\"stock\":" + std::to_string(i * 37 - 500);
    if (i % 2 == 0) lines += std::string(",\"featured\":") + (i % 4 ? "true" : "false");
    if (i % 3 != 0) {
      lines += ",\"released\":\"20" + std::to_string(10 + i % 15) + "-0" +
               std::to_string(1 + i % 9) + "-1" + std::to_string(i % 10) + "T1" +
               std::to_string(i % 10) + ":3" + std::to_string(i % 10) + ":0" +
               std::to_string(i % 10) + (i % 2 ? ".123456Z\"" : "Z\"");
    }
    if (i % 6 == 0) lines += R"(,"specs":{"w":)" + std::to_string(i) + R"(,"tags":["a","b"]})";
    if (i % 7 == 0) lines += R"(,"big":"12345678901234567890.)" + std::to_string(i) + "\"";
    lines += "}\n";
  }
  auto loaded = db->LoadJsonLines("product", lines);
  INFO(loaded.status().ToString());
  REQUIRE(loaded.ok());
  lines.clear();
  // 0 to 9 reviews a product (every tenth has none), and some of no product (a null single
  // relation).
  int r = 0;
  for (int i = 0; i < products; ++i) {
    for (int k = 0; k < i % 10; ++k, ++r) {
      const int p = (i * 7 + k * 13) % products;
      const std::string product = r % 17 == 0 ? "prod_missing" : "prod_" + std::to_string(p);
      lines += R"({"id":"rev_)" + std::to_string(r) + R"(","product_id":")" + product +
               R"(","content":")" + Text(rng, r) + R"(","rating":)" + std::to_string(r % 5) + "}\n";
    }
  }
  if (!lines.empty()) {
    auto reviews = db->LoadJsonLines("review", lines);
    INFO(reviews.status().ToString());
    REQUIRE(reviews.ok());
  }
  return db;
}

// Checks that every way of writing `r` gives the text of the plain serial write.
void CheckSameText(const Result& r) {
  const ResultData& data = modules::ResultAccess::Data(r);
  std::string want;
  AppendJson(data, &want);
  CHECK(r.ToJson() == want);
  const std::vector<JsonWriteOptions> ways = {
      {.threads = 1, .parallel_min_bytes = 0, .chunk_bytes = 1},
      {.threads = 2, .parallel_min_bytes = 0, .chunk_bytes = 1},
      {.threads = 2, .parallel_min_bytes = 0, .chunk_bytes = 300},
      {.threads = 3, .parallel_min_bytes = 0, .chunk_bytes = 4096},
      {.threads = 2},
  };
  for (const JsonWriteOptions& options : ways) {
    INFO("threads " << options.threads << ", chunk_bytes " << options.chunk_bytes);
    std::string got = "prefix:";
    AppendJson(data, &got, options);
    CHECK(got == "prefix:" + want);
    std::ostringstream os;
    WriteJson(data, os, options);
    CHECK(os.str() == want);
  }
}

TEST_CASE("a result's JSON is the same text written in parallel, in pieces or streamed",
          "[json_writer]") {
  auto db = MakeDb(300);
  for (
      const char* request : {
          R"({"entity":"product","fields":["*","product_reviews.*"]})",
          R"({"entity":"product","fields":["id"],"pagination":{"take":1}})",
          R"({"entity":"product","fields":["id"],"filters":{"id":"prod_none"}})",
          R"({"entity":"product","fields":["title","product_reviews.content"],
               "filters":{"id":{"$in":["prod_0","prod_10","prod_20"]}}})",
          R"({"entity":"review","fields":["id","content","product.title","product.released"]})",
          R"({"entity":"review","fields":["product.product_reviews.id"],"pagination":{"take":40}})",
      }) {
    INFO(request);
    auto r = db->GraphJson(request);
    INFO(r.status().ToString());
    REQUIRE(r.ok());
    CheckSameText(*r);
  }
  // A delete returns the ids alone (scalar rows); a links write the count alone.
  auto deleted = db->Service("review").Delete(R"({"id":["rev_1","rev_2","rev_3"]})");
  INFO(deleted.status().ToString());
  REQUIRE(deleted.ok());
  REQUIRE(modules::ResultAccess::Data(*deleted).scalar_rows);
  CheckSameText(*deleted);
}

TEST_CASE("a large result written on two threads is the serial text", "[json_writer]") {
  auto db = MakeDb(3000);
  auto r = db->GraphJson(R"({"entity":"product","fields":["*","product_reviews.*"]})");
  REQUIRE(r.ok());
  const ResultData& data = modules::ResultAccess::Data(*r);
  std::string want;
  AppendJson(data, &want);
  REQUIRE(want.size() > (size_t{1} << 20));  // over parallel_min_bytes: the defaults go parallel
  for (unsigned threads : {2u, 4u}) {
    std::string got;
    AppendJson(data, &got, {.threads = threads, .chunk_bytes = 8192});
    CHECK(got == want);
    std::ostringstream os;
    WriteJson(data, os, {.threads = threads});
    CHECK(os.str() == want);
  }
}

// A result built by hand: the shapes the engine makes rarely or only through other paths.
struct HandResult {
  std::shared_ptr<ResultData> data = std::make_shared<ResultData>();

  std::string_view Copy(std::string_view s) { return data->arena.CopyString(s); }
};

TEST_CASE("hand-built shapes: metadata only, keyless objects, huge values", "[json_writer]") {
  const JsonWriteOptions parallel = {.threads = 2, .parallel_min_bytes = 0, .chunk_bytes = 1};
  {
    HandResult h;
    h.data->metadata_only = true;
    h.data->meta.count = 12;
    std::string serial, par;
    AppendJson(*h.data, &serial);
    AppendJson(*h.data, &par, parallel);
    CHECK(serial == R"({"metadata":{"count":12}})");
    CHECK(par == serial);
  }
  {
    // Three rows of an object with no keys; metadata not paged.
    HandResult h;
    h.data->root.rows = 3;
    h.data->meta.paged = false;
    h.data->meta.count = 3;
    std::string serial, par;
    AppendJson(*h.data, &serial);
    AppendJson(*h.data, &par, parallel);
    CHECK(serial == R"({"data":[{},{},{}],"metadata":{"count":3}})");
    CHECK(par == serial);
  }
  {
    // Scalar rows of text larger than any buffer, with escapes, and a null; a key longer than
    // the padded key block.
    HandResult h;
    ResultData& d = *h.data;
    const std::string big = std::string(300000, 'q') + "\"\n" + std::string(70000, '\x01');
    auto nulls = d.arena.Allocate<uint8_t>(3);
    nulls[1] = 1;
    auto strings = d.arena.Allocate<std::string_view>(3);
    strings[0] = h.Copy(big);
    strings[2] = h.Copy("end");
    ValueColumn column;
    column.type = catalog::ColumnType::kText;
    column.nulls = nulls;
    column.strings = strings;
    column.string_bytes = big.size() + 3;
    const ValueColumn columns[] = {column};
    d.root.rows = 3;
    d.root.columns = d.arena.Copy<ValueColumn>(columns);
    d.meta.count = 3;
    d.meta.take = 3;
    d.meta.skip = 1;
    const std::string want_values = base::QuoteJson(big) + ",null,\"end\"";

    d.scalar_rows = true;
    std::string serial, par;
    AppendJson(d, &serial);
    AppendJson(d, &par, parallel);
    CHECK(serial == "{\"data\":[" + want_values + R"(],"metadata":{"count":3,"skip":1,"take":3}})");
    CHECK(par == serial);

    d.scalar_rows = false;
    const std::string long_name(40, 'k');
    const std::string key_json = "\"" + long_name + "\":";
    Key key;
    key.name = h.Copy(long_name);
    key.json = h.Copy(key_json);
    const Key keys[] = {key};
    d.root.keys = d.arena.Copy<Key>(keys);
    std::string objects, objects_par;
    AppendJson(d, &objects);
    AppendJson(d, &objects_par, parallel);
    CHECK(objects == "{\"data\":[{" + key_json + base::QuoteJson(big) + "},{" + key_json +
                         "null},{" + key_json +
                         R"("end"}],"metadata":{"count":3,"skip":1,"take":3}})");
    CHECK(objects_par == objects);
    std::string row;
    AppendRowJson(d.root, 2, &row);
    CHECK(row == "{" + key_json + "\"end\"}");
    std::string value = "v:";
    AppendValueJson(column, 1, &value);
    AppendValueJson(column, 2, &value);
    CHECK(value == "v:null\"end\"");
  }
}

}  // namespace
}  // namespace linkgraph::result
