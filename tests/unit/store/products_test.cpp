// Products: CRUD, slug uniqueness, pagination.
#include <gtest/gtest.h>

#include <set>

#include "store/ids.h"
#include "store_test_support.h"

namespace craft::store::testing {
namespace {

class ProductTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    org_ = NewOrganisation().key.organisation_id;
  }
  std::string org_;
};

TEST_F(ProductTest, CreateAndGetRoundTripEveryField) {
  core::Product p;
  p.organisation_id = org_;
  p.name = "Edge Router";
  p.slug = "edge-router";
  p.description = "A router for the edge";
  p.intended_purpose = "Routing packets for small offices";
  p.category = core::Category::kImportantClassI;
  p.subcategory = "routers_modems_switches";
  p.product_type = core::ProductType::kMixed;
  p.cra_role = core::CraRole::kImporter;
  p.target_markets = {"DE", "AT", "FR"};
  p.open_source = true;
  p.technical_documentation_public = true;
  const core::Product created = store_->CreateProduct(p, actor_);
  EXPECT_TRUE(IsUuid(created.id));
  EXPECT_EQ(created.created_at, kStartTime);

  const auto read = store_->GetProduct(org_, created.id);
  ASSERT_TRUE(read);
  EXPECT_EQ(read->id, created.id);
  EXPECT_EQ(read->organisation_id, org_);
  EXPECT_EQ(read->name, "Edge Router");
  EXPECT_EQ(read->slug, "edge-router");
  EXPECT_EQ(read->description, "A router for the edge");
  EXPECT_EQ(read->intended_purpose, "Routing packets for small offices");
  EXPECT_EQ(read->category, core::Category::kImportantClassI);
  EXPECT_EQ(read->subcategory, "routers_modems_switches");
  EXPECT_EQ(read->product_type, core::ProductType::kMixed);
  EXPECT_EQ(read->cra_role, core::CraRole::kImporter);
  EXPECT_EQ(read->target_markets, (std::vector<std::string>{"DE", "AT", "FR"}));
  EXPECT_TRUE(read->open_source);
  EXPECT_TRUE(read->technical_documentation_public);
  EXPECT_EQ(read->created_at, kStartTime);
  EXPECT_EQ(read->updated_at, kStartTime);
}

TEST_F(ProductTest, DuplicateSlugIsAConflictNamingTheSlug) {
  NewProduct(org_, "router");
  std::string message;
  EXPECT_EQ(ErrorKindOf([&] { NewProduct(org_, "router"); }, &message), StoreErrorKind::kConflict);
  EXPECT_EQ(message, "a product with slug 'router' already exists in this organisation");
  EXPECT_EQ(store_->ListProducts(org_, {}).items.size(), 1u);
}

TEST_F(ProductTest, TheSameSlugIsFineInAnotherOrganisation) {
  NewProduct(org_, "router");
  const std::string other = NewOrganisation("Other").key.organisation_id;
  EXPECT_NO_THROW(NewProduct(other, "router"));
}

TEST_F(ProductTest, UpdateChangesFieldsAndRefusesATakenSlug) {
  const core::Product a = NewProduct(org_, "a");
  NewProduct(org_, "b");
  core::Product changed = a;
  changed.name = "Renamed";
  changed.slug = "a-renamed";
  changed.category = core::Category::kCritical;
  changed.target_markets = {"IT"};
  Advance(60);
  const core::Product updated = store_->UpdateProduct(changed, actor_);
  EXPECT_EQ(updated.updated_at, kStartTime + 60);
  EXPECT_EQ(updated.created_at, kStartTime);
  const auto read = store_->GetProduct(org_, a.id);
  EXPECT_EQ(read->name, "Renamed");
  EXPECT_EQ(read->slug, "a-renamed");
  EXPECT_EQ(read->category, core::Category::kCritical);
  EXPECT_EQ(read->target_markets, std::vector<std::string>{"IT"});
  EXPECT_EQ(read->updated_at, kStartTime + 60);

  changed.slug = "b";
  EXPECT_EQ(ErrorKindOf([&] { store_->UpdateProduct(changed, actor_); }),
            StoreErrorKind::kConflict);
  changed.slug = "a-renamed";  // keeping its own slug is fine
  EXPECT_NO_THROW(store_->UpdateProduct(changed, actor_));
}

