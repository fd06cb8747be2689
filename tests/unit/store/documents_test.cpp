// Documents: rows for uploaded blobs, listed per version, and the blob reference count.
#include <gtest/gtest.h>

#include "store/ids.h"
#include "store_test_support.h"

namespace craft::store::testing {
namespace {

using Type = core::DocumentType;

class DocumentTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    org_ = NewOrganisation().key.organisation_id;
    version_ = NewVersion(org_, NewProduct(org_, "router").id, "1.0").id;
  }
  std::string org_;
  std::string version_;
};

TEST_F(DocumentTest, CreateAndGetRoundTripEveryField) {
  Advance(30);
  const core::Document created = NewDocument(org_, version_, Type::kThreatModel, "threats");
  EXPECT_TRUE(IsUuid(created.id));
  EXPECT_EQ(created.uploaded_at, kStartTime + 30);
  const auto d = store_->GetDocument(org_, created.id);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->organisation_id, org_);
  EXPECT_EQ(d->version_id, version_);
  EXPECT_EQ(d->type, Type::kThreatModel);
  EXPECT_EQ(d->title, "Title of threats");
  EXPECT_EQ(d->file_name, "threats.pdf");
  EXPECT_EQ(d->media_type, "application/pdf");
  EXPECT_EQ(d->size, 7u);
  EXPECT_EQ(d->sha256, core::Sha256Hex("threats"));
  EXPECT_EQ(d->uploaded_by, "key:test");
  EXPECT_EQ(d->uploaded_at, kStartTime + 30);
  EXPECT_FALSE(d->inherited_from_version_id);
}

TEST_F(DocumentTest, ListsAndTypesOfAVersion) {
  NewDocument(org_, version_, Type::kUserManual, "a");
  NewDocument(org_, version_, Type::kUserManual, "b");
  NewDocument(org_, version_, Type::kRiskAssessment, "c");
  EXPECT_EQ(store_->ListDocuments(org_, version_, {}).items.size(), 3u);
  EXPECT_EQ(store_->DocumentTypesOf(org_, version_),
            (std::vector<Type>{Type::kRiskAssessment, Type::kUserManual}));
  const auto first = store_->ListDocuments(org_, version_, {2, ""});
  EXPECT_EQ(first.items.size(), 2u);
  const auto second = store_->ListDocuments(org_, version_, {2, first.next_cursor});
  ASSERT_EQ(second.items.size(), 1u);
  EXPECT_EQ(second.items[0].file_name, "c.pdf");
  EXPECT_TRUE(second.next_cursor.empty());
}

TEST_F(DocumentTest, DeleteSaysWhenTheBlobIsNoLongerReferenced) {
  const core::Document a = NewDocument(org_, version_, Type::kUserManual, "same bytes");
  const core::Document b = NewDocument(org_, version_, Type::kOther, "same bytes");
  EXPECT_EQ(store_->ReferencedBlobs(), std::vector<std::string>{core::Sha256Hex("same bytes")});
  EXPECT_FALSE(store_->DeleteDocument(org_, a.id, actor_));  // b still uses the blob
  EXPECT_FALSE(store_->GetDocument(org_, a.id));
  EXPECT_TRUE(store_->DeleteDocument(org_, b.id, actor_));
  EXPECT_TRUE(store_->ReferencedBlobs().empty());
  EXPECT_TRUE(store_->DocumentTypesOf(org_, version_).empty());
  EXPECT_EQ(ErrorKindOf([&] { store_->DeleteDocument(org_, b.id, actor_); }),
            StoreErrorKind::kNotFound);
}

TEST_F(DocumentTest, ABlobSharedWithAnotherOrganisationIsStillReferenced) {
  const core::Document mine = NewDocument(org_, version_, Type::kUserManual, "shared");
  const std::string other = NewOrganisation("Other").key.organisation_id;
  NewDocument(other, NewVersion(other, NewProduct(other, "x").id, "1").id, Type::kUserManual,
              "shared");
  EXPECT_FALSE(store_->DeleteDocument(org_, mine.id, actor_));
}

TEST_F(DocumentTest, DeletingAnInheritedDocumentRemovesItFromEveryVersion) {
  const core::Document d = NewDocument(org_, version_, Type::kUserManual, "manual");
  const core::Version v2 =
      NewVersion(org_, store_->GetVersion(org_, version_)->product_id, "2.0", version_);
  EXPECT_EQ(store_->VersionsListingDocument(org_, d.id).size(), 2u);
  EXPECT_TRUE(store_->DeleteDocument(org_, d.id, actor_));
  EXPECT_TRUE(store_->ListDocuments(org_, v2.id, {}).items.empty());
  EXPECT_TRUE(store_->VersionsListingDocument(org_, d.id).empty());
}

TEST_F(DocumentTest, InvalidDocumentsAreRefused) {
  core::Document d;
  d.organisation_id = org_;
  d.version_id = version_;
  d.sha256 = "not-a-digest";
  EXPECT_EQ(ErrorKindOf([&] { store_->CreateDocument(d, actor_); }), StoreErrorKind::kInvalid);
  d.sha256 = std::string(64, 'A');  // upper case is not the canonical name
  EXPECT_EQ(ErrorKindOf([&] { store_->CreateDocument(d, actor_); }), StoreErrorKind::kInvalid);
  d.sha256 = core::Sha256Hex("x");
  d.version_id = NewUuid();
  EXPECT_EQ(ErrorKindOf([&] { store_->CreateDocument(d, actor_); }), StoreErrorKind::kNotFound);
  EXPECT_TRUE(store_->ReferencedBlobs().empty());
}

}  // namespace
}  // namespace craft::store::testing
