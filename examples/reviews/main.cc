// The seed's Product Reviews example as a host program: a product module, a review module whose
// `product_reviews` link points at products, a few rows created through the generated services,
// then the seed's two queries.
#include <iostream>

#include "linkgraph/database.h"

namespace {

absl::Status Run() {
  using namespace linkgraph;
  Database db;

  // src/modules/product: the product model.
  ModuleDef product = Module(
      "product", {model::Define("product", {{"id", model::Id("prod").PrimaryKey()},
                                            {"title", model::Text().Searchable()}})});
  // src/modules/review: model.define("review", {...}) and Module(REVIEW_MODULE, { links }).
  ModuleDef review = Module(
      "review",
      {model::Define("review", {{"id", model::Id("rev").PrimaryKey()},
                                {"product_id", model::Text()},
                                {"customer_id", model::Text()},
                                {"rating", model::Integer()},
                                {"content", model::Text()}})},
      {{.alias = "product_reviews",
        .foreign_key = "product_id",
        .primary_key = "id",
        .foreign_key_target_field = "id"}});
  LG_RETURN_IF_ERROR(db.Register(Schema{{product, review}}));

  // The generated services: createProducts / createReviews.
  LG_ASSIGN_OR_RETURN(Result products, db.Service("product").Create(R"([
      {"id": "prod_shirt", "title": "Linen Shirt"},
      {"id": "prod_mug", "title": "Stoneware Mug"},
      {"id": "prod_lamp", "title": "Desk Lamp"}])"));
  LG_ASSIGN_OR_RETURN(Result reviews, db.Call("createReviews", R"([
      {"product_id": "prod_shirt", "customer_id": "cus_1", "rating": 5, "content": "Fits well"},
      {"product_id": "prod_shirt", "customer_id": "cus_2", "rating": 4, "content": "Soft"},
      {"product_id": "prod_mug", "customer_id": "cus_1", "rating": 3, "content": "Chipped"}])"));
  std::cout << "created " << products.size() << " products and " << reviews.size()
            << " reviews\n";

  // query.graph({ entity: "product", fields: ["id", "title", "product_reviews.*"] })
  LG_ASSIGN_OR_RETURN(Result graph,
                      db.Graph({.entity = "product",
                                .fields = {"id", "title", "product_reviews.*"}}));
  for (size_t i = 0; i < graph.size(); ++i) {
    RowView p = graph.row(i);
    std::cout << p.GetString("title") << " has " << p.GetList("product_reviews").size()
              << " reviews\n";
  }

  // query.graph({ entity: "review", fields: ["id", "rating", "content"],
  //               filters: { product_id: productId } })
  GraphRequest by_product{.entity = "review", .fields = {"id", "rating", "content"}};
  by_product.filters = R"({"product_id": "prod_shirt"})";
  LG_ASSIGN_OR_RETURN(Result shirt_reviews, db.Graph(by_product));
  std::cout << "reviews of prod_shirt: " << shirt_reviews.ToJson() << "\n";
  return absl::OkStatus();
}

}  // namespace

int main() {
  absl::Status s = Run();
  if (!s.ok()) {
    std::cerr << "error: " << s.message() << "\n";
    return 1;
  }
  return 0;
}
