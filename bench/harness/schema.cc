#include "bench/harness/schema.h"

namespace linkgraph::bench {

const std::string_view kLinkgraphSchema = R"({"modules":[
  {"name":"product","models":[{"name":"product","properties":{
     "id":{"type":"id","prefix":"prod","primaryKey":true},
     "title":{"type":"text"},
     "handle":{"type":"text","unique":true},
     "status":{"type":"enum","values":["draft","proposed","published","rejected"],
               "default":"draft"},
     "created_at":{"type":"dateTime","index":true}}}],"links":[]},
  {"name":"customer","models":[{"name":"customer","properties":{
     "id":{"type":"id","prefix":"cus","primaryKey":true},
     "email":{"type":"text"},
     "first_name":{"type":"text"}}}],"links":[]},
  {"name":"review","models":[{"name":"review","properties":{
     "id":{"type":"id","prefix":"rev","primaryKey":true},
     "product_id":{"type":"text"},
     "customer_id":{"type":"text","index":true},
     "rating":{"type":"number"},
     "content":{"type":"text"}}}],
   "links":[
     {"alias":"product_reviews","foreignKey":"product_id","primaryKey":"id",
      "foreignKeyTargetField":"id"},
     {"alias":"customer_reviews","foreignKey":"customer_id","primaryKey":"id",
      "foreignKeyTargetField":"id"}]},
  {"name":"collection","models":[{"name":"collection","properties":{
     "id":{"type":"id","prefix":"pcol","primaryKey":true},
     "title":{"type":"text"}}}],"links":[]}],
 "defineLinks":[
  {"left":{"module":"product","entity":"product","isList":true},
   "right":{"module":"collection","entity":"collection","isList":true}}]})";

const std::vector<PeerTable>& PeerTables() {
  static const auto* tables = new std::vector<PeerTable>{
      {"customer",
       {{"id"}, {"email"}, {"first_name"}, {"created_at"}, {"updated_at"}, {"deleted_at"}}},
      {"collection", {{"id"}, {"title"}, {"created_at"}, {"updated_at"}, {"deleted_at"}}},
      {"product",
       {{"id"}, {"title"}, {"handle"}, {"status"}, {"created_at"}, {"updated_at"}, {"deleted_at"}}},
      {"review",
       {{"id"},
        {"product_id"},
        {"customer_id"},
        {"rating", true},
        {"content"},
        {"created_at"},
        {"updated_at"},
        {"deleted_at"}}},
      {"product_collection",
       {{"id"}, {"product_id"}, {"collection_id"}, {"created_at"}, {"updated_at"}, {"deleted_at"}}},
  };
  return *tables;
}

const std::string_view kPeerDdl = R"(
CREATE TABLE customer (id TEXT PRIMARY KEY, email TEXT NOT NULL, first_name TEXT NOT NULL,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT);
CREATE TABLE collection (id TEXT PRIMARY KEY, title TEXT NOT NULL,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT);
CREATE TABLE product (id TEXT PRIMARY KEY, title TEXT NOT NULL, handle TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT);
CREATE TABLE review (id TEXT PRIMARY KEY, product_id TEXT NOT NULL, customer_id TEXT NOT NULL,
  rating INTEGER NOT NULL, content TEXT NOT NULL,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT);
CREATE TABLE product_collection (id TEXT PRIMARY KEY, product_id TEXT NOT NULL,
  collection_id TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
  deleted_at TEXT);
)";

const std::string_view kPeerIndexes = R"(
CREATE INDEX review_product ON review (product_id, id);
CREATE INDEX review_customer ON review (customer_id, id);
CREATE INDEX product_collection_product ON product_collection (product_id, collection_id);
CREATE INDEX product_collection_collection ON product_collection (collection_id, product_id);
CREATE INDEX product_created ON product (created_at);
CREATE INDEX product_status_created ON product (status, created_at);
ANALYZE;
)";

}  // namespace linkgraph::bench
