// Versions: CRUD, version uniqueness, supersedes, carrying documents over.
#include <gtest/gtest.h>

#include "store/ids.h"
#include "store_test_support.h"

namespace craft::store::testing {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;
using Type = core::DocumentType;

class VersionTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    org_ = NewOrganisation().key.organisation_id;
    product_ = NewProduct(org_, "router").id;
  }
  std::string org_;
  std::string product_;
};

core::Version FullyDescribed(const std::string& product_id) {
  core::Version v;
  v.product_id = product_id;
  v.version = "2.4.1";
  v.release_date = core::Date{year{2025}, month{3}, day{1}};
  v.end_of_support = core::Date{year{2030}, month{2}, day{28}};
  v.support_period_justification = "Expected use of five years";
  core::HarmonisedStandardsApplied standards;
  standards.standards.push_back({"EN 18031-1:2024", "Radio equipment", false, "6.1 to 6.3"});
  standards.standards.push_back({"EN 303 645", "Consumer IoT", true, ""});
  v.harmonised_standards_applied = standards;
  v.conformity_assessment_type = core::ConformityAssessmentType::kThirdPartyTypeExamination;
  v.notified_body = "TÜV Süd, 0123";
  v.ce_marking = {true, core::Date{year{2025}, month{2}, day{20}}, "Jane Doe"};
  v.secure_by_default = true;
  v.first_placed_on_market = core::Date{year{2025}, month{3}, day{2}};
  v.last_placed_on_market = core::Date{year{2026}, month{1}, day{31}};
  v.release_state = core::ReleaseState::kReleased;
  return v;
}

TEST_F(VersionTest, CreateAndGetRoundTripEveryField) {
  const core::Version created =
      store_->CreateVersion(org_, FullyDescribed(product_), std::nullopt, actor_);
  EXPECT_TRUE(IsUuid(created.id));
  const auto v = store_->GetVersion(org_, created.id);
  ASSERT_TRUE(v);
  const core::Version want = FullyDescribed(product_);
  EXPECT_EQ(v->product_id, product_);
  EXPECT_EQ(v->version, "2.4.1");
  EXPECT_EQ(v->release_date, want.release_date);
  EXPECT_EQ(v->end_of_support, want.end_of_support);
  EXPECT_EQ(v->support_period_justification, want.support_period_justification);
  ASSERT_TRUE(v->harmonised_standards_applied);
  EXPECT_FALSE(v->harmonised_standards_applied->none);
  ASSERT_EQ(v->harmonised_standards_applied->standards.size(), 2u);
  EXPECT_EQ(v->harmonised_standards_applied->standards[0].reference, "EN 18031-1:2024");
  EXPECT_EQ(v->harmonised_standards_applied->standards[0].title, "Radio equipment");
  EXPECT_FALSE(v->harmonised_standards_applied->standards[0].applied_in_full);
  EXPECT_EQ(v->harmonised_standards_applied->standards[0].parts_applied, "6.1 to 6.3");
  EXPECT_TRUE(v->harmonised_standards_applied->standards[1].applied_in_full);
  EXPECT_EQ(v->conformity_assessment_type, want.conformity_assessment_type);
  EXPECT_EQ(v->notified_body, "TÜV Süd, 0123");
  EXPECT_TRUE(v->ce_marking.applied);
  EXPECT_EQ(v->ce_marking.date, want.ce_marking.date);
  EXPECT_EQ(v->ce_marking.applied_by, "Jane Doe");
  EXPECT_TRUE(v->secure_by_default);
  EXPECT_EQ(v->first_placed_on_market, want.first_placed_on_market);
  EXPECT_EQ(v->last_placed_on_market, want.last_placed_on_market);
  EXPECT_EQ(v->release_state, core::ReleaseState::kReleased);
  EXPECT_FALSE(v->supersedes);
  EXPECT_EQ(v->created_at, kStartTime);
  EXPECT_EQ(v->updated_at, kStartTime);
}

