// The benchmark's schema: the same five tables for linkgraph (DESIGN.md §8 JSON) and the SQLite
// peer (DDL and indexes).
#pragma once

#include <string_view>
#include <vector>

namespace linkgraph::bench {

// product (index on created_at, status enum, unique handle); review with the seed's
// product_reviews link and the seed-form customer link (review.customer); customer; collection;
// defineLink(product, collection), both sides lists (product.collections, pivot
// link.product_collection).
extern const std::string_view kLinkgraphSchema;

// A column of the peer's tables, as the loader binds it.
struct PeerColumn {
  std::string_view name;
  bool integer = false;  // else TEXT (timestamps are ISO-8601 text, SQLite's usual form)
};
struct PeerTable {
  std::string_view name;
  std::vector<PeerColumn> columns;
};

// The peer's tables, columns in linkgraph's `*` order.
const std::vector<PeerTable>& PeerTables();
// CREATE TABLE statements (primary keys and the unique handle declared inline).
extern const std::string_view kPeerDdl;
// Indexes created after the bulk insert: every key column (foreign keys extended with the
// child's primary key, so a parent's children come in primary-key order as linkgraph returns
// them), created_at and (status, created_at); then ANALYZE.
extern const std::string_view kPeerIndexes;

}  // namespace linkgraph::bench