TEST_F(ProductTest, UpdateAndDeleteOfAnUnknownProductAreNotFound) {
  core::Product ghost;
  ghost.id = NewUuid();
  ghost.organisation_id = org_;
  ghost.name = "Ghost";
  ghost.slug = "ghost";
  EXPECT_EQ(ErrorKindOf([&] { store_->UpdateProduct(ghost, actor_); }), StoreErrorKind::kNotFound);
  EXPECT_EQ(ErrorKindOf([&] { store_->DeleteProduct(org_, ghost.id, actor_); }),
            StoreErrorKind::kNotFound);
}

TEST_F(ProductTest, DeleteRemovesTheProduct) {
  const core::Product p = NewProduct(org_, "gone");
  store_->DeleteProduct(org_, p.id, actor_);
  EXPECT_FALSE(store_->GetProduct(org_, p.id));
  EXPECT_TRUE(store_->ListProducts(org_, {}).items.empty());
  EXPECT_NO_THROW(NewProduct(org_, "gone"));  // its slug is free again
}

TEST_F(ProductTest, InvalidProductsAreRefused) {
  core::Product p;
  p.organisation_id = org_;
  p.name = "X";
  EXPECT_EQ(ErrorKindOf([&] { store_->CreateProduct(p, actor_); }), StoreErrorKind::kInvalid);
  p.slug = "x";
  p.subcategory = "routers_modems_switches";  // not a subcategory of `default`
  EXPECT_EQ(ErrorKindOf([&] { store_->CreateProduct(p, actor_); }), StoreErrorKind::kInvalid);
  p.organisation_id = NewUuid();
  p.subcategory.reset();
  EXPECT_EQ(ErrorKindOf([&] { store_->CreateProduct(p, actor_); }), StoreErrorKind::kNotFound);
}

TEST_F(ProductTest, PaginationVisitsEveryProductOnceInThreePages) {
  std::vector<std::string> created;
  for (int i = 0; i < 120; ++i) created.push_back(NewProduct(org_, "p" + std::to_string(i)).id);
  std::vector<std::string> seen;
  std::vector<std::size_t> page_sizes;
  PageRequest request{50, ""};
  for (int guard = 0; guard < 10; ++guard) {
    const auto page = store_->ListProducts(org_, request);
    page_sizes.push_back(page.items.size());
    for (const auto& p : page.items) seen.push_back(p.id);
    if (page.next_cursor.empty()) break;
    request.cursor = page.next_cursor;
  }
  EXPECT_EQ(page_sizes, (std::vector<std::size_t>{50, 50, 20}));
  EXPECT_EQ(seen, created);  // in creation order: no duplicates, no gaps
}

TEST_F(ProductTest, ExactlyFullLastPageHasNoNextCursor) {
  for (int i = 0; i < 10; ++i) NewProduct(org_, "p" + std::to_string(i));
  const auto first = store_->ListProducts(org_, {5, ""});
  ASSERT_FALSE(first.next_cursor.empty());
  const auto second = store_->ListProducts(org_, {5, first.next_cursor});
  EXPECT_EQ(second.items.size(), 5u);
  EXPECT_TRUE(second.next_cursor.empty());
}

TEST_F(ProductTest, LimitIsClamped) {
  for (int i = 0; i < 3; ++i) NewProduct(org_, "p" + std::to_string(i));
  EXPECT_EQ(store_->ListProducts(org_, {0, ""}).items.size(), 1u);
  EXPECT_EQ(store_->ListProducts(org_, {-3, ""}).items.size(), 1u);
  EXPECT_EQ(store_->ListProducts(org_, {100000, ""}).items.size(), 3u);
}

TEST_F(ProductTest, MalformedCursorIsInvalid) {
  NewProduct(org_, "p");
  std::string message;
  EXPECT_EQ(ErrorKindOf(
                [&] {
                  store_->ListProducts(org_, {50, "not a cursor!"});
                },
                &message),
            StoreErrorKind::kInvalid);
  EXPECT_EQ(message, "malformed cursor");
}

}  // namespace
}  // namespace craft::store::testing