TEST_F(VersionTest, UnsetAndNoneStandardsStayApart) {
  const core::Version unset = NewVersion(org_, product_, "1.0");
  EXPECT_FALSE(store_->GetVersion(org_, unset.id)->harmonised_standards_applied);
  core::Version v = unset;
  v.harmonised_standards_applied = core::HarmonisedStandardsApplied{true, {}};
  store_->UpdateVersion(org_, v, actor_);
  const auto read = store_->GetVersion(org_, unset.id);
  ASSERT_TRUE(read->harmonised_standards_applied);
  EXPECT_TRUE(read->harmonised_standards_applied->none);
}

TEST_F(VersionTest, DuplicateVersionIsAConflict) {
  NewVersion(org_, product_, "1.0");
  std::string message;
  EXPECT_EQ(ErrorKindOf([&] { NewVersion(org_, product_, "1.0"); }, &message),
            StoreErrorKind::kConflict);
  EXPECT_NE(message.find("'1.0'"), std::string::npos) << message;
  const std::string other = NewProduct(org_, "switch").id;
  EXPECT_NO_THROW(NewVersion(org_, other, "1.0"));
}

TEST_F(VersionTest, UpdateKeepsProductAndRefusesATakenVersion) {
  const core::Version a = NewVersion(org_, product_, "1.0");
  NewVersion(org_, product_, "1.1");
  core::Version changed = a;
  changed.version = "1.0.1";
  changed.product_id = NewProduct(org_, "elsewhere").id;  // ignored: versions never move
  changed.release_state = core::ReleaseState::kApproved;
  Advance(5);
  const core::Version updated = store_->UpdateVersion(org_, changed, actor_);
  EXPECT_EQ(updated.product_id, product_);
  EXPECT_EQ(updated.updated_at, kStartTime + 5);
  const auto read = store_->GetVersion(org_, a.id);
  EXPECT_EQ(read->version, "1.0.1");
  EXPECT_EQ(read->product_id, product_);
  EXPECT_EQ(read->release_state, core::ReleaseState::kApproved);

  changed.version = "1.1";
  EXPECT_EQ(ErrorKindOf([&] { store_->UpdateVersion(org_, changed, actor_); }),
            StoreErrorKind::kConflict);
  changed.id = NewUuid();
  EXPECT_EQ(ErrorKindOf([&] { store_->UpdateVersion(org_, changed, actor_); }),
            StoreErrorKind::kNotFound);
}

TEST_F(VersionTest, SupersedesMustNameAVersionOfTheSameProduct) {
  const core::Version v1 = NewVersion(org_, product_, "1.0");
  core::Version v2;
  v2.product_id = product_;
  v2.version = "2.0";
  v2.supersedes = v1.id;
  const core::Version created = store_->CreateVersion(org_, v2, std::nullopt, actor_);
  EXPECT_EQ(store_->GetVersion(org_, created.id)->supersedes, v1.id);

  const core::Version elsewhere = NewVersion(org_, NewProduct(org_, "other").id, "9.0");
  v2.version = "3.0";
  v2.supersedes = elsewhere.id;
  EXPECT_EQ(ErrorKindOf([&] { store_->CreateVersion(org_, v2, std::nullopt, actor_); }),
            StoreErrorKind::kInvalid);
  v2.supersedes = NewUuid();
  EXPECT_EQ(ErrorKindOf([&] { store_->CreateVersion(org_, v2, std::nullopt, actor_); }),
            StoreErrorKind::kInvalid);
  core::Version self = created;
  self.supersedes = created.id;
  EXPECT_EQ(ErrorKindOf([&] { store_->UpdateVersion(org_, self, actor_); }),
            StoreErrorKind::kInvalid);
}

TEST_F(VersionTest, DeletedSupersededVersionIsNoLongerNamed) {
  const core::Version v1 = NewVersion(org_, product_, "1.0");
  core::Version v2;
  v2.product_id = product_;
  v2.version = "2.0";
  v2.supersedes = v1.id;
  v2 = store_->CreateVersion(org_, v2, std::nullopt, actor_);
  store_->DeleteVersion(org_, v1.id, actor_);
  EXPECT_FALSE(store_->GetVersion(org_, v1.id));
  EXPECT_FALSE(store_->GetVersion(org_, v2.id)->supersedes);
}

