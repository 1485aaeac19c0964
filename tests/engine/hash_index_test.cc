// HashIndex::FindEach (the batched lookup hops use) answers as Find does, in order, for every
// kind of index: unique and not, text and integer keys, absent and null keys, batches shorter
// and longer than the lookup pipeline, and an early stop.
#include <catch2/catch.hpp>

#include <optional>
#include <random>
#include <string>
#include <vector>

#include "engine/catalog/catalog.h"
#include "engine/store/column.h"
#include "engine/store/hash_index.h"
#include "engine/store/version_stamp.h"

namespace {

using linkgraph::catalog::ColumnDef;
using linkgraph::catalog::ColumnType;
using linkgraph::store::Cell;
using linkgraph::store::Column;
using linkgraph::store::HashIndex;

std::vector<uint32_t> RowsOf(HashIndex::Rows rows) {
  if (!rows) return {};
  return std::vector<uint32_t>(rows->begin(), rows->end());
}

struct Fixture {
  explicit Fixture(ColumnType type, bool unique)
      : stamp(linkgraph::store::NewStamp()),
        indexed(ColumnDef{"key", type}),
        lookups(MakeNullable(type)),
        index(&indexed, unique) {
    indexed.BeginWrite(stamp);
    lookups.BeginWrite(stamp);
    index.BeginWrite(stamp);
  }
  static ColumnDef MakeNullable(ColumnType type) {
    ColumnDef def{"lookup", type};
    def.nullable = true;
    return def;
  }
  Cell KeyCell(int64_t k, std::string* text) const {
    if (indexed.type() == ColumnType::kNumber) return Cell::Int(k);
    *text = "key-" + std::to_string(k);
    return Cell::Str(*text);
  }
  void AddIndexed(int64_t k) {
    std::string text;
    const uint32_t row = static_cast<uint32_t>(indexed.size());
    indexed.Append(KeyCell(k, &text));
    index.Insert(indexed.Get(row), row, [](uint32_t a, uint32_t b) { return a < b; });
  }
  void AddLookup(std::optional<int64_t> k) {
    std::string text;
    lookups.Append(k ? KeyCell(*k, &text) : Cell::Null());
  }

  linkgraph::store::Stamp stamp;
  Column indexed;
  Column lookups;
  HashIndex index;
};

void CheckAgreesWithFind(ColumnType type, bool unique) {
  Fixture f(type, unique);
  std::mt19937 rng(7);
  // 5,000 keys (several shards), each once (unique) or one to four times.
  for (int64_t k = 0; k < 5000; ++k) {
    const int copies = unique ? 1 : 1 + static_cast<int>(rng() % 4);
    for (int c = 0; c < copies; ++c) f.AddIndexed(k);
  }
  // Lookups: present keys, absent ones, nulls.
  for (int i = 0; i < 3000; ++i) {
    const uint32_t pick = rng() % 10;
    if (pick == 0) {
      f.AddLookup(std::nullopt);
    } else if (pick == 1) {
      f.AddLookup(100000 + static_cast<int64_t>(rng() % 1000));
    } else {
      f.AddLookup(static_cast<int64_t>(rng() % 5000));
    }
  }
  for (size_t length : {0, 1, 2, 3, 5, 16, 23, 24, 25, 31, 32, 33, 100, 3000}) {
    std::vector<uint32_t> rows;
    for (size_t i = 0; i < length; ++i) rows.push_back(static_cast<uint32_t>(rng() % 3000));
    std::vector<size_t> seen;
    f.index.FindEach(f.lookups, rows, [&](size_t i, HashIndex::Rows found) {
      seen.push_back(i);
      INFO("length " << length << ", lookup " << i);
      CHECK(RowsOf(found) == RowsOf(f.index.Find(f.lookups.Get(rows[i]))));
      return true;
    });
    std::vector<size_t> expected(length);
    for (size_t i = 0; i < length; ++i) expected[i] = i;
    CHECK(seen == expected);
  }
  // Stopping: fn returning false ends the walk at once.
  std::vector<uint32_t> rows(200, 0);
  size_t calls = 0;
  f.index.FindEach(f.lookups, rows, [&](size_t, HashIndex::Rows) { return ++calls < 40; });
  CHECK(calls == 40);
}

}  // namespace

TEST_CASE("FindEach answers as Find, in order: unique text keys", "[store]") {
  CheckAgreesWithFind(ColumnType::kId, /*unique=*/true);
}
TEST_CASE("FindEach answers as Find, in order: text keys with postings", "[store]") {
  CheckAgreesWithFind(ColumnType::kText, /*unique=*/false);
}
TEST_CASE("FindEach answers as Find, in order: unique integer keys", "[store]") {
  CheckAgreesWithFind(ColumnType::kNumber, /*unique=*/true);
}
TEST_CASE("FindEach answers as Find, in order: integer keys with postings", "[store]") {
  CheckAgreesWithFind(ColumnType::kNumber, /*unique=*/false);
}