TEST_F(VersionTest, CreateInAnUnknownProductIsNotFound) {
  EXPECT_EQ(ErrorKindOf([&] { NewVersion(org_, NewUuid(), "1.0"); }), StoreErrorKind::kNotFound);
}

TEST_F(VersionTest, ListVersionsOfAProductPaginates) {
  for (int i = 0; i < 7; ++i) NewVersion(org_, product_, "1." + std::to_string(i));
  NewVersion(org_, NewProduct(org_, "other").id, "9.9");
  std::vector<std::string> seen;
  PageRequest request{3, ""};
  do {
    const auto page = store_->ListVersions(org_, product_, request);
    for (const auto& v : page.items) seen.push_back(v.version);
    request.cursor = page.next_cursor;
  } while (!request.cursor.empty());
  EXPECT_EQ(seen, (std::vector<std::string>{"1.0", "1.1", "1.2", "1.3", "1.4", "1.5", "1.6"}));
}

TEST_F(VersionTest, CarryOverListsTheSourceDocumentsAsInherited) {
  const core::Version v1 = NewVersion(org_, product_, "1.0");
  const core::Document risk = NewDocument(org_, v1.id, Type::kRiskAssessment, "risk");
  const core::Document manual = NewDocument(org_, v1.id, Type::kUserManual, "manual");
  const core::Version v2 = NewVersion(org_, product_, "2.0", v1.id);
  const core::Document doc = NewDocument(org_, v2.id, Type::kEuDeclarationOfConformity, "doc");

  const auto docs = store_->ListDocuments(org_, v2.id, {}).items;
  ASSERT_EQ(docs.size(), 3u);
  EXPECT_EQ(docs[0].id, risk.id);
  EXPECT_EQ(docs[0].version_id, v1.id);  // where it was uploaded
  EXPECT_EQ(docs[0].inherited_from_version_id, v1.id);
  EXPECT_EQ(docs[1].id, manual.id);
  EXPECT_EQ(docs[1].inherited_from_version_id, v1.id);
  EXPECT_EQ(docs[2].id, doc.id);
  EXPECT_EQ(docs[2].version_id, v2.id);
  EXPECT_FALSE(docs[2].inherited_from_version_id);

  EXPECT_EQ(store_->DocumentTypesOf(org_, v2.id),
            (std::vector<Type>{Type::kRiskAssessment, Type::kEuDeclarationOfConformity,
                               Type::kUserManual}));
  EXPECT_EQ(store_->DocumentTypesOf(org_, v1.id),
            (std::vector<Type>{Type::kRiskAssessment, Type::kUserManual}));
  // The source version is unchanged, and the documents were linked, not copied.
  EXPECT_EQ(store_->ListDocuments(org_, v1.id, {}).items.size(), 2u);
  EXPECT_EQ(store_->ReferencedBlobs().size(), 3u);
  RawDb raw(db_path());
  EXPECT_EQ(raw.Scalar("SELECT COUNT(*) FROM documents"), "3");
}

TEST_F(VersionTest, CarryOverChainsThroughVersions) {
  const core::Version v1 = NewVersion(org_, product_, "1.0");
  const core::Document risk = NewDocument(org_, v1.id, Type::kRiskAssessment, "risk");
  const core::Version v2 = NewVersion(org_, product_, "2.0", v1.id);
  const core::Version v3 = NewVersion(org_, product_, "3.0", v2.id);
  const auto docs = store_->ListDocuments(org_, v3.id, {}).items;
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].id, risk.id);
  EXPECT_EQ(docs[0].inherited_from_version_id, v2.id);
  const auto listing = store_->VersionsListingDocument(org_, risk.id);
  ASSERT_EQ(listing.size(), 3u);
  EXPECT_EQ(listing[0].id, v1.id);
  EXPECT_EQ(listing[2].id, v3.id);

  // Deleting the middle version keeps the document in v3, now naming where it came from.
  store_->DeleteVersion(org_, v2.id, actor_);
  const auto after = store_->ListDocuments(org_, v3.id, {}).items;
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0].inherited_from_version_id, v1.id);
}

TEST_F(VersionTest, CarryOverFromAnotherProductIsInvalid) {
  const core::Version elsewhere = NewVersion(org_, NewProduct(org_, "other").id, "1.0");
  NewDocument(org_, elsewhere.id, Type::kRiskAssessment, "risk");
  std::string message;
  EXPECT_EQ(ErrorKindOf([&] { NewVersion(org_, product_, "1.0", elsewhere.id); }, &message),
            StoreErrorKind::kInvalid);
  EXPECT_NE(message.find("carry_over_documents_from"), std::string::npos) << message;
  EXPECT_EQ(ErrorKindOf([&] { NewVersion(org_, product_, "1.0", NewUuid()); }),
            StoreErrorKind::kInvalid);
  EXPECT_TRUE(store_->ListVersions(org_, product_, {}).items.empty());
}

TEST_F(VersionTest, DeletingAVersionWhoseDocumentsWereCarriedOverIsAConflict) {
  const core::Version v1 = NewVersion(org_, product_, "1.0");
  const core::Document risk = NewDocument(org_, v1.id, Type::kRiskAssessment, "risk");
  const core::Version v2 = NewVersion(org_, product_, "2.0", v1.id);
  std::string message;
  EXPECT_EQ(ErrorKindOf([&] { store_->DeleteVersion(org_, v1.id, actor_); }, &message),
            StoreErrorKind::kConflict);
  EXPECT_NE(message.find("2.0"), std::string::npos) << message;
  EXPECT_TRUE(store_->GetVersion(org_, v1.id));
  EXPECT_EQ(store_->ListDocuments(org_, v2.id, {}).items.size(), 1u);

  store_->DeleteVersion(org_, v2.id, actor_);  // the inheriting version may go
  EXPECT_EQ(store_->ListDocuments(org_, v1.id, {}).items.size(), 1u);
  store_->DeleteVersion(org_, v1.id, actor_);  // and then the source
  EXPECT_FALSE(store_->GetDocument(org_, risk.id));
  EXPECT_EQ(ErrorKindOf([&] { store_->DeleteVersion(org_, v1.id, actor_); }),
            StoreErrorKind::kNotFound);
}

TEST_F(VersionTest, DeletingAProductRemovesItsVersionsAndDocumentRows) {
  const core::Version v1 = NewVersion(org_, product_, "1.0");
  const core::Document risk = NewDocument(org_, v1.id, Type::kRiskAssessment, "risk");
  const core::Version v2 = NewVersion(org_, product_, "2.0", v1.id);
  const core::Document manual = NewDocument(org_, v2.id, Type::kUserManual, "manual");
  const core::Version kept = NewVersion(org_, NewProduct(org_, "kept").id, "1.0");
  NewDocument(org_, kept.id, Type::kUserManual, "kept");

  store_->DeleteProduct(org_, product_, actor_);
  EXPECT_FALSE(store_->GetVersion(org_, v1.id));
  EXPECT_FALSE(store_->GetVersion(org_, v2.id));
  EXPECT_FALSE(store_->GetDocument(org_, risk.id));
  EXPECT_FALSE(store_->GetDocument(org_, manual.id));
  EXPECT_EQ(store_->ReferencedBlobs(), std::vector<std::string>{core::Sha256Hex("kept")});
  RawDb raw(db_path());
  EXPECT_EQ(raw.Scalar("SELECT COUNT(*) FROM version_documents"), "1");
  EXPECT_EQ(raw.Scalar("SELECT COUNT(*) FROM versions"), "1");
}

}  // namespace
}  // namespace craft::store::testing
